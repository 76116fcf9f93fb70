package dev.derive.linalg;

/**
 * The QR factorisation of an {@code m x n} matrix by Householder reflections: {@code A = Q R}
 * ({@link #of}, LAPACK {@code dgeqrf}) or, with column pivoting, {@code A P = Q R} ({@link #pivoted},
 * LAPACK {@code dgeqp3}), where {@code Q} has orthonormal columns and {@code R} is upper triangular
 * (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., sections 5.2 and 5.4.2).
 *
 * <p>Column pivoting chooses, at each step, the remaining column of largest norm, so {@code |r_00| >=
 * |r_11| >= ...} and the numerical rank shows on the diagonal of {@code R}: {@link #rank()} counts
 * {@code |r_kk| > max(m, n) * eps * |r_00|}. Without pivoting the same count is reported but it is
 * <em>not</em> rank-revealing: a rank-deficient matrix need not produce a small {@code r_kk} in the right
 * place (and a small {@code r_kk} does not tell which column is dependent).
 *
 * <p>{@link #solve} gives the least-squares solution of {@code min ||A x - b||_2} for {@code m >= n}:
 * {@code x = R^-1 Q' b}. Unpivoted, it refuses a rank-deficient {@code A}; pivoted, it returns the
 * <em>basic</em> solution, which sets the coefficients of the {@code n - r} columns that pivoting put last
 * to zero (this is not the minimum-norm solution; the SVD gives that).
 *
 * <p>The factorisation copies its input and is immutable, so it is safe to share between threads.
 */
public final class QR {

    private static final double EPS = Math.ulp(1.0);

    private final int m;
    private final int n;
    private final int k;
    /** dgeqrf/dgeqp3 output: R on and above the diagonal, the Householder vectors below it. */
    private final double[] qr;
    private final double[] tau;
    /** Column order: column j of A P is column perm[j] of A. */
    private final int[] perm;
    private final boolean pivoted;

    private QR(int m, int n, double[] qr, double[] tau, int[] perm, boolean pivoted) {
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        this.qr = qr;
        this.tau = tau;
        this.perm = perm;
        this.pivoted = pivoted;
    }

