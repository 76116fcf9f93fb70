package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.TooLargeToDensifyException;
import dev.derive.linalg.SparseMatrix;
import org.junit.jupiter.api.Test;

/**
 * Sequential strong-rule screening with the KKT check in the sparse elastic-net path ({@link SparseElasticNet#path}),
 * used by {@link LassoCV}/{@link ElasticNetCV} on CSR data: the screened path equals the unscreened one and the dense
 * path to solver tolerance, the rule does leave features out, and the CV fits work on a matrix too large to densify.
 * The unscreened sparse and the dense paths are checked against scikit-learn in {@link SparseCvTest}.
 */
class SparseScreeningTest {

    static double maxDiff(ElasticNetPath.Path a, ElasticNetPath.Path b) {
        double m = 0;
        double[] x = a.coefs().toArray();
        double[] y = b.coefs().toArray();
        assertEquals(x.length, y.length);
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        for (int k = 0; k < a.intercepts().length; k++) {
            m = Math.max(m, Math.abs(a.intercepts()[k] - b.intercepts()[k]));
        }
        return m;
    }

    /** The KKT residual of {@code 1/(2n)||y - b0 - Xb||^2 + alpha rho |b|_1 + alpha (1-rho)/2 |b|^2} at path point {@code k}. */
    static double kkt(SparseMatrix x, double[] y, ElasticNetPath.Path path, int k, double rho) {
        int n = x.rows();
        double[] b = path.coef(k);
        double[] xb = x.mvmul(b);
        double[] r = new double[n];
        double rs = 0;
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - path.intercepts()[k] - xb[i];
            rs += r[i];
        }
        double[] g = x.tmvmul(r);
        double alpha = path.alphas()[k];
        double worst = Math.abs(rs / n);
        for (int j = 0; j < b.length; j++) {
            double gj = -g[j] / n + alpha * (1 - rho) * b[j];
            double l1 = alpha * rho;
            double v = b[j] != 0 ? Math.abs(gj + l1 * Math.signum(b[j])) : Math.max(Math.abs(gj) - l1, 0);
            worst = Math.max(worst, v);
        }
        return worst;
    }

    void checkScreenedEqualsUnscreened(Dataset sparse, Dataset dense, double rho, boolean positive, String what) {
        ElasticNetPath.Settings s = ElasticNetPath.Settings.lasso().withL1Ratio(rho).withPositive(positive).withTol(1e-12)
                .withMaxIter(1_000_000);
        SparseMatrix x = sparse.sparseFeatures();
        double[] y = sparse.target();
        ElasticNetPath.Path on = SparseElasticNet.path(x, y, sparse.weights(), s, 40, 1e-3);
        ElasticNetPath.Path off = SparseElasticNet.path(x, y, sparse.weights(), s.withScreening(false), 40, 1e-3);
        ElasticNetPath.Path den = ElasticNetPath.compute(dense.features(), dense.target(), dense.weights(), s, 40, 1e-3);
        assertTrue(on.screened() > 0, what + ": the strong rule left nothing out");
        assertEquals(0L, off.screened(), what);
        assertTrue(on.converged() && off.converged(), what);
        assertTrue(maxDiff(on, off) < 1e-8, what + ": screened vs unscreened " + maxDiff(on, off));
        assertTrue(maxDiff(on, den) < 1e-7, what + ": sparse screened vs dense " + maxDiff(on, den));
        for (int k = 0; k < on.alphas().length; k++) {
            assertEquals(off.alphas()[k], on.alphas()[k], 0.0);
            if (sparse.weights() == null && !positive) {
                assertTrue(kkt(x, y, on, k, rho) < 1e-7, what + ": KKT at alpha " + k + " = " + kkt(x, y, on, k, rho));
            }
            // the same zero pattern where the coefficients are clearly nonzero or zero
            for (int j = 0; j < x.cols(); j++) {
                double a = on.coefs().get(j, k);
                double b = off.coefs().get(j, k);
                if (Math.abs(b) > 1e-6) {
                    assertTrue(a != 0, what + ": feature " + j + " dropped at alpha " + k);
                }
            }
        }
    }

    @Test
    void screenedPathEqualsUnscreenedAndDense() {
        Dataset sparse = SparseLinearTest.regression(true);
        Dataset dense = SparseLinearTest.regression(false);
        checkScreenedEqualsUnscreened(sparse, dense, 1.0, false, "lasso");
        checkScreenedEqualsUnscreened(sparse, dense, 0.5, false, "enet 0.5");
        checkScreenedEqualsUnscreened(sparse, dense, 1.0, true, "positive lasso");
        double[] w = SparseCvTest.FX.vector("ridge_w");
        checkScreenedEqualsUnscreened(sparse.withWeights(w), dense.withWeights(w), 0.8, false, "weighted enet 0.8");
    }

    @Test
    void kktCheckReadmitsWhatTheStrongRuleWronglyDrops() {
        // a coarse grid (big steps in alpha) makes the strong rule's assumption (|x_j'r| changes by at most
        // n rho |alpha_k - alpha_{k-1}|) fail for some features; the KKT check must bring them back
        Dataset sparse = SparseLinearTest.regression(true);
        ElasticNetPath.Settings s = ElasticNetPath.Settings.lasso().withTol(1e-12).withMaxIter(1_000_000);
        SparseMatrix x = sparse.sparseFeatures();
        double[] alphas = {0.5, 0.3, 0.1, 0.05, 0.02, 0.01, 0.003, 0.001};
        ElasticNetPath.Path on = SparseElasticNet.path(x, sparse.target(), null, s, alphas);
        ElasticNetPath.Path off = SparseElasticNet.path(x, sparse.target(), null, s.withScreening(false), alphas);
        assertTrue(maxDiff(on, off) < 1e-8, "coarse grid: " + maxDiff(on, off));
        ElasticNetPath.Path den = ElasticNetPath.compute(SparseLinearTest.regression(false).features(), sparse.target(), null, s, alphas);
        assertEquals(den.kktAdds(), on.kktAdds(), "the sparse and the dense rule re-admit the same features");
        assertEquals(den.screened(), on.screened(), "the sparse and the dense rule screen the same pairs");
    }

    @Test
    void lassoCvOnRealDigitsSparseEqualsDense() throws Exception {
        Dataset sparse = SparseTestData.digits(true);
        Dataset dense = SparseTestData.digits(false);
        LassoCV l = LassoCV.learner().nAlphas(20).cv(3).tol(1e-10).maxIter(100_000);
        PenalizedLinearModel s = l.fit(sparse);
        PenalizedLinearModel d = l.fit(dense);
        assertEquals(1.0, s.report().extra().get("sparse"));
        assertEquals(d.alpha(), s.alpha(), 1e-12 * d.alpha());
        assertTrue(SparseCvTest.relDiff(s.gridScores(), d.gridScores()) < 1e-8, "CV scores");
        assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-6);
        assertEquals(d.intercept(), s.intercept(), 1e-6);
        ElasticNetPath.Settings st = ElasticNetPath.Settings.lasso().withTol(1e-10).withMaxIter(100_000);
        ElasticNetPath.Path on = SparseElasticNet.path(sparse.sparseFeatures(), sparse.target(), null, st, 30, 1e-3);
        ElasticNetPath.Path off = SparseElasticNet.path(sparse.sparseFeatures(), sparse.target(), null, st.withScreening(false), 30, 1e-3);
        assertTrue(on.screened() > 0);
        assertTrue(maxDiff(on, off) < 1e-6, "digits path " + maxDiff(on, off));
    }

    @Test
    void lassoCvOnAMatrixTooLargeToDensify() {
        Dataset big = SparseTestData.tall(5, 0);
        assertThrows(TooLargeToDensifyException.class, big::features);
        ElasticNetPath.Settings st = ElasticNetPath.Settings.lasso().withTol(1e-6).withMaxIter(10_000);
        // 20 alphas over 2 decades: consecutive ratio 0.785, so the strong-rule threshold n (2 alpha_k - alpha_{k-1}) is positive
        ElasticNetPath.Path on = SparseElasticNet.path(big.sparseFeatures(), big.target(), null, st, 20, 1e-2);
        System.out.println("tall: screened " + on.screened() + " kkt adds " + on.kktAdds());
        assertTrue(on.screened() > 15L * SparseTestData.COLS, "most of the 20 x 20,000 (feature, alpha) pairs screened: " + on.screened());
        PenalizedLinearModel m = LassoCV.learner().nAlphas(8).eps(1e-3).cv(3).tol(1e-6).fit(big);
        assertEquals(1.0, m.report().extra().get("sparse"));
        // y = 1 + 3 x0 - 2 x1 + small noise: the smallest alpha recovers it
        assertEquals(3, m.coefficients()[0], 0.05);
        assertEquals(-2, m.coefficients()[1], 0.05);
    }
}
