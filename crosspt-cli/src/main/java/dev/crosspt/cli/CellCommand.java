package dev.crosspt.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-cell entry point as a command line for another process ({@code java ... Main ablate SPEC --cell
 * KEY}): this JVM's java, class path (plugin jars included) and the options that change results or memory
 * (system properties such as the thread counts, heap sizes), so a cell computes exactly what it would here.
 */
final class CellCommand {

    private CellCommand() {}

    static List<String> of(Path specFile, String key, String assembly) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean offline = false;
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-D") || arg.startsWith("-Xm") || arg.startsWith("-Xss")) {
                command.add(arg);
                offline |= arg.startsWith("-Dai.djl.offline=");
            }
        }
        if (!offline) {
            command.add("-Dai.djl.offline=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "ablate",
                specFile.toAbsolutePath().toString(), "--cell", key));
        if (assembly != null) {
            command.addAll(List.of("--assembly", assembly));
        }
        return command;
    }
}
