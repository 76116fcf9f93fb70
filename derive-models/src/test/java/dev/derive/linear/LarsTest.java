package dev.derive.linear;

import static dev.derive.linear.ElasticNetTest.FX;
import static dev.derive.linear.ElasticNetTest.assertClose;
import static dev.derive.linear.ElasticNetTest.assertKkt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** LAR, LARS-lasso and LassoLarsIC against scikit-learn 1.2.1's lars_path / LassoLarsIC and against the theory. */
class LarsTest {

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static void assertPath(Lars.Path path, String prefix) {
        assertPath(path, prefix, Integer.MAX_VALUE);
    }

    /** Compares the first {@code knots} knots (all, and their number, when knots = MAX_VALUE). */
    static void assertPath(Lars.Path path, String prefix, int knots) {
        double[] refA = FX.vector(prefix + "_alphas");
        Matrix refC = FX.matrix(prefix + "_coefs");
        if (knots == Integer.MAX_VALUE) {
            assertEquals(refA.length, path.alphas().length, prefix + " number of knots");
            knots = refA.length;
        }
        assertClose(java.util.Arrays.copyOf(refA, knots), java.util.Arrays.copyOf(path.alphas(), knots), 1e-8, prefix + " alphas");
        double floor = refC.normMax();
        for (int k = 0; k < knots; k++) {
            assertClose(refC.columnArray(k), path.coef(k), 1e-8, floor * 1e-3, prefix + " coefs at knot " + k);
        }
    }

    @Test
    void larPathMatchesScikitLearnAndTheActiveSetGrowsByOne() {
        Matrix x = FX.matrix("diabetes_X");
        double[] y = FX.vector("diabetes_y");
        Lars.Path path = Lars.path(x, y, null, true, "lar", 500, false);
        // scikit-learn 1.2.1's lars_path(method='lar') flips the sign used for the equiangular direction when
        // an active coefficient crosses zero and then skips adding the feature that ties at the next knot;
        // Efron et al.'s LAR keeps the correlation signs. On raw diabetes the crossing is in the step that
        // ends at knot 8, so the paths agree on knots 0..8 and the order of the first 8 entries, and differ
        // afterwards (scikit-learn's knot 9 no longer has equal active correlations: 3.29 vs 0.80).
        assertPath(path, "lar", 9);
        double[] refActive = FX.vector("lar_active");
        for (int j = 0; j < 8; j++) {
            assertEquals((int) refActive[j], path.added()[j], "order of entry " + j);
        }
        assertEquals(10, path.added().length);
        assertEquals(11, path.alphas().length, "LAR: p steps to least squares");
        assertEquals(0, path.drops());
        for (int k = 0; k < path.alphas().length; k++) {
            int nz = 0;
            for (double v : path.coef(k)) {
                nz += v != 0 ? 1 : 0;
            }
            assertEquals(k, nz, "LAR: one more feature per step");
            // equal correlations: |x_j'r|/n = alpha for the active features, <= alpha for the others
            double[] r = residual(x, y, path.intercepts()[k], path.coef(k));
            double[] c = x.tmvmul(r);
            double a = path.alphas()[k];
            double scale = path.alphas()[0];
            for (int j = 0; j < c.length; j++) {
                if (path.coef(k)[j] != 0) {
                    assertEquals(a, Math.abs(c[j]) / y.length, 1e-9 * scale, "equiangular " + k + "," + j);
                } else {
                    assertTrue(Math.abs(c[j]) / y.length <= a + 1e-9 * scale);
                }
            }
        }
        // the last knot is the least-squares fit
        double[] ols = LinearRegression.learner().fit(diabetes()).coefficients();
        assertClose(ols, path.coef(path.alphas().length - 1), 1e-8, "LAR ends at OLS");
        assertEquals(0.0, path.alphas()[path.alphas().length - 1]);
    }

