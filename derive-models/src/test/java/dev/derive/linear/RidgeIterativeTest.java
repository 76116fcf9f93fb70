package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The iterative ridge solvers (cg, lbfgs) reach the Cholesky solution at a tight tolerance. */
class RidgeIterativeTest {

    static final Fixtures FX = Fixtures.load("glm_sklearn.txt");

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static Dataset wide() {
        return Dataset.regression(FX.matrix("wide_X"), FX.vector("wide_y"));
    }

    static void same(LinearModel expected, LinearModel got, double rel, String what) {
        double[] e = expected.coefficients();
        double[] g = got.coefficients();
        for (int j = 0; j < e.length; j++) {
            assertEquals(e[j], g[j], rel * Math.abs(e[j]) + 1e-12, what + " coef[" + j + "]");
        }
        assertEquals(expected.intercept(), got.intercept(), rel * Math.abs(expected.intercept()) + 1e-12, what + " intercept");
    }

    @Test
    void matchCholeskyAtTightTolerance() {
        Dataset[] sets = {diabetes(), diabetes().withWeights(FX.vector("diabetes_w")), standardised(), wide()};
        String[] names = {"diabetes", "weighted", "standardised", "wide (n < p)"};
        for (int k = 0; k < sets.length; k++) {
            for (double alpha : new double[] {0.01, 1, 100}) {
                LinearModel chol = Ridge.learner().alpha(alpha).solver("cholesky").fit(sets[k]);
                for (String solver : new String[] {"cg", "lbfgs"}) {
                    LinearModel it = Ridge.learner().alpha(alpha).solver(solver).tol(1e-14).maxIter(100_000).fit(sets[k]);
                    same(chol, it, 1e-8, names[k] + " alpha " + alpha + " " + solver);
                    assertEquals(solver, it.solver());
                    assertTrue(it.report().iterations() > 0);
                }
            }
        }
    }

    static Dataset standardised() {
        return Dataset.regression(FX.matrix("diabetes_Z"), FX.vector("diabetes_y"));
    }

    @Test
    void reportsNonConvergence() {
        LinearModel m = Ridge.learner().alpha(1e-3).solver("cg").tol(1e-15).maxIter(2).fit(diabetes());
        assertFalse(m.report().converged());
        assertEquals(2, m.report().iterations());
        assertTrue(m.report().warnings().get(0).contains("max_iter"), m.report().warnings().toString());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.concat(LearnerContract.tests(Ridge.learner().solver("cg").tol(1e-12), diabetes(),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                LearnerContract.tests(Ridge.learner().solver("lbfgs").tol(1e-12), standardised(),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)));
    }
}
