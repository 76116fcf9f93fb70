package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.TooLargeToDensifyException;
import dev.derive.optim.GradientCheck;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code huber} on CSR data ({@link HuberObjective} on a {@link dev.derive.linalg.SparseMatrix}): the sparse objective and
 * gradient equal the dense ones and finite differences; the sparse fit equals the dense fit and scikit-learn's
 * {@code HuberRegressor} on {@code scipy.sparse} input (fixture {@code linsparse3_sklearn.txt}); the real digits data;
 * a matrix too large to densify.
 */
class SparseHuberTest {

    static final Fixtures FX = SparseOlsTest.FX;

    static Dataset data(boolean sparse) {
        double[] y = FX.vector("y_huber");
        return sparse ? Dataset.regression(SparseLinearTest.X, y) : Dataset.regression(SparseLinearTest.X.toDense(), y);
    }

    @Test
    void sparseObjectiveEqualsDenseAndFiniteDifferences() {
        double[] y = FX.vector("y_huber");
        double[] w = FX.vector("w");
        HuberObjective s = new HuberObjective(SparseLinearTest.X, y, w, 1.35, 0.3, true);
        HuberObjective d = new HuberObjective(SparseLinearTest.X.toDense(), y, w, 1.35, 0.3, true);
        int p = SparseLinearTest.P;
        double[] theta = new double[p + 2];
        for (int j = 0; j < p; j++) {
            theta[j] = Math.cos(j);
        }
        theta[p] = 0.4;
        theta[p + 1] = 1.3;
        double[] gs = new double[p + 2];
        double[] gd = new double[p + 2];
        assertEquals(d.valueAndGradient(theta, gd), s.valueAndGradient(theta, gs), 1e-12 * Math.abs(d.value(theta)));
        assertArrayEquals(gd, gs, 1e-10);
        assertTrue(GradientCheck.gradient(s, theta).passes(1e-6));
    }

    @Test
    void sparseFitEqualsDenseAndScikitLearn() {
        Huber l = Huber.learner().epsilon(1.35).alpha(1e-3).tol(1e-10).maxIter(10_000);
        HuberModel s = l.fit(data(true));
        HuberModel d = l.fit(data(false));
        assertEquals(1.0, s.report().extra().get("sparse"));
        assertTrue(s.report().converged(), s.report().toString());
        assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-7,
                "sparse vs dense " + SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()));
        assertEquals(d.intercept(), s.intercept(), 1e-7);
        assertEquals(d.scale(), s.scale(), 1e-8);
        // scikit-learn's L-BFGS-B stops on scipy's ftol with a gradient norm of ~2e-2 (about 1e-3 from the optimum per
        // coefficient); its solution polished by scipy (gradient norm ~3e-6) is the reference, and Derive's objective
        // must not exceed scikit-learn's
        double obj = s.report().extra().get("objective");
        assertTrue(obj <= FX.scalar("huber_sk_objective"), obj + " vs sklearn " + FX.scalar("huber_sk_objective"));
        assertEquals(FX.scalar("huber_polished_objective"), obj, 1e-12 * obj);
        double pol = SparseLinearTest.maxAbsDiff(s.coefficients(), FX.vector("huber_polished_coef"));
        assertTrue(pol < 1e-5, "vs polished sklearn " + pol);
        assertEquals(FX.scalar("huber_polished_intercept"), s.intercept(), 1e-5);
        assertEquals(FX.scalar("huber_polished_scale"), s.scale(), 1e-6);
        double sk = SparseLinearTest.maxAbsDiff(s.coefficients(), FX.vector("huber_coef"));
        assertTrue(sk < 2e-3, "vs sklearn as it stopped " + sk);
        assertArrayEquals(s.predict(SparseLinearTest.X.toDense()), s.predict(SparseLinearTest.X), 1e-10);
        // optimality: the gradient of the objective at the solution (sigma > its bound, so it must vanish)
        int p = SparseLinearTest.P;
        double[] theta = new double[p + 2];
        System.arraycopy(s.coefficients(), 0, theta, 0, p);
        theta[p] = s.intercept();
        theta[p + 1] = s.scale();
        double[] g = new double[p + 2];
        new HuberObjective(SparseLinearTest.X, FX.vector("y_huber"), null, 1.35, 1e-3, true).valueAndGradient(theta, g);
        double gn = Math.sqrt(CoordinateDescent.dot(g, g));
        assertTrue(gn <= 1e-10, "gradient norm " + gn);
    }

    @Test
    void digitsSparseEqualsDense() throws Exception {
        Huber l = Huber.learner().alpha(1).tol(1e-8).maxIter(10_000);
        int[] rows = java.util.stream.IntStream.range(0, 600).toArray(); // the first 600 images keep the test short
        HuberModel s = l.fit(SparseTestData.digits(true).subset(rows));
        HuberModel d = l.fit(SparseTestData.digits(false).subset(rows));
        assertTrue(s.report().converged() && d.report().converged());
        assertTrue(SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()) < 1e-5,
                "digits " + SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients()));
        assertEquals(d.scale(), s.scale(), 1e-6);
    }

    @Test
    void tallMatrixTooLargeToDensify() {
        Dataset big = SparseTestData.tall(13, 0.05, 1.0);
        assertThrows(TooLargeToDensifyException.class, big::features);
        // alpha = 1000 is small against the data term (110,000 rows) but conditions the 20,000 rarely seen columns
        HuberModel m = Huber.learner().alpha(1000).tol(1).maxIter(1000).fit(big);
        assertTrue(m.report().converged(), m.report().toString());
        assertEquals(1.0, m.report().extra().get("sparse"));
        // 5% of the rows shifted by +50: Huber still recovers y = 1 + 3 x0 - 2 x1
        assertEquals(3, m.coefficients()[0], 0.05);
        assertEquals(-2, m.coefficients()[1], 0.05);
        assertEquals(1, m.intercept(), 0.1);
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return LearnerContract.tests(Huber.learner().maxIter(1000), data(true), LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6));
    }
}
