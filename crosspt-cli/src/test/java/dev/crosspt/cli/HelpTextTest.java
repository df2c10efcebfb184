package dev.crosspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's help follows the rules in this package's {@code package-info.java}. */
class HelpTextTest {

    @Test
    void everyCommandHasAOneLineSummaryEndingTheSentence() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : commands(Main.commandLine())) {
            String[] header = command.getCommandSpec().usageMessage().header();
            String name = command.getCommandSpec().qualifiedName();
            if (header.length != 1 || !header[0].endsWith(".") || header[0].length() > 60) {
                problems.add(name + ": header " + List.of(header));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void descriptionsAreParagraphsAndOptionsSayWhatGoesThere() {
        List<String> problems = new ArrayList<>();
        for (CommandLine command : commands(Main.commandLine())) {
            CommandSpec spec = command.getCommandSpec();
            for (String paragraph : spec.usageMessage().description()) {
                if (!paragraph.strip().endsWith(".") && !paragraph.strip().endsWith(":")) {
                    problems.add(spec.qualifiedName() + ": a description line broken mid-sentence: " + paragraph);
                }
            }
            for (OptionSpec option : spec.options()) {
                if (option.arity().max() > 0 && (option.paramLabel().startsWith("<") || option.paramLabel().isBlank())) {
                    problems.add(spec.qualifiedName() + " " + option.longestName() + ": placeholder "
                            + option.paramLabel());
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.paramLabel().startsWith("<")) {
                    problems.add(spec.qualifiedName() + ": positional placeholder " + p.paramLabel());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCommandListShowsWholeSentencesAndNoHelpPrintsAWarning() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands(Main.commandLine())) {
                String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertTrue(!usage.isBlank(), command.getCommandSpec().qualifiedName());
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));

        String top = Main.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        String commands = top.substring(top.indexOf("Commands:"));
        for (String line : commands.lines().skip(1).toList()) {
            if (!line.isBlank() && !line.contains("help")) {
                assertTrue(line.strip().endsWith("."), () -> "cut in the command list: " + line + "\n" + top);
            }
        }
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!"help".equals(sub.getCommandName())) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }
}
