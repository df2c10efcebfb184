package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results CSV: exact header, RFC 4180 quoting, full precision, and line-numbered errors. */
class ResultsCsvTest {

    private static final String HEADER = "method,task,shots,seed,metric,value\n";

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsAwkwardNamesAndEveryDigit() throws IOException {
        List<ResultRow> rows = List.of(
                new ResultRow("crosspt", "mnli, matched", 4, 1, "accuracy", 0.1 + 0.2),
                new ResultRow("crosspt", "say \"hi\"", 0, -7, "accuracy", 1e-300),
                new ResultRow("spot|m=4", "multi\nline", 32, Long.MAX_VALUE, "f1", -123456.789012345678));
        Path file = dir.resolve("out/results.csv");
        ResultsTable.of(rows).writeCsv(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith(HEADER), text);
        assertTrue(text.contains("crosspt,\"mnli, matched\",4,1,accuracy,0.30000000000000004\n"), text);
        assertTrue(text.contains("\"say \"\"hi\"\"\""), text);
        assertEquals(rows, ResultsTable.readCsv(file).rows());
    }

    @Test
    void acceptsCrLfAndSkipsBlankLines() throws IOException {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, "method,task,shots,seed,metric,value\r\n\r\na,b,1,2,acc,0.5\r\n");
        assertEquals(List.of(new ResultRow("a", "b", 1, 2, "acc", 0.5)), ResultsTable.readCsv(file).rows());
    }

    private String errorFor(String content) throws IOException {
        Path file = dir.resolve("results.csv");
        Files.writeString(file, content);
        return assertThrows(InvalidInputException.class, () -> ResultsTable.readCsv(file)).getMessage();
    }

    @Test
    void wrongFieldCountNamesFileAndLine() throws IOException {
        String msg = errorFor(HEADER + "a,b,1,2,acc,0.5\n\na,c,1,2,acc\n");
        assertTrue(msg.endsWith("results.csv:4: expected 6 fields, got 5"), msg);
        assertTrue(msg.startsWith(dir.toString()), "names the file: " + msg);
    }

    @Test
    void badNumbersSayWhatWasExpected() throws IOException {
        assertTrue(errorFor(HEADER + "a,b,x,2,acc,0.5\n").endsWith("results.csv:2: shots: expected an integer, "
                + "got 'x'"));
        assertTrue(errorFor(HEADER + "a,b,1,2,acc,high\n").endsWith("results.csv:2: value: expected a number, "
                + "got 'high'"));
        String nan = errorFor(HEADER + "a,b,1,2,acc,NaN\n");
        assertTrue(nan.contains("results.csv:2: value must be a finite number, got NaN"), nan);
        String neg = errorFor(HEADER + "a,b,-1,2,acc,0.5\n");
        assertTrue(neg.contains("results.csv:2: shots must be >= 0, got -1"), neg);
    }

    @Test
    void headerQuotesAndDuplicatesAreChecked() throws IOException {
        String header = errorFor("method,task,seed,shots,metric,value\n");
        assertTrue(header.contains("results.csv:1: expected the header method,task,shots,seed,metric,value, got "
                + "method,task,seed,shots,metric,value"), header);
        assertTrue(errorFor("").contains("empty file"));
        String open = errorFor(HEADER + "a,b,1,2,acc,0.5\na,\"never closed,1,2,acc,0.5\n");
        assertTrue(open.contains("results.csv:3: quoted field is never closed"), open);
        String stray = errorFor(HEADER + "a,b\"c,1,2,acc,0.5\n");
        assertTrue(stray.contains("results.csv:2: stray '\"'"), stray);
        String dup = errorFor(HEADER + "a,b,1,2,acc,0.5\na,b,1,2,acc,0.6\n");
        assertTrue(dup.contains("results.csv:3: duplicate of line 2"), dup);
        String reserved = errorFor(HEADER + "a,mean,1,2,acc,0.5\n");
        assertTrue(reserved.contains("reserved"), reserved);
    }

    @Test
    void missingFileIsInvalidInput() {
        Path file = dir.resolve("nope.csv");
        String msg = assertThrows(InvalidInputException.class, () -> ResultsTable.readCsv(file)).getMessage();
        assertEquals(file + ": file not found", msg);
    }

    @Test
    void rowValidationCarriesTheBadValue() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ResultRow(" ", "t", 0, 0, "m", 1)).getMessage().contains("method must not be blank"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ResultRow("m", "t", 0, 0, "acc", Double.POSITIVE_INFINITY)).getMessage()
                .contains("Infinity"));
        assertThrows(IllegalArgumentException.class, () -> ResultsTable.of(List.of(
                new ResultRow("m", "t", 0, 0, "acc", 1), new ResultRow("m", "t", 0, 0, "acc", 0.5))));
    }
}
