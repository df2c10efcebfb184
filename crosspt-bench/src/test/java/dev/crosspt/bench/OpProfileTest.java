package dev.crosspt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading PyTorch's Chrome trace: self times, kinds of operation, calls from Java and autograd nodes. */
class OpProfileTest {

    /**
     * Two repetitions of: a matmul (100 us) calling mm (80 us, itself calling resolve_conj for 5 us), a 4-D
     * addition (masking, 10 us), a norm's broadcast division (6 us), and one autograd node (20 us) running
     * MmBackward0 (15 us) that calls mm (12 us); events out of order, as the profiler writes them.
     */
    private static final String TRACE = """
            [
            {"name": "aten::mm", "ph": "X", "ts": 10, "dur": 80, "tid": 1, "pid": "CPU Functions",
             "shape": [[1824, 512], [512, 2048]], "args": {}},
            {"name": "aten::matmul", "ph": "X", "ts": 5, "dur": 100, "tid": 1, "shape": [[8, 228, 512], [512, 2048]]},
            {"name": "aten::resolve_conj", "ph": "X", "ts": 12, "dur": 5, "tid": 1, "shape": [[512, 2048]]},
            {"name": "aten::add", "ph": "X", "ts": 110, "dur": 10, "tid": 1, "shape": [[8, 8, 228, 228], [1, 8, 228, 228], []]},
            {"name": "aten::div", "ph": "X", "ts": 125, "dur": 6, "tid": 1, "shape": [[8, 228, 512], [8, 228, 1]]},
            {"name": "autograd::engine::evaluate_function: MmBackward0", "ph": "X", "ts": 140, "dur": 20, "tid": 1, "shape": []},
            {"name": "MmBackward0", "ph": "X", "ts": 141, "dur": 15, "tid": 1, "shape": [[1824, 2048]]},
            {"name": "aten::mm", "ph": "X", "ts": 142, "dur": 12, "tid": 1, "shape": [[1824, 2048], [2048, 512]]},
            {"name": "aten::matmul", "ph": "X", "ts": 205, "dur": 100, "tid": 1, "shape": [[8, 228, 512], [512, 2048]]},
            {"name": "aten::mm", "ph": "X", "ts": 210, "dur": 80, "tid": 1, "shape": [[1824, 512], [512, 2048]]},
            {"name": "aten::resolve_conj", "ph": "X", "ts": 212, "dur": 5, "tid": 1, "shape": [[512, 2048]]},
            {"name": "aten::add", "ph": "X", "ts": 310, "dur": 10, "tid": 1, "shape": [[8, 8, 228, 228], [1, 8, 228, 228], []]},
            {"name": "aten::div", "ph": "X", "ts": 325, "dur": 6, "tid": 1, "shape": [[8, 228, 512], [8, 228, 1]]},
            {"name": "autograd::engine::evaluate_function: MmBackward0", "ph": "X", "ts": 340, "dur": 20, "tid": 1, "shape": []},
            {"name": "MmBackward0", "ph": "X", "ts": 341, "dur": 15, "tid": 1, "shape": [[1824, 2048]]},
            {"name": "aten::mm", "ph": "X", "ts": 342, "dur": 12, "tid": 1, "shape": [[1824, 2048], [2048, 512]]},
            {"name": "memory", "ph": "i", "ts": 400, "tid": 1}
            ]
            """;

    @Test
    void selfTimesByKindPerRepetition(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("t.json"), TRACE);
        OpProfile profile = OpProfile.parse("training step", 2, trace);

        // matmul self 100 - 80 = 20, mm self 80 - 5 = 75, backward mm 12: 107 us per repetition
        assertEquals(107, profile.categories().get(OpCategory.MATMUL)[0], 1e-9);
        assertEquals(3, profile.categories().get(OpCategory.MATMUL)[1], 1e-9, "matmul, mm and the backward mm");
        assertEquals(10, profile.categories().get(OpCategory.ATTENTION_SOFTMAX_MASK)[0], 1e-9);
        assertEquals(6, profile.categories().get(OpCategory.NORM)[0], 1e-9);
        assertEquals(5, profile.categories().get(OpCategory.COPY_LAYOUT)[0], 1e-9, "resolve_conj");
        // the node's own 20 - 15 and MmBackward0's 15 - 12
        assertEquals(8, profile.categories().get(OpCategory.AUTOGRAD)[0], 1e-9);
        assertEquals(0, profile.categories().get(OpCategory.AUTOGRAD)[1], 1e-9, "autograd nodes are not ATen operators");
        assertEquals(3, profile.callsFromJava(), 1e-9, "matmul, add and div are called from Java");
        assertEquals(1, profile.autogradNodes(), 1e-9);
        assertEquals((107 + 10 + 6 + 5 + 8) / 1000.0, profile.totalMillis(), 1e-12);
        String table = profile.toTable();
        assertTrue(table.contains("| matrix multiplies | 0.1 | 78.7% | 3 |"), table);
    }

    @Test
    void categoriesUseShapesWhereTheNameIsAmbiguous() {
        long[][] residual = {{8, 228, 512}, {8, 228, 512}};
        long[][] weight = {{8, 228, 512}, {512}};
        assertEquals(OpCategory.ELEMENTWISE, OpCategory.of("aten::add", residual));
        assertEquals(OpCategory.ELEMENTWISE, OpCategory.of("aten::mul", residual));
        assertEquals(OpCategory.NORM, OpCategory.of("aten::mul", weight));
        assertEquals(OpCategory.ATTENTION_SOFTMAX_MASK, OpCategory.of("aten::_softmax", new long[][] {{8, 8, 228, 228}}));
        assertEquals(OpCategory.DROPOUT, OpCategory.of("aten::bernoulli_", new long[][] {{8, 228, 512}}));
        assertEquals(OpCategory.LOSS, OpCategory.of("aten::_log_softmax", new long[][] {{8, 4, 32128}}));
        assertEquals(OpCategory.COPY_LAYOUT, OpCategory.of("aten::copy_", residual));
        assertEquals(OpCategory.AUTOGRAD, OpCategory.of("torch::autograd::AccumulateGrad", new long[0][]));
    }

    @Test
    void aTraceThatIsNotAnArrayIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("bad.json"), "{\"traceEvents\": 3}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OpProfile.parse("x", 1, trace));
        assertTrue(e.getMessage().contains(trace.toString()), e.getMessage());
    }
}
