package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.runtime.Parallelism;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FeatureBundles#dropBundledColumns}: after bundling, members of conflict-free bundles keep no bin
 * column of their own; every bin read back through the bundle equals the original bin, the column bytes fall
 * to {@code n} per unbundled feature and per bundle (plus a 256-byte map per dropped member), members of a
 * bundle with conflicts keep their columns, and trees grown on the compact bins are bit-identical (every
 * field, 0 tolerance) to trees grown on the full bins with the same bundles.
 */
class FeatureBundlesDropTest {

    static BinnedData binned(Dataset d) {
        return Binner.bin(d.features(), null, 255, 200_000, 1);
    }

    static void assertSameBins(BinnedData a, BinnedData b) {
        assertEquals(a.features(), b.features());
        for (int j = 0; j < a.features(); j++) {
            assertEquals(a.numBins(j), b.numBins(j));
            for (int i = 0; i < a.rows(); i++) {
                if (a.bin(i, j) != b.bin(i, j)) {
                    assertEquals(a.bin(i, j), b.bin(i, j), "row " + i + " feature " + j);
                }
            }
        }
    }

    @Test
    void compactBinsReadBackExactlyInFewerBytes() {
        Dataset d = FeatureBundlesTest.oneHot(4000, 5, 16, 3);  // 82 features: 80 one-hot, a dense one, a sparse one with NaN
        BinnedData full = binned(d);
        FeatureBundles fb = FeatureBundles.build(full, 0);
        BinnedData compact = fb.dropBundledColumns(full);
        assertTrue(fb.count() >= 1);
        assertEquals(0, fb.conflicts);
        assertSameBins(full, compact);
        int n = d.size();
        int f = d.featureCount();
        int bundled = 0;
        for (int j = 0; j < f; j++) {
            if (fb.bundleOf[j] >= 0) {
                bundled++;
                assertNotNull(compact.binMap(j));
                assertSame(fb.columns[fb.bundleOf[j]], compact.storedColumn(j));
                int jj = j;
                assertThrows(IllegalStateException.class, () -> compact.column(jj));
            } else {
                assertNull(compact.binMap(j));
                assertSame(full.column(j), compact.column(j));
            }
        }
        assertEquals((long) n * f, full.columnBytes());
        assertEquals((long) n * (f - bundled + fb.count()) + 256L * bundled, compact.columnBytes());
        System.out.printf("one-hot %d x %d: %d bundles of %d features; bin columns %d -> %d bytes%n", n, f, fb.count(), bundled,
                full.columnBytes(), compact.columnBytes());
        // the source is left unchanged
        assertEquals((long) n * f, full.columnBytes());
    }

    @Test
    void membersOfConflictingBundlesKeepTheirColumns() {
        Dataset d = FeatureBundlesTest.oneHot(2000, 3, 10, 9);
        BinnedData full = binned(d);
        FeatureBundles fb = FeatureBundles.build(full, 0.2);
        assertTrue(fb.conflicts > 0);
        BinnedData compact = fb.dropBundledColumns(full);
        assertSameBins(full, compact);
        long sum = 0;
        for (int k = 0; k < fb.count(); k++) {
            sum += fb.bundleConflicts[k];
            for (int j : fb.members[k]) {
                if (fb.bundleConflicts[k] > 0) {
                    assertNull(compact.binMap(j), "bundle " + k + " has conflicts: feature " + j + " keeps its column");
                    assertSame(full.column(j), compact.column(j));
                } else {
                    assertNotNull(compact.binMap(j));
                }
            }
        }
        assertEquals(fb.conflicts, sum);
    }

    /** Trees grown on the full and the compact bins (same bundles, gradients, bags, column draws) are identical. */
    @Test
    void treesAreBitIdenticalOnTheCompactBins() {
        int before = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 3}) {
                Parallelism.setThreads(threads);
                for (double rate : new double[] {0, 0.05}) {
                    compareGrowers(FeatureBundlesTest.oneHot(20_000, 4, 12, 5), rate);
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    static void compareGrowers(Dataset d, double rate) {
        BinnedData full = binned(d);
        FeatureBundles fb = FeatureBundles.build(full, rate);
        BinnedData compact = fb.dropBundledColumns(full);
        assertTrue(fb.count() > 0);
        int n = d.size();
        int f = d.featureCount();
        TreeGrower.Settings s = new TreeGrower.Settings(15, -1, 20, 1e-3, 0.5, 0.0, 0, 0, 0.1, false, 4, 32, 10, 10, 100,
                null, null, 1, 0.8, 77);
        TreeGrower a = new TreeGrower(full, s, fb);
        TreeGrower b = new TreeGrower(compact, s, fb);
        SplittableRandom r = new SplittableRandom(rate == 0 ? 1 : 2);
        double[] y = d.target();
        double[] raw = new double[n];
        double[] rawB = new double[n];
        double[] g = new double[n];
        double[] h = new double[n];
        boolean[] active = new boolean[f];
        java.util.Arrays.fill(active, true);
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < n; i++) {
                g[i] = raw[i] - y[i];
                h[i] = 0.5 + r.nextDouble();  // varying hessians: the count-free path too
            }
            int[] rows;
            int m;
            if (t % 2 == 1) {  // a bag of 70% of the rows
                rows = java.util.stream.IntStream.range(0, n).filter(i -> (i * 7 + 3) % 10 < 7).toArray();
                m = rows.length;
            } else {
                rows = java.util.stream.IntStream.range(0, n).toArray();
                m = n;
            }
            HistTree ta = a.grow(g, h, 0, rows, m, active);
            HistTree tb = b.grow(g, h, 0, rows, m, active);
            String at = "rate " + rate + " tree " + t;
            assertArrayEquals(ta.feature, tb.feature, at);
            assertArrayEquals(ta.thresholdBin, tb.thresholdBin, at);
            assertArrayEquals(ta.threshold, tb.threshold, 0.0, at);
            assertArrayEquals(ta.defaultLeft, tb.defaultLeft, at);
            assertArrayEquals(ta.left, tb.left, at);
            assertArrayEquals(ta.right, tb.right, at);
            assertArrayEquals(ta.value, tb.value, 0.0, at);
            assertArrayEquals(ta.gain, tb.gain, 0.0, at);
            assertArrayEquals(ta.cover, tb.cover, 0.0, at);
            assertArrayEquals(ta.count, tb.count, at);
            a.addLeafValues(ta, raw, 1, 0);
            b.addLeafValues(tb, rawB, 1, 0);
            assertArrayEquals(raw, rawB, 0.0, at);
            for (int i = 0; i < n; i += 7) {
                assertEquals(ta.leaf(full, i), tb.leaf(compact, i), at + " row " + i);
            }
        }
    }
}
