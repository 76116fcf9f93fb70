package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link RidgeCV} on CSR data ({@link SparseRidgeCV}): against scikit-learn 1.2.1's {@code RidgeCV} on
 * {@code scipy.sparse} input (fixture {@code linrest_sklearn.txt}, {@code tools/gen_linrest_fixtures.py}), an accurate
 * ridge solution at the chosen alpha (augmented least squares by QR in the script), and the dense learner, in the
 * covariance (rows &gt; features) and eigen (wide) modes.
 */
class SparseRidgeCVTest {

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

    @Test
    void matchesScikitLearnAndDense() {
        double[] grid = FX.vector("rcv_grid");
        double[] w = FX.vector("ridge_w");
        for (String key : new String[] {"rcv", "rcv_w"}) {
            Dataset sparse = SparseLinearTest.regression(true);
            Dataset dense = SparseLinearTest.regression(false);
            if (key.equals("rcv_w")) {
                sparse = sparse.withWeights(w);
                dense = dense.withWeights(w);
            }
            RidgeCV learner = RidgeCV.learner().alphaList(grid);
            LinearModel s = learner.fit(sparse);
            LinearModel d = learner.fit(dense);
            assertEquals(1.0, s.report().extra().get("sparse"), key);
            assertEquals("covariance", s.solver(), key);
            double alpha = s.report().extra().get("alpha");
            assertEquals(FX.scalar(key + "_alpha"), alpha, 1e-12 * alpha, key + " alpha");
            assertEquals(d.report().extra().get("alpha"), alpha, 0, key + " alpha vs dense");
            double best = FX.scalar(key + "_best_score");
            assertEquals(best, s.report().extra().get("best_score"), 1e-8 * Math.abs(best), key + " best score");
            double[] mean = learner.crossValidate(sparse).meanErrors();
            double[] ref = FX.vector(key + "_mean_cv");
            assertTrue(maxRel(mean, ref) < 1e-8, key + " LOO means " + maxRel(mean, ref));
            assertTrue(maxRel(s.coefficients(), FX.vector(key + "_coef_exact")) < 1e-9, key + " vs exact");
            assertEquals(FX.scalar(key + "_intercept_exact"), s.intercept(), 1e-9 * Math.abs(FX.scalar(key + "_intercept_exact")));
            assertTrue(maxRel(s.coefficients(), FX.vector(key + "_coef")) < 1e-8, key + " vs sklearn");
            assertEquals(FX.scalar(key + "_intercept"), s.intercept(), 1e-8 * Math.abs(FX.scalar(key + "_intercept")));
            assertTrue(maxRel(s.coefficients(), d.coefficients()) < 1e-9, key + " vs dense " + maxRel(s.coefficients(), d.coefficients()));
            // the eigen mode (n x n kernel) gives the same LOO errors and solution
            RidgeCV eig = learner.gcvMode("eigen");
            assertTrue(maxRel(eig.crossValidate(sparse).meanErrors(), ref) < 1e-8, key + " eigen LOO means");
            assertTrue(maxRel(eig.fit(sparse).coefficients(), s.coefficients()) < 1e-8, key + " eigen coefficients");
        }
    }

    @Test
    void wideUsesTheKernelAndMatchesDense() {
        int[] rows = IntStream.range(0, 40).toArray();
        SparseMatrix x = SparseLinearTest.X.selectRows(rows);
        double[] y = Arrays.copyOf(SparseLinearTest.FX.vector("y_reg"), 40);
        RidgeCV learner = RidgeCV.learner().alphas(1e-2, 1e2, 9);
        LinearModel s = learner.fit(Dataset.regression(x, y));
        LinearModel d = learner.fit(Dataset.regression(x.toDense(), y));
        assertEquals("eigen", s.solver());
        assertEquals(d.report().extra().get("alpha"), s.report().extra().get("alpha"));
        assertTrue(maxRel(learner.crossValidate(Dataset.regression(x, y)).meanErrors(),
                learner.crossValidate(Dataset.regression(x.toDense(), y)).meanErrors()) < 1e-9);
        assertTrue(maxRel(s.coefficients(), d.coefficients()) < 1e-9, "wide vs dense " + maxRel(s.coefficients(), d.coefficients()));
        assertEquals(d.intercept(), s.intercept(), 1e-9 * Math.abs(d.intercept()));
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return LearnerContract.tests(RidgeCV.learner(), SparseLinearTest.regression(true),
                LearnerContract.Options.DEFAULT.withOrderTolerance(1e-8));
    }
}
