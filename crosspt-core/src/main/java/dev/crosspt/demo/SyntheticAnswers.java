package dev.crosspt.demo;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.crosspt.report.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic question answering task over the demo suite's vocabulary ({@link SyntheticSuite}), so that the whole
 * generative path (reader, few-shot protocol, training, decoding, SQuAD metrics) runs offline: each context is a
 * short sentence holding exactly one word of one category among filler words, the question names the category
 * ({@code animal}), and the answer is that word, copied from the input. Contexts, questions and answers use only
 * the suite's words. Written as official SQuAD v1.1
 * files, so it is read like SQuAD itself.
 */
public final class SyntheticAnswers {

    /** The question for each category of {@link SyntheticSuite#CATEGORIES}: its name, a word of the vocabulary. */
    public static final List<String> QUESTIONS = SyntheticSuite.TASKS;

    private static final int MIN_WORDS = 3;
    private static final int MAX_WORDS = 6;

    private SyntheticAnswers() {
    }

    /**
     * One question: the context, the question and its answer.
     *
     * @param context a sentence with exactly one category word
     * @param question which category is asked for
     * @param answer the category word in the context
     */
    public record Question(String context, String question, String answer) {
    }

    /**
     * Draws questions.
     *
     * @param count how many
     * @param seed the data seed
     * @return the questions, categories drawn uniformly
     */
    public static List<Question> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Question> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int category = random.nextInt(SyntheticSuite.CATEGORIES.size());
            int length = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
            List<String> words = new ArrayList<>(length);
            for (int w = 0; w < length; w++) {
                words.add(pick(SyntheticSuite.FILLER, random));
            }
            String answer = pick(SyntheticSuite.CATEGORIES.get(category), random);
            words.set(random.nextInt(length), answer);
            out.add(new Question(String.join(" ", words), QUESTIONS.get(category), answer));
        }
        return out;
    }

    /**
     * Writes a task directory in SQuAD's official layout: {@code train-v1.1.json} and {@code dev-v1.1.json}, each
     * replaced whole once written.
     *
     * @param dir the task directory (its name becomes the task's name)
     * @param train training questions
     * @param dev validation questions (halved into dev and test by the few-shot protocol)
     * @param seed the data seed; train and dev are drawn from different streams of it
     * @return {@code dir}
     */
    public static Path writeSquad(Path dir, int train, int dev, long seed) {
        AtomicFiles.writeString(dir.resolve("train-v1.1.json"), squadJson(generate(train, seed * 2 + 1), "t"));
        AtomicFiles.writeString(dir.resolve("dev-v1.1.json"), squadJson(generate(dev, seed * 2 + 2), "d"));
        return dir;
    }

    /** The questions as one SQuAD v1.1 document, one paragraph per question, ids {@code prefix + index}. */
    static String squadJson(List<Question> questions, String prefix) {
        JsonArray paragraphs = new JsonArray();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            JsonObject answer = new JsonObject();
            answer.addProperty("text", q.answer());
            answer.addProperty("answer_start", (" " + q.context() + " ").indexOf(" " + q.answer() + " "));
            JsonArray answers = new JsonArray();
            answers.add(answer);
            JsonObject qa = new JsonObject();
            qa.addProperty("id", prefix + i);
            qa.addProperty("question", q.question());
            qa.add("answers", answers);
            JsonArray qas = new JsonArray();
            qas.add(qa);
            JsonObject paragraph = new JsonObject();
            paragraph.addProperty("context", q.context());
            paragraph.add("qas", qas);
            paragraphs.add(paragraph);
        }
        JsonObject article = new JsonObject();
        article.addProperty("title", "synthetic");
        article.add("paragraphs", paragraphs);
        JsonArray data = new JsonArray();
        data.add(article);
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.1");
        root.add("data", data);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static String pick(List<String> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }
}
