package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free bin lookup of the binner agrees exactly with the plain binary search. */
class BinnerLookupTest {

    @Test
    void branchFreeLookupEqualsBinarySearch() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int len : new int[] {0, 1, 2, 3, 7, 100, 253, 254}) {
            double[] e = new double[len];
            for (int k = 0; k < len; k++) {
                e[k] = rng.nextDouble(-5, 5);
            }
            Arrays.sort(e);
            double[] p = Binner.padded(e);
            double[] probes = new double[2000 + 3 * len];
            int q = 0;
            for (int i = 0; i < 2000; i++) {
                probes[q++] = rng.nextDouble(-6, 6);
            }
            for (double v : e) {  // exactly on, just below and just above each edge
                probes[q++] = v;
                probes[q++] = Math.nextDown(v);
                probes[q++] = Math.nextUp(v);
            }
            for (double v : probes) {
                assertEquals(Binner.binOf(e, v), Binner.binOfPadded(p, v), "len " + len + " value " + v);
            }
            for (double v : new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0}) {
                assertEquals(Binner.binOf(e, v), Binner.binOfPadded(p, v), "len " + len + " value " + v);
            }
        }
    }
}
