package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Count-free histograms (numeric features skip the per-bin row counts when every hessian is positive, and
 * judge {@code min_child_samples} from hessian sums, counting rows only for undecided candidates) grow exactly
 * the trees of the counting pass: same features, thresholds, missing directions, values, gains and counts.
 */
class TreeGrowerCountFreeTest {

    private static final int N = 4000;
    private static final int F = 6;

    private static BinnedData data(SplittableRandom r) {
        double[] x = new double[N * F];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < F; j++) {
                // features with few distinct values, a skewed one, and missing values in two of them
                double v = j == 0 ? r.nextInt(6) : j == 1 ? Math.exp(3 * r.nextGaussian()) : r.nextGaussian();
                if ((j == 2 || j == 4) && r.nextDouble() < 0.15) {
                    v = Double.NaN;
                }
                x[i * F + j] = v;
            }
        }
        return Binner.bin(x, N, F, 255, N, 7);
    }

    /** Logistic gradients at raw scores spread widely, so the hessians p(1 - p) span many orders of magnitude. */
    private static double[][] logisticGradients(BinnedData d, SplittableRandom r) {
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            double raw = 12 * r.nextGaussian() + 3 * (d.bin(i, 3) - 128) / 64.0;
            double p = 1 / (1 + Math.exp(-raw));
            double y = r.nextDouble() < p ? 1 : 0;
            g[i] = p - y;
            h[i] = Math.max(p * (1 - p), 1e-300);
        }
        return new double[][] {g, h};
    }

    private static HistTree grow(BinnedData d, double[] g, double[] h, int[] rows, boolean countFree, int minChild,
                                 int[] passes) {
        TreeGrower grower = new TreeGrower(d, new TreeGrower.Settings(31, -1, minChild, 1e-3, 0, 0, 0, 0, 0.1, false));
        grower.countFreeAllowed = countFree;
        boolean[] active = new boolean[F];
        Arrays.fill(active, true);
        HistTree t = grower.grow(g, h, 0, rows, rows.length, active);
        passes[0] += grower.countPasses.get();
        return t;
    }

    private static void assertSameTree(HistTree a, HistTree b) {
        assertArrayEquals(a.feature, b.feature);
        assertArrayEquals(a.thresholdBin, b.thresholdBin);
        assertArrayEquals(a.threshold, b.threshold);
        assertArrayEquals(a.defaultLeft, b.defaultLeft);
        assertArrayEquals(a.left, b.left);
        assertArrayEquals(a.right, b.right);
        assertArrayEquals(a.value, b.value);
        assertArrayEquals(a.gain, b.gain);
        assertArrayEquals(a.cover, b.cover);
        assertArrayEquals(a.count, b.count);
    }

    /**
     * L2 gradients (every hessian 1, or another constant): the grower gathers no hessians and reads a constant
     * array instead; the trees equal those grown with the hessians gathered, on all rows and on a subsample, with
     * the counted pass too.
     */
    @Test
    void constantHessiansNeedNoGather() {
        SplittableRandom r = new SplittableRandom(12);
        BinnedData d = data(r);
        double[] g = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = 0.3 * (d.bin(i, 3) - 128) / 64.0 + r.nextGaussian();
        }
        int[] all = new int[N];
        Arrays.setAll(all, i -> i);
        int[] some = java.util.stream.IntStream.range(0, N).filter(i -> i % 3 != 0).toArray();
        for (double c : new double[] {1.0, 0.25}) {
            double[] h = new double[N];
            Arrays.fill(h, c);
            for (int[] rows : new int[][] {all, some}) {
                for (boolean countFree : new boolean[] {true, false}) {
                    HistTree[] t = new HistTree[2];
                    for (int k = 0; k < 2; k++) {
                        TreeGrower grower = new TreeGrower(d, new TreeGrower.Settings(31, -1, 20, 1e-3, 0, 0, 0, 0, 0.1, false));
                        grower.countFreeAllowed = countFree;
                        grower.constHessAllowed = k == 0;
                        boolean[] active = new boolean[F];
                        Arrays.fill(active, true);
                        t[k] = grower.grow(g, h, 0, rows, rows.length, active);
                    }
                    org.junit.jupiter.api.Assertions.assertTrue(t[0].feature.length > 20, "a grown tree");
                    assertSameTree(t[0], t[1]);
                }
            }
        }
    }

    @Test
    void countFreeTreesEqualCountedTreesOnLogisticGradients() {
        SplittableRandom r = new SplittableRandom(11);
        BinnedData d = data(r);
        int[] all = new int[N];
        Arrays.setAll(all, i -> i);
        int[] free = new int[1];
        int[] counted = new int[1];
        int trees = 0;
        for (int minChild : new int[] {1, 20, 150}) {
            for (int rep = 0; rep < 4; rep++) {
                double[][] gh = logisticGradients(d, r);
                int[] rows = rep % 2 == 0 ? all : subsample(r);
                HistTree a = grow(d, gh[0], gh[1], rows, false, minChild, counted);
                HistTree b = grow(d, gh[0], gh[1], rows, true, minChild, free);
                assertTrue(a.nodeCount() > 20, "the trees split");
                assertSameTree(a, b);
                trees++;
            }
        }
        assertEquals(12, trees);
        assertEquals(0, counted[0], "the counting pass never needs extra counts");
        assertTrue(free[0] > 0, "some candidates were undecided by the hessian bounds and were counted");
    }

    @Test
    void constantHessiansNeverNeedCounts() {
        SplittableRandom r = new SplittableRandom(5);
        BinnedData d = data(r);
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = r.nextGaussian() + (d.bin(i, 0) > 2 ? 1 : 0);
            h[i] = 1;
        }
        int[] all = new int[N];
        Arrays.setAll(all, i -> i);
        int[] passes = new int[1];
        HistTree a = grow(d, g, h, all, false, 20, passes);
        HistTree b = grow(d, g, h, all, true, 20, passes);
        assertSameTree(a, b);
        assertEquals(0, passes[0], "with h = 1 the hessian sum is the row count");
    }

    private static int[] subsample(SplittableRandom r) {
        return java.util.stream.IntStream.range(0, N).filter(i -> r.nextDouble() < 0.6).toArray();
    }
}
