package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * {@code quantile} on CSR data ({@link SparseQuantileRegression}, the Frisch–Newton interior point on the dual with
 * {@code (p + 1) x (p + 1)} Newton systems): the same optimum as the dense linear program ({@link QuantileRegression#solve})
 * to the dense tests' tolerances (objective 1e-9 relative, coefficients 1e-6 where the optimum is unique), and as
 * scikit-learn's {@code QuantileRegressor(solver='highs')} on {@code scipy.sparse} input (fixture {@code linsparse3_sklearn.txt}).
 */
class SparseQuantileTest {

    static void check(QuantileRegression l, Dataset sparse, Dataset dense, String what, boolean unique) {
        LinearModel s = l.fit(sparse);
        LinearModel d = l.fit(dense);
        assertEquals(1.0, s.report().extra().get("sparse"), what);
        assertTrue(s.report().converged(), what + " " + s.report());
        double q = l.params().getDouble("quantile");
        double alpha = l.params().getDouble("alpha");
        double fs = SparseQuantileRegression.objective(sparse.sparseFeatures(), sparse.target(), sparse.weights(), s.coefficients(),
                s.intercept(), q, alpha);
        double fd = SparseQuantileRegression.objective(sparse.sparseFeatures(), sparse.target(), sparse.weights(), d.coefficients(),
                d.intercept(), q, alpha);
        assertEquals(fd, fs, 1e-9 * Math.abs(fd), what + " objective sparse " + fs + " vs dense " + fd);
        if (unique) {
            double diff = SparseLinearTest.maxAbsDiff(s.coefficients(), d.coefficients());
            assertTrue(diff < 1e-6, what + " coefficients sparse vs dense " + diff);
            assertEquals(d.intercept(), s.intercept(), 1e-6, what);
        }
        assertEquals(d.rank(), s.rank(), what + " rank");
        assertArrayEquals(s.predict(sparse.sparseFeatures().toDense()), s.predict(sparse.sparseFeatures()), 1e-12);
        System.out.println(what + ": sparse " + s.report().iterations() + " iterations, dense " + d.report().iterations());
    }

    @Test
    void matchesDenseLinearProgramAndScikitLearn() {
        QuantileRegression l = QuantileRegression.learner().quantile(0.3).alpha(0.01);
        check(l, SparseLinearTest.regression(true), SparseLinearTest.regression(false), "q 0.3 alpha 0.01", true);
        LinearModel s = l.fit(SparseLinearTest.regression(true));
        double f = s.report().extra().get("objective");
        assertEquals(SparseOlsTest.FX.scalar("qr_objective"), f, 1e-9 * f, "objective vs sklearn highs");
        double sk = SparseLinearTest.maxAbsDiff(s.coefficients(), SparseOlsTest.FX.vector("qr_coef"));
        assertTrue(sk < 1e-6, "coef vs sklearn " + sk);
        assertEquals(SparseOlsTest.FX.scalar("qr_intercept"), s.intercept(), 1e-6);
    }

    @Test
    void weightedUnpenalisedAndWithoutIntercept() {
        double[] w = SparseOlsTest.FX.vector("w");
        Dataset sw = SparseLinearTest.regression(true).withWeights(w);
        Dataset dw = SparseLinearTest.regression(false).withWeights(w);
        check(QuantileRegression.learner().quantile(0.7).alpha(0.02), sw, dw, "weighted q 0.7", true);
        check(QuantileRegression.learner().quantile(0.5).alpha(0), SparseLinearTest.regression(true), SparseLinearTest.regression(false),
                "median alpha 0", false);
        check(QuantileRegression.learner().quantile(0.8).alpha(0.005).fitIntercept(false), SparseLinearTest.regression(true),
                SparseLinearTest.regression(false), "no intercept", true);
    }

    @Test
    void digitsSubsetSparseEqualsDense() throws Exception {
        int[] rows = java.util.stream.IntStream.range(0, 300).toArray(); // the dense LP is O(n^3): 300 images
        check(QuantileRegression.learner().quantile(0.5).alpha(0.001), SparseTestData.digits(true).subset(rows),
                SparseTestData.digits(false).subset(rows), "digits", false);
    }

    /** The objective does not decrease along coordinate and random directions from the solution (convex: a local check). */
    @Test
    void noDescentDirectionAtTheSolution() {
        double q = 0.3;
        double alpha = 0.01;
        LinearModel s = QuantileRegression.learner().quantile(q).alpha(alpha).fit(SparseLinearTest.regression(true));
        double[] y = SparseLinearTest.FX.vector("y_reg");
        double[] b = s.coefficients();
        double f0 = SparseQuantileRegression.objective(SparseLinearTest.X, y, null, b, s.intercept(), q, alpha);
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int k = 0; k < 2 * (b.length + 1) + 40; k++) {
            double[] d = new double[b.length + 1];
            if (k < 2 * (b.length + 1)) {
                d[k / 2] = k % 2 == 0 ? 1 : -1;
            } else {
                for (int j = 0; j < d.length; j++) {
                    d[j] = r.nextGaussian();
                }
            }
            double h = 1e-4;
            double[] bb = b.clone();
            for (int j = 0; j < b.length; j++) {
                bb[j] += h * d[j];
            }
            double f1 = SparseQuantileRegression.objective(SparseLinearTest.X, y, null, bb, s.intercept() + h * d[b.length], q, alpha);
            assertTrue(f1 >= f0 - 1e-12, "direction " + k + " lowers the objective by " + (f0 - f1));
        }
    }

    /**
     * A 1,075,000 x 2,000 matrix (more than 2^31 - 1 entries). Slow: each interior-point iteration accumulates a
     * 2001 x 2001 Newton matrix over a million rows and factors it (45-85 s in all on the shared 2-core machine), so it
     * runs only with {@code -Dderive.slowTests=true}.
     */
    @Test
    void tallMatrixTooLargeToDensify() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("derive.slowTests"),
                "slow (45-85 s): run with -Dderive.slowTests=true");
        Dataset big = SparseTestData.tall(1_075_000, 2_000, 29, 0.0, 1.0);
        org.junit.jupiter.api.Assertions.assertThrows(dev.derive.data.TooLargeToDensifyException.class, big::features);
        long t0 = System.nanoTime();
        LinearModel m = QuantileRegression.learner().quantile(0.5).alpha(1e-4).tol(1e-8).fit(big);
        System.out.println("tall quantile " + (System.nanoTime() - t0) / 1e9 + " s, " + m.report());
        assertTrue(m.report().converged(), m.report().toString());
        assertEquals(3, m.coefficients()[0], 0.02);
        assertEquals(-2, m.coefficients()[1], 0.02);
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> contractOnSparseData() {
        return dev.derive.testing.LearnerContract.tests(QuantileRegression.learner().quantile(0.3).alpha(0.01),
                SparseLinearTest.regression(true), dev.derive.testing.LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6));
    }
}
