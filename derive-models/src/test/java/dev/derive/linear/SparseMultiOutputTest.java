package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.TooLargeToDensifyException;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-output OLS and ridge ({@link MultiOutputRegressor#fitMulti}) on CSR features: each column equals the single-target
 * sparse fit, the dense multi-output fit, and for OLS numpy's exact least squares (fixture {@code linsparse3_sklearn.txt});
 * sparse prediction equals dense prediction; a matrix too large to densify works.
 */
class SparseMultiOutputTest {

    /** Three targets: y_reg, y_huber and their difference (the fixture's). */
    static Matrix targets() {
        double[] a = SparseLinearTest.FX.vector("y_reg");
        double[] b = SparseOlsTest.FX.vector("y_huber");
        Matrix y = Matrix.zeros(a.length, 3);
        for (int i = 0; i < a.length; i++) {
            y.set(i, 0, a[i]);
            y.set(i, 1, b[i]);
            y.set(i, 2, a[i] - 2 * b[i]);
        }
        return y;
    }

    static Dataset features(boolean sparse, double[] w) {
        Dataset d = SparseLinearTest.regression(sparse);
        return w == null ? d : d.withWeights(w);
    }

    @Test
    void olsMultiOutputOnSparseEqualsPerTargetAndDense() {
        Matrix y = targets();
        for (double[] w : new double[][] {null, SparseOlsTest.FX.vector("w")}) {
            for (String solver : new String[] {"auto", "cg"}) {
                LinearRegression l = LinearRegression.learner().solver(solver);
                MultiOutputLinearModel s = l.fitMulti(features(true, w), y);
                MultiOutputLinearModel d = LinearRegression.learner().fitMulti(features(false, w), y);
                assertEquals(1.0, s.report().extra().get("sparse"));
                double tol = solver.equals("cg") ? 1e-7 : 1e-9;
                assertArrayEquals(d.coefficients().toArray(), s.coefficients().toArray(), tol, solver);
                assertArrayEquals(d.intercepts(), s.intercepts(), tol, solver);
                for (int t = 0; t < 3; t++) {
                    Dataset one = Dataset.regression(SparseLinearTest.X, y.columnArray(t));
                    LinearModel single = l.fit(w == null ? one : one.withWeights(w));
                    assertArrayEquals(single.coefficients(), s.coefficients().columnArray(t), 1e-12, "target " + t);
                }
                double[] exact = SparseOlsTest.FX.vector(w == null ? "ols_exact_coef" : "ols_exact_w_coef");
                assertArrayEquals(exact, s.coefficients().columnArray(0), tol, "vs numpy lstsq");
                // the prediction differs by at most ||x_i||_1 (< 10 here) times the coefficient difference
                assertArrayEquals(d.predict(SparseLinearTest.X.toDense()).toArray(), s.predict(SparseLinearTest.X).toArray(), 10 * tol);
                assertArrayEquals(s.predict(SparseLinearTest.X.toDense()).toArray(), s.predict(SparseLinearTest.X).toArray(), 1e-12);
            }
        }
    }

    @Test
    void ridgeMultiOutputOnSparseEqualsPerTargetAndDense() {
        Matrix y = targets();
        double[] alphas = {0.5, 2.0, 10.0};
        Ridge l = Ridge.learner().tol(1e-12);
        MultiOutputLinearModel s = l.fitMulti(features(true, null), y, MultiOutputLinearModel.defaultTargetNames(3), alphas);
        MultiOutputLinearModel d = l.fitMulti(features(false, null), y, MultiOutputLinearModel.defaultTargetNames(3), alphas);
        assertEquals(1.0, s.report().extra().get("sparse"));
        assertTrue(s.report().converged());
        assertArrayEquals(d.coefficients().toArray(), s.coefficients().toArray(), 1e-9);
        assertArrayEquals(d.intercepts(), s.intercepts(), 1e-9);
        assertArrayEquals(alphas, s.alphas(), 0);
        for (int t = 0; t < 3; t++) {
            LinearModel single = l.alpha(alphas[t]).fit(Dataset.regression(SparseLinearTest.X, y.columnArray(t)));
            assertArrayEquals(single.coefficients(), s.coefficients().columnArray(t), 1e-12, "target " + t);
        }
        // an explicitly dense solver densifies with a warning
        MultiOutputLinearModel c = Ridge.learner().solver("cholesky").fitMulti(features(true, null), y);
        assertTrue(c.report().warnings().stream().anyMatch(m -> m.contains("densified")), c.report().warnings().toString());
    }

    @Test
    void tallMatrixTooLargeToDensify() {
        Dataset big = SparseTestData.tall(21, 0);
        assertThrows(TooLargeToDensifyException.class, big::features);
        double[] y0 = big.target();
        Matrix y = Matrix.zeros(y0.length, 2);
        for (int i = 0; i < y0.length; i++) {
            y.set(i, 0, y0[i]);
            y.set(i, 1, -2 * y0[i] + 1);
        }
        MultiOutputLinearModel m = LinearRegression.learner().fitMulti(big, y, List.of("a", "b"));
        assertEquals("cg", m.solver());
        assertEquals(3, m.coefficients().get(0, 0), 0.01);
        assertEquals(-6, m.coefficients().get(0, 1), 0.02);
        SparseMatrix x = big.sparseFeatures();
        assertEquals(y0.length, m.predict(x).rows());
        MultiOutputLinearModel r = Ridge.learner().alpha(1).tol(1e-8).fitMulti(big, y);
        assertEquals(-2, r.coefficients().get(1, 0), 0.01);
    }
}
