package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link LassoCV} and {@link ElasticNetCV} on CSR data ({@link ElasticNetCV#crossValidateSparse}): against
 * scikit-learn 1.2.1's {@code LassoCV}/{@code ElasticNetCV} on {@code scipy.sparse} input with the same
 * contiguous 5 folds (fixture {@code linrest_sklearn.txt}, {@code tools/gen_linrest_fixtures.py}), against the
 * same learner on the dense copy, and the KKT conditions of the refit.
 */
class SparseCvTest {

    static final Fixtures FX = Fixtures.load("linrest_sklearn.txt");

    static double relDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
        }
        return m;
    }

    static double[] row(String name, int r) {
        return FX.matrix(name).rowArray(r);
    }

    static void assertMatches(String key, PenalizedLinearModel m, double[] refAlphas, double[] refMean) {
        assertEquals(1.0, m.report().extra().get("sparse"), key + " refit on the sparse path");
        assertTrue(relDiff(m.alphaGrid(), refAlphas) < 1e-12, key + " grid " + relDiff(m.alphaGrid(), refAlphas));
        assertTrue(relDiff(m.gridScores(), refMean) < 1e-8, key + " mean MSE path " + relDiff(m.gridScores(), refMean));
        assertEquals(FX.scalar(key + "_alpha"), m.alpha(), 1e-12 * m.alpha(), key + " alpha");
        assertEquals(FX.scalar(key + "_l1_ratio"), m.l1Ratio(), 0, key + " l1_ratio");
        double[] ref = FX.vector(key + "_coef");
        assertTrue(SparseLinearTest.maxAbsDiff(m.coefficients(), ref) < 1e-6,
                key + " coef vs sklearn " + SparseLinearTest.maxAbsDiff(m.coefficients(), ref));
        assertEquals(FX.scalar(key + "_intercept"), m.intercept(), 1e-6, key + " intercept");
        double kkt = SparseLinearTest.enetKkt(m, m.alpha(), m.l1Ratio());
        assertTrue(kkt < 1e-7, key + " KKT " + kkt);
    }

    @Test
    void lassoCvMatchesScikitLearnOnSparseInput() {
        LassoCV learner = LassoCV.learner().nAlphas(30).eps(1e-3).cv(5).tol(1e-12).maxIter(1_000_000);
        PenalizedLinearModel m = learner.fit(SparseLinearTest.regression(true));
        assertMatches("lassocv", m, FX.vector("lassocv_alphas"), FX.vector("lassocv_mean_mse"));
        // per-fold MSE path
        ElasticNetCV.CvPath cv = ElasticNetCV.crossValidate(SparseLinearTest.regression(true),
                ElasticNet.settings(learner.params(), 1.0), 30, 1e-3, 5);
        for (int f = 0; f < 5; f++) {
            double[] ref = FX.matrix("lassocv_mse_path").columnArray(f);
            assertTrue(relDiff(cv.msePath().columnArray(f), ref) < 1e-8, "fold " + f);
        }
    }

    @Test
    void elasticNetCvMatchesScikitLearnOnSparseInput() {
        ElasticNetCV learner = ElasticNetCV.learner().l1Ratios(0.2, 0.5, 0.8).nAlphas(30).eps(1e-3).cv(5).tol(1e-12)
                .maxIter(1_000_000);
        PenalizedLinearModel m = learner.fit(SparseLinearTest.regression(true));
        int chosen = 2; // l1_ratio 0.8 (fixture enetcv_l1_ratio)
        assertEquals(0.8, FX.scalar("enetcv_l1_ratio"));
        assertMatches("enetcv", m, row("enetcv_alphas", chosen), row("enetcv_mean_mse", chosen));
        // the other l1_ratios' CV paths too
        for (int r = 0; r < 3; r++) {
            double rho = new double[] {0.2, 0.5, 0.8}[r];
            ElasticNetCV.CvPath cv = ElasticNetCV.crossValidate(SparseLinearTest.regression(true),
                    ElasticNet.settings(learner.params(), rho), 30, 1e-3, 5);
            assertTrue(relDiff(cv.alphas(), row("enetcv_alphas", r)) < 1e-12, "grid l1_ratio " + rho);
            assertTrue(relDiff(cv.meanMse(), row("enetcv_mean_mse", r)) < 1e-8, "mean MSE l1_ratio " + rho);
        }
    }

    @Test
    void sparseEqualsDenseWeightedAndUnweighted() {
        double[] w = FX.vector("ridge_w");
        for (boolean weighted : new boolean[] {false, true}) {
            Dataset sparse = SparseLinearTest.regression(true);
            Dataset dense = SparseLinearTest.regression(false);
            if (weighted) {
                sparse = sparse.withWeights(w);
                dense = dense.withWeights(w);
            }
            ElasticNetCV learner = ElasticNetCV.learner().l1Ratios(0.3, 1.0).nAlphas(20).cv(4).tol(1e-12).maxIter(1_000_000);
            PenalizedLinearModel s = learner.fit(sparse);
            PenalizedLinearModel d = learner.fit(dense);
            assertEquals(d.alpha(), s.alpha(), 1e-12 * d.alpha(), "alpha, weighted " + weighted);
            assertEquals(d.l1Ratio(), s.l1Ratio(), 0, "l1_ratio, weighted " + weighted);
            assertTrue(relDiff(s.alphaGrid(), d.alphaGrid()) < 1e-12, "grid, weighted " + weighted);
            assertTrue(relDiff(s.gridScores(), d.gridScores()) < 1e-8, "scores, weighted " + weighted);
            assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-6, "coef, weighted " + weighted);
            assertEquals(d.intercept(), s.intercept(), 1e-6, "intercept, weighted " + weighted);
        }
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return Stream.of(
                LearnerContract.tests(LassoCV.learner().nAlphas(10).cv(3), SparseLinearTest.regression(true)),
                LearnerContract.tests(ElasticNetCV.learner().l1Ratios(0.5, 1).nAlphas(10).cv(3), SparseLinearTest.regression(true)))
                .flatMap(s -> s);
    }
}
