package dev.crosspt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Fixture paths and a way to run the command line with its output captured. */
final class CliTestSupport {

    private CliTestSupport() {}

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {

        /** For assertion messages. */
        String describe() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /** Runs {@link Main#commandLine()} with picocli's out and err writers captured. */
    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The repository's {@code testdata} folder: the property surefire sets, else the nearest one above. */
    static Path testdata() {
        String prop = System.getProperty("crosspt.testdata");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop).resolve("fixtures"))) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata").resolve("fixtures"))) {
                return d.resolve("testdata");
            }
        }
        throw new IllegalStateException("no testdata/fixtures found: set -Dcrosspt.testdata=DIR or run from "
                + "inside the repository (working directory " + Path.of("").toAbsolutePath() + ")");
    }

    /** A fixture directory, such as {@code t5-tiny-relu}. */
    static Path fixture(String name) {
        return testdata().resolve("fixtures").resolve(name);
    }
}
