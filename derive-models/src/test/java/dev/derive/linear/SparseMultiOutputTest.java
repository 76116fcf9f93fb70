package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.TooLargeToDensifyException;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-output OLS and ridge ({@link MultiOutputRegressor#fitMulti}) on CSR features: each column equals the single-target
 * sparse fit, the dense multi-output fit, and for OLS numpy's exact least squares (fixture {@code linsparse3_sklearn.txt});
 * sparse prediction equals dense prediction; a matrix too large to densify works.
 */
class SparseMultiOutputTest {

    /** Three targets: y_reg, y_huber and their difference (the fixture's). */
    static Matrix targets() {
        double[] a = SparseLinearTest.FX.vector("y_reg");
        double[] b = SparseOlsTest.FX.vector("y_huber");
        Matrix y = Matrix.zeros(a.length, 3);
        for (int i = 0; i < a.length; i++) {
            y.set(i, 0, a[i]);
            y.set(i, 1, b[i]);
            y.set(i, 2, a[i] - 2 * b[i]);
        }
        return y;
    }

    static Dataset features(boolean sparse, double[] w) {
        Dataset d = SparseLinearTest.regression(sparse);
        return w == null ? d : d.withWeights(w);
    }

    @Test
    void olsMultiOutputOnSparseEqualsPerTargetAndDense() {
        Matrix y = targets();
        for (double[] w : new double[][] {null, SparseOlsTest.FX.vector("w")}) {
            for (String solver : new String[] {"auto", "cg"}) {
                LinearRegression l = LinearRegression.learner().solver(solver);
                MultiOutputLinearModel s = l.fitMulti(features(true, w), y);
                MultiOutputLinearModel d = LinearRegression.learner().fitMulti(features(false, w), y);
                assertEquals(1.0, s.report().extra().get("sparse"));
                double tol = solver.equals("cg") ? 1e-7 : 1e-9;
                assertArrayEquals(d.coefficients().toArray(), s.coefficients().toArray(), tol, solver);
                assertArrayEquals(d.intercepts(), s.intercepts(), tol, solver);
                for (int t = 0; t < 3; t++) {
                    Dataset one = Dataset.regression(SparseLinearTest.X, y.columnArray(t));
                    LinearModel single = l.fit(w == null ? one : one.withWeights(w));
                    assertArrayEquals(single.coefficients(), s.coefficients().columnArray(t), 1e-12, "target " + t);
                }
                double[] exact = SparseOlsTest.FX.vector(w == null ? "ols_exact_coef" : "ols_exact_w_coef");
                assertArrayEquals(exact, s.coefficients().columnArray(0), tol, "vs numpy lstsq");
                // the prediction differs by at most ||x_i||_1 (< 10 here) times the coefficient difference
                assertArrayEquals(d.predict(SparseLinearTest.X.toDense()).toArray(), s.predict(SparseLinearTest.X).toArray(), 10 * tol);
                assertArrayEquals(s.predict(SparseLinearTest.X.toDense()).toArray(), s.predict(SparseLinearTest.X).toArray(), 1e-12);
            }
        }
    }

    @Test
    void ridgeMultiOutputOnSparseEqualsPerTargetAndDense() {
        Matrix y = targets();
        double[] alphas = {0.5, 2.0, 10.0};
        Ridge l = Ridge.learner().tol(1e-12);
        MultiOutputLinearModel s = l.fitMulti(features(true, null), y, MultiOutputLinearModel.defaultTargetNames(3), alphas);
        MultiOutputLinearModel d = l.fitMulti(features(false, null), y, MultiOutputLinearModel.defaultTargetNames(3), alphas);
        assertEquals(1.0, s.report().extra().get("sparse"));
        assertTrue(s.report().converged());
        assertArrayEquals(d.coefficients().toArray(), s.coefficients().toArray(), 1e-9);
        assertArrayEquals(d.intercepts(), s.intercepts(), 1e-9);
        assertArrayEquals(alphas, s.alphas(), 0);
        for (int t = 0; t < 3; t++) {
            LinearModel single = l.alpha(alphas[t]).fit(Dataset.regression(SparseLinearTest.X, y.columnArray(t)));
            assertArrayEquals(single.coefficients(), s.coefficients().columnArray(t), 1e-12, "target " + t);
        }
        // an explicitly dense solver densifies with a warning
        MultiOutputLinearModel c = Ridge.learner().solver("cholesky").fitMulti(features(true, null), y);
        assertTrue(c.report().warnings().stream().anyMatch(m -> m.contains("densified")), c.report().warnings().toString());
    }

    /**
     * {@code ridge_cv} with several targets on CSR features runs {@code SparseRidgeCV} once for all targets (never the
     * dense design): both decompositions ({@code covariance}, rows &gt; features; {@code eigen}), each once weighted with one
     * alpha for all targets and an intercept, once unweighted with one alpha per target and no intercept. Each equals the
     * dense multi-output fit to 1e-9 (same alphas), and each column the single-target sparse fit at the same alpha bit for
     * bit (the LOO errors too).
     */
    @Test
    void ridgeCvMultiOutputOnSparseStaysSparseAndEqualsDense() {
        Matrix y = targets();
        double[] w = SparseOlsTest.FX.vector("w");
        for (String mode : new String[] {"covariance", "eigen"}) {
            for (int variant = 0; variant < 2; variant++) {
                // one alpha for all, weighted, with an intercept; one alpha per target, unweighted, without
                boolean perTarget = variant == 1;
                double[] wt = variant == 0 ? w : null;
                boolean intercept = variant == 0;
                String what = mode + " perTarget " + perTarget + " weights " + (wt != null) + " intercept " + intercept;
                RidgeCV l = RidgeCV.learner().alphaList(0.05, 0.5, 5, 50).gcvMode(mode).alphaPerTarget(perTarget)
                        .fitIntercept(intercept);
                MultiOutputLinearModel s = l.fitMulti(features(true, wt), y);
                MultiOutputLinearModel d = l.fitMulti(features(false, wt), y);
                assertEquals(1.0, s.report().extra().get("sparse"), what);
                assertEquals(mode, s.solver(), what);
                assertArrayEquals(d.alphas(), s.alphas(), 0, what + " alphas");
                assertArrayEquals(d.coefficients().toArray(), s.coefficients().toArray(), 1e-9, what + " coefficients");
                assertArrayEquals(d.intercepts(), s.intercepts(), 1e-9, what + " intercepts");
                RidgeCV.CvResult[] cvs = l.crossValidateMulti(features(true, wt), y);
                for (int t = 0; t < 3; t++) {
                    Dataset one = Dataset.regression(SparseLinearTest.X, y.columnArray(t));
                    one = wt == null ? one : one.withWeights(wt);
                    RidgeCV single = l.alphaList(s.alphas()[t]);
                    LinearModel m = single.fit(one);
                    assertArrayEquals(m.coefficients(), s.coefficients().columnArray(t), 0, what + " target " + t);
                    assertEquals(m.intercept(), s.intercepts()[t], 0, what + " intercept " + t);
                    // the single-target sparse LOO errors are checked against the dense ones in SparseRidgeCVTest
                    assertArrayEquals(l.crossValidate(one).meanErrors(), cvs[t].meanErrors(), 0, what + " LOO " + t);
                }
            }
        }
    }

    @Test
    void tallMatrixTooLargeToDensify() {
        Dataset big = SparseTestData.tall(21, 0);
        assertThrows(TooLargeToDensifyException.class, big::features);
        double[] y0 = big.target();
        Matrix y = Matrix.zeros(y0.length, 2);
        for (int i = 0; i < y0.length; i++) {
            y.set(i, 0, y0[i]);
            y.set(i, 1, -2 * y0[i] + 1);
        }
        MultiOutputLinearModel m = LinearRegression.learner().fitMulti(big, y, List.of("a", "b"));
        assertEquals("lsqr", m.solver());
        assertEquals(3, m.coefficients().get(0, 0), 0.01);
        assertEquals(-6, m.coefficients().get(0, 1), 0.02);
        SparseMatrix x = big.sparseFeatures();
        assertEquals(y0.length, m.predict(x).rows());
        MultiOutputLinearModel r = Ridge.learner().alpha(1).tol(1e-8).fitMulti(big, y);
        assertEquals(-2, r.coefficients().get(1, 0), 0.01);
    }
}
