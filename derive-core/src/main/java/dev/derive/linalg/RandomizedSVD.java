package dev.derive.linalg;

import java.util.SplittableRandom;

/**
 * Randomized truncated SVD (Halko, Martinsson &amp; Tropp, "Finding structure with randomness", SIAM
 * Review 2011, Algorithms 4.4 and 5.1): sample the range of {@code A} with a Gaussian test matrix of
 * {@code k + p} columns ({@code p} = oversampling), sharpen it with {@code q} power iterations
 * {@code (A A')^q A Omega}, re-orthonormalised by QR after every product so that rounding does not wash
 * out the small singular directions, then take the exact SVD of the small projection {@code B = Q' A}.
 *
 * <p>The error obeys {@code E||A - Q Q' A|| <= (1 + ...) sigma_{k+1}} and shrinks geometrically with
 * {@code q} at the rate {@code (sigma_{k+1} / sigma_k)^(2q+1)}. The cost is {@code O(mn(k+p)(2q+1))}
 * BLAS-3 work instead of the {@code O(mn min(m,n))} of a full SVD. The result is deterministic for a seed.
 */
public final class RandomizedSVD {

    /** Default oversampling, as scikit-learn's {@code randomized_svd}. */
    public static final int DEFAULT_OVERSAMPLING = 10;

    private RandomizedSVD() {
    }

    /**
     * The rank-{@code k} randomized SVD with default oversampling (10) and power iterations (7 when
     * {@code k < 0.1 min(m, n)}, else 4, as scikit-learn's {@code n_iter='auto'}).
     */
    public static SVD of(Matrix a, int k, long seed) {
        int powerIterations = k < 0.1 * Math.min(a.rows(), a.cols()) ? 7 : 4;
        return of(a, k, DEFAULT_OVERSAMPLING, powerIterations, seed);
    }

    /**
     * The rank-{@code k} randomized SVD.
     *
     * @param a               the matrix (finite; not modified)
     * @param k               target rank, {@code 1 <= k <= min(m, n)}
     * @param oversampling    extra sample columns {@code p >= 0}
     * @param powerIterations number of power iterations {@code q >= 0}
     * @param seed            seed of the Gaussian test matrix
     * @return an SVD holding the top {@code k} approximate singular triplets
     */
    public static SVD of(Matrix a, int k, int oversampling, int powerIterations, long seed) {
        int m = a.rows();
        int n = a.cols();
        Checks.nonEmpty(a, "randomized SVD");
        if (k < 1 || k > Math.min(m, n)) {
            throw new IllegalArgumentException("randomized SVD: k = " + k + " is invalid for a " + m + "x" + n
                    + " matrix; allowed: [1, " + Math.min(m, n) + "]");
        }
        if (oversampling < 0) {
            throw new IllegalArgumentException("randomized SVD: oversampling = " + oversampling + " is invalid; allowed: [0, inf)");
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("randomized SVD: power_iterations = " + powerIterations + " is invalid; allowed: [0, inf)");
        }
        Checks.finite(a, "randomized SVD");
        int l = Math.min(k + oversampling, Math.min(m, n));
        Matrix omega = Matrix.randn(n, l, new SplittableRandom(seed));
        Matrix q = orthonormal(a.mmul(omega));                 // m x l
        for (int it = 0; it < powerIterations; it++) {
            Matrix z = orthonormal(a.tmmul(q));               // n x l
            q = orthonormal(a.mmul(z));                       // m x l
        }
        Matrix b = q.tmmul(a);                                // l x n
        SVD small = SVD.of(b);
        Matrix u = q.mmul(small.u());                         // m x l
        return SVD.truncated(m, n, u, small.singularValues(), small.vt(), k);
    }

    private static Matrix orthonormal(Matrix y) {
        return QR.of(y).q();
    }
}
