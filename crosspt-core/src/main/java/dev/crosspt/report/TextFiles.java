package dev.crosspt.report;

import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the report package's input files, with errors that name the file. */
final class TextFiles {

    private TextFiles() {
    }

    /**
     * Reads a UTF-8 text file, dropping a leading byte-order mark (spreadsheets write one).
     *
     * @throws InvalidInputException if the file is missing or not UTF-8
     * @throws UncheckedIOException on other read errors
     */
    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read file (" + e + ")", e);
        }
    }
}
