package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Ridge} on CSR data ({@link SparseRidge}: conjugate gradients with implicit centring, primal and dual)
 * against scikit-learn 1.2.1's {@code Ridge(solver='sparse_cg', tol=1e-14)} on {@code scipy.sparse} input (fixture
 * {@code linrest_sklearn.txt}, {@code tools/gen_linrest_fixtures.py}), against the dense Cholesky fit, and the
 * normal equations {@code Xc'W(y - yhat) = alpha beta}, {@code sum w (y - yhat) = 0}.
 */
class SparseRidgeTest {

    static final Fixtures FX = Fixtures.load("linrest_sklearn.txt");

    static double maxRel(double[] a, double[] ref) {
        double scale = 0;
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(ref[i]));
            d = Math.max(d, Math.abs(a[i] - ref[i]));
        }
        return d / scale;
    }

    /** The largest residual of the normal equations relative to the scale of {@code X'Wy}. */
    static double normalEquations(Matrix x, double[] y, double[] w, double alpha, LinearModel m) {
        int n = x.rows();
        double[] pred = m.predict(x);
        double[] b = m.coefficients();
        double[] wr = new double[n];
        double sum = 0;
        double[] wy = new double[n];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            wr[i] = wi * (y[i] - pred[i]);
            wy[i] = wi * y[i];
            sum += wr[i];
        }
        double[] g = x.tmvmul(wr);
        double[] gy = x.tmvmul(wy);
        double scale = 0;
        for (double v : gy) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = Math.abs(sum);
        for (int j = 0; j < b.length; j++) {
            worst = Math.max(worst, Math.abs(g[j] - alpha * b[j]));
        }
        return worst / scale;
    }

    @Test
    void matchesScikitLearnSparseCgAndDenseCholesky() {
        double[] w = FX.vector("ridge_w");
        for (String key : new String[] {"ridge", "ridge_weighted", "ridge_wide"}) {
            SparseMatrix x = SparseLinearTest.X;
            double[] y = SparseLinearTest.FX.vector("y_reg");
            double[] wk = key.equals("ridge_weighted") ? w : null;
            if (key.equals("ridge_wide")) {
                int[] rows = IntStream.range(0, 40).toArray();
                x = x.selectRows(rows);
                y = java.util.Arrays.copyOf(y, 40);
            }
            double alpha = FX.scalar(key + "_alpha");
            Dataset sparse = Dataset.regression(x, y);
            Dataset dense = Dataset.regression(x.toDense(), y);
            if (wk != null) {
                sparse = sparse.withWeights(wk);
                dense = dense.withWeights(wk);
            }
            LinearModel s = Ridge.learner().alpha(alpha).tol(1e-13).fit(sparse);
            LinearModel d = Ridge.learner().alpha(alpha).solver("cholesky").fit(dense);
            assertEquals(1.0, s.report().extra().get("sparse"), key + " took the sparse path");
            assertEquals(key.equals("ridge_wide") ? "cg_dual" : "cg", s.solver(), key);
            assertTrue(s.report().converged(), key);
            double[] ref = FX.vector(key + "_coef");
            assertTrue(maxRel(s.coefficients(), ref) < 1e-9, key + " vs sklearn " + maxRel(s.coefficients(), ref));
            assertEquals(FX.scalar(key + "_intercept"), s.intercept(), 1e-9 * Math.abs(FX.scalar(key + "_intercept")), key);
            assertTrue(maxRel(s.coefficients(), d.coefficients()) < 1e-9, key + " vs dense " + maxRel(s.coefficients(), d.coefficients()));
            assertEquals(d.intercept(), s.intercept(), 1e-9 * Math.abs(d.intercept()), key);
            double ne = normalEquations(x.toDense(), y, wk, alpha, s);
            assertTrue(ne < 1e-11, key + " normal equations " + ne);
            // sparse prediction = dense prediction
            assertTrue(SparseLinearTest.maxAbsDiff(s.predict(x), s.predict(x.toDense())) < 1e-12, key + " sparse predict");
        }
    }

    @Test
    void defaultToleranceAndExplicitDenseSolvers() {
        Dataset sparse = SparseLinearTest.regression(true);
        Dataset dense = SparseLinearTest.regression(false);
        LinearModel d = Ridge.learner().solver("cholesky").fit(dense);
        // default tol 1e-4 on the normal-equation residual: close, not exact (as scikit-learn's sparse_cg)
        LinearModel s = Ridge.learner().fit(sparse);
        assertTrue(maxRel(s.coefficients(), d.coefficients()) < 1e-3, "default tol " + maxRel(s.coefficients(), d.coefficients()));
        // an explicitly dense solver densifies, says so, and gives the dense answer
        LinearModel c = Ridge.learner().solver("cholesky").fit(sparse);
        assertTrue(c.report().warnings().stream().anyMatch(m -> m.contains("densified")), c.report().warnings().toString());
        assertTrue(maxRel(c.coefficients(), d.coefficients()) < 1e-14);
        // no intercept
        LinearModel s0 = Ridge.learner().fitIntercept(false).tol(1e-13).fit(sparse);
        LinearModel d0 = Ridge.learner().fitIntercept(false).fit(dense);
        assertEquals(0.0, s0.intercept());
        assertTrue(maxRel(s0.coefficients(), d0.coefficients()) < 1e-9);
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return LearnerContract.tests(Ridge.learner().tol(1e-10), SparseLinearTest.regression(true),
                LearnerContract.Options.DEFAULT.withOrderTolerance(1e-8));
    }
}
