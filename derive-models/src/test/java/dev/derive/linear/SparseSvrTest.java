package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.TooLargeToDensifyException;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code linear_svr} on CSR data (dual coordinate descent on sparse rows): equal to the dense fit (same seed, same
 * coordinate order), to scikit-learn's {@code LinearSVR} on {@code scipy.sparse} input (fixture
 * {@code linsparse3_sklearn.txt}), optimal (the primal subgradient condition), on the real digits data, and on a matrix
 * too large to densify. ({@code linear_svm}, the classifier, already reads CSR rows: {@link SparseLinearTest}.)
 */
class SparseSvrTest {

    /**
     * The primal optimality residual of {@code ||w||^2/2 + C sum loss(x~_i'w~ - y_i)} with the bias feature {@code x~ = [x, 1]}:
     * for the squared loss, the gradient norm {@code ||w~ + 2C sum max(|r|-eps,0) sign(r) x~_i||} relative to {@code ||w~||}.
     */
    static double squaredLossGradient(SparseMatrix x, double[] y, LinearModel m, double c, double eps) {
        int n = x.rows();
        int p = x.cols();
        double[] pred = m.predict(x);
        double[] d = new double[n];
        double bias = 0;
        for (int i = 0; i < n; i++) {
            double r = pred[i] - y[i];
            double v = Math.max(Math.abs(r) - eps, 0);
            d[i] = 2 * c * v * Math.signum(r);
            bias += d[i];
        }
        double[] g = x.tmvmul(d);
        double[] w = m.coefficients();
        double gn = (m.intercept() + bias) * (m.intercept() + bias);
        double wn = m.intercept() * m.intercept();
        for (int j = 0; j < p; j++) {
            gn += (w[j] + g[j]) * (w[j] + g[j]);
            wn += w[j] * w[j];
        }
        return Math.sqrt(gn / wn);
    }

    @Test
    void sparseEqualsDenseAndScikitLearn() {
        for (String loss : new String[] {"epsilon_insensitive", "squared_epsilon_insensitive"}) {
            String tag = loss.startsWith("squared") ? "l2" : "l1";
            LinearSVR l = LinearSVR.learner().c(1.0).epsilon(0.1).loss(loss).tol(1e-10).maxIter(1_000_000).seed(3);
            LinearModel s = l.fit(SparseLinearTest.regression(true));
            LinearModel d = l.fit(SparseLinearTest.regression(false));
            assertEquals(1.0, s.report().extra().get("sparse"), loss);
            assertTrue(s.report().converged(), loss);
            assertArrayEquals(d.coefficients(), s.coefficients(), 1e-12, loss + ": same seed, same steps");
            assertEquals(d.intercept(), s.intercept(), 1e-12, loss);
            double sk = SparseLinearTest.maxAbsDiff(s.coefficients(), SparseOlsTest.FX.vector("svr_" + tag + "_coef"));
            assertTrue(sk < 1e-5, loss + " vs sklearn " + sk);
            assertEquals(SparseOlsTest.FX.scalar("svr_" + tag + "_intercept"), s.intercept(), 1e-5, loss);
            assertArrayEquals(s.predict(SparseLinearTest.X.toDense()), s.predict(SparseLinearTest.X), 1e-12);
            if (tag.equals("l2")) {
                double g = squaredLossGradient(SparseLinearTest.X, SparseLinearTest.FX.vector("y_reg"), s, 1.0, 0.1);
                assertTrue(g < 1e-6, "relative primal gradient " + g);
            }
        }
    }

    @Test
    void digitsSparseEqualsDense() throws Exception {
        LinearSVR l = LinearSVR.learner().c(0.1).loss("squared_epsilon_insensitive").tol(1e-8).maxIter(100_000).seed(1);
        LinearModel s = l.fit(SparseTestData.digits(true));
        LinearModel d = l.fit(SparseTestData.digits(false));
        assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-10,
                "digits " + SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()));
        assertEquals(d.intercept(), s.intercept(), 1e-10);
    }

    @Test
    void tallMatrixTooLargeToDensify() {
        Dataset big = SparseTestData.tall(17, 0);
        assertThrows(TooLargeToDensifyException.class, big::features);
        LinearModel m = LinearSVR.learner().c(1).epsilon(0.05).tol(1e-4).maxIter(200).fit(big);
        assertEquals(1.0, m.report().extra().get("sparse"));
        assertEquals(3, m.coefficients()[0], 0.05);
        assertEquals(-2, m.coefficients()[1], 0.05);
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return LearnerContract.tests(LinearSVR.learner(), SparseLinearTest.regression(true),
                LearnerContract.Options.DEFAULT.withOrderInvariant(false));
    }
}
