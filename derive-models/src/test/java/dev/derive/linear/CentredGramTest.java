package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Blas;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gram matrix and {@code X~'y} of the centred, weighted design computed block by block without forming it
 * ({@link CoordinateDescent#ofCentred}) against the explicitly formed design, and independent of the thread count.
 * 60,000 x 20 gives three row chunks; one feature has mean 1e4 and unit spread (where {@code X'X - n m m'} would
 * lose about 8 digits). A second design has small means (|m_j| <= 0.5, spreads 0.5 to 3): without weights its
 * centred Gram matrix is taken as {@code X'X - n m m'} ({@link CoordinateDescent#rankOneCentring}), checked the
 * same way.
 */
class CentredGramTest {

    static final int N = 60_000;
    static final int P = 20;

    static Matrix design(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(N, P);
        for (int j = 0; j < P; j++) {
            double shift = j == 3 ? 1e4 : r.nextDouble(-2, 2);
            double scale = j == 3 ? 1 : r.nextDouble(0.5, 3);
            for (int i = 0; i < N; i++) {
                x.set(i, j, shift + scale * r.nextGaussian());
            }
        }
        return x;
    }

    /** Means within [-0.5, 0.5], spreads 0.5 to 3: centring keeps at least half of each raw sum of squares. */
    static Matrix smallMeanDesign(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(N, P);
        for (int j = 0; j < P; j++) {
            double shift = r.nextDouble(-0.5, 0.5);
            double scale = r.nextDouble(0.5, 3);
            for (int i = 0; i < N; i++) {
                x.set(i, j, shift + scale * r.nextGaussian());
            }
        }
        return x;
    }

    static double[] target(Matrix x, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = 3 + 2 * x.get(i, 0) - x.get(i, 3) + 0.5 * x.get(i, 7) + r.nextGaussian();
        }
        return y;
    }

    static double[] weights(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            w[i] = r.nextDouble(0, 2);
        }
        return w;
    }

    @Test
    void blockedProductsMatchTheExplicitlyCentredDesign() {
        Matrix x = design(1);
        double[] y = target(x, 2);
        double[] b = new SplittableRandom(3).doubles(P, -1, 1).toArray();
        for (double[] w : new double[][] {null, weights(4)}) {
            for (boolean intercept : new boolean[] {true, false}) {
                PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, y, w, intercept);
                CoordinateDescent blocked = CoordinateDescent.ofCentred(d, true);
                PenalizedDesign full = d.design();
                CoordinateDescent explicit = CoordinateDescent.of(full.x(), full.y(), true);
                assertTrue(blocked.usesGram());
                // X~'(y~ - X~ b) = X~'y~ - G b: checks X~'y~ and every column of G
                for (double[] v : new double[][] {new double[P], b}) {
                    double[] c1 = blocked.correlations(v);
                    double[] c2 = explicit.correlations(v);
                    for (int j = 0; j < P; j++) {
                        double scale = Math.sqrt(explicit.yy() * full.x().column(j).normFrobenius() * full.x().column(j).normFrobenius())
                                + Math.abs(c2[j]);
                        assertEquals(c2[j], c1[j], 1e-12 * scale, "w " + (w != null) + " intercept " + intercept + " j " + j);
                    }
                }
                assertArrayEquals(CoordinateDescent.centredXty(d), blocked.xty(), "grid and solver share X~'y~ bit for bit");
                assertArrayEquals(CoordinateDescent.centredXty(d), CoordinateDescent.ofCentred(d, false).xty());
            }
        }
    }

    @Test
    void sameBitsWhateverTheThreadCount() {
        Matrix x = design(5);
        double[] y = target(x, 6);
        double[] w = weights(7);
        int before = Parallelism.threads();
        try {
            ElasticNetPath.Path[] paths = new ElasticNetPath.Path[3];
            double[][] corr = new double[3][];
            for (int t = 1; t <= 3; t++) {
                Parallelism.setThreads(t);
                PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, y, w, true);
                corr[t - 1] = CoordinateDescent.ofCentred(d, true).correlations(new double[P]);
                paths[t - 1] = ElasticNetPath.compute(x, y, w, ElasticNetPath.Settings.lasso(), 8, 1e-2);
                assertEquals(t, Blas.threads(), "the OpenBLAS thread count is restored after the Gram");
            }
            for (int t = 1; t < 3; t++) {
                assertArrayEquals(corr[0], corr[t]);
                assertArrayEquals(paths[0].alphas(), paths[t].alphas());
                assertArrayEquals(paths[0].coefs().toArray(), paths[t].coefs().toArray());
                assertArrayEquals(paths[0].intercepts(), paths[t].intercepts());
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void rankOneCentringOnlyWhereItCannotCancel() {
        Matrix small = smallMeanDesign(8);
        double[] y = target(small, 9);
        assertTrue(CoordinateDescent.rankOneCentring(PenalizedDesign.prepare(small, y, null, true)));
        assertTrue(CoordinateDescent.rankOneCentring(PenalizedDesign.prepare(small, y, null, false)), "no intercept: means 0");
        assertFalse(CoordinateDescent.rankOneCentring(PenalizedDesign.prepare(small, y, weights(10), true)), "weights: explicit");
        Matrix big = design(1);
        assertFalse(CoordinateDescent.rankOneCentring(PenalizedDesign.prepare(big, target(big, 2), null, true)),
                "a feature of mean 1e4 and unit spread would lose 8 digits");
    }

    @Test
    void rankOneProductsMatchTheExplicitlyCentredDesign() {
        Matrix x = smallMeanDesign(11);
        double[] y = target(x, 12);
        double[] b = new SplittableRandom(13).doubles(P, -1, 1).toArray();
        for (boolean intercept : new boolean[] {true, false}) {
            PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, y, null, intercept);
            assertTrue(CoordinateDescent.rankOneCentring(d));
            CoordinateDescent blocked = CoordinateDescent.ofCentred(d, true);
            PenalizedDesign full = d.design();
            CoordinateDescent explicit = CoordinateDescent.of(full.x(), full.y(), true);
            for (double[] v : new double[][] {new double[P], b}) {
                double[] c1 = blocked.correlations(v);
                double[] c2 = explicit.correlations(v);
                for (int j = 0; j < P; j++) {
                    double scale = Math.sqrt(explicit.yy() * full.x().column(j).normFrobenius() * full.x().column(j).normFrobenius())
                            + Math.abs(c2[j]);
                    assertEquals(c2[j], c1[j], 1e-12 * scale, "intercept " + intercept + " j " + j);
                }
            }
            // the Gram entries themselves, against the explicitly centred X~'X~, relative to ||x~_i|| ||x~_j||
            Matrix g = full.x().gram();
            for (int i = 0; i < P; i++) {
                double[] ei = new double[P];
                ei[i] = 1;
                double[] gi1 = blocked.correlations(ei);
                double[] gi0 = blocked.correlations(new double[P]);
                for (int j = 0; j < P; j++) {
                    double scale = Math.sqrt(g.get(i, i) * g.get(j, j));
                    assertEquals(g.get(j, i), gi0[j] - gi1[j], 1e-13 * scale, "G[" + j + "," + i + "]");
                }
            }
            assertArrayEquals(CoordinateDescent.centredXty(d), blocked.xty(), "grid and solver share X~'y~ bit for bit");
            assertArrayEquals(CoordinateDescent.centredXty(d), CoordinateDescent.ofCentred(d, false).xty());
        }
    }

    @Test
    void rankOnePathSameBitsWhateverTheThreadCount() {
        Matrix x = smallMeanDesign(14);
        double[] y = target(x, 15);
        int before = Parallelism.threads();
        try {
            ElasticNetPath.Path[] paths = new ElasticNetPath.Path[3];
            for (int t = 1; t <= 3; t++) {
                Parallelism.setThreads(t);
                paths[t - 1] = ElasticNetPath.compute(x, y, null, ElasticNetPath.Settings.lasso(), 8, 1e-2);
                assertEquals(t, Blas.threads(), "the OpenBLAS thread count is restored after the Gram");
            }
            for (int t = 1; t < 3; t++) {
                assertArrayEquals(paths[0].alphas(), paths[t].alphas());
                assertArrayEquals(paths[0].coefs().toArray(), paths[t].coefs().toArray());
                assertArrayEquals(paths[0].intercepts(), paths[t].intercepts());
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void fusedPreparationStillRejectsNonFiniteFeatures() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Matrix x = smallMeanDesign(16);
            x.set(123, 5, bad);
            double[] y = new double[N];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PenalizedDesign.prepare(x, y, null, true));
            assertTrue(e.getMessage().contains("X has NaN or infinite entries"), e.getMessage());
        }
        // finite but with overflowing squares: accepted, and the rank-1 form declined
        Matrix x = smallMeanDesign(17);
        x.set(7, 2, 1e200);
        PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, new double[N], null, true);
        assertFalse(CoordinateDescent.rankOneCentring(d));
    }
}
