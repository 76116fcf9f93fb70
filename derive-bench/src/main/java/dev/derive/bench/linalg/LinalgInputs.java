package dev.derive.bench.linalg;

import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The seeded inputs shared by the linear-algebra benchmarks, so that Derive and EJML decompose exactly the
 * same numbers (numpy draws from the same distributions with its own generator; see
 * {@code derive-bench/scripts/numpy_linalg.py}).
 *
 * <ul>
 *   <li>{@link #general}: an {@code n x n} matrix of independent uniform draws from [0, 1).</li>
 *   <li>{@link #symmetric}: {@code (G + G') / 2} of such a matrix (for the symmetric eigenproblem).</li>
 *   <li>{@link #spd}: {@code X'X / n + I} with {@code X} standard normal, symmetric positive definite with
 *       eigenvalues in about [1, 5] (for Cholesky).</li>
 * </ul>
 */
final class LinalgInputs {

    /** The base seed of every benchmark input. */
    static final long SEED = 20_240_501L;

    private LinalgInputs() {
    }

    /** Uniform [0, 1) entries, {@code rows x cols}, from the stream {@code SEED + stream}. */
    static Matrix general(int rows, int cols, int stream) {
        return Matrix.random(rows, cols, new SplittableRandom(SEED + stream));
    }

    /** {@code (G + G') / 2} for a uniform {@code n x n} matrix {@code G}. */
    static Matrix symmetric(int n, int stream) {
        Matrix g = general(n, n, stream);
        return g.add(g.transpose()).scalei(0.5);
    }

    /** {@code X'X / n + I} for a standard normal {@code n x n} matrix {@code X}. */
    static Matrix spd(int n, int stream) {
        Matrix x = Matrix.randn(n, n, new SplittableRandom(SEED + stream));
        Matrix a = x.gram().scalei(1.0 / n);
        for (int i = 0; i < n; i++) {
            a.set(i, i, a.get(i, i) + 1);
        }
        return a;
    }

    /** The same numbers as an EJML dense row-major matrix. */
    static DMatrixRMaj toEjml(Matrix m) {
        return new DMatrixRMaj(m.toRowArrays());
    }
}
