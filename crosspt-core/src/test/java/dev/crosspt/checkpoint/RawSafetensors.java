package dev.crosspt.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors-like files byte by byte, so tests can produce the corrupt files the writer never would. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** A well-framed file: the header's true length, the header, then {@code data}. */
    static Path write(Path file, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return write(file, header.length, header, data);
    }

    /** A file whose length field says {@code declaredLength}, whatever follows. */
    static Path write(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(declaredLength).put(header).put(data);
        Files.write(file, buf.array());
        return file;
    }

    /** Little-endian bytes of the given longs. */
    static byte[] longs(long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return buf.array();
    }
}
