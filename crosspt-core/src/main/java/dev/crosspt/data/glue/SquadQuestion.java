package dev.crosspt.data.glue;

import java.util.List;

/**
 * One question of a SQuAD file, with every gold answer.
 *
 * @param id the question's {@code id}, the key of the official predictions file
 * @param title the article's {@code title} (empty when the file has none)
 * @param context the paragraph the question is about
 * @param question the question
 * @param answers every gold answer's {@code text}, in file order, duplicates kept (the official script takes
 *     the best over them, so duplicates do not change a score); empty for a SQuAD 2.0 unanswerable question
 * @param unanswerable SQuAD 2.0's {@code is_impossible}
 * @param where the question's file and JSON path, such as {@code dev.json: data[0].paragraphs[2].qas[1]}
 */
public record SquadQuestion(String id, String title, String context, String question, List<String> answers,
        boolean unanswerable, String where) {

    /** Freezes the answers. */
    public SquadQuestion {
        answers = List.copyOf(answers);
    }
}
