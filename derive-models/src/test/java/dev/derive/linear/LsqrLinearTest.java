package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code lsqr} solver of {@link LinearRegression} and {@link Ridge} on real data (diabetes, dense and as CSR, with
 * and without sample weights; a wide {@code n < p} set): at a tight tolerance it reaches the direct solvers' solution
 * (Cholesky / QR / SVD, themselves checked against scikit-learn in other tests), the normal equations hold, and a
 * truncated run is reported as such.
 */
class LsqrLinearTest {

    static Dataset sparse(Dataset d) {
        Dataset s = Dataset.regression(SparseMatrix.fromDense(d.features()), d.target());
        return d.weights() == null ? s : s.withWeights(d.weights());
    }

    static Dataset[] sets() {
        Dataset dia = RidgeIterativeTest.diabetes();
        Dataset weighted = dia.withWeights(RidgeIterativeTest.FX.vector("diabetes_w"));
        return new Dataset[] {dia, weighted, RidgeIterativeTest.wide(), sparse(dia), sparse(weighted)};
    }

    static final String[] NAMES = {"diabetes", "weighted", "wide (n < p)", "diabetes CSR", "weighted CSR"};

    @Test
    void ridgeLsqrEqualsCholesky() {
        Dataset[] sets = sets();
        for (int k = 0; k < sets.length; k++) {
            Dataset dense = k >= 3 ? sets[k - 3] : sets[k];
            for (double alpha : new double[] {0.01, 1, 100}) {
                LinearModel chol = Ridge.learner().alpha(alpha).solver("cholesky").fit(dense);
                LinearModel it = Ridge.learner().alpha(alpha).solver("lsqr").tol(1e-14).maxIter(100_000).fit(sets[k]);
                String what = NAMES[k] + " alpha " + alpha + " (" + it.report() + ")";
                assertEquals("lsqr", it.solver(), what);
                assertTrue(it.report().converged(), what);
                RidgeIterativeTest.same(chol, it, 1e-8, what);
                assertEquals(k >= 3 ? 1.0 : null, it.report().extra().get("sparse"), what);
            }
        }
    }

    @Test
    void olsLsqrEqualsQrAndTheNormalEquationsHold() {
        Dataset[] sets = sets();
        for (int k = 0; k < sets.length; k++) {
            Dataset dense = k >= 3 ? sets[k - 3] : sets[k];
            // qr returns the minimum-norm solution on the wide set (via the SVD), which LSQR from 0 tends to
            LinearModel qr = LinearRegression.learner().solver("qr").fit(dense);
            LinearModel ls = LinearRegression.learner().solver("lsqr").fit(sets[k]);
            String what = NAMES[k] + " (" + ls.report() + ")";
            assertEquals("lsqr", ls.solver());
            assertTrue(ls.report().converged(), what);
            RidgeIterativeTest.same(qr, ls, 1e-7, what);
            // X~'W(y - b0 - X beta) = 0 and sum w r = 0, against the size of X'W y
            double[] y = dense.target();
            double[] w = dense.weights();
            double[] pred = ls.predict(dense.features());
            double[] wr = new double[y.length];
            double[] wy = new double[y.length];
            double sr = 0;
            for (int i = 0; i < y.length; i++) {
                double wi = w == null ? 1 : w[i];
                wr[i] = wi * (y[i] - pred[i]);
                wy[i] = wi * y[i];
                sr += wr[i];
            }
            double[] g = dense.features().tmvmul(wr);
            double[] g0 = dense.features().tmvmul(wy);
            double gmax = 0;
            double g0max = 0;
            for (int j = 0; j < g.length; j++) {
                gmax = Math.max(gmax, Math.abs(g[j]));
                g0max = Math.max(g0max, Math.abs(g0[j]));
            }
            assertTrue(gmax <= 1e-9 * g0max, what + ": normal equations " + gmax + " vs " + g0max);
            assertTrue(Math.abs(sr) <= 1e-9 * g0max, what + ": intercept condition " + sr);
        }
    }

    @Test
    void truncatedRunIsReported() {
        LinearModel m = Ridge.learner().alpha(1e-3).solver("lsqr").tol(1e-15).maxIter(2).fit(RidgeIterativeTest.diabetes());
        assertFalse(m.report().converged());
        assertEquals(2, m.report().iterations());
        assertEquals("lsqr iteration_limit", m.report().stopReason());
        assertEquals(7.0, m.report().extra().get("lsqr_stop"));
        assertTrue(m.report().warnings().get(0).contains("max_iter"), m.report().warnings().toString());
        LinearModel ok = Ridge.learner().alpha(1).solver("lsqr").tol(1e-10).fit(RidgeIterativeTest.diabetes());
        assertTrue(ok.report().converged());
        assertTrue(ok.report().stopReason().startsWith("lsqr "), ok.report().stopReason());
        assertTrue(ok.report().extra().get("lsqr_normal_residual") >= 0);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.of(
                LearnerContract.tests(Ridge.learner().solver("lsqr").tol(1e-12), RidgeIterativeTest.diabetes(),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                LearnerContract.tests(LinearRegression.learner().solver("lsqr"), SparseLinearTest.regression(true),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-8)),
                LearnerContract.tests(Ridge.learner().solver("lsqr").tol(1e-12), SparseLinearTest.regression(true),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-8))).flatMap(s -> s);
    }
}
