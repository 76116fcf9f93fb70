package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.runtime.Parallelism;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Histogram passes by row chunks (all rows, and leaves of at least two chunks): with chunks of a few hundred
 * rows, so that small data exercises every chunked pass, the grown trees are bit-identical for 1, 2 and 3
 * threads, and equal the trees of the plain passes up to the rounding of the sums' association: same splits,
 * counts and missing directions, values and gains to 1e-12 relative.
 */
class TreeGrowerChunksTest {

    private static final int N = 6000;
    private static final int F = 7;

    private static BinnedData data(SplittableRandom r) {
        double[] x = new double[N * F];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < F; j++) {
                double v = j == 0 ? r.nextInt(9) : j == 1 ? Math.exp(2 * r.nextGaussian()) : r.nextGaussian();
                if ((j == 2 || j == 5) && r.nextDouble() < 0.1) {
                    v = Double.NaN;
                }
                x[i * F + j] = v;
            }
        }
        return Binner.bin(x, N, F, 255, N, 3);
    }

    private record Grown(HistTree tree, int chunked) {
    }

    private static Grown grow(BinnedData d, double[] g, double[] h, int[] rows, int chunkRows, boolean countFree,
                              boolean[] active) {
        TreeGrower grower = new TreeGrower(d, new TreeGrower.Settings(31, -1, 20, 1e-3, 0, 0, 0, 0, 0.1, false));
        grower.chunkRows = chunkRows;
        grower.countFreeAllowed = countFree;
        HistTree t = grower.grow(g, h, 0, rows, rows.length, active);
        return new Grown(t, grower.chunkedPasses);
    }

    @Test
    void chunkedPassesGrowTheSameTreesForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(21);
        BinnedData d = data(r);
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            double raw = 2 * r.nextGaussian() + (d.bin(i, 3) - 128) / 64.0 - (d.bin(i, 1) - 128) / 96.0;
            double p = 1 / (1 + Math.exp(-raw));
            g[i] = p - (r.nextDouble() < p ? 1 : 0);
            h[i] = p * (1 - p);
        }
        int[] all = IntStream.range(0, N).toArray();
        int[] some = IntStream.range(0, N).filter(i -> i % 4 != 1).toArray();
        // 6 active features (a sampled-out column takes no place in the lanes) and 7: on 1, 2 and 3 threads their lanes
        // hold quads, triples, pairs and singles, on a leaf's rows and on all rows in order, so every kernel is compared
        boolean[] six = new boolean[F];
        Arrays.fill(six, true);
        six[4] = false;
        boolean[] seven = new boolean[F];
        Arrays.fill(seven, true);
        int before = Parallelism.threads();
        try {
            for (boolean[] active : new boolean[][] {six, seven}) {
                for (int[] rows : new int[][] {all, some}) {
                    for (boolean countFree : new boolean[] {true, false}) {
                        Parallelism.setThreads(1);
                        Grown plain = grow(d, g, h, rows, Integer.MAX_VALUE / 4, countFree, active);
                        Grown one = grow(d, g, h, rows, 128, countFree, active);
                        assertEquals(0, plain.chunked());
                        assertTrue(one.chunked() > 3, "leaves too went by chunks: " + one.chunked());
                        assertTrue(one.tree().nodeCount() > 40, "a grown tree");
                        for (int t : new int[] {2, 3}) {
                            Parallelism.setThreads(t);
                            Grown many = grow(d, g, h, rows, 128, countFree, active);
                            assertArrayEquals(one.tree().feature, many.tree().feature);
                            assertArrayEquals(one.tree().thresholdBin, many.tree().thresholdBin);
                            assertArrayEquals(one.tree().value, many.tree().value);
                            assertArrayEquals(one.tree().gain, many.tree().gain);
                            assertArrayEquals(one.tree().cover, many.tree().cover);
                        }
                        HistTree a = plain.tree();
                        HistTree b = one.tree();
                        assertArrayEquals(a.feature, b.feature);
                        assertArrayEquals(a.thresholdBin, b.thresholdBin);
                        assertArrayEquals(a.defaultLeft, b.defaultLeft);
                        assertArrayEquals(a.left, b.left);
                        assertArrayEquals(a.count, b.count);
                        double maxGain = Arrays.stream(a.gain).map(Math::abs).max().orElse(1);
                        for (int k = 0; k < a.value.length; k++) {
                            assertEquals(a.value[k], b.value[k], 1e-12 * Math.abs(a.value[k]) + 1e-15);
                            assertEquals(a.cover[k], b.cover[k], 1e-12 * Math.abs(a.cover[k]));
                            assertEquals(a.gain[k], b.gain[k], 1e-12 * maxGain);
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }
    /**
     * The histogram lane plans are kept from tree to tree while the active features stay the same: a grower that
     * grew trees on other feature subsets first grows the same tree as a fresh grower, at 1 and 2 threads.
     */
    @Test
    void lanePlansFollowTheActiveFeatures() {
        SplittableRandom r = new SplittableRandom(4);
        BinnedData d = data(r);
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = (d.bin(i, 3) - 128) / 64.0 - (d.bin(i, 6) - 128) / 80.0 + r.nextGaussian();
            h[i] = 0.5 + r.nextDouble();
        }
        int[] rows = IntStream.range(0, N).toArray();
        boolean[][] subsets = {
            {false, true, false, true, true, false, true},
            {true, false, true, true, false, true, true},
            {true, true, true, true, true, true, true},
        };
        int before = Parallelism.threads();
        try {
            for (int t : new int[] {1, 2}) {
                Parallelism.setThreads(t);
                TreeGrower reused = new TreeGrower(d, new TreeGrower.Settings(31, -1, 20, 1e-3, 0, 0, 0, 0, 0.1, false));
                for (int round = 0; round < 2; round++) {
                    for (boolean[] active : subsets) {
                        HistTree a = reused.grow(g, h, 0, rows, N, active);
                        TreeGrower fresh = new TreeGrower(d, new TreeGrower.Settings(31, -1, 20, 1e-3, 0, 0, 0, 0, 0.1, false));
                        HistTree b = fresh.grow(g, h, 0, rows, N, active);
                        assertTrue(a.nodeCount() > 40, "a grown tree");
                        assertArrayEquals(b.feature, a.feature);
                        assertArrayEquals(b.thresholdBin, a.thresholdBin);
                        assertArrayEquals(b.value, a.value);
                        for (int k = 0; k < a.feature.length; k++) {
                            assertTrue(a.feature[k] < 0 || active[a.feature[k]], "splits only on active features");
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
