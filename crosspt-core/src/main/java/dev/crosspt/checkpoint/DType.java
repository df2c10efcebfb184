package dev.crosspt.checkpoint;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types crosspt reads from and writes to safetensors files.
 *
 * <p>The constant names are the safetensors dtype codes themselves, so the header's {@code "dtype"} maps
 * one to one. Types that safetensors knows but crosspt never needs for T5 (8-bit floats, unsigned 16/32/64
 * bit integers) are deliberately absent: a file that uses them is reported as unsupported instead of being
 * misread.
 */
public enum DType {
    /** IEEE 754 double precision. */
    F64(8, true),
    /** IEEE 754 single precision. */
    F32(4, true),
    /** IEEE 754 half precision. */
    F16(2, true),
    /** bfloat16: the upper 16 bits of a float. */
    BF16(2, true),
    /** Signed 64-bit integer. */
    I64(8, false),
    /** Signed 32-bit integer. */
    I32(4, false),
    /** Signed 16-bit integer. */
    I16(2, false),
    /** Signed 8-bit integer. */
    I8(1, false),
    /** Unsigned 8-bit integer. */
    U8(1, false),
    /** Boolean stored as one byte, zero meaning false. */
    BOOL(1, false);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /**
     * Returns the number of bytes one element takes in a safetensors file.
     *
     * @return bytes per element
     */
    public int byteSize() {
        return byteSize;
    }

    /**
     * Returns the dtype for a safetensors header code such as {@code "F32"} or {@code "BF16"}.
     *
     * @param code the code exactly as written in the header (upper case)
     * @return the matching dtype
     * @throws IllegalArgumentException if the code is not one crosspt supports; the message lists those
     */
    public static DType fromSafetensors(String code) {
        for (DType t : values()) {
            if (t.name().equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + code + "', expected one of " + knownCodes());
    }

    /**
     * Returns the code this dtype has in a safetensors header.
     *
     * @return the header code, for example {@code "BF16"}
     */
    public String safetensorsCode() {
        return name();
    }

    /**
     * Tells whether this is a floating-point type (F64, F32, F16 or BF16).
     *
     * @return true for the floating-point types
     */
    public boolean isFloating() {
        return floating;
    }

    /** The supported codes as one comma-separated string, for error messages. */
    static String knownCodes() {
        return Arrays.stream(values()).map(DType::safetensorsCode).collect(Collectors.joining(", "));
    }
}
