package dev.crosspt.checkpoint;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A {@link TensorStore} over one safetensors file: every call goes straight to the file. */
final class SingleFileTensorStore implements TensorStore {

    private final SafetensorsFile file;

    SingleFileTensorStore(SafetensorsFile file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public Set<String> names() {
        return file.tensors().keySet();
    }

    @Override
    public boolean has(String name) {
        return file.has(name);
    }

    @Override
    public TensorInfo info(String name) {
        return file.info(name);
    }

    @Override
    public float[] readFloats(String name) {
        return file.readFloats(name);
    }

    @Override
    public long[] readLongs(String name) {
        return file.readLongs(name);
    }

    @Override
    public byte[] readBytes(String name, int maxBytes) {
        return file.readBytes(name, maxBytes);
    }

    @Override
    public Path fileOf(String name) {
        file.info(name); // fails with the usual message for an unknown name
        return file.path();
    }

    @Override
    public Map<String, String> metadata() {
        return file.metadata();
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "TensorStore[" + file.path() + "]";
    }
}
