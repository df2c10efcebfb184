package dev.crosspt.t5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Bucket values worked out with transformers' {@code T5Attention._relative_position_bucket} (float32 log, as
 * torch computes it; checked with numpy float32), for t5-small's 32 buckets and max distance 128 and for the
 * relu fixture's 8 buckets and max distance 16.
 */
class RelativePositionBucketsTest {

    private final RelativePositionBuckets t5Small = new RelativePositionBuckets(32, 128);
    private final RelativePositionBuckets fixture = new RelativePositionBuckets(8, 16);

    @ParameterizedTest(name = "bidirectional {0} -> {1}")
    @CsvSource({
        "0, 0", "1, 17", "-1, 1", "-7, 7", "-8, 8", "-11, 8", "-12, 9",
        // float32 boundaries: log(2)/log(16) * 8 is exactly 2, log(4)/log(16) * 8 exactly 4
        "-16, 10", "-32, 12", "-64, 14", "-127, 15", "-128, 15", "-200, 15",
        "7, 23", "8, 24", "16, 26", "200, 31"
    })
    void bidirectional(int relativePosition, int bucket) {
        assertEquals(bucket, t5Small.bucket(relativePosition, true));
    }

    @ParameterizedTest(name = "causal {0} -> {1}")
    @CsvSource({
        "0, 0", "-1, 1", "5, 0", "200, 0", "-15, 15", "-16, 16", "-20, 17", "-32, 21", "-64, 26", "-127, 31",
        "-128, 31", "-200, 31"
    })
    void causal(int relativePosition, int bucket) {
        assertEquals(bucket, t5Small.bucket(relativePosition, false));
    }

    @Test
    void fixtureShape() {
        int[] bidirectional = new int[41];
        int[] causal = new int[41];
        for (int r = -20; r <= 20; r++) {
            bidirectional[r + 20] = fixture.bucket(r, true);
            causal[r + 20] = fixture.bucket(r, false);
        }
        assertArrayEquals(new int[] {
            3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, // -20 .. -1
            0,
            5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7  // 1 .. 20
        }, bidirectional);
        assertArrayEquals(new int[] {
            7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 6, 6, 6, 5, 5, 4, 4, 3, 2, 1, // -20 .. -1
            0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0  // 1 .. 20
        }, causal);
    }

    @Test
    void tableIsRowMajorQueryByKeyOfKeyMinusQuery() {
        int[] table = t5Small.table(3, 4, true);
        assertArrayEquals(new int[] {
            0, 17, 18, 19,
            1, 0, 17, 18,
            2, 1, 0, 17
        }, table);
        int[] causal = t5Small.table(3, 3, false);
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0, 2, 1, 0}, causal);
        assertSame(table, t5Small.table(3, 4, true), "tables are cached by shape");
    }

    /** The ONNX export clips offsets to [-maxDistance, maxDistance] before its table look-up; that is exact. */
    @ParameterizedTest
    @CsvSource({"32, 128", "8, 16", "16, 24", "64, 256", "32, 40"})
    void offsetsAtOrBeyondMaxDistanceAllShareTheLastBucket(int numBuckets, int maxDistance) {
        RelativePositionBuckets buckets = new RelativePositionBuckets(numBuckets, maxDistance);
        for (boolean bidirectional : new boolean[] {true, false}) {
            int after = buckets.bucket(maxDistance, bidirectional);
            int before = buckets.bucket(-maxDistance, bidirectional);
            for (int offset = maxDistance; offset <= 20 * maxDistance; offset++) {
                assertEquals(after, buckets.bucket(offset, bidirectional), "offset " + offset);
                assertEquals(before, buckets.bucket(-offset, bidirectional), "offset " + -offset);
            }
            assertEquals(bidirectional ? numBuckets / 2 - 1 : numBuckets - 1, before);
        }
    }
}
