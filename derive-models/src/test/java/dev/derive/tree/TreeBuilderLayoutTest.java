package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tree builder's internal layouts give bit-identical trees: sort keys packing (rank, row, position) or
 * (rank, row) mapped to positions ({@code NEVER_PACK}), and node-local rank copies or the shared ranks
 * ({@code LOCAL_RANKS_LIMIT = 0}), and, for integer weights in classification, keys carrying (rank, weight,
 * label) or (rank, row, position) ({@code NO_WEIGHT_KEYS}) and nodes partitioned by swapping misplaced pairs or every
 * right-going row ({@code NO_PAIR_PARTITION}: the rows' order in a node differs, the trees do not); on data with missing values, ties, signed zeros and
 * fractional or integer (bootstrap count) weights,
 * for every criterion, depth-first and best-first growth, all or some features per split.
 */
class TreeBuilderLayoutTest {

    private static final long LOCAL_RANKS_LIMIT = TreeBuilder.LOCAL_RANKS_LIMIT;
    private static final int RADIX_MIN = TreeBuilder.RADIX_MIN;
    private static final long LOCAL_VALUES_LIMIT = TreeBuilder.LOCAL_VALUES_LIMIT;

    @AfterEach
    void restore() {
        TreeBuilder.NEVER_PACK = false;
        TreeBuilder.NO_WEIGHT_KEYS = false;
        TreeBuilder.NO_PAIR_PARTITION = false;
        TreeBuilder.LOCAL_RANKS_LIMIT = LOCAL_RANKS_LIMIT;
        TreeBuilder.RADIX_MIN = RADIX_MIN;
        TreeBuilder.LOCAL_VALUES_LIMIT = LOCAL_VALUES_LIMIT;
    }

    /** Column-major n x p features: rounded Gaussians (ties), some -0.0 / 0.0 and NaN. */
    /** Labels (3 classes), positive regression targets and row weights (a quarter 0) of the rows of x. */
    record Targets(int[] labels, double[] y, double[] w) {
    }

    /**
     * {@link Targets} from the first two features of x plus noise; weights integer ({@code counts}) or fractional.
     * The draws from {@code r} are part of the golden digests ({@link ExtraTreesGoldenTest}): keep their order.
     */
    static Targets targets(double[] x, int n, SplittableRandom r, boolean counts) {
        int[] labels = new int[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = (Double.isNaN(x[i]) ? 0 : x[i]) + (Double.isNaN(x[n + i]) ? 1 : x[n + i]) + r.nextGaussian();
            labels[i] = s > 0.5 ? 2 : s > -0.5 ? 1 : 0;
            y[i] = Math.exp(s / 2);
            w[i] = r.nextInt(4) == 0 ? 0 : counts ? 1 + r.nextInt(5) : 0.25 + r.nextDouble();
        }
        return new Targets(labels, y, w);
    }

    static double[] data(int n, int p, SplittableRandom r, boolean missing) {
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            double v = Math.rint(r.nextGaussian() * 8) / 4;
            if (v == 0 && r.nextBoolean()) {
                v = -0.0;
            }
            x[i] = missing && r.nextInt(10) == 0 ? Double.NaN : v;
        }
        return x;
    }

    static void assertSameTree(Tree a, Tree b, String what) {
        assertArrayEquals(a.feature(), b.feature(), what);
        assertArrayEquals(a.threshold(), b.threshold(), what);
        assertArrayEquals(a.left(), b.left(), what);
        assertArrayEquals(a.right(), b.right(), what);
        assertArrayEquals(a.value(), b.value(), what);
        assertArrayEquals(a.impurity(), b.impurity(), what);
        assertArrayEquals(a.nodeSamples(), b.nodeSamples(), what);
        assertArrayEquals(a.weightedNodeSamples(), b.weightedNodeSamples(), what);
        assertArrayEquals(a.missingLeft(), b.missingLeft(), what);
    }

    static void assertLayoutsAgree(Supplier<Tree> grow, String what) {
        Tree packed = grow.get();
        assertTrue(packed.nodeCount() > 10, what + ": " + packed.nodeCount() + " nodes");
        TreeBuilder.NEVER_PACK = true;
        Tree unpacked = grow.get();
        TreeBuilder.NEVER_PACK = false;
        TreeBuilder.LOCAL_RANKS_LIMIT = 0;
        Tree shared = grow.get();
        TreeBuilder.LOCAL_RANKS_LIMIT = LOCAL_RANKS_LIMIT;
        TreeBuilder.NO_WEIGHT_KEYS = true;
        Tree rowKeys = grow.get();
        TreeBuilder.NO_WEIGHT_KEYS = false;
        TreeBuilder.RADIX_MIN = 2;
        Tree radix = grow.get();
        TreeBuilder.RADIX_MIN = Integer.MAX_VALUE;
        Tree quick = grow.get();
        TreeBuilder.RADIX_MIN = RADIX_MIN;
        TreeBuilder.NO_PAIR_PARTITION = true;
        Tree oneSided = grow.get();
        TreeBuilder.NO_PAIR_PARTITION = false;
        assertSameTree(packed, oneSided, what + " (every right-going row swapped)");
        assertSameTree(packed, radix, what + " (radix sorted keys)");
        assertSameTree(packed, quick, what + " (Arrays.sort sorted keys)");
        assertSameTree(packed, unpacked, what + " (unpacked keys)");
        assertSameTree(packed, shared, what + " (shared ranks)");
        assertSameTree(packed, rowKeys, what + " (row keys instead of weight keys)");
    }

    @Test
    void layoutsGiveIdenticalTrees() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 600;
        int p = 6;
        for (int variant = 0; variant < 4; variant++) {
            boolean missing = variant % 2 == 1;
            boolean counts = variant >= 2;
            double[] x = data(n, p, r, missing);
            Targets tw = targets(x, n, r, counts);
            int[] labels = tw.labels();
            double[] y = tw.y();
            double[] w = tw.w();
            TreeBuilder.Ranks ranks = TreeBuilder.ranks(x, n, p);
            for (TreeBuilder.Criterion c : TreeBuilder.Criterion.values()) {
                for (int maxFeatures : new int[] {p, 2}) {
                    for (int maxLeaves : new int[] {0, 40}) {
                        var s = new TreeBuilder.Settings(c, Integer.MAX_VALUE, 2, 1, 0, 0, maxFeatures, maxLeaves, false);
                        String what = c + " maxFeatures=" + maxFeatures + " maxLeaves=" + maxLeaves + " missing=" + missing + " counts=" + counts;
                        if (c.classification()) {
                            assertLayoutsAgree(() -> TreeBuilder.classification(x, n, p, labels, 3, w, s, 7, ranks), what);
                        } else {
                            assertLayoutsAgree(() -> TreeBuilder.regression(x, n, p, y, w, s, 7, ranks), what);
                        }
                    }
                }
            }
        }
    }

    /**
     * Random splits (extremely randomised trees): node-local copies of the feature values or gathering {@code x}
     * through the row indices ({@code LOCAL_VALUES_LIMIT = 0}), partitions by pairs or one-sided
     * ({@code NO_PAIR_PARTITION}), give the same trees, for every criterion, with and
     * without missing values, fractional or integer weights, depth-first and best-first, categorical features too.
     */
    @Test
    void randomSplitsOnLocalValuesGiveIdenticalTrees() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 500;
        int p = 5;
        for (int variant = 0; variant < 4; variant++) {
            boolean missing = variant % 2 == 1;
            boolean counts = variant >= 2;
            double[] x = data(n, p, r, missing);
            // feature 4: level codes of 4 levels (categorical in the second pass), some missing
            for (int i = 0; i < n; i++) {
                x[4 * n + i] = missing && r.nextInt(8) == 0 ? Double.NaN : r.nextInt(4);
            }
            Targets tw = targets(x, n, r, counts);
            int[] labels = tw.labels();
            double[] y = tw.y();
            double[] w = tw.w();
            for (TreeBuilder.Criterion c : TreeBuilder.Criterion.values()) {
                for (int maxFeatures : new int[] {p, 2}) {
                    for (int maxLeaves : new int[] {0, 30}) {
                        for (int[] levels : new int[][] {null, {0, 0, 0, 0, 4}}) {
                            var s = new TreeBuilder.Settings(c, Integer.MAX_VALUE, 2, 1, 0, 0, maxFeatures, maxLeaves, true)
                                    .withCategories(levels, 10);
                            String what = c + " maxFeatures=" + maxFeatures + " maxLeaves=" + maxLeaves + " missing=" + missing
                                    + " counts=" + counts + " categorical=" + (levels != null);
                            Supplier<Tree> grow = c.classification() ? () -> TreeBuilder.classification(x, n, p, labels, 3, w, s, 9)
                                    : () -> TreeBuilder.regression(x, n, p, y, w, s, 9);
                            Tree local = grow.get();
                            assertTrue(local.nodeCount() > 10, what + ": " + local.nodeCount() + " nodes");
                            TreeBuilder.LOCAL_VALUES_LIMIT = 0;
                            Tree gathered = grow.get();
                            TreeBuilder.LOCAL_VALUES_LIMIT = LOCAL_VALUES_LIMIT;
                            TreeBuilder.NO_PAIR_PARTITION = true;
                            Tree oneSided = grow.get();
                            TreeBuilder.NO_PAIR_PARTITION = false;
                            assertSameTree(local, oneSided, what + " (every right-going row swapped)");
                            assertSameTree(local, gathered, what);
                            assertArrayEquals(local.categoricalStart(), gathered.categoricalStart(), what);
                            assertArrayEquals(local.categoricalSets(), gathered.categoricalSets(), what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void radixSortMatchesArraysSort() {
        SplittableRandom r = new SplittableRandom(3);
        for (int bits : new int[] {1, 7, 11, 12, 25, 33, 44, 63}) {
            for (int n : new int[] {1, 2, 100, 5000}) {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = bits == 63 ? r.nextLong() >>> 1 : r.nextLong(1L << bits);
                    if (i > 0 && r.nextInt(5) == 0) {
                        a[i] = a[i - 1]; // duplicates
                    }
                }
                long[] expected = a.clone();
                java.util.Arrays.sort(expected);
                Sorting.radix(a, new long[n], n, bits);
                assertArrayEquals(expected, a, bits + " bits, " + n + " keys");
            }
        }
    }

    @Test
    void unsignedRadixSortCarriesThePayload() {
        SplittableRandom r = new SplittableRandom(4);
        for (int n : new int[] {0, 1, 3, 4000}) {
            long[] key = new long[n];
            int[] payload = new int[n];
            for (int i = 0; i < n; i++) {
                key[i] = r.nextInt(3) == 0 ? r.nextLong() : r.nextLong(1000) | (r.nextBoolean() ? Long.MIN_VALUE : 0);
                payload[i] = i;
            }
            long[] original = key.clone();
            Sorting.radixUnsigned(key, payload, new long[n], new int[n], n);
            for (int i = 0; i < n; i++) {
                assertEquals(original[payload[i]], key[i], "payload follows its key");
                if (i > 0) {
                    assertTrue(Long.compareUnsigned(key[i - 1], key[i]) <= 0, "unsigned order at " + i);
                    if (key[i - 1] == key[i]) {
                        assertTrue(payload[i - 1] < payload[i], "stable at " + i);
                    }
                }
            }
        }
    }

    @Test
    void ranksAreDenseAndOrdered() {
        double[] x = {3, -0.0, Double.NaN, 0.0, -2, 3, 1e-300, -1e-300, -Double.MAX_VALUE, Double.MIN_VALUE, -2};
        TreeBuilder.Ranks ranks = TreeBuilder.ranks(x, x.length, 1);
        assertArrayEquals(new int[] {6, 3, -1, 3, 1, 6, 5, 2, 0, 4, 1}, ranks.rank);
        assertEquals(7, ranks.distinct[0]);
        assertTrue(ranks.missing[0]);
        assertEquals(0, Double.compare(0.0, ranks.values[3]), "-0.0 is stored as 0.0");
        assertArrayEquals(new double[] {-Double.MAX_VALUE, -2, -1e-300, 0.0, Double.MIN_VALUE, 1e-300, 3},
                java.util.Arrays.copyOf(ranks.values, 7));
    }
}
