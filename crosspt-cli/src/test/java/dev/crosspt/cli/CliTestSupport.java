package dev.crosspt.cli;

import dev.crosspt.testkit.RepositoryTestData;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        return RepositoryTestData.root();
    }

    /** A fixture directory, such as {@code t5-tiny-relu}. */
    static Path fixture(String name) {
        return testdata().resolve("fixtures").resolve(name);
    }
}
