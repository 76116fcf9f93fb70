package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The split scan's plain gain ({@code g^2 / (h + lambda)} per child, used without L1, output clipping, bounds or
 * monotone constraints) chooses the splits of the general gain {@code -(2 T(g) o + (h + lambda) o^2)} at the
 * clipped output o: a tree grown with a vanishing L1 penalty (alpha = 1e-300, which changes no gradient sum but
 * takes the general path) has the same splits, counts and values, and gains equal to rounding. Checked with
 * counted and count-free histograms, with and without L2.
 */
class TreeGrowerScanTest {

    private static final int N = 5000;
    private static final int F = 5;

    @Test
    void plainGainChoosesTheSplitsOfTheGeneralGain() {
        SplittableRandom r = new SplittableRandom(8);
        double[] x = new double[N * F];
        for (int i = 0; i < N * F; i++) {
            x[i] = i % F == 0 ? r.nextInt(12) : r.nextDouble() < 0.05 ? Double.NaN : r.nextGaussian();
        }
        BinnedData d = Binner.bin(x, N, F, 255, N, 5);
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            double raw = 1.5 * r.nextGaussian() + 0.4 * x[i * F] - (Double.isNaN(x[i * F + 2]) ? 1 : x[i * F + 2]);
            double p = 1 / (1 + Math.exp(-raw));
            g[i] = p - (r.nextDouble() < p ? 1 : 0);
            h[i] = p * (1 - p);
        }
        int[] rows = new int[N];
        Arrays.setAll(rows, i -> i);
        boolean[] active = new boolean[F];
        Arrays.fill(active, true);
        int trees = 0;
        for (double lambda : new double[] {0, 1.5}) {
            for (boolean countFree : new boolean[] {true, false}) {
                HistTree[] t = new HistTree[2];
                for (int k = 0; k < 2; k++) {
                    double alpha = k == 0 ? 0 : 1e-300;
                    TreeGrower grower = new TreeGrower(d,
                            new TreeGrower.Settings(31, -1, 20, 1e-3, lambda, alpha, 0, 0, 0.1, false));
                    grower.countFreeAllowed = countFree;
                    t[k] = grower.grow(g, h, 0, rows, N, active);
                }
                assertTrue(t[0].nodeCount() > 40, "a grown tree");
                assertArrayEquals(t[1].feature, t[0].feature);
                assertArrayEquals(t[1].thresholdBin, t[0].thresholdBin);
                assertArrayEquals(t[1].defaultLeft, t[0].defaultLeft);
                assertArrayEquals(t[1].count, t[0].count);
                assertArrayEquals(t[1].value, t[0].value);
                double maxGain = Arrays.stream(t[1].gain).map(Math::abs).max().orElse(1);
                for (int q = 0; q < t[0].gain.length; q++) {
                    assertEquals(t[1].gain[q], t[0].gain[q], 1e-13 * maxGain);
                }
                trees++;
            }
        }
        assertEquals(4, trees);
    }

    /**
     * The plain scan's three passes ({@code TreeGrower.scanPlain}: left sums, branch-free gains, candidates offered
     * in order unless below the best) grow bit-identical trees to the bin-by-bin loop: with and without missing
     * values, counted and count-free histograms (whose near-bound candidates need a recount), with and without L2,
     * small leaves with many empty bins, and ties (a feature duplicated).
     */
    @Test
    void plainScanPassesGrowTheTreesOfTheBinByBinLoop() {
        SplittableRandom r = new SplittableRandom(17);
        int n = 3000;
        int f = 6;
        double[] x = new double[n * f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double v = j == 0 ? r.nextInt(40) : j == 3 ? x[i * f + 1] : r.nextGaussian();  // feature 3 ties feature 1
                x[i * f + j] = j == 2 && r.nextDouble() < 0.1 ? Double.NaN : v;
            }
        }
        BinnedData d = Binner.bin(x, n, f, 255, n, 5);
        double[] g = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            double raw = r.nextGaussian() + 0.1 * x[i * f] - (Double.isNaN(x[i * f + 2]) ? 1 : x[i * f + 2]);
            double p = 1 / (1 + Math.exp(-raw));
            g[i] = p - (r.nextDouble() < p ? 1 : 0);
            h[i] = p * (1 - p);
        }
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        boolean[] active = new boolean[f];
        Arrays.fill(active, true);
        for (double lambda : new double[] {0, 1.5}) {
            for (boolean countFree : new boolean[] {true, false}) {
                for (int minChild : new int[] {1, 20}) {
                    HistTree[] t = new HistTree[2];
                    for (int k = 0; k < 2; k++) {
                        TreeGrower grower = new TreeGrower(d,
                                new TreeGrower.Settings(63, -1, minChild, 1e-3, lambda, 0, 0, 0, 0.1, false));
                        grower.countFreeAllowed = countFree;
                        grower.plainScanMinBins = k == 0 ? Integer.MAX_VALUE : TreeGrower.PLAIN_SCAN_MIN_BINS;
                        t[k] = grower.grow(g, h, 0, rows, n, active);
                    }
                    assertTrue(t[0].nodeCount() > 80, "a grown tree");
                    assertArrayEquals(t[0].feature, t[1].feature);
                    assertArrayEquals(t[0].thresholdBin, t[1].thresholdBin);
                    assertArrayEquals(t[0].defaultLeft, t[1].defaultLeft);
                    assertArrayEquals(t[0].count, t[1].count);
                    assertArrayEquals(t[0].value, t[1].value);
                    assertArrayEquals(t[0].gain, t[1].gain);
                    assertArrayEquals(t[0].cover, t[1].cover);
                }
            }
        }
    }
}
