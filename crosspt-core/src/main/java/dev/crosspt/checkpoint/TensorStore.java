package dev.crosspt.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of one checkpoint, whether in a single safetensors file or a sharded set with an index.
 *
 * <p>Callers load weights by name without caring how the checkpoint was split. Implementations read lazily,
 * like {@link SafetensorsFile}, and are safe for concurrent reads.
 */
public interface TensorStore extends AutoCloseable {

    /**
     * Returns the names of all tensors.
     *
     * @return an unmodifiable set
     */
    Set<String> names();

    /**
     * Tells whether the checkpoint holds a tensor of this name.
     *
     * @param name the tensor name
     * @return true if present
     */
    boolean has(String name);

    /**
     * Returns the description of one tensor; its offsets are relative to {@link #fileOf(String)}'s data.
     *
     * @param name the tensor name
     * @return its dtype, shape and offsets
     * @throws CheckpointException if there is no such tensor; the message lists close names
     */
    TensorInfo info(String name);

    /**
     * Reads a floating-point tensor, widened or narrowed to float as {@link SafetensorsFile#readFloats} does.
     *
     * @param name the tensor name
     * @return the elements in row-major order
     * @throws CheckpointException if missing, not floating-point or unreadable
     */
    float[] readFloats(String name);

    /**
     * Reads an integer or boolean tensor as longs, as {@link SafetensorsFile#readLongs} does.
     *
     * @param name the tensor name
     * @return the elements in row-major order
     * @throws CheckpointException if missing, floating-point or unreadable
     */
    long[] readLongs(String name);

    /**
     * Reads the first bytes of a tensor's data as stored, as {@link SafetensorsFile#readBytes} does.
     *
     * @param name the tensor name
     * @param maxBytes how many bytes at most
     * @return the first {@code min(maxBytes, size)} bytes of the tensor's data
     * @throws CheckpointException if missing or unreadable
     */
    byte[] readBytes(String name, int maxBytes);

    /**
     * Returns the file that holds a tensor, for messages and for tools that copy shards.
     *
     * @param name the tensor name
     * @return the safetensors file it lives in
     * @throws CheckpointException if there is no such tensor
     */
    Path fileOf(String name);

    /**
     * Returns the checkpoint's metadata: a single file's {@code __metadata__}; for a sharded set the index's
     * {@code metadata} (values as strings, e.g. {@code total_size}) plus the shards' entries it lacks.
     *
     * @return an unmodifiable map, possibly empty
     */
    Map<String, String> metadata();

    /** Closes every file of the checkpoint. */
    @Override
    void close();

    /**
     * Opens the checkpoint in a Hugging Face model directory: the sharded set named by
     * {@code model.safetensors.index.json} if present, else {@code model.safetensors}.
     *
     * @param modelDir the model directory
     * @return the open store, to be closed by the caller
     * @throws CheckpointException if the directory holds neither, an index is invalid or names a missing
     *     shard or tensor, or a file is invalid; a PyTorch-only directory gets instructions to convert it
     */
    static TensorStore open(Path modelDir) {
        String expected = "expected a Hugging Face model directory with model.safetensors or "
                + "model.safetensors.index.json";
        if (!Files.isDirectory(modelDir)) {
            throw new CheckpointException(modelDir + ": " + (Files.exists(modelDir) ? "not a directory"
                    : "no such directory") + ", " + expected);
        }
        Path index = modelDir.resolve(ShardedTensorStore.INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return ShardedTensorStore.open(index);
        }
        Path single = modelDir.resolve(ShardedTensorStore.SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return of(SafetensorsFile.open(single));
        }
        String msg = modelDir + ": no safetensors weights, " + expected;
        if (Files.exists(modelDir.resolve("pytorch_model.bin"))
                || Files.exists(modelDir.resolve("pytorch_model.bin.index.json"))) {
            // Pickles can run arbitrary code when loaded, and reading them needs PyTorch; converting is one line.
            msg += "; it has pytorch_model.bin, but PyTorch pickles are not supported. Convert it once with: "
                    + "python -c \"from transformers import T5ForConditionalGeneration as M; M.from_pretrained('"
                    + modelDir + "').save_pretrained('" + modelDir + "', safe_serialization=True)\"";
        }
        throw new CheckpointException(msg);
    }

    /**
     * Wraps one open safetensors file; closing the store closes the file.
     *
     * @param file the open file
     * @return a store over its tensors
     */
    static TensorStore of(SafetensorsFile file) {
        return new SingleFileTensorStore(file);
    }
}
