package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Lasso and elastic net by coordinate descent against scikit-learn 1.2.1 and against their KKT conditions. */
class ElasticNetTest {

    static final Fixtures FX = Fixtures.load("lasso_sklearn.txt");
    static final double TOL = 1e-12;
    static final int MAXIT = 1_000_000;

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static void assertClose(double[] expected, double[] actual, double rel, String what) {
        assertClose(expected, actual, rel, 1e-300, what);
    }

    /** |actual - expected|_inf <= rel * max(|expected|_inf, floor). */
    static void assertClose(double[] expected, double[] actual, double rel, double floor, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = floor;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < expected.length; j++) {
            double tol = rel * scale;
            assertEquals(expected[j], actual[j], tol, what + "[" + j + "]");
        }
    }

    /**
     * KKT conditions of the elastic net at (b0, b): with the (normalised) weighted residual r and c_j = x_j'r/n,
     * c_j - alpha(1-rho) b_j = alpha rho sign(b_j) for b_j != 0 and |c_j| <= alpha rho for b_j = 0
     * (c_j <= alpha rho and b_j >= 0 with positive=true); and sum w_i r_i = 0 with an intercept.
     */
    static void assertKkt(Matrix x, double[] y, double[] w, double b0, double[] b, double alpha, double rho, boolean positive,
                          boolean intercept, double rel) {
        int n = x.rows();
        double sw = 0;
        for (int i = 0; i < n; i++) {
            sw += w == null ? 1 : w[i];
        }
        double[] r = new double[n];
        double rs = 0;
        for (int i = 0; i < n; i++) {
            double pred = b0;
            for (int j = 0; j < b.length; j++) {
                pred += x.get(i, j) * b[j];
            }
            r[i] = (w == null ? 1 : w[i] * n / sw) * (y[i] - pred);
            rs += r[i];
        }
        double lam = alpha * rho;
        double scale = Math.max(lam, 1e-12);
        if (intercept) {
            double ys = 0;
            for (double v : y) {
                ys += Math.abs(v);
            }
            assertEquals(0, rs / n, rel * ys / n, "intercept stationarity");
        }
        for (int j = 0; j < b.length; j++) {
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += x.get(i, j) * r[i];
            }
            c /= n;
            if (b[j] != 0) {
                if (positive) {
                    assertTrue(b[j] > 0, "positive coefficient " + j);
                }
                assertEquals(lam * Math.signum(b[j]), c - alpha * (1 - rho) * b[j], rel * scale, "KKT active " + j);
            } else {
                double v = positive ? c : Math.abs(c);
                assertTrue(v <= lam + rel * scale, "KKT inactive " + j + ": |c| = " + v + " > alpha*rho = " + lam);
            }
        }
    }

    @Test
    void lassoAndElasticNetMatchScikitLearnAtSeveralAlphas() {
        Dataset d = diabetes();
        double amax = FX.scalar("diabetes_alpha_max");
        double[] fracs = FX.vector("fracs");
        for (String pre : new String[] {"true", "false"}) {
            for (int k = 0; k < fracs.length; k++) {
                double a = fracs[k] * amax;
                PenalizedLinearModel m = Lasso.learner().alpha(a).tol(TOL).maxIter(MAXIT).precompute(pre).fit(d);
                assertTrue(m.report().converged(), "converged " + k);
                assertClose(FX.vector("lasso_" + k + "_coef"), m.coefficients(), 1e-6, pre + " lasso " + k);
                assertEquals(FX.scalar("lasso_" + k + "_intercept"), m.intercept(), 1e-6 * Math.abs(FX.scalar("lasso_" + k + "_intercept")));
                assertKkt(d.features(), d.target(), null, m.intercept(), m.coefficients(), a, 1, false, true, 1e-6);

                PenalizedLinearModel e = ElasticNet.learner().alpha(a / 0.5).l1Ratio(0.5).tol(TOL).maxIter(MAXIT).precompute(pre).fit(d);
                assertClose(FX.vector("enet_" + k + "_coef"), e.coefficients(), 1e-6, pre + " enet " + k);
                assertEquals(FX.scalar("enet_" + k + "_intercept"), e.intercept(), 1e-6 * Math.abs(FX.scalar("enet_" + k + "_intercept")));
                assertKkt(d.features(), d.target(), null, e.intercept(), e.coefficients(), a / 0.5, 0.5, false, true, 1e-6);
            }
        }
    }

    @Test
    void positiveNoInterceptAndWeighted() {
        Dataset d = diabetes();
        double a = 0.01 * FX.scalar("diabetes_alpha_max");
        PenalizedLinearModel m = Lasso.learner().alpha(a).tol(TOL).maxIter(MAXIT).positive(true).fit(d);
        assertClose(FX.vector("lasso_positive_coef"), m.coefficients(), 1e-6, "positive");
        assertEquals(FX.scalar("lasso_positive_intercept"), m.intercept(), 1e-6 * Math.abs(m.intercept()));
        assertKkt(d.features(), d.target(), null, m.intercept(), m.coefficients(), a, 1, true, true, 1e-6);

        m = Lasso.learner().alpha(a).tol(TOL).maxIter(MAXIT).fitIntercept(false).fit(d);
        assertClose(FX.vector("lasso_nointercept_coef"), m.coefficients(), 1e-6, "no intercept");
        assertEquals(0.0, m.intercept());
        assertKkt(d.features(), d.target(), null, 0, m.coefficients(), a, 1, false, false, 1e-6);

        double[] w = FX.vector("diabetes_w");
        m = ElasticNet.learner().alpha(a).l1Ratio(0.7).tol(TOL).maxIter(MAXIT).fit(d.withWeights(w));
        assertClose(FX.vector("enet_weighted_coef"), m.coefficients(), 1e-6, "weighted");
        assertEquals(FX.scalar("enet_weighted_intercept"), m.intercept(), 1e-6 * Math.abs(m.intercept()));
        assertKkt(d.features(), d.target(), w, m.intercept(), m.coefficients(), a, 0.7, false, true, 1e-6);
    }

    @Test
    void moreFeaturesThanRowsUsesResidualUpdates() {
        Dataset d = Dataset.regression(FX.matrix("wide_X"), FX.vector("wide_y"));
        for (int k = 0; k < 2; k++) {
            double a = FX.scalar("wide_" + k + "_alpha");
            PenalizedLinearModel m = ElasticNet.learner().alpha(a).l1Ratio(0.9).tol(TOL).maxIter(MAXIT).fit(d);
            assertEquals(0.0, m.report().extra().get("gram"), "p > n: residual updates");
            assertClose(FX.vector("wide_" + k + "_coef"), m.coefficients(), 1e-6, "wide " + k);
            assertEquals(FX.scalar("wide_" + k + "_intercept"), m.intercept(), 1e-6 * Math.abs(m.intercept()));
            assertKkt(d.features(), d.target(), null, m.intercept(), m.coefficients(), a, 0.9, false, true, 1e-6);
        }
    }

    @Test
    void collinearAndConstantColumnsGiveTheOptimalObjective() {
        Matrix x = FX.matrix("collinear_X");
        double[] y = FX.vector("diabetes_y");
        double a = FX.scalar("collinear_alpha");
        for (String pre : new String[] {"true", "false"}) {
            PenalizedLinearModel m = Lasso.learner().alpha(a).tol(TOL).maxIter(MAXIT).precompute(pre).fit(Dataset.regression(x, y));
            double[] b = m.coefficients();
            assertEquals(0.0, b[b.length - 1], "constant column gets 0");
            double[] pred = m.predict(x);
            double obj = 0;
            for (int i = 0; i < y.length; i++) {
                assertTrue(Double.isFinite(pred[i]));
                obj += (y[i] - pred[i]) * (y[i] - pred[i]);
            }
            obj /= 2 * y.length;
            for (double v : b) {
                obj += a * Math.abs(v);
            }
            assertEquals(FX.scalar("collinear_objective"), obj, 1e-10 * obj);
            assertClose(FX.vector("collinear_pred"), pred, 1e-6, "collinear predictions");
        }
    }

    @Test
    void warmStartReachesTheSameSolution() {
        Dataset d = diabetes();
        double a = 0.01 * FX.scalar("diabetes_alpha_max");
        Lasso l = Lasso.learner().alpha(a).tol(TOL).maxIter(MAXIT);
        PenalizedLinearModel cold = l.fit(d);
        PenalizedLinearModel warmFromNear = l.fitFrom(d, FX.vector("lasso_1_coef"));
        assertClose(cold.coefficients(), warmFromNear.coefficients(), 1e-7, "warm start");
        PenalizedLinearModel warmFromSelf = l.fitFrom(d, cold.coefficients());
        assertTrue(warmFromSelf.report().iterations() <= cold.report().iterations());
        assertThrows(IllegalArgumentException.class, () -> l.fitFrom(d, new double[3]));
    }

    @Test
    void badInputAndDegenerateCases() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lasso.learner().alpha(-1));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ElasticNet.learner().l1Ratio(1.5));
        assertThrows(IllegalArgumentException.class, () -> ElasticNetCV.learner().l1Ratio(0.0));
        // constant target: all coefficients 0, intercept = the constant
        Matrix x = FX.matrix("diabetes_X");
        double[] c = new double[x.rows()];
        java.util.Arrays.fill(c, 7.5);
        PenalizedLinearModel m = Lasso.learner().alpha(0.1).fit(Dataset.regression(x, c));
        for (double v : m.coefficients()) {
            assertEquals(0.0, v);
        }
        assertEquals(7.5, m.intercept(), 1e-12);
        PenalizedLinearModel cv = LassoCV.learner().nAlphas(5).cv(3).fit(Dataset.regression(x, c));
        assertEquals(7.5, cv.intercept(), 1e-12);
        assertFalse(Double.isNaN(cv.alpha()));
        // huge alpha: all zeros; alpha = 0 still finite (least squares by CD) with a warning when not converged
        PenalizedLinearModel z = Lasso.learner().alpha(1e12).fit(diabetes());
        assertEquals(0, z.nonZero());
    }

    static final LearnerContract.Options CV_OPTIONS = LearnerContract.Options.DEFAULT.withOrderInvariant(false);

    @TestFactory
    Stream<DynamicTest> contract() {
        Dataset d = diabetes();
        return Stream.of(
                LearnerContract.tests(Lasso.learner().alpha(0.5), d),
                LearnerContract.tests(ElasticNet.learner().alpha(0.5).l1Ratio(0.3).precompute("false"), d),
                // CV learners are not row-order invariant: the folds are contiguous blocks of rows
                LearnerContract.tests(LassoCV.learner().nAlphas(20).cv(3), d, CV_OPTIONS),
                LearnerContract.tests(ElasticNetCV.learner().nAlphas(20).cv(3), d, CV_OPTIONS)).flatMap(s -> s);
    }
}
