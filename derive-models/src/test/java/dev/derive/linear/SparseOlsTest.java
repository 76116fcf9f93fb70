package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.TooLargeToDensifyException;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code ols} on CSR data ({@link SparseLeastSquares}): the Gram (Cholesky / minimum-norm eigen) and CG paths against
 * numpy's exact minimum-norm least squares and scikit-learn's {@code LinearRegression} on {@code scipy.sparse} input
 * (fixture {@code linsparse3_sklearn.txt}, {@code tools/gen_linsparse3_fixtures.py}), against the dense fit, the normal
 * equations (the gradient {@code X~'W r} vanishes), the summary's standard errors, a rank-deficient design, the real
 * digits data (constant all-zero pixels make it rank-deficient) and a matrix too large to densify.
 */
class SparseOlsTest {

    static final Fixtures FX = Fixtures.load("linsparse3_sklearn.txt");

    /** The largest entry of the weighted normal-equation residual {@code [1, X]'W (y - b0 - X b)}, relative to {@code ||X'W y||}. */
    static double normalResidual(SparseMatrix x, double[] y, double[] w, double[] b, double b0) {
        int n = x.rows();
        double[] xb = x.mvmul(b);
        double[] wr = new double[n];
        double[] wy = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            wr[i] = wi * (y[i] - b0 - xb[i]);
            wy[i] = wi * y[i];
            s += wr[i];
        }
        double[] g = x.tmvmul(wr);
        double[] gy = x.tmvmul(wy);
        double worst = Math.abs(s);
        double scale = 0;
        for (int j = 0; j < g.length; j++) {
            worst = Math.max(worst, Math.abs(g[j]));
            scale = Math.max(scale, Math.abs(gy[j]));
        }
        return worst / scale;
    }

    @Test
    void gramAndCgMatchExactLeastSquaresDenseAndScikitLearn() {
        double[] w = FX.vector("w");
        for (boolean weighted : new boolean[] {false, true}) {
            String tag = weighted ? "w_" : "";
            Dataset sparse = SparseLinearTest.regression(true);
            Dataset dense = SparseLinearTest.regression(false);
            if (weighted) {
                sparse = sparse.withWeights(w);
                dense = dense.withWeights(w);
            }
            double[] exact = FX.vector("ols_exact_" + tag + "coef");
            double exactB0 = FX.scalar("ols_exact_" + tag + "intercept");
            LinearModel d = LinearRegression.learner().fit(dense);
            for (String solver : new String[] {"auto", "normal", "cg"}) {
                String what = solver + (weighted ? " weighted" : "");
                LinearModel s = LinearRegression.learner().solver(solver).fit(sparse);
                assertEquals(1.0, s.report().extra().get("sparse"), what + " stayed sparse");
                assertEquals(solver.equals("cg") ? "cg" : "normal", s.solver(), what);
                double tol = solver.equals("cg") ? 1e-7 : 1e-9;
                assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), exact) < tol,
                        what + " vs numpy lstsq " + SparseLinearTest.maxAbsDiff(s.coefficients(), exact));
                assertEquals(exactB0, s.intercept(), tol, what);
                assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < tol, what + " vs dense qr");
                assertTrue(normalResidual(SparseLinearTest.X, sparse.target(), sparse.weights(), s.coefficients(), s.intercept()) < 1e-10,
                        what + " normal equations " + normalResidual(SparseLinearTest.X, sparse.target(), sparse.weights(),
                                s.coefficients(), s.intercept()));
                // scikit-learn solves the sparse problem by LSQR (its default tolerances give ~1e-6)
                double sk = SparseLinearTest.maxAbsDiff(s.coefficients(), FX.vector("ols_sk_" + tag + "coef"));
                assertTrue(sk < 1e-4, what + " vs sklearn " + sk);
                assertArrayEquals(s.predict(SparseLinearTest.X.toDense()), s.predict(SparseLinearTest.X), 1e-10);
            }
        }
    }

    @Test
    void summaryOnSparseDataEqualsTheDenseSummary() {
        LinearModel s = LinearRegression.learner().fit(SparseLinearTest.regression(true));
        OlsSummary ss = s.summary(SparseLinearTest.regression(true));
        OlsSummary ds = LinearRegression.learner().fit(SparseLinearTest.regression(false)).summary(SparseLinearTest.regression(false));
        double[] ref = FX.vector("ols_se");
        for (int j = 0; j < ref.length; j++) {
            assertEquals(ref[j], ss.standardErrors()[j], 1e-8 * ref[j], "standard error " + j);
        }
        assertArrayEquals(ds.standardErrors(), ss.standardErrors(), 1e-9);
        assertArrayEquals(ds.pValues(), ss.pValues(), 1e-9);
        assertEquals(ds.dfResid(), ss.dfResid());
        assertEquals((int) FX.scalar("ols_rank_A"), ss.dfModel() + 1);
        assertEquals(ds.rSquared(), ss.rSquared(), 1e-12);
        assertEquals(ds.fStatistic(), ss.fStatistic(), 1e-8 * ds.fStatistic());
        assertEquals(ds.logLikelihood(), ss.logLikelihood(), 1e-9);
        // weighted
        double[] w = FX.vector("w");
        Dataset sw = SparseLinearTest.regression(true).withWeights(w);
        Dataset dw = SparseLinearTest.regression(false).withWeights(w);
        OlsSummary a = LinearRegression.learner().fit(sw).summary(sw);
        OlsSummary b = LinearRegression.learner().fit(dw).summary(dw);
        assertArrayEquals(b.standardErrors(), a.standardErrors(), 1e-9);
        assertEquals(b.logLikelihood(), a.logLikelihood(), 1e-9);
    }

    static Dataset rankDeficient(boolean sparse) {
        // the fixture design with column 5 duplicated into a new last column and an all-zero column appended
        SparseMatrix x = SparseLinearTest.X;
        int n = x.rows();
        int p = x.cols();
        Matrix d = Matrix.zeros(n, p + 2);
        Matrix xd = x.toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                d.set(i, j, xd.get(i, j));
            }
            d.set(i, p, xd.get(i, 5));
        }
        double[] y = SparseLinearTest.FX.vector("y_reg");
        return sparse ? Dataset.regression(SparseMatrix.fromDense(d), y) : Dataset.regression(d, y);
    }

    @Test
    void rankDeficientSparseDesignGivesTheMinimumNormSolution() {
        LinearModel s = LinearRegression.learner().fit(rankDeficient(true));
        LinearModel d = LinearRegression.learner().fit(rankDeficient(false));
        assertEquals("eigh", s.solver());
        assertEquals(SparseOlsTest.FX.vector("ols_exact_coef").length, s.rank(), "rank p");
        assertTrue(s.report().warnings().stream().anyMatch(m -> m.contains("minimum-norm")), s.report().warnings().toString());
        assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-8,
                "min-norm vs dense svd " + SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()));
        assertEquals(d.intercept(), s.intercept(), 1e-8);
        // the duplicated column splits its weight equally, the empty one gets 0
        int p = s.coefficients().length;
        assertEquals(s.coefficients()[5], s.coefficients()[p - 2], 1e-10);
        assertEquals(0, s.coefficients()[p - 1], 0);
        LinearModel cg = LinearRegression.learner().solver("cg").fit(rankDeficient(true));
        assertTrue(SparseLinearTest.maxAbsDiff(cg.coefficients(), d.coefficients()) < 1e-6, "cg from 0 tends to the minimum norm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.learner().solver("normal").fit(rankDeficient(true)));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
    }

    @Test
    void digitsSparseEqualsDense() throws Exception {
        Dataset sparse = SparseTestData.digits(true);
        Dataset dense = SparseTestData.digits(false);
        LinearModel s = LinearRegression.learner().fit(sparse);
        LinearModel d = LinearRegression.learner().fit(dense);
        assertEquals(d.rank(), s.rank(), "the same numerical rank (all-zero pixels)");
        assertTrue(s.rank() < 64);
        assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-8,
                "digits " + SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()));
        assertEquals(d.intercept(), s.intercept(), 1e-8);
        OlsSummary ss = s.summary(sparse);
        OlsSummary ds = d.summary(dense);
        assertEquals(ds.dfResid(), ss.dfResid());
        assertArrayEquals(ds.standardErrors(), ss.standardErrors(), 1e-8);
    }

    @Test
    void tallMatrixTooLargeToDensifyIsFittedByLsqr() {
        Dataset big = SparseTestData.tall(9, 0);
        assertThrows(TooLargeToDensifyException.class, big::features);
        LinearModel m = LinearRegression.learner().fit(big);
        assertEquals("lsqr", m.solver());
        assertTrue(m.report().converged(), m.report().toString());
        assertEquals(3, m.coefficients()[0], 0.01);
        assertEquals(-2, m.coefficients()[1], 0.01);
        assertTrue(normalResidual(big.sparseFeatures(), big.target(), null, m.coefficients(), m.intercept()) < 1e-8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.summary(big));
        assertTrue(e.getMessage().contains("8192") && e.getMessage().contains("20000"), e.getMessage());
        // an explicitly dense solver must densify: refused with the size
        assertThrows(TooLargeToDensifyException.class, () -> LinearRegression.learner().solver("qr").fit(big));
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return Stream.of(LearnerContract.tests(LinearRegression.learner(), SparseLinearTest.regression(true)),
                LearnerContract.tests(LinearRegression.learner().solver("cg"), SparseLinearTest.regression(true),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-8))).flatMap(s -> s);
    }
}
