package dev.crosspt.train;

import com.google.gson.Gson;
import dev.crosspt.checkpoint.CheckpointException;
import dev.crosspt.checkpoint.DType;
import dev.crosspt.checkpoint.SafetensorsFile;
import dev.crosspt.checkpoint.SafetensorsWriter;
import dev.crosspt.checkpoint.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A saved bank of source prompts ({@code sources}, {@code [M, L, d]}, after the prompt encoder), written at the
 * end of a run and read by the initialised variants (SIL, SILP) to start from it.
 */
public final class SourceBank {

    /** The tensor name inside the file. */
    public static final String TENSOR = "sources";
    private static final String FORMAT = "crosspt-source-bank-1";

    private SourceBank() {}

    /** Writes a bank atomically. */
    public static void write(Path file, float[] sources, int count, int length, int dim, Map<String, String> backbone) {
        new SafetensorsWriter()
                .metadata("format", FORMAT)
                .metadata("backbone", new Gson().toJson(backbone))
                .putFloats(TENSOR, new long[] {count, length, dim}, sources, DType.F32)
                .write(file);
    }

    /**
     * Reads a bank and checks it fits the run.
     *
     * @return {@code [M * L * d]} values
     * @throws CheckpointException naming the file and what does not fit
     */
    public static float[] read(Path file, int count, int length, int dim) {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            if (!st.has(TENSOR)) {
                throw new CheckpointException(file + ": not a source bank (no tensor '" + TENSOR + "'); banks are written"
                        + " as " + MultiTaskTrainer.SOURCE_BANK + " in the run directory of an SL or SLP run");
            }
            TensorInfo info = st.info(TENSOR);
            long[] expected = {count, length, dim};
            if (!Arrays.equals(info.shape(), expected)) {
                throw new CheckpointException(file + ": source bank has shape " + info.shapeString()
                        + " [sources, prompt length, d_model], but this run needs " + Arrays.toString(expected)
                        + " (set sources and prompt-length to match the bank, and use the same backbone)");
            }
            return st.readFloats(TENSOR);
        }
    }
}
