package dev.crosspt.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    private static int f16(float v) {
        return HalfFloats.f32ToF16(v) & 0xffff;
    }

    private static int bf16(float v) {
        return HalfFloats.f32ToBf16(v) & 0xffff;
    }

    @Test
    void f16KnownValues() {
        assertEquals(0x3c00, f16(1.0f));
        assertEquals(0xc000, f16(-2.0f));
        assertEquals(0x7bff, f16(65504f), "largest finite half");
        assertEquals(0x7c00, f16(65520f), "halfway to the next power rounds to even, which is infinity");
        assertEquals(0x7bff, f16(65519f));
        assertEquals(0x2e66, f16(0.1f));
        assertEquals(0x0000, f16(1e-8f), "below half the smallest subnormal");
        assertEquals(0x8000, f16(-0.0f));
        assertEquals(0x0001, f16(0x1p-24f), "smallest subnormal");
        assertEquals(0x0000, f16(0x1p-25f), "tie between 0 and the smallest subnormal goes to even 0");
        assertEquals(0x0001, f16(0x1.8p-25f));
        assertEquals(0x0400, f16(0x1p-14f), "smallest normal");
        assertEquals(0x0400, f16(0x1.ffcp-15f), "largest subnormal plus a tie carries into the exponent");
        assertEquals(0x7c00, f16(Float.POSITIVE_INFINITY));
        assertEquals(0xfc00, f16(Float.NEGATIVE_INFINITY));
        assertEquals(0x7c00, f16(1e10f));
    }

    @Test
    void f16TiesRoundToEven() {
        assertEquals(0x3c00, f16(1f + 0x1p-11f), "tie, lower neighbour is even");
        assertEquals(0x3c02, f16(1f + 0x3p-11f), "tie, upper neighbour is even");
        assertEquals(0x3c01, f16(1f + 0x1p-11f + 0x1p-20f), "just above a tie rounds up");
    }

    @Test
    void f16NanStaysNan() {
        assertTrue(Float.isNaN(HalfFloats.f16ToF32(HalfFloats.f32ToF16(Float.NaN))));
        // A NaN whose payload is only in the bits that are dropped must not become infinity.
        assertTrue(Float.isNaN(HalfFloats.f16ToF32(HalfFloats.f32ToF16(Float.intBitsToFloat(0x7f800001)))));
        assertTrue(Float.isNaN(HalfFloats.f16ToF32((short) 0x7e00)));
    }

    @Test
    void f16WideningIsExactAndInvertible() {
        assertEquals(1.0f, HalfFloats.f16ToF32((short) 0x3c00));
        assertEquals(65504f, HalfFloats.f16ToF32((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.f16ToF32((short) 0x0001));
        assertEquals(-0x1.ff8p-15f, HalfFloats.f16ToF32((short) 0x83ff));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.f16ToF32((short) 0xfc00));
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.f16ToF32((short) h);
            if (!Float.isNaN(f)) {
                assertEquals(h, f16(f), "half bits " + Integer.toHexString(h));
            }
        }
    }

    @Test
    void f16NarrowingPicksTheNearestHalf() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            float v = (float) (rnd.nextDouble(-1, 1) * Math.pow(2, rnd.nextInt(-26, 16)));
            int h = f16(v);
            double got = HalfFloats.f16ToF32((short) h);
            double err = Math.abs(got - v);
            for (int n : new int[] {h - 1, h + 1}) {
                float other = HalfFloats.f16ToF32((short) n);
                if (Float.isNaN(other) || ((n ^ h) & 0x8000) != 0 || n < 0 || n > 0xffff) {
                    continue;
                }
                double otherErr = Math.abs(other - v);
                assertTrue(err < otherErr || (err == otherErr && (h & 1) == 0),
                        v + " -> " + Integer.toHexString(h) + " but " + Integer.toHexString(n) + " is closer");
            }
        }
    }

    @Test
    void bf16() {
        assertEquals(1.0f, HalfFloats.bf16ToF32((short) 0x3f80));
        assertEquals(-2.0f, HalfFloats.bf16ToF32((short) 0xc000));
        assertEquals(0x3f80, bf16(1.0f));
        assertEquals(0x3f80, bf16(1f + 0x1p-8f), "tie to even (down)");
        assertEquals(0x3f82, bf16(1f + 0x3p-8f), "tie to even (up)");
        assertEquals(0x3f81, bf16(1f + 0x1p-8f + 0x1p-20f));
        assertEquals(0x7f80, bf16(Float.MAX_VALUE), "rounds up to infinity, as PyTorch does");
        assertEquals(0xff80, bf16(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(HalfFloats.bf16ToF32(HalfFloats.f32ToBf16(Float.intBitsToFloat(0x7f800001)))));
        assertTrue(Float.isNaN(HalfFloats.bf16ToF32(HalfFloats.f32ToBf16(Float.NaN))));
        for (int b = 0; b < 0x10000; b++) {
            float f = HalfFloats.bf16ToF32((short) b);
            assertEquals(b << 16, Float.floatToRawIntBits(f), "widening is the top half");
            if (!Float.isNaN(f)) {
                assertEquals(b, bf16(f), "bf16 bits " + Integer.toHexString(b));
            }
        }
    }
}
