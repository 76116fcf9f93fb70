package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bin edges computed without a full sort ({@link Binner#edgesOfValues}: distinct values by hashing, quantile
 * positions by bucket selection) are bit for bit those read off a fully sorted sample, the rule the class documents
 * and scikit-learn's {@code _BinMapper} follows ({@link #edgesBySort}, the binner's former code, kept here as the
 * reference).
 */
class BinnerEdgesTest {

    /** The reference: sort everything, then distinct midpoints or numpy "midpoint" percentiles. */
    static double[] edgesBySort(double[] values, int m, int maxBins) {
        if (m == 0) {
            return new double[0];
        }
        double[] v = Arrays.copyOf(values, m);
        Arrays.sort(v);
        int distinct = 1;
        for (int k = 1; k < m; k++) {
            if (v[k] != v[k - 1]) {
                distinct++;
            }
        }
        int e = 0;
        if (distinct <= maxBins) {
            double[] out = new double[distinct - 1];
            for (int k = 1; k < m; k++) {
                if (v[k] != v[k - 1]) {
                    out[e++] = mid(v[k - 1], v[k]);
                }
            }
            return out;
        }
        double[] out = new double[maxBins - 1];
        double step = 100.0 / maxBins;
        for (int k = 1; k < maxBins; k++) {
            double pos = (k * step) / 100 * (m - 1);
            int lo = (int) Math.floor(pos);
            int hi = (int) Math.ceil(pos);
            double q = v[hi] - (v[hi] - v[lo]) * 0.5;
            if (!Double.isFinite(q)) {
                q = v[lo] / 2 + v[hi] / 2;
            }
            if (e == 0 || q > out[e - 1]) {
                out[e++] = q;
            }
        }
        while (e > 0 && out[e - 1] >= v[m - 1]) {
            e--;
        }
        return Arrays.copyOf(out, e);
    }

    private static double mid(double a, double b) {
        double c = (a + b) * 0.5;
        return Double.isFinite(c) ? c : a / 2 + b / 2;
    }

    /** Samples of many shapes: smooth, skewed, heavy-tailed, tied, signed zeros, extreme and infinite values. */
    private static List<double[]> samples() {
        SplittableRandom rng = new SplittableRandom(11);
        List<double[]> out = new ArrayList<>();
        for (int m : new int[] {1, 2, 3, 10, 33, 100, 255, 256, 1000, 5000, 200_000}) {
            out.add(fill(m, rng, k -> rng.nextDouble()));
            out.add(fill(m, rng, k -> rng.nextGaussian()));
            out.add(fill(m, rng, k -> Math.exp(3 * rng.nextGaussian())));        // lognormal: heavy right tail
            out.add(fill(m, rng, k -> -Math.log(rng.nextDouble())));            // exponential
            out.add(fill(m, rng, k -> rng.nextInt(3) == 0 ? 0.0 : rng.nextGaussian()));  // a third zeros
            out.add(fill(m, rng, k -> rng.nextInt(255)));                       // 255 levels
            out.add(fill(m, rng, k -> rng.nextInt(256)));                       // 256 levels
            out.add(fill(m, rng, k -> rng.nextInt(40) * 0.25));                 // few levels
            out.add(fill(m, rng, k -> rng.nextBoolean() ? -0.0 : 0.0));           // signed zeros only
            out.add(fill(m, rng, k -> rng.nextInt(4) == 0 ? (rng.nextBoolean() ? -0.0 : 0.0) : rng.nextGaussian()));
            out.add(fill(m, rng, k -> Math.scalb(1.0, -rng.nextInt(1000))));    // geometric: 2^-k, deeply skewed
            out.add(fill(m, rng, k -> rng.nextDouble() * Double.MIN_VALUE * 1e4));  // subnormal range
            out.add(fill(m, rng, k -> (rng.nextDouble() * 2 - 1) * Double.MAX_VALUE));  // range overflows
            out.add(fill(m, rng, k -> k == 0 ? Double.NEGATIVE_INFINITY : k == 1 ? Double.POSITIVE_INFINITY
                    : rng.nextGaussian()));
            out.add(fill(m, rng, k -> 7.0));                                    // constant
            out.add(fill(m, rng, k -> rng.nextInt(100) == 0 ? 1e12 : rng.nextDouble()));  // outliers
            out.add(fill(m, rng, k -> 1 + Math.ulp(1.0) * rng.nextInt(1000)));   // adjacent doubles
        }
        return out;
    }

    private interface Gen {
        double at(int k);
    }

    private static double[] fill(int m, SplittableRandom rng, Gen g) {
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            v[k] = g.at(k);
        }
        // shuffle, so that generated order (the infinities first) does not matter
        for (int k = m - 1; k > 0; k--) {
            int r = rng.nextInt(k + 1);
            double t = v[k];
            v[k] = v[r];
            v[r] = t;
        }
        return v;
    }

    @Test
    void edgesEqualThoseOfAFullSort() {
        int cases = 0;
        for (double[] v : samples()) {
            for (int maxBins : new int[] {2, 3, 16, 64, 255}) {
                double[] want = edgesBySort(v, v.length, maxBins);
                double[] got = Binner.edgesOfValues(v.clone(), v.length, maxBins);
                assertBitsEqual(want, got, "m " + v.length + ", max_bins " + maxBins + ", first value " + v[0]);
                cases++;
            }
        }
        assertEquals(11 * 17 * 5, cases);
    }

    @Test
    void edgesUseOnlyTheFirstMValues() {
        double[] v = new double[500];
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < v.length; k++) {
            v[k] = k < 300 ? rng.nextGaussian() : 1e9;  // the tail past m must not count
        }
        assertBitsEqual(edgesBySort(v, 300, 255), Binner.edgesOfValues(v.clone(), 300, 255), "m 300 of 500");
    }

    @Test
    void placedRanksHoldTheSortedValues() {
        SplittableRandom rng = new SplittableRandom(5);
        for (double[] v : samples()) {
            int m = v.length;
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int[] ranks = new int[1 + rng.nextInt(600)];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = rng.nextInt(m);
            }
            double[] w = v.clone();
            Binner.placeRanks(w, m, ranks);
            for (int r : ranks) {
                if (Double.doubleToRawLongBits(w[r]) != Double.doubleToRawLongBits(sorted[r])) {
                    fail("m " + m + ": position " + r + " holds " + w[r] + ", sorted " + sorted[r]);
                }
            }
            double[] a = w.clone();
            Arrays.sort(a);
            assertArrayEquals(sorted, a, "the values are only reordered");
        }
    }

    @Test
    void distinctValuesUpToTheLimit() {
        assertArrayEquals(new double[] {0.0, 1.5, 2.0}, Binner.distinctUpTo(new double[] {2.0, -0.0, 1.5, 0.0, 2.0}, 5, 3));
        assertNull(Binner.distinctUpTo(new double[] {1, 2, 3, 4}, 4, 3));
        assertArrayEquals(new double[] {4.0}, Binner.distinctUpTo(new double[] {4, 4, 4, 1}, 3, 1), "only v[0 .. m)");
    }

    private static void assertBitsEqual(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + ": number of edges");
        for (int k = 0; k < want.length; k++) {
            if (Double.doubleToRawLongBits(want[k]) != Double.doubleToRawLongBits(got[k])) {
                fail(what + ": edge " + k + " is " + got[k] + ", by sorting " + want[k]);
            }
        }
    }
}
