package dev.derive.linalg;

/**
 * The LU factorisation with partial (row) pivoting of a square matrix, {@code A[p, :] = L U}, where
 * {@code L} is unit lower triangular, {@code U} is upper triangular and {@code p} is a row permutation
 * (LAPACK {@code dgetrf}; Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., section 3.4).
 *
 * <p>Besides the factors it gives the determinant (the signed product of the pivots), the reciprocal
 * condition number in the 1-norm estimated by {@code dgecon} from {@code ||A||_1} taken before
 * factoring, solves ({@code dgetrs}) and the inverse ({@code dgetri}).
 *
 * <p>The matrix is <em>singular</em> for {@link #solve} and {@link #inverse} when a pivot is exactly zero
 * or when {@link #rcond()} is below machine epsilon ({@code 2.2e-16}); those methods then throw
 * {@link SingularMatrixException}. {@link #det()} never throws.
 *
 * <p>The factorisation copies its input and is immutable, so it is safe to share between threads.
 */
public final class LU {

    /** Machine epsilon for doubles, {@code 2^-52}. */
    static final double EPS = Math.ulp(1.0);

    private final int n;
    /** L (strictly below the diagonal, unit diagonal implied) and U (on and above it), column-major. */
    private final double[] lu;
    /** LAPACK's 1-based row interchanges: row i was swapped with row ipiv[i] - 1, in order. */
    private final int[] ipiv;
    /** The row permutation: row i of L U is row perm[i] of A. */
    private final int[] perm;
    /** The first exactly-zero pivot (0-based), or -1. */
    private final int zeroPivot;
    private final double anorm;
    private final double rcond;

    private LU(int n, double[] lu, int[] ipiv, int zeroPivot, double anorm, double rcond) {
        this.n = n;
        this.lu = lu;
        this.ipiv = ipiv;
        this.zeroPivot = zeroPivot;
        this.anorm = anorm;
        this.rcond = rcond;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int k = ipiv[i] - 1;
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        this.perm = p;
    }

    /**
     * Factors a square matrix with finite entries (the input is copied, never modified).
     *
     * @throws IllegalArgumentException if {@code a} is empty, not square, or has a NaN or infinite entry
     *                                  (the message names its position)
     */
    public static LU of(Matrix a) {
        Checks.nonEmpty(a, "LU");
        Checks.square(a, "LU");
        Checks.finite(a, "LU");
        int n = a.rows();
        double anorm = a.norm1();
        double[] lu = a.toArray();
        int[] ipiv = new int[n];
        int info = Lapack.check(Lapack.dgetrf(n, n, lu, 0, n, ipiv), "dgetrf");
        int zeroPivot = info > 0 ? info - 1 : -1;
        double rcond;
        if (zeroPivot >= 0) {
            rcond = 0;
        } else {
            double[] rc = new double[1];
            Lapack.check(Lapack.dgecon('1', n, lu, 0, n, anorm, rc), "dgecon");
            rcond = rc[0];
        }
        return new LU(n, lu, ipiv, zeroPivot, anorm, rcond);
    }

    /** The order {@code n} of the factored matrix. */
    public int size() {
        return n;
    }

    /** The unit lower triangular factor {@code L} ({@code n x n}, a new matrix). */
    public Matrix l() {
        Matrix l = Matrix.zeros(n, n);
        for (int j = 0; j < n; j++) {
            l.data[j + j * n] = 1;
            for (int i = j + 1; i < n; i++) {
                l.data[i + j * n] = lu[i + j * n];
            }
        }
        return l;
    }

