package dev.crosspt.data.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The few-shot protocol on question answering: k in total, carved as for classification, answers kept. */
class GenerativeProtocolTest {

    @TempDir
    Path dir;

    private static List<RawExample> questions(String split, int n) {
        List<RawExample> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // every answer text differs: there is no label to balance
            rows.add(new RawExample(Map.of("question", split + " q" + i, "context", "c" + i), "answer " + i,
                    split + ".json:" + i, List.of("answer " + i, "the answer " + i)));
        }
        return rows;
    }

    private static RawTask squad() {
        return new RawTask("squad", TaskKind.ANSWER, List.of(),
                Map.of("train", questions("train", 300), "validation", questions("validation", 40)), Map.of());
    }

    @Test
    void drawsKInTotalAndCarvesAsForClassification() {
        FewShotProtocol p = FewShotProtocol.builder().setK(32).optSeed(7).build();
        Splits splits = p.carve(squad());
        assertEquals(32, splits.train().size());
        assertEquals(20, splits.dev().size());
        assertEquals(20, splits.test().size());
        assertTrue(splits.ruleDescription().contains("32 drawn uniformly from 300 (answer)"),
                splits.ruleDescription());
        assertEquals(32, new HashSet<>(splits.train()).size());
        // the same seed gives the same splits
        assertEquals(splits, p.carve(squad()));
    }

    @Test
    void splitFilesKeepEveryGoldAnswer() {
        Splits splits = FewShotProtocol.builder().setK(16).optSeed(3).build().carve(squad());
        SplitFiles.write(dir, "squad", splits);
        Splits back = SplitFiles.read(dir, "squad");
        assertEquals(splits, back);
        assertEquals(2, back.dev().get(0).answers().size());
    }
}
