package dev.crosspt.checkpoint;

/**
 * Conversions between float and the two 16-bit float formats found in checkpoints (IEEE half and bfloat16).
 *
 * <p>Done in plain Java on bit patterns so that reading a half-precision checkpoint needs no engine and gives
 * the same floats on every platform. Narrowing rounds to nearest, ties to even, as PyTorch does, so a
 * checkpoint written here matches one written by {@code tensor.half()} or {@code tensor.bfloat16()}.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /**
     * Widens an IEEE 754 half-precision value to float; exact for every input, subnormals included.
     *
     * @param bits the 16 bits of the half value
     * @return the same value as a float (NaN stays NaN, infinities stay infinite)
     */
    public static float f16ToF32(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            // Zero or subnormal: the value is mant * 2^-24, exactly representable as a float.
            float magnitude = mant * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exp == 0x1f) {
            // Infinity or NaN; the NaN payload moves to the top of the float mantissa.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /**
     * Narrows a float to IEEE 754 half precision, rounding to nearest with ties to even.
     *
     * <p>Values beyond the half range (65504) become infinity, values too small become (signed) zero or a
     * subnormal, NaN stays a quiet NaN.
     *
     * @param v the value
     * @return the 16 bits of the nearest half value
     */
    public static short f32ToF16(float v) {
        int f = Float.floatToRawIntBits(v);
        int sign = (f >>> 16) & 0x8000;
        int exp = (f >>> 23) & 0xff;
        int mant = f & 0x7fffff;
        if (exp == 0xff) {
            // Keep NaN a NaN even when its payload lives only in the low bits that are dropped.
            return (short) (mant == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                // Below half the smallest subnormal (2^-25): rounds to zero whatever the mantissa.
                return (short) sign;
            }
            // Half subnormal: shift the mantissa, implicit bit included, down to units of 2^-24.
            int full = mant | 0x800000;
            int shift = 14 - e;
            int half = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++; // a carry into bit 10 correctly yields the smallest normal
            }
            return (short) (sign | half);
        }
        int bits = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (bits & 1) != 0)) {
            bits++; // a carry may run into the exponent, up to infinity, which is the right answer
        }
        return (short) (sign | bits);
    }

    /**
     * Widens a bfloat16 value to float; exact, since bfloat16 is the top half of a float.
     *
     * @param bits the 16 bits of the bfloat16 value
     * @return the same value as a float
     */
    public static float bf16ToF32(short bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    /**
     * Narrows a float to bfloat16, rounding to nearest with ties to even; NaN stays a quiet NaN.
     *
     * @param v the value
     * @return the 16 bits of the nearest bfloat16 value
     */
    public static short f32ToBf16(float v) {
        int f = Float.floatToRawIntBits(v);
        if ((f & 0x7fffffff) > 0x7f800000) {
            // Plain rounding could carry a NaN with only low payload bits into infinity; force the quiet bit.
            return (short) ((f >>> 16) | 0x0040);
        }
        int rounding = 0x7fff + ((f >>> 16) & 1);
        return (short) ((f + rounding) >>> 16);
    }
}
