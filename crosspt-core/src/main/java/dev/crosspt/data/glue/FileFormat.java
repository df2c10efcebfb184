package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** The file formats a {@link TaskSpec} can name. */
public enum FileFormat {
    /** JSON lines: one object per line; fields by key. */
    JSONL,
    /** RFC 4180 comma-separated values with a header row: quoted fields may hold commas, quotes and line breaks. */
    CSV,
    /** Tab-separated values with a header row, not quoted: quotes are ordinary characters, no field holds a tab. */
    TSV,
    /** SQuAD's official JSON (data / paragraphs / qas); question answering only, see {@link QuestionAnswerReader}. */
    SQUAD,
    /** MRQA's JSON lines: a header line, then one context with its questions per line; question answering only. */
    MRQA;

    /** Whether the format fixes its own fields (question, context and answers) instead of naming them in a spec. */
    public boolean questionAnswering() {
        return this == SQUAD || this == MRQA;
    }

    /** The name a spec uses: {@code jsonl}, {@code csv}, {@code tsv}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format a spec names, ignoring case.
     *
     * @throws InvalidInputException if the name is none of {@code jsonl}, {@code csv}, {@code tsv}
     */
    public static FileFormat of(String name) {
        for (FileFormat f : values()) {
            if (f.specName().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new InvalidInputException("format '" + name + "' is not one of "
                + Arrays.stream(values()).map(FileFormat::specName).toList());
    }

    /** The format a file name's extension suggests ({@code .jsonl}, {@code .csv}, {@code .tsv}), or null. */
    static FileFormat ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (FileFormat f : values()) {
            if (lower.endsWith("." + f.specName())) {
                return f;
            }
        }
        return null;
    }
}
