package dev.crosspt.cli;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.metrics.text.Rouge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./crosspt score rouge}: ROUGE-1, ROUGE-2 and ROUGE-L as Google's rouge-score computes them. */
@Command(name = "rouge", mixinStandardHelpOptions = true,
        header = "Mean ROUGE-1, ROUGE-2 and ROUGE-L F-measure of two files.",
        description = "Computes the mean ROUGE-1, ROUGE-2 and ROUGE-L F-measure (between 0 and 1) of line i of "
                + "--predictions against line i of --references, as Google's rouge-score package does: text is "
                + "lower-cased, everything but a-z and 0-9 separates tokens, and ROUGE-L is the longest common "
                + "subsequence of the whole text. Lines are read as rouge-score's command line reads them: an "
                + "empty line is an empty text (it scores 0), and a final line break ends the last text.")
final class ScoreRougeCommand implements Callable<Integer> {

    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "The predicted texts, one per line (UTF-8).")
    Path predictions;

    @Option(names = "--references", required = true, paramLabel = "FILE",
            description = "The reference texts, one per line, as many as predictions.")
    Path references;

    @Option(names = "--stemmer", description = "Porter-stem tokens longer than three characters, as "
            + "rouge-score's use_stemmer=True does (NLTK's Porter variant).")
    boolean stemmer;

    @Option(names = "--json", description = "Print {\"rouge1\": ..., \"rouge2\": ..., \"rougeL\": ...} instead of "
            + "a line for people.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> preds = records(predictions);
        List<String> refs = records(references);
        if (preds.size() != refs.size()) {
            boolean fewerPreds = preds.size() < refs.size();
            Path shorter = fewerPreds ? predictions : references;
            Path longer = fewerPreds ? references : predictions;
            int line = Math.min(preds.size(), refs.size()) + 1;
            throw new InvalidInputException(shorter + " has " + Math.min(preds.size(), refs.size()) + " lines but "
                    + longer + " has " + Math.max(preds.size(), refs.size()) + ": " + longer + ":" + line
                    + " has no counterpart");
        }
        if (refs.isEmpty()) {
            throw new InvalidInputException(references + ": empty, expected one reference text per line");
        }
        Rouge.Scores mean = new Rouge(stemmer).mean(refs, preds);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("rouge1", mean.rouge1().fmeasure());
            values.put("rouge2", mean.rouge2().fmeasure());
            values.put("rougeL", mean.rougeL().fmeasure());
            out.println(PythonJson.object(values));
        } else {
            out.println(String.format(Locale.ROOT, "ROUGE-1 %.4f, ROUGE-2 %.4f, ROUGE-L %.4f (mean F-measure over "
                    + "%d pairs%s)", mean.rouge1().fmeasure(), mean.rouge2().fmeasure(), mean.rougeL().fmeasure(),
                    refs.size(), stemmer ? ", stemmed" : ""));
        }
        out.flush();
        return 0;
    }

    /**
     * The texts of a file as rouge-score's {@code _record_gen} splits it: universal newlines, split on each line
     * break, and the empty piece after a final line break dropped.
     */
    static List<String> records(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> records = Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        return records.get(records.size() - 1).isEmpty() ? records.subList(0, records.size() - 1) : records;
    }
}
