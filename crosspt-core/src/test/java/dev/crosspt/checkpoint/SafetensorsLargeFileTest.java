package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files beyond 2 GiB and tensors read in several mappings, without writing gigabytes to disk. */
class SafetensorsLargeFileTest {

    @TempDir
    Path dir;

    @Test
    void tensorBeyondTwoGibIsRead() throws IOException {
        long begin = 3_000_000_000L;
        String header = "{\"far\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + begin + "," + (begin + 8)
                + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("big.safetensors");
        // A sparse file: only the header and the last 8 bytes take disk space.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            raf.write(h);
            raf.seek(8 + h.length + begin);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-3f).array());
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {1.5f, -3f}, f.readFloats("far"));
        }
    }

    @Test
    void chunkedReadsMatchSingleReads() {
        float[] values = new float[101];
        long[] longs = new long[37];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f - 7;
        }
        for (int i = 0; i < longs.length; i++) {
            longs[i] = (long) i * i - 100;
        }
        Path file = dir.resolve("chunks.safetensors");
        new SafetensorsWriter()
                .putFloats("f32", new long[] {101}, values, DType.F32)
                .putFloats("f16", new long[] {101}, values, DType.F16)
                .putLongs("i64", new long[] {37}, longs)
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            float[] f16 = f.readFloats("f16");
            f.chunkBytes = 24; // a multiple of every element size, far below each tensor's size
            assertArrayEquals(values, f.readFloats("f32"));
            assertArrayEquals(f16, f.readFloats("f16"));
            assertArrayEquals(values, f16, "these values are exact in half precision");
            assertArrayEquals(longs, f.readLongs("i64"));
        }
    }
}