    /** The upper triangular factor {@code U} ({@code n x n}, a new matrix). */
    public Matrix u() {
        Matrix u = Matrix.zeros(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i <= j; i++) {
                u.data[i + j * n] = lu[i + j * n];
            }
        }
        return u;
    }

    /**
     * The row permutation {@code p} (a copy) such that {@code A[p, :] = L U}: row {@code i} of {@code L U}
     * is row {@code p[i]} of {@code A}.
     */
    public int[] pivot() {
        return perm.clone();
    }

    /**
     * The permutation matrix {@code P} with {@code P A = L U} ({@code P[i, p[i]] = 1}). Note that scipy's
     * {@code scipy.linalg.lu} returns its transpose ({@code A = P L U}).
     */
    public Matrix permutation() {
        Matrix p = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            p.data[i + perm[i] * n] = 1;
        }
        return p;
    }

    /**
     * The determinant, {@code sign(p) * prod u_ii}. It is exactly 0 when a pivot is exactly zero; for a
     * matrix that is singular only to working precision it is a tiny number dominated by rounding (as
     * numpy's {@code det}), so check {@link #isSingular()} or {@link #rcond()} to decide singularity. The
     * product can overflow or underflow for large matrices: use {@link #logAbsDet()} and
     * {@link #detSign()} there.
     */
    public double det() {
        if (zeroPivot >= 0) {
            return 0;
        }
        double d = permutationSign();
        for (int i = 0; i < n; i++) {
            d *= lu[i + i * n];
        }
        return d;
    }

    /** {@code log |det A| = sum log |u_ii|}; {@code -Infinity} when a pivot is exactly zero. */
    public double logAbsDet() {
        if (zeroPivot >= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(Math.abs(lu[i + i * n]));
        }
        return s;
    }

    /** The sign of the determinant: -1, 1, or 0 when a pivot is exactly zero. */
    public int detSign() {
        if (zeroPivot >= 0) {
            return 0;
        }
        int s = permutationSign();
        for (int i = 0; i < n; i++) {
            if (lu[i + i * n] < 0) {
                s = -s;
            }
        }
        return s;
    }

    private int permutationSign() {
        int s = 1;
        for (int i = 0; i < n; i++) {
            if (ipiv[i] - 1 != i) {
                s = -s;
            }
        }
        return s;
    }

    /**
     * The reciprocal condition number in the 1-norm, {@code 1 / (||A||_1 ||A^-1||_1)}, with
     * {@code ||A^-1||_1} estimated by LAPACK {@code dgecon} (Hager/Higham); 0 when a pivot is exactly zero.
     * The estimate is usually within a factor of a few of the exact value.
     */
    public double rcond() {
        return rcond;
    }

    /** The 1-norm of {@code A}, the largest absolute column sum, taken before factoring. */
    public double norm1() {
        return anorm;
    }

    /** True when a pivot is exactly zero or {@link #rcond()} is below machine epsilon ({@code 2.2e-16}). */
    public boolean isSingular() {
        return zeroPivot >= 0 || rcond < EPS;
    }

    private void requireNonSingular(String op) {
        if (zeroPivot >= 0) {
            throw new SingularMatrixException("LU." + op + ": the " + n + "x" + n + " matrix is singular: pivot "
                    + zeroPivot + " (U[" + zeroPivot + ", " + zeroPivot + "]) is exactly zero");
        }
        if (rcond < EPS) {
            throw new SingularMatrixException("LU." + op + ": the " + n + "x" + n
                    + " matrix is singular to working precision: rcond = " + rcond
                    + " is below machine epsilon " + EPS + " (1-norm condition number ~ " + (1 / rcond) + ")");
        }
    }

    /**
     * Solves {@code A X = B} for {@code X} ({@code dgetrs}); {@code B} is {@code n x k} and is not modified.
     *
     * @throws IllegalArgumentException if {@code B} does not have {@code n} rows or has a non-finite entry
     * @throws SingularMatrixException  if the matrix is singular (see {@link #isSingular()})
     */
    public Matrix solve(Matrix b) {
        Matrix self = Matrix.wrap(n, n, lu);
        Checks.sameRows(self, b, "LU.solve");
        Checks.finite(b, "LU.solve (right-hand side)");
        requireNonSingular("solve");
        int k = b.cols();
        double[] x = b.toArray();
        if (k > 0) {
            Lapack.check(Lapack.dgetrs('N', n, k, lu, 0, n, ipiv, x, 0, n), "dgetrs"); // lu, ipiv only read
        }
        return Matrix.wrap(n, k, x);
    }

    /**
     * Solves {@code A x = b} for one right-hand side ({@code dgetrs}); {@code b} is not modified.
     *
     * @throws IllegalArgumentException if {@code b.length != n} or {@code b} has a non-finite entry
     * @throws SingularMatrixException  if the matrix is singular (see {@link #isSingular()})
     */
    public double[] solve(double[] b) {
        Checks.length(b, n, "LU.solve", Matrix.wrap(n, n, lu));
        Checks.finite(b, "LU.solve", "right-hand side");
        requireNonSingular("solve");
        double[] x = b.clone();
        Lapack.check(Lapack.dgetrs('N', n, 1, lu, 0, n, ipiv, x, 0, n), "dgetrs");
        return x;
    }

    /**
     * The inverse {@code A^-1} ({@code dgetri}). Prefer {@link #solve} when the inverse is only applied to
     * vectors: it is cheaper and more accurate.
     *
     * @throws SingularMatrixException if the matrix is singular (see {@link #isSingular()})
     */
    public Matrix inverse() {
        requireNonSingular("inverse");
        double[] inv = lu.clone();
        int info = Lapack.check(Lapack.dgetri(n, inv, 0, n, ipiv), "dgetri");
        if (info > 0) { // cannot happen after the checks above; kept so a LAPACK surprise is never silent
            throw new SingularMatrixException("LU.inverse: the " + n + "x" + n + " matrix is singular: U["
                    + (info - 1) + ", " + (info - 1) + "] is exactly zero");
        }
        return Matrix.wrap(n, n, inv);
    }

    @Override
    public String toString() {
        return "LU of a " + n + "x" + n + " matrix (rcond " + rcond + (isSingular() ? ", singular)" : ")");
    }
}
