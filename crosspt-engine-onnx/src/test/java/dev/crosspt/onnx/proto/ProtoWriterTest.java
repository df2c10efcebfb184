package dev.crosspt.onnx.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {

    @Test
    void encodesVarintsAsProtobufDoes() {
        assertArrayEquals(new byte[] {0x08, (byte) 0xAC, 0x02}, new ProtoWriter().varint(1, 300).toByteArray());
        byte[] negative = new ProtoWriter().varint(1, -1).toByteArray();
        assertArrayEquals(new byte[] {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01}, negative);
    }

    @Test
    void encodesStringsFloatsAndMessages() {
        assertArrayEquals(new byte[] {0x12, 0x02, 'h', 'i'}, new ProtoWriter().string(2, "hi").toByteArray());
        assertArrayEquals(new byte[] {0x15, 0, 0, (byte) 0x80, 0x3F}, new ProtoWriter().float32(2, 1f).toByteArray());
        ProtoWriter inner = new ProtoWriter().varint(1, 1);
        assertArrayEquals(new byte[] {0x3A, 0x02, 0x08, 0x01}, new ProtoWriter().message(7, inner).toByteArray());
    }
}
