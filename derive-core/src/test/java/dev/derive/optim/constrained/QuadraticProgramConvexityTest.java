package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The convexity rule of {@link QuadraticProgram}, {@code lambda_min(Q) >= -1e-10 max|lambda|}, on matrices {@code Q
 * = U diag(d) U'} with known eigenvalues d ({@code U} a Householder reflection, orthogonal): the Cholesky fast path
 * must accept singular PSD matrices and never accept what the eigenvalue rule rejects.
 */
class QuadraticProgramConvexityTest {

    private static Matrix withEigenvalues(double[] d, long seed) {
        int n = d.length;
        double[] u = new double[n];
        Random r = new Random(seed);
        double nu = 0;
        for (int i = 0; i < n; i++) {
            u[i] = r.nextGaussian();
            nu += u[i] * u[i];
        }
        double[] q = new double[n * n];
        // U = I - 2 u u' / |u|^2; Q = U D U
        double[][] uu = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                uu[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / nu;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += uu[i][k] * d[k] * uu[j][k];
                }
                q[i + j * n] = s;
                q[j + i * n] = s;
            }
        }
        return Matrix.wrap(n, n, q);
    }

    private static QuadraticProgram qp(Matrix q) {
        int n = q.rows();
        return new QuadraticProgram(q, new double[n], null, null, null, null, Bounds.box(n, -1, 1));
    }

    @Test
    void singularPsdIsAccepted() {
        double[] d = new double[40];
        for (int i = 0; i < 10; i++) {
            d[i] = 1 + i;
        }
        assertDoesNotThrow(() -> qp(withEigenvalues(d, 1)));
    }

    @Test
    void tinyNegativeEigenvalueWithinToleranceIsAccepted() {
        double[] d = new double[30];
        java.util.Arrays.fill(d, 2.0);
        d[0] = -1e-13 * 2;
        assertDoesNotThrow(() -> qp(withEigenvalues(d, 2)));
    }

    @Test
    void negativeEigenvalueBeyondToleranceIsRejected() {
        double[] d = new double[30];
        java.util.Arrays.fill(d, 2.0);
        d[5] = -1e-6 * 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qp(withEigenvalues(d, 3)));
        assertTrue(e.getMessage().contains("positive semi-definite") && e.getMessage().contains("smallest eigenvalue"),
                e.getMessage());
    }
}
