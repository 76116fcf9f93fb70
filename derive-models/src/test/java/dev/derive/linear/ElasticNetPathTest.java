package dev.derive.linear;

import static dev.derive.linear.ElasticNetTest.FX;
import static dev.derive.linear.ElasticNetTest.MAXIT;
import static dev.derive.linear.ElasticNetTest.TOL;
import static dev.derive.linear.ElasticNetTest.assertClose;
import static dev.derive.linear.ElasticNetTest.assertKkt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import org.junit.jupiter.api.Test;

/** The elastic-net path (with and without strong-rule screening) and LassoCV/ElasticNetCV against scikit-learn 1.2.1. */
class ElasticNetPathTest {

    static void assertPath(String prefix, Matrix x, double[] y, ElasticNetPath.Settings s, int nAlphas, double eps) {
        double[] refAlphas = FX.vector(prefix + "_alphas");
        Matrix refCoefs = FX.matrix(prefix + "_coefs");
        double floor = 1e-9 * refCoefs.normMax(); // the first column is 0 up to rounding (1e-16) in scikit-learn
        for (boolean screening : new boolean[] {true, false}) {
            for (String pre : new String[] {"true", "false"}) {
                ElasticNetPath.Path path = ElasticNetPath.compute(x, y, null, s.withScreening(screening).withPrecompute(pre), nAlphas, eps);
                assertTrue(path.converged());
                assertClose(refAlphas, path.alphas(), 1e-12, prefix + " alphas");
                for (int k = 0; k < refAlphas.length; k++) {
                    assertClose(refCoefs.columnArray(k), path.coef(k), 1e-6, floor, prefix + " coefs at " + k + " screening " + screening);
                    assertKkt(x, y, null, path.intercepts()[k], path.coef(k), path.alphas()[k], s.l1Ratio(), false, true, 1e-6);
                    assertTrue(path.dualGaps()[k] <= TOL * sumSqCentred(y) / y.length);
                }
                if (!screening) {
                    assertEquals(0, path.kktAdds());
                    assertEquals(0, path.screened());
                } else {
                    assertTrue(path.screened() > 0, "the strong rule discards some features along the path");
                    System.out.println(prefix + " precompute=" + pre + ": strong rule left out " + path.screened()
                            + " (feature, alpha) pairs; KKT check re-admitted " + path.kktAdds());
                }
            }
        }
    }

    static double sumSqCentred(double[] y) {
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        return s;
    }

    @Test
    void lassoPathMatchesScikitLearn() {
        ElasticNetPath.Settings s = ElasticNetPath.Settings.lasso().withTol(TOL).withMaxIter(MAXIT);
        assertPath("lasso_path", FX.matrix("diabetes_X"), FX.vector("diabetes_y"), s, 100, 1e-3);
    }

    @Test
    void elasticNetPathMatchesScikitLearnOnBreastCancer() {
        ElasticNetPath.Settings s = ElasticNetPath.Settings.lasso().withL1Ratio(0.5).withTol(TOL).withMaxIter(MAXIT);
        assertPath("bc_enet_path", FX.matrix("bc_X"), FX.vector("bc_y"), s, 30, 1e-2);
    }

    @Test
    void screenedAndUnscreenedPathsAgreeOnTheWideDesign() {
        Matrix x = FX.matrix("wide_X");
        double[] y = FX.vector("wide_y");
        for (double rho : new double[] {1.0, 0.5}) {
            // down to 1e-2 alpha_max: below that the p > n fit nearly interpolates and 1e-12 takes many sweeps
            ElasticNetPath.Settings s = ElasticNetPath.Settings.lasso().withL1Ratio(rho).withTol(TOL).withMaxIter(MAXIT);
            ElasticNetPath.Path on = ElasticNetPath.compute(x, y, null, s, 100, 1e-2);
            ElasticNetPath.Path off = ElasticNetPath.compute(x, y, null, s.withScreening(false), 100, 1e-2);
            assertTrue(on.converged() && off.converged());
            assertTrue(on.screened() > 0);
            double floor = 1e-9 * off.coefs().normMax();
            for (int k = 0; k < 100; k++) {
                assertClose(off.coef(k), on.coef(k), 1e-6, floor, "wide path at " + k);
                assertKkt(x, y, null, on.intercepts()[k], on.coef(k), on.alphas()[k], rho, false, true, 1e-6);
            }
            if (rho == 1.0) {
                // on this design the strong rule errs (deterministically) and the KKT check must repair it
                assertTrue(on.kktAdds() > 0, "the KKT re-admission is exercised");
            }
            System.out.println("wide rho=" + rho + ": strong rule left out " + on.screened() + " pairs; KKT re-admitted " + on.kktAdds());
        }
    }

