package dev.crosspt.data.glue;

import dev.crosspt.api.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Streams a UTF-8 text file line by line with 1-based line numbers, as Python's universal newlines split it
 * ({@code \n}, {@code \r\n} or {@code \r}); a leading byte-order mark is removed. Streaming keeps memory flat
 * on large files such as MNLI's training set.
 */
final class TextLines {

    /** Receives one line (without its ending) and its number. */
    @FunctionalInterface
    interface LineHandler {
        /**
         * Handles one line.
         *
         * @param line the 1-based line number
         * @param text the line without its ending
         */
        void accept(int line, String text);
    }

    private TextLines() {
    }

    /**
     * Calls the handler for every line of a file.
     *
     * @param file the file
     * @param label how error messages name the file, such as {@code RTE/train.tsv}
     * @return the number of lines read
     * @throws InvalidInputException if the file is missing, unreadable or not UTF-8
     */
    static int forEach(Path file, String label, LineHandler handler) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(label + ": missing required file (looked for " + file + ")");
        }
        int line = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                handler.accept(line, text);
            }
            return line;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(label + ":" + (line + 1) + ": not UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(label + ": missing required file (looked for " + file + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(label + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a whole UTF-8 file, removing a leading byte-order mark.
     *
     * @throws InvalidInputException if the file is missing, unreadable or not UTF-8
     */
    static String readAll(Path file, String label) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(label + ": missing required file (looked for " + file + ")");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(label + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(label + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Splits a TSV line on tabs, keeping empty fields; quotes are ordinary characters. */
    static String[] splitTabs(String text) {
        return text.split("\t", -1);
    }
}
