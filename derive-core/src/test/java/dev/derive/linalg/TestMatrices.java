package dev.derive.linalg;

import java.util.SplittableRandom;

/** Test matrices and error measures shared by the SVD and eigen tests. */
final class TestMatrices {
    /** Unit roundoff times 2: {@code 2^-52}, numpy's {@code finfo(float).eps}. */
    static final double EPS = Math.ulp(1.0);

    private TestMatrices() {
    }

    /**
     * The normwise backward-error bound {@code c * max(m, n) * eps} with {@code c = 10} used for quantities
     * that a backward-stable algorithm (Householder reductions, QR iteration, divide and conquer, MRRR)
     * gets right relative to {@code ||A||}: the computed factors are exact for {@code A + E} with
     * {@code ||E|| <= p(m, n) eps ||A||}, {@code p} a modest polynomial (Golub and Van Loan, Matrix
     * Computations, 4th ed., sections 8.6.3 and 7.5.6; Demmel, Applied Numerical Linear Algebra, 5.4).
     * By Weyl's inequality singular values and symmetric eigenvalues move by at most {@code ||E||_2}.
     */
    static double backward(int m, int n) {
        return 10.0 * Math.max(m, n) * EPS;
    }

    /** The Hilbert matrix {@code h_ij = 1 / (i + j + 1)} (0-based). */
    static Matrix hilbert(int n) {
        Matrix h = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h.set(i, j, 1.0 / (i + j + 1));
            }
        }
        return h;
    }

    static Matrix randn(int m, int n, long seed) {
        return Matrix.randn(m, n, new SplittableRandom(seed));
    }

    /** An {@code m x n} matrix of rank {@code r}: a product of Gaussian {@code m x r} and {@code r x n} factors. */
    static Matrix lowRank(int m, int n, int r, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return Matrix.randn(m, r, rng).mmul(Matrix.randn(r, n, rng));
    }

    /** A random symmetric matrix {@code (B + B')/2}, exactly symmetric. */
    static Matrix symmetric(int n, long seed) {
        Matrix b = randn(n, n, seed);
        Matrix s = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0.5 * (b.get(i, j) + b.get(j, i));
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        return s;
    }

    /** {@code max |Q'Q - I|}: how far the columns of {@code q} are from orthonormal. */
    static double orthonormalityError(Matrix q) {
        return q.tmmul(q).maxAbsDiff(Matrix.identity(q.cols()));
    }

    /** {@code ||A - U S V'||_F / ||A||_F} using the first {@code k = min(m, n)} columns of U and V. */
    static double relativeReconstructionError(Matrix a, SVD svd) {
        int k = svd.singularValues().length;
        Matrix u = svd.u().block(0, 0, a.rows(), k);
        Matrix v = svd.v().block(0, 0, a.cols(), k);
        Matrix usvt = u.mulRowVector(svd.singularValues()).mmult(v);
        return a.sub(usvt).normFrobenius() / a.normFrobenius();
    }

    /** The spectral norm, computed independently of the object under test by a fresh values-only SVD. */
    static double norm2(Matrix a) {
        return SVD.values(a)[0];
    }
}
