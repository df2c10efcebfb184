package dev.crosspt.experiment.execute;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.api.plugin.PluginSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code slurm} executor's settings, from a spec's {@code executor:} section.
 *
 * @param partition {@code --partition}, or null for the cluster's default
 * @param account {@code --account}, or null
 * @param gpus GPUs per cell ({@code --gres=gpu:N}), 0 for none
 * @param cpus CPUs per cell ({@code --cpus-per-task})
 * @param memory memory per cell ({@code --mem}, such as {@code 8G}), or null for the cluster's default
 * @param time time limit per cell ({@code --time}, such as {@code 02:00:00}), or null
 * @param sbatchOptions further {@code sbatch} options, each one argument
 * @param maxParallel the most cells running at once ({@code --array=...%N}), 0 for no limit
 * @param requeue whether Slurm may requeue a preempted cell ({@code --requeue}; it continues from its checkpoint)
 * @param pollSeconds how often a waiting {@code ablate} looks at the queue
 * @param sbatch the {@code sbatch} command
 * @param squeue the {@code squeue} command
 */
public record SlurmSettings(String partition, String account, int gpus, int cpus, String memory, String time,
        List<String> sbatchOptions, int maxParallel, boolean requeue, int pollSeconds, String sbatch,
        String squeue) {

    static final String[] KEYS = {"partition", "account", "gpus", "cpus", "memory", "time", "sbatch_options",
        "max_parallel", "requeue", "poll_seconds", "sbatch", "squeue"};

    /** Keeps the option list read-only. */
    public SlurmSettings {
        sbatchOptions = List.copyOf(sbatchOptions);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws InvalidInputException naming the setting and what was expected
     */
    public static SlurmSettings of(PluginSettings s) {
        s.requireOnly(KEYS);
        int gpus = s.getInt("gpus", 0);
        int cpus = s.getInt("cpus", 1);
        int maxParallel = s.getInt("max_parallel", 0);
        int poll = s.getInt("poll_seconds", 10);
        if (gpus < 0) {
            throw s.wrong("gpus", "a whole number, 0 or more", gpus);
        }
        if (cpus < 1) {
            throw s.wrong("cpus", "a positive whole number", cpus);
        }
        if (maxParallel < 0) {
            throw s.wrong("max_parallel", "a whole number, 0 (no limit) or more", maxParallel);
        }
        if (poll < 1) {
            throw s.wrong("poll_seconds", "a positive whole number", poll);
        }
        String memory = s.getString("memory", null);
        if (memory != null && !memory.matches("[0-9]+[KMGTkmgt]?")) {
            throw s.wrong("memory", "an amount such as 8G or 16000M", memory);
        }
        String time = s.getString("time", null);
        if (time != null && !time.matches("[0-9]+(-[0-9]+)?(:[0-9]+){0,2}")) {
            throw s.wrong("time", "a Slurm time limit such as 90, 02:00:00 or 1-12:00:00", time);
        }
        return new SlurmSettings(s.getString("partition", null), s.getString("account", null), gpus, cpus, memory,
                time, options(s), maxParallel, s.getBoolean("requeue", true), poll, s.getString("sbatch", "sbatch"),
                s.getString("squeue", "squeue"));
    }

    /** A list of strings, or one string (a single option). */
    private static List<String> options(PluginSettings s) {
        Object raw = s.values().get("sbatch_options");
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String) || ((String) o).isBlank()) {
                    throw s.wrong("sbatch_options", "a list of sbatch options such as [--qos=high]", raw);
                }
                out.add((String) o);
            }
        } else if (raw instanceof String one && !one.isBlank()) {
            out.add(one);
        } else {
            throw s.wrong("sbatch_options", "a list of sbatch options such as [--qos=high]", raw);
        }
        return out;
    }

    /** The {@code sbatch} options these settings stand for, before the array, output and script arguments. */
    List<String> sbatchArguments() {
        List<String> args = new ArrayList<>();
        if (partition != null) {
            args.add("--partition=" + partition);
        }
        if (account != null) {
            args.add("--account=" + account);
        }
        if (gpus > 0) {
            args.add("--gres=gpu:" + gpus);
        }
        args.add("--cpus-per-task=" + cpus);
        if (memory != null) {
            args.add("--mem=" + memory);
        }
        if (time != null) {
            args.add("--time=" + time);
        }
        args.add(requeue ? "--requeue" : "--no-requeue");
        args.addAll(sbatchOptions);
        return args;
    }
}