    static double[] residual(Matrix x, double[] y, double b0, double[] b) {
        double[] f = x.mvmul(b);
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[i] - b0 - f[i];
        }
        return r;
    }

    @Test
    void larsLassoPathMatchesScikitLearnSatisfiesKktAndEqualsCoordinateDescent() {
        Matrix x = FX.matrix("diabetes_X");
        double[] y = FX.vector("diabetes_y");
        Lars.Path path = Lars.path(x, y, null, true, "lasso", 500, false);
        assertPath(path, "larlasso");
        assertTrue(path.drops() > 0, "diabetes (raw) has lasso drops on its path");
        for (int k = 0; k < path.alphas().length - 1; k++) {
            assertKkt(x, y, null, path.intercepts()[k], path.coef(k), path.alphas()[k], 1, false, true, 1e-8);
        }
        Dataset d = diabetes();
        for (int k : new int[] {2, 7, 12}) {
            double a = path.alphas()[k];
            PenalizedLinearModel m = Lasso.learner().alpha(a).tol(1e-14).maxIter(1_000_000).fit(d);
            assertClose(path.coef(k), m.coefficients(), 1e-6, "CD lasso = LARS lasso at knot " + k);
        }
        Lars.Path bc = Lars.path(FX.matrix("bc_X"), FX.vector("bc_y"), null, true, "lasso", 500, false);
        assertPath(bc, "bc_larlasso");
    }

    @Test
    void positiveLarsLassoEqualsPositiveCoordinateDescentAtItsKnots() {
        Matrix x = FX.matrix("diabetes_X");
        double[] y = FX.vector("diabetes_y");
        Lars.Path path = Lars.path(x, y, null, true, "lasso", 500, true);
        Dataset d = diabetes();
        for (int k = 1; k < path.alphas().length - 1; k++) {
            for (double v : path.coef(k)) {
                assertTrue(v >= 0, "nonnegative at knot " + k);
            }
            assertKkt(x, y, null, path.intercepts()[k], path.coef(k), path.alphas()[k], 1, true, true, 1e-8);
            PenalizedLinearModel m = Lasso.learner().alpha(path.alphas()[k]).positive(true).tol(1e-14).maxIter(1_000_000).fit(d);
            assertClose(path.coef(k), m.coefficients(), 1e-6, "positive CD = positive LARS-lasso at knot " + k);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Lars.path(x, y, null, true, "lasso2", 500, false));
    }

    @Test
    void lassoLarsIcMatchesScikitLearn() {
        for (String crit : new String[] {"aic", "bic"}) {
            PenalizedLinearModel m = LassoLarsIC.learner().criterion(crit).fit(diabetes());
            assertEquals(FX.scalar("ic_" + crit + "_alpha"), m.alpha(), 1e-8 * FX.vector("larlasso_alphas")[0]);
            assertClose(FX.vector("ic_" + crit + "_coef"), m.coefficients(), 1e-8, crit + " coef");
            assertEquals(FX.scalar("ic_" + crit + "_intercept"), m.intercept(), 1e-8 * Math.abs(m.intercept()));
            assertClose(FX.vector("ic_" + crit + "_criterion"), m.gridScores(), 1e-10, crit + " criterion path");
            assertEquals(FX.scalar("ic_" + crit + "_noise_variance"), m.report().extra().get("noise_variance"),
                    1e-10 * FX.scalar("ic_" + crit + "_noise_variance"));
        }
    }

    @Test
    void larsLearnerAndDegenerateColumns() {
        PenalizedLinearModel m = Lars.learner().nNonzeroCoefs(3).fit(diabetes());
        assertEquals(3, m.nonZero());
        Matrix ref = FX.matrix("lar_coefs");
        assertClose(ref.columnArray(3), m.coefficients(), 1e-8, "3 LAR steps");
        // a duplicated and a constant column: finite, the constant column never enters
        Dataset c = Dataset.regression(FX.matrix("collinear_X"), FX.vector("diabetes_y"));
        PenalizedLinearModel mc = Lars.learner().fit(c);
        for (double v : mc.predict(c.features())) {
            assertFalse(Double.isNaN(v));
        }
        double[] b = mc.coefficients();
        assertEquals(0.0, b[b.length - 1]);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.concat(LearnerContract.tests(Lars.learner().nNonzeroCoefs(5), diabetes()),
                Stream.concat(LearnerContract.tests(LassoLarsIC.learner(), diabetes()),
                        LearnerContract.tests(LassoLarsIC.learner().criterion("bic"), diabetes())));
    }
}
