package dev.crosspt.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.crosspt.report.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a phase (a training step, an evaluation batch) spends its time, by {@link OpCategory}, from PyTorch's
 * profiler as DJL exposes it ({@link JniUtils#startProfile}); the profiler writes a Chrome trace (open it in
 * {@code chrome://tracing} or Perfetto), which this class reads back.
 *
 * <p>Times are <em>self</em> times: an operator's duration less that of the operators it called, so nothing is
 * counted twice. "Calls from Java" counts the top-level ATen operators on the calling thread (each is one call
 * across JNI); "autograd nodes" counts the backward functions the autograd engine ran.
 *
 * @param phase what was profiled
 * @param repetitions how many times it ran while profiled; every figure is per repetition
 * @param categories self time in microseconds and operator count, per kind, per repetition
 * @param callsFromJava top-level ATen calls per repetition
 * @param autogradNodes backward nodes per repetition
 * @param wallMillis wall-clock time per repetition, profiler overhead included; NaN when only a trace was read
 */
public record OpProfile(String phase, int repetitions, Map<OpCategory, double[]> categories, double callsFromJava,
        double autogradNodes, double wallMillis) {

    /**
     * Runs {@code work} {@code repetitions} times under the profiler, writes the trace to {@code traceFile} and
     * reads it back. Only one profiler runs per process at a time.
     */
    public static OpProfile record(String phase, int repetitions, Runnable work, Path traceFile) {
        JniUtils.startProfile(false, true, false);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < repetitions; i++) {
                work.run();
            }
        } catch (RuntimeException e) {
            // stop the profiler so that a later run can start it; the partial trace is of no use
            try {
                Path discard = Files.createTempFile("crosspt-profile-", ".json");
                JniUtils.stopProfile(discard.toString());
                Files.deleteIfExists(discard);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        double wall = (System.nanoTime() - start) / 1e6 / repetitions;
        AtomicFiles.write(traceFile, tmp -> JniUtils.stopProfile(tmp.toString()));
        OpProfile profile = parse(phase, repetitions, traceFile);
        return new OpProfile(phase, repetitions, profile.categories(), profile.callsFromJava(),
                profile.autogradNodes(), wall);
    }

    /** Reads a Chrome trace written by PyTorch's profiler. */
    public static OpProfile parse(String phase, int repetitions, Path traceFile) {
        JsonArray events;
        try (Reader reader = Files.newBufferedReader(traceFile)) {
            events = JsonParser.parseReader(reader).getAsJsonArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profiler's trace " + traceFile, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the profiler's trace " + traceFile + " is not a JSON array of events: "
                    + e.getMessage(), e);
        }
        List<Event> spans = new ArrayList<>();
        for (JsonElement element : events) {
            JsonObject o = element.getAsJsonObject();
            if (o.has("ph") && o.get("ph").getAsString().equals("X")) {
                spans.add(new Event(o.get("name").getAsString(), o.get("tid").getAsString(), o.get("ts").getAsDouble(),
                        o.get("dur").getAsDouble(), shapes(o.get("shape"))));
            }
        }
        return summarise(phase, repetitions, spans);
    }

    static OpProfile summarise(String phase, int repetitions, List<Event> spans) {
        spans.sort(Comparator.comparing(Event::thread).thenComparingDouble(Event::start)
                .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
        Map<OpCategory, double[]> totals = new EnumMap<>(OpCategory.class);
        for (OpCategory c : OpCategory.values()) {
            totals.put(c, new double[2]);
        }
        double[] self = new double[spans.size()];
        Deque<Integer> open = new ArrayDeque<>();
        String thread = null;
        long calls = 0;
        long nodes = 0;
        for (int i = 0; i < spans.size(); i++) {
            Event e = spans.get(i);
            if (!e.thread().equals(thread)) {
                open.clear();
                thread = e.thread();
            }
            while (!open.isEmpty() && spans.get(open.peek()).end() <= e.start()) {
                open.pop();
            }
            self[i] = e.duration();
            if (open.isEmpty()) {
                if (e.name().startsWith("autograd::engine::evaluate_function")) {
                    nodes++;
                } else if (e.name().startsWith("aten::")) {
                    calls++;
                }
            } else {
                self[open.peek()] -= e.duration();
            }
            open.push(i);
        }
        for (int i = 0; i < spans.size(); i++) {
            Event e = spans.get(i);
            double[] total = totals.get(OpCategory.of(e.name(), e.shapes()));
            total[0] += Math.max(0, self[i]) / repetitions;
            if (e.name().startsWith("aten::")) {
                total[1] += 1.0 / repetitions;
            }
        }
        return new OpProfile(phase, repetitions, totals, calls / (double) repetitions, nodes / (double) repetitions,
                Double.NaN);
    }

    /** Self time of all operators, in milliseconds per repetition. */
    public double totalMillis() {
        return categories.values().stream().mapToDouble(t -> t[0]).sum() / 1000;
    }

    /**
     * A Markdown table: milliseconds, share of operator time and operator count per kind, heaviest first, then
     * the wall time spent outside operators.
     */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %.0f ms of operators, %.0f ATen calls from Java and %.0f"
                + " autograd nodes per %s (profiled %d)%n%n", phase, totalMillis(), callsFromJava, autogradNodes,
                phase, repetitions));
        out.append("| kind of operation | ms | share | operators |\n| --- | --- | --- | --- |\n");
        double total = totalMillis();
        categories.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<OpCategory, double[]> e) -> e.getValue()[0]).reversed())
                .forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f%% | %.0f |%n",
                        e.getKey().label(), e.getValue()[0] / 1000, 100 * e.getValue()[0] / 1000 / total,
                        e.getValue()[1])));
        if (wallMillis > total) {
            out.append(String.format(Locale.ROOT, "| outside operators (Java, JNI, dropout masks, profiler) | %.1f |"
                    + " %.1f%% of wall time | |%n", wallMillis - total, 100 * (wallMillis - total) / wallMillis));
        }
        return out.toString();
    }

    private static long[][] shapes(JsonElement shape) {
        if (shape == null || !shape.isJsonArray()) {
            return new long[0][];
        }
        JsonArray inputs = shape.getAsJsonArray();
        long[][] out = new long[inputs.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonElement input = inputs.get(i);
            if (!input.isJsonArray() || input.getAsJsonArray().isEmpty()
                    || !input.getAsJsonArray().get(0).isJsonPrimitive()) {
                out[i] = new long[0];
                continue;
            }
            JsonArray dims = input.getAsJsonArray();
            out[i] = new long[dims.size()];
            for (int d = 0; d < dims.size(); d++) {
                out[i][d] = dims.get(d).getAsLong();
            }
        }
        return out;
    }

    /** One complete ("X") event of the trace, times in microseconds. */
    record Event(String name, String thread, double start, double duration, long[][] shapes) {
        double end() {
            return start + duration;
        }
    }
}
