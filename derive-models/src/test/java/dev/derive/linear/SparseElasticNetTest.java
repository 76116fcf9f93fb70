package dev.derive.linear;

import static dev.derive.linear.ElasticNetTest.FX;
import static dev.derive.linear.ElasticNetTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import org.junit.jupiter.api.Test;

/** Coordinate descent on CSR input against scikit-learn (dense reference) and against the dense solver. */
class SparseElasticNetTest {

    @Test
    void matchesScikitLearnOnTheWideDesign() {
        SparseMatrix x = SparseMatrix.fromDense(FX.matrix("wide_X"));
        double[] y = FX.vector("wide_y");
        for (int k = 0; k < 2; k++) {
            double a = FX.scalar("wide_" + k + "_alpha");
            SparseElasticNet.Fit f = SparseElasticNet.fit(x, y, null, a, 0.9, true, false, 1e-12, 1_000_000);
            assertTrue(f.converged());
            assertClose(FX.vector("wide_" + k + "_coef"), f.coef(), 1e-6, "sparse wide " + k);
            assertEquals(FX.scalar("wide_" + k + "_intercept"), f.intercept(), 1e-6 * Math.abs(f.intercept()));
        }
    }

    @Test
    void matchesTheDenseSolverOnASparsifiedDesignWithWeights() {
        Matrix dense = FX.matrix("wide_X").copy();
        int zeros = 0;
        for (int i = 0; i < dense.rows(); i++) {
            for (int j = 0; j < dense.cols(); j++) {
                if (Math.abs(dense.get(i, j)) < 0.8) {
                    dense.set(i, j, 0);
                    zeros++;
                }
            }
        }
        assertTrue(zeros > dense.size() / 3, "at least a third zeros");
        double[] y = FX.vector("wide_y");
        double[] w = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
        }
        SparseMatrix sx = SparseMatrix.fromDense(dense);
        for (boolean intercept : new boolean[] {true, false}) {
            for (boolean positive : new boolean[] {false, true}) {
                SparseElasticNet.Fit f = SparseElasticNet.fit(sx, y, w, 2.0, 0.7, intercept, positive, 1e-12, 1_000_000);
                PenalizedLinearModel m = ElasticNet.learner().alpha(2.0).l1Ratio(0.7).fitIntercept(intercept).positive(positive)
                        .tol(1e-12).maxIter(1_000_000).fit(Dataset.regression(dense, y).withWeights(w));
                assertClose(m.coefficients(), f.coef(), 1e-7, "sparse vs dense " + intercept + " " + positive);
                assertEquals(m.intercept(), f.intercept(), 1e-7 * Math.max(1, Math.abs(m.intercept())));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SparseElasticNet.fit(sx, y, null, -1, 1, true, false, 1e-4, 100));
    }
}
