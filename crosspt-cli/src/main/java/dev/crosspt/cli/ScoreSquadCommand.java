package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.glue.SquadFile;
import dev.crosspt.data.glue.SquadPredictions;
import dev.crosspt.data.glue.SquadQuestion;
import dev.crosspt.metrics.text.SquadEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt score squad}: exact match and F1 as SQuAD's official evaluation script computes them. */
@Command(name = "squad", mixinStandardHelpOptions = true,
        header = "SQuAD exact match and F1 of a predictions file.",
        description = "Computes SQuAD exact match and F1, in percent, as the official evaluate-v1.1.py does: "
                + "answers are lower-cased, stripped of punctuation and of the articles a, an and the, and "
                + "whitespace is collapsed; each question takes its best score over its gold answers; a question "
                + "with no prediction scores 0 and is counted in a warning. In a SQuAD 2.0 file an unanswerable "
                + "question is right only when its prediction is empty, as evaluate-v2.0.py scores it.")
final class ScoreSquadCommand implements Callable<Integer> {

    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "The predictions as the official script reads them: one JSON object from question id "
                    + "to answer text.")
    Path predictions;

    @Option(names = "--references", required = true, paramLabel = "FILE",
            description = "An official SQuAD v1.1 or v2.0 file (data / paragraphs / qas), such as dev-v1.1.json.")
    Path references;

    @Option(names = "--json", description = "Print {\"exact_match\": ..., \"f1\": ...} like the official script, "
            + "instead of a line for people.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SquadFile gold = SquadFile.read(references);
        Map<String, String> predicted = SquadPredictions.read(predictions);
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (SquadQuestion q : gold.questions()) {
            answers.put(q.id(), q.answers());
        }
        if (answers.isEmpty()) {
            throw new InvalidInputException(references + ": holds no question");
        }
        SquadEvaluation result = SquadEvaluation.of(answers, predicted);
        if (!result.unanswered().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            List<String> ids = result.unanswered();
            err.println("crosspt: warning: " + ids.size() + " of " + result.questions() + " questions have no "
                    + "prediction in " + predictions + " and score 0: " + String.join(", ", ids.subList(0,
                    Math.min(5, ids.size()))) + (ids.size() > 5 ? ", ..." : ""));
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("exact_match", result.exactMatch());
            values.put("f1", result.f1());
            out.println(PythonJson.object(values));
        } else {
            out.println(String.format(Locale.ROOT, "exact match %.2f, F1 %.2f over %d questions",
                    result.exactMatch(), result.f1(), result.questions()));
        }
        out.flush();
        return 0;
    }
}