    /**
     * The QR factorisation {@code A = Q R} of any non-empty matrix with finite entries ({@code dgeqrf}; the
     * input is copied).
     *
     * @throws IllegalArgumentException if {@code a} is empty or has a NaN or infinite entry
     */
    public static QR of(Matrix a) {
        Checks.nonEmpty(a, "QR");
        Checks.finite(a, "QR");
        int m = a.rows();
        int n = a.cols();
        double[] f = a.toArray();
        double[] tau = new double[Math.min(m, n)];
        Lapack.check(Lapack.dgeqrf(m, n, f, 0, m, tau), "dgeqrf");
        int[] perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j;
        }
        return new QR(m, n, f, tau, perm, false);
    }

    /**
     * The QR factorisation with column pivoting {@code A P = Q R} ({@code dgeqp3}; the input is copied),
     * which reveals the numerical rank.
     *
     * @throws IllegalArgumentException if {@code a} is empty or has a NaN or infinite entry
     */
    public static QR pivoted(Matrix a) {
        Checks.nonEmpty(a, "QR.pivoted");
        Checks.finite(a, "QR.pivoted");
        int m = a.rows();
        int n = a.cols();
        double[] f = a.toArray();
        double[] tau = new double[Math.min(m, n)];
        int[] jpvt = new int[n]; // all zero: every column is free to move
        Lapack.check(Lapack.dgeqp3(m, n, f, 0, m, jpvt, tau), "dgeqp3");
        for (int j = 0; j < n; j++) {
            jpvt[j] -= 1;
        }
        return new QR(m, n, f, tau, jpvt, true);
    }

    /** Number of rows {@code m} of the factored matrix. */
    public int rows() {
        return m;
    }

    /** Number of columns {@code n} of the factored matrix. */
    public int cols() {
        return n;
    }

    /** True for the column-pivoted factorisation. */
    public boolean isPivoted() {
        return pivoted;
    }

    /** The thin {@code Q}: {@code m x min(m, n)} with orthonormal columns ({@code dorgqr}). */
    public Matrix q() {
        double[] q = new double[m * k];
        System.arraycopy(qr, 0, q, 0, m * k);
        Lapack.check(Lapack.dorgqr(m, k, k, q, 0, m, tau), "dorgqr");
        return Matrix.wrap(m, k, q);
    }

    /** The full orthogonal {@code Q}: {@code m x m} ({@code dorgqr}). */
    public Matrix qFull() {
        double[] q = new double[m * m];
        System.arraycopy(qr, 0, q, 0, m * k);
        Lapack.check(Lapack.dorgqr(m, m, k, q, 0, m, tau), "dorgqr");
        return Matrix.wrap(m, m, q);
    }

    /** The upper triangular (trapezoidal when {@code n > m}) factor {@code R}: {@code min(m, n) x n}. */
    public Matrix r() {
        Matrix r = Matrix.zeros(k, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i <= Math.min(j, k - 1); i++) {
                r.data[i + j * k] = qr[i + j * m];
            }
        }
        return r;
    }

    /**
     * The column order (a copy): column {@code j} of {@code A P} is column {@code permutation()[j]} of
     * {@code A}, so {@code A P = A[:, permutation()]}. The identity for {@link #of}.
     */
    public int[] permutation() {
        return perm.clone();
    }

    /** The permutation matrix {@code P} ({@code n x n}) with {@code A P = Q R}: {@code P[perm[j], j] = 1}. */
    public Matrix permutationMatrix() {
        Matrix p = Matrix.zeros(n, n);
        for (int j = 0; j < n; j++) {
            p.data[perm[j] + j * n] = 1;
        }
        return p;
    }

    /** The diagonal of {@code R}, {@code r_kk} for {@code k < min(m, n)} (a new array). */
    public double[] rDiagonal() {
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = qr[i + i * m];
        }
        return d;
    }

    /**
     * The default rank tolerance {@code max(m, n) * eps * max_k |r_kk|} (for the pivoted factorisation
     * {@code max_k |r_kk| = |r_00|}).
     */
    public double defaultTolerance() {
        double max = 0;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, Math.abs(qr[i + i * m]));
        }
        return Math.max(m, n) * EPS * max;
    }

    /**
     * The numerical rank: the number of {@code |r_kk| > } {@link #defaultTolerance()}. Reliable for
     * {@link #pivoted}; for {@link #of} it is computed the same way but is not rank-revealing (see the class
     * comment).
     */
    public int rank() {
        return rank(defaultTolerance());
    }

    /**
     * The number of diagonal entries of {@code R} with {@code |r_kk| > tol}.
     *
     * @throws IllegalArgumentException if {@code tol} is negative or not finite
     */
    public int rank(double tol) {
        if (!(tol >= 0) || !Double.isFinite(tol)) {
            throw new IllegalArgumentException("QR.rank: tolerance must be >= 0 and finite, got " + tol);
        }
        int r = 0;
        for (int i = 0; i < k; i++) {
            if (Math.abs(qr[i + i * m]) > tol) {
                r++;
            }
        }
        return r;
    }

    /**
     * The least-squares solution {@code X} of {@code min ||A X - B||_F} for an {@code m x p} right-hand
     * side, {@code m >= n}: {@code Q' B} by {@code dormqr}, then back substitution with {@code R}. For the
     * pivoted factorisation of rank {@code r < n} this is the basic solution (see the class comment).
     *
     * @throws IllegalArgumentException if {@code m < n} (underdetermined), if {@code B} does not have
     *                                  {@code m} rows, or if {@code B} has a non-finite entry
     * @throws SingularMatrixException  for the unpivoted factorisation of a rank-deficient matrix
     */
    public Matrix solve(Matrix b) {
        requireTall();
        Checks.sameRows(Matrix.wrap(m, n, qr), b, "QR.solve");
        Checks.finite(b, "QR.solve (right-hand side)");
        return Matrix.wrap(n, b.cols(), solveColumns(b.toArray(), b.cols()));
    }

    /**
     * The least-squares solution {@code x} of {@code min ||A x - b||_2}, {@code m >= n} (see
     * {@link #solve(Matrix)}).
     *
     * @throws IllegalArgumentException if {@code m < n}, {@code b.length != m}, or {@code b} has a non-finite
     *                                  entry
     * @throws SingularMatrixException  for the unpivoted factorisation of a rank-deficient matrix
     */
    public double[] solve(double[] b) {
        requireTall();
        Checks.length(b, m, "QR.solve", Matrix.wrap(m, n, qr));
        Checks.finite(b, "QR.solve", "right-hand side");
        return solveColumns(b.clone(), 1);
    }

    private void requireTall() {
        if (m < n) {
            throw new IllegalArgumentException("QR.solve: the system is underdetermined (A is " + m + "x" + n
                    + ", fewer rows than columns), so least squares has no unique solution; use the SVD "
                    + "minimum-norm solution (pseudo-inverse) instead");
        }
    }

    /** c: m x p column-major (overwritten); returns the n x p solution. */
    private double[] solveColumns(double[] c, int p) {
        int r;
        double tol = defaultTolerance();
        if (pivoted) {
            r = rank(tol);
        } else {
            r = n;
            for (int i = 0; i < n; i++) {
                double d = Math.abs(qr[i + i * m]);
                if (!(d > tol)) {
                    throw new SingularMatrixException("QR.solve: A (" + m + "x" + n
                            + ") is rank-deficient to working precision: |R[" + i + ", " + i + "]| = " + d
                            + " <= tolerance " + tol + " (max(m, n) * eps * max|r_kk|); use QR.pivoted(a).solve "
                            + "for a basic solution or the SVD for the minimum-norm solution");
                }
            }
        }
        double[] x = new double[n * p];
        if (p == 0) {
            return x;
        }
        Lapack.check(Lapack.dormqr('L', 'T', m, p, k, qr, 0, m, tau, c, 0, m), "dormqr"); // qr, tau only read
        if (r > 0) {
            // R[0:r, 0:r] z = (Q'b)[0:r]: solve in place in the top r rows of c
            Blas.dtrsm(true, false, false, false, r, p, 1, qr, 0, m, c, 0, m);
        }
        for (int col = 0; col < p; col++) {
            for (int j = 0; j < r; j++) {
                x[perm[j] + col * n] = c[j + col * m];
            }
        }
        return x;
    }

    @Override
    public String toString() {
        return (pivoted ? "pivoted QR" : "QR") + " of a " + m + "x" + n + " matrix";
    }
}
