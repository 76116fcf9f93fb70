package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Binner#binStaged} + {@link FeatureBundles#build(FeatureBundles.Source, double)} +
 * {@link Binner.Staged#toBinned}, the path training takes with bundling, against the reference path
 * {@link Binner#bin} + {@link FeatureBundles#build(BinnedData, double)} + {@link FeatureBundles#dropBundledColumns}:
 * the same bundles (members, offsets, default bins, conflicts, merged columns byte for byte) and the same bins
 * (edges, missing flags, every bin of every row, the same features stored in bundles), with and without
 * conflicts, on a subset of rows, with a categorical feature kept out, for 1 and 3 threads; and the staged form
 * of wide one-hot data holds far fewer bytes than one column per feature.
 */
class BinnerStagedTest {

    /** The reference path: all columns, then bundles, then the bundled members' columns dropped. */
    private static BinnedData reference(FeatureBundles fb, BinnedData full) {
        return fb.count() > 0 ? fb.dropBundledColumns(full) : full;
    }

    private static void assertSameBundles(FeatureBundles a, FeatureBundles b) {
        assertEquals(a.count(), b.count());
        for (int k = 0; k < a.count(); k++) {
            assertArrayEquals(a.members[k], b.members[k], "members of bundle " + k);
            assertArrayEquals(a.columns[k], b.columns[k], "merged column of bundle " + k);
        }
        assertArrayEquals(a.bins, b.bins);
        assertArrayEquals(a.bundleOf, b.bundleOf);
        assertArrayEquals(a.firstBin, b.firstBin);
        assertArrayEquals(a.defaultBin, b.defaultBin);
        assertArrayEquals(a.bundleConflicts, b.bundleConflicts);
        assertEquals(a.conflicts, b.conflicts);
    }

    private static void assertSameBinned(BinnedData a, BinnedData b, FeatureBundles fb) {
        assertEquals(a.rows(), b.rows());
        assertEquals(a.features(), b.features());
        assertEquals(a.columnBytes(), b.columnBytes());
        for (int j = 0; j < a.features(); j++) {
            assertEquals(a.numBins(j), b.numBins(j), "bins of feature " + j);
            assertArrayEquals(a.edges(j), b.edges(j), "edges of feature " + j);
            assertEquals(a.hasMissing(j), b.hasMissing(j), "missing flag of feature " + j);
            assertEquals(a.isCategorical(j), b.isCategorical(j));
            if (a.binMap(j) == null) {
                assertNull(b.binMap(j), "feature " + j + " has its own column in the reference");
                assertArrayEquals(a.column(j), b.column(j), "column of feature " + j);
            } else {
                assertArrayEquals(a.binMap(j), b.binMap(j), "bin map of feature " + j);
                assertSame(fb.columns[fb.bundleOf[j]], b.storedColumn(j));
            }
            for (int i = 0; i < a.rows(); i++) {
                if (a.bin(i, j) != b.bin(i, j)) {
                    assertEquals(a.bin(i, j), b.bin(i, j), "row " + i + " feature " + j);
                }
            }
        }
    }

    private static void compare(Matrix x, int[] rows, double rate, boolean[] dense) {
        BinnedData full = Binner.bin(x, rows, 255, 1500, 11);  // fewer sample rows than rows: the sampled edges too
        if (dense != null) {
            boolean[] d = dense;
            full = new BinnedData(columnsOf(full), edgesOf(full), full.rows(), missingOf(full),
                    java.util.stream.IntStream.range(0, d.length).mapToObj(j -> d[j] ? new int[0] : null).toArray(int[][]::new));
        }
        FeatureBundles ref = FeatureBundles.build(full, rate);
        BinnedData expected = reference(ref, full);
        Binner.Staged st = Binner.binStaged(x, rows, 255, 1500, 11, dense);
        FeatureBundles got = FeatureBundles.build(st, rate);
        assertSameBundles(ref, got);
        BinnedData binned = st.toBinned(got);
        assertCountsOfBins(binned);
        if (dense == null) {
            assertSameBinned(expected, binned, got);
        } else {  // the categorical marker of the reference is not part of the staged bins: compare the bins only
            for (int j = 0; j < x.cols(); j++) {
                for (int i = 0; i < binned.rows(); i++) {
                    if (expected.bin(i, j) != binned.bin(i, j)) {
                        assertEquals(expected.bin(i, j), binned.bin(i, j), "row " + i + " feature " + j);
                    }
                }
                if (dense[j]) {
                    assertEquals(-1, got.defaultBin[j]);
                    assertEquals(-1, got.bundleOf[j]);
                }
            }
        }
    }

    /** The bin counts the staged binning made are the rows in each bin (missing bin last), for every feature. */
    private static void assertCountsOfBins(BinnedData b) {
        for (int j = 0; j < b.features(); j++) {
            int[] want = new int[b.numBins(j) + 1];
            for (int i = 0; i < b.rows(); i++) {
                want[b.bin(i, j)]++;
            }
            assertArrayEquals(want, b.binCounts(j), "bin counts of feature " + j);
        }
    }

    private static byte[][] columnsOf(BinnedData b) {
        byte[][] c = new byte[b.features()][];
        for (int j = 0; j < c.length; j++) {
            c[j] = b.column(j);
        }
        return c;
    }

    private static double[][] edgesOf(BinnedData b) {
        double[][] e = new double[b.features()][];
        for (int j = 0; j < e.length; j++) {
            e[j] = b.edges(j);
        }
        return e;
    }

    private static boolean[] missingOf(BinnedData b) {
        boolean[] m = new boolean[b.features()];
        for (int j = 0; j < m.length; j++) {
            m[j] = b.hasMissing(j);
        }
        return m;
    }

    @Test
    void sameBundlesAndBinsAsTheColumnPath() {
        int before = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 3}) {
                Parallelism.setThreads(threads);
                Matrix x = FeatureBundlesTest.oneHot(4000, 5, 16, 3).features();  // one-hot, a dense and a sparse feature with NaN
                compare(x, null, 0, null);
                compare(x, null, 0.2, null);  // bundles with conflicts keep their members' columns
                int[] rows = java.util.stream.IntStream.range(0, x.rows()).filter(i -> i % 3 != 1).toArray();
                compare(x, rows, 0, null);
                compare(FeatureBundlesTest.oneHot(2000, 3, 10, 9).features(), null, 0.2, null);
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void sparseFeaturesOfEveryDensity() {
        // nnz shares from 0 to 0.6, with missing values as default or non-default bin, heavy ties, and a constant
        int n = 3000;
        double[] share = {0, 0.001, 0.05, 0.19, 0.2, 0.21, 0.45, 0.5, 0.6, 0.3, 0.02};
        int f = share.length + 2;
        double[] x = new double[n * f];
        SplittableRandom r = new SplittableRandom(5);
        for (int j = 0; j < share.length; j++) {
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble();
                x[j * n + i] = u < share[j] ? (j % 2 == 0 ? Math.floor(r.nextDouble() * 300) : Double.NaN) : 0;
            }
        }
        for (int i = 0; i < n; i++) {
            x[share.length * n + i] = r.nextDouble() < 0.9 ? Double.NaN : r.nextGaussian();  // mostly missing
            x[(share.length + 1) * n + i] = 7;                                                  // constant
        }
        Matrix m = Matrix.wrap(n, f, x);
        compare(m, null, 0, null);
        compare(m, null, 0.1, null);
        boolean[] dense = new boolean[f];
        dense[1] = true;
        dense[4] = true;
        compare(m, null, 0, dense);
    }

    @Test
    void wideOneHotDataNeverHoldAColumnPerFeature() {
        Dataset d = FeatureBundlesTest.oneHot(20_000, 10, 20, 4);  // 202 features
        int n = d.size();
        int f = d.featureCount();
        Binner.Staged st = Binner.binStaged(d.features(), null, 255, Binner.DEFAULT_SAMPLE, 1, null);
        long staged = st.bytes();
        FeatureBundles fb = FeatureBundles.build(st, 0);
        BinnedData b = st.toBinned(fb);
        long columns = (long) n * f;
        System.out.printf("one-hot %d x %d: staged bins %d bytes (one column per feature: %d), after bundling %d bytes%n",
                n, f, staged, columns, b.columnBytes());
        // a feature costs min(n, 5 * its non-default rows) bytes and the one-hot columns of a variable are
        // non-default in n rows in all: at most 5 n per variable, plus n for each of the two numeric features
        assertTrue(staged <= 5L * n * 10 + 2L * n, "staged " + staged + " bytes, columns " + columns);
        assertTrue(staged < columns / 3, "staged " + staged + " bytes, columns " + columns);
        assertTrue(fb.count() > 0);
        for (int j = 0; j < f; j++) {
            if (fb.storedInBundle(j)) {
                assertNotNull(b.binMap(j));
            }
        }
        assertTrue(b.columnBytes() < columns / 10);
    }

    @Test
    void withoutBundlingAllColumnsComeBack() {
        Matrix x = FeatureBundlesTest.oneHot(1000, 2, 6, 8).features();
        BinnedData full = Binner.bin(x, null, 255, Binner.DEFAULT_SAMPLE, 3);
        BinnedData b = Binner.binStaged(x, null, 255, Binner.DEFAULT_SAMPLE, 3, null).toBinned(null);
        for (int j = 0; j < x.cols(); j++) {
            assertNull(b.binMap(j));
            assertArrayEquals(full.column(j), b.column(j));
            assertEquals(full.hasMissing(j), b.hasMissing(j));
            assertArrayEquals(full.edges(j), b.edges(j));
        }
        assertCountsOfBins(b);
    }

    @Test
    void categoricalFeaturesDropTheirNumericBinCounts() {
        int n = 500;
        double[] x = new double[2 * n];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            x[n + i] = i % 7 == 0 ? Double.NaN : r.nextInt(4);  // level codes 0..3
        }
        BinnedData numeric = Binner.binStaged(Matrix.wrap(n, 2, x), null, 255, Binner.DEFAULT_SAMPLE, 3,
                new boolean[] {false, true}).toBinned(null);
        BinnedData b = Binner.withCategorical(numeric, x, n, new boolean[] {false, true}, new int[] {0, 4}, 255,
                java.util.List.of("a", "c"));
        assertSame(numeric.binCounts(0), b.binCounts(0));
        assertNull(b.binCounts(1), "re-binned as categorical: the numeric counts no longer hold");
        assertTrue(b.isCategorical(1));
    }
}