    @Test
    void crossValidationIsBitIdenticalWhateverTheThreadCount() {
        Dataset d = Dataset.regression(FX.matrix("bc_X"), FX.vector("bc_y"));
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            PenalizedLinearModel one = ElasticNetCV.learner().nAlphas(15).cv(4).fit(d);
            Parallelism.setThreads(3);
            PenalizedLinearModel three = ElasticNetCV.learner().nAlphas(15).cv(4).fit(d);
            assertArrayEquals(one.coefficients(), three.coefficients());
            assertArrayEquals(one.gridScores(), three.gridScores());
            assertEquals(one.alpha(), three.alpha());
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void alphaGridStartsWhereTheSolutionBecomesZero() {
        Matrix x = FX.matrix("diabetes_X");
        double[] y = FX.vector("diabetes_y");
        double[] grid = ElasticNetPath.alphaGrid(x, y, null, true, 1.0, 5, 1e-3);
        assertEquals(FX.scalar("diabetes_alpha_max"), grid[0], 1e-12 * grid[0]);
        ElasticNetPath.Settings s = ElasticNetPath.Settings.lasso().withTol(TOL).withMaxIter(MAXIT);
        ElasticNetPath.Path p = ElasticNetPath.compute(x, y, null, s, new double[] {grid[0], grid[0] * 0.999});
        for (double v : p.coef(0)) {
            assertEquals(0.0, v);
        }
        int nz = 0;
        for (double v : p.coef(1)) {
            nz += v != 0 ? 1 : 0;
        }
        assertEquals(1, nz, "just below alpha_max exactly one feature enters");
    }

    @Test
    void lassoCvMatchesScikitLearnWithContiguousFolds() {
        Dataset d = Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
        ElasticNetCV.CvPath cv = ElasticNetCV.crossValidate(d, ElasticNetPath.Settings.lasso().withTol(TOL).withMaxIter(MAXIT),
                100, 1e-3, 5);
        assertClose(FX.vector("lassocv_alphas"), cv.alphas(), 1e-12, "alphas");
        Matrix ref = FX.matrix("lassocv_mse_path");
        for (int k = 0; k < ref.rows(); k++) {
            assertClose(ref.rowArray(k), cv.msePath().rowArray(k), 1e-8, "mse path row " + k);
        }
        assertEquals(FX.scalar("lassocv_alpha"), cv.bestAlpha(), 1e-12 * cv.bestAlpha());

        PenalizedLinearModel m = LassoCV.learner().tol(TOL).maxIter(MAXIT).fit(d);
        assertEquals(FX.scalar("lassocv_alpha"), m.alpha(), 1e-12 * m.alpha());
        assertClose(FX.vector("lassocv_coef"), m.coefficients(), 1e-6, "LassoCV coef");
        assertEquals(FX.scalar("lassocv_intercept"), m.intercept(), 1e-6 * Math.abs(m.intercept()));
        assertEquals(100, m.gridScores().length);
    }

    @Test
    void elasticNetCvMatchesScikitLearnOnBreastCancer() {
        Dataset d = Dataset.regression(FX.matrix("bc_X"), FX.vector("bc_y"));
        PenalizedLinearModel m = ElasticNetCV.learner().l1Ratio(0.5).nAlphas(30).eps(1e-2).cv(4).tol(TOL).maxIter(MAXIT).fit(d);
        assertClose(FX.vector("bc_enetcv_alphas"), m.alphaGrid(), 1e-12, "alphas");
        Matrix ref = FX.matrix("bc_enetcv_mse_path");
        double[] refMean = new double[ref.rows()];
        for (int k = 0; k < ref.rows(); k++) {
            for (int f = 0; f < ref.cols(); f++) {
                refMean[k] += ref.get(k, f) / ref.cols();
            }
        }
        assertClose(refMean, m.gridScores(), 1e-8, "mean mse");
        assertEquals(FX.scalar("bc_enetcv_alpha"), m.alpha(), 1e-12 * m.alpha());
        assertClose(FX.vector("bc_enetcv_coef"), m.coefficients(), 1e-6, "ElasticNetCV coef");
        assertEquals(FX.scalar("bc_enetcv_intercept"), m.intercept(), 1e-6 * Math.abs(m.intercept()));
    }
}
