package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/** Deterministic test matrices and error measures shared by the decomposition tests (LU, Cholesky, QR, SVD, eigen). */
final class TestMatrices {
    /** Machine epsilon, 2^-52. */
    static final double EPS = Math.ulp(1.0);

    /**
     * Upper bound on the 2-norm condition number of {@link #wellConditioned}: the singular values of
     * {@code I + E} with {@code ||E||_2 <= ||E||_F = 0.9} lie in [0.1, 1.9], the diagonal scales in
     * [0.5, 2], so cond2 <= (1.9 * 2) / (0.1 * 0.5) = 76.
     */
    static final double WELL_CONDITIONED_COND = 76;

    private TestMatrices() {
    }

    /** The n x n Hilbert matrix 1 / (i + j + 1). */
    static Matrix hilbert(int n) {
        Matrix h = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h.set(i, j, 1.0 / (i + j + 1));
            }
        }
        return h;
    }

    /** An m x n matrix of rank r (generically): the product of m x r and r x n Gaussian factors. */
    static Matrix lowRank(int m, int n, int r, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return Matrix.randn(m, r, rng).mmul(Matrix.randn(r, n, rng));
    }

    /**
     * A random n x n matrix with 2-norm condition number at most {@link #WELL_CONDITIONED_COND}:
     * {@code P D (I + E)} with a random row permutation P (so partial pivoting has work to do), a diagonal
     * D of random signs and scales in [0.5, 2], and a Gaussian E scaled to Frobenius norm 0.9.
     */
    static Matrix wellConditioned(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix e = Matrix.randn(n, n, rng);
        double f = e.normFrobenius();
        // E = 0 (possible: a Gaussian draw can be exactly 0.0) leaves I, which is fine
        Matrix m = Matrix.identity(n).addi(f > 0 ? 0.9 / f : 0, e);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        Matrix a = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            double d = (rng.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * rng.nextDouble());
            for (int j = 0; j < n; j++) {
                a.set(p[i], j, d * m.get(i, j));
            }
        }
        return a;
    }

    /** ||a - b||_F / ||b||_F (or ||a - b||_F if b is zero). */
    static double relErr(Matrix a, Matrix b) {
        double nb = b.normFrobenius();
        double d = a.sub(b).normFrobenius();
        return nb == 0 ? d : d / nb;
    }

    static double norm2(double[] v) {
        return Matrix.columnVector(v).normFrobenius();
    }

    /** ||a - b||_2 / ||b||_2. */
    static double relErr(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        double nb = norm2(b);
        return nb == 0 ? norm2(d) : norm2(d) / nb;
    }

    static void assertBelow(double value, double bound, String what) {
        assertTrue(value <= bound, () -> what + ": " + value + " exceeds bound " + bound);
    }

    /** Asserts q'q = I to {@code tol} in the max norm. */
    static void assertOrthonormalColumns(Matrix q, double tol, String what) {
        double err = q.tmmul(q).sub(Matrix.identity(q.cols())).normMax();
        assertBelow(err, tol, what + " |Q'Q - I|_max");
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

    static Matrix randn(int m, int n, long seed) {
        return Matrix.randn(m, n, new SplittableRandom(seed));
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
