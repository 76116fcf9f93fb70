package dev.derive.optim.constrained;

import dev.derive.linalg.Blas;
import dev.derive.linalg.JavaBlas;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SymmetricEigen;
import dev.derive.optim.Bounds;
import dev.derive.runtime.Parallelism;

/**
 * A convex quadratic program
 * <pre>
 *   minimise    1/2 x'Qx + c'x
 *   subject to  A_eq x  = b_eq,
 *               A_ub x <= b_ub,
 *               lower <= x <= upper   (a side may be infinite)
 * </pre>
 * with {@code Q} symmetric positive semi-definite ({@code Q = 0} gives a {@link LinearProgram}). Solved by
 * {@link InteriorPoint}. Absent constraint blocks are given as {@code null} (or a matrix with zero rows);
 * {@code null} bounds mean every variable is free. All arrays and matrices are copied.
 *
 * @param q      the {@code n x n} symmetric PSD Hessian (checked for symmetry, and for semi-definiteness by its
 *               smallest eigenvalue, which must be {@code >= -1e-10 max|eigenvalue|})
 * @param c      the linear term, length {@code n}
 * @param aEq    the {@code p x n} equality matrix
 * @param bEq    the right-hand side of the equalities, length {@code p}
 * @param aUb    the {@code m x n} inequality matrix
 * @param bUb    the right-hand side of the inequalities, length {@code m}
 * @param bounds the variable bounds, dimension {@code n}
 */
public record QuadraticProgram(Matrix q, double[] c, Matrix aEq, double[] bEq, Matrix aUb, double[] bUb,
                               Bounds bounds) {

    public QuadraticProgram {
        if (c == null) {
            throw new IllegalArgumentException("QuadraticProgram: c must not be null");
        }
        int n = c.length;
        if (n == 0) {
            throw new IllegalArgumentException("QuadraticProgram: c is empty; the problem needs at least one variable");
        }
        ProblemChecks.finite("QuadraticProgram", "c", c);
        if (q == null) {
            q = Matrix.zeros(n, n);
        } else {
            if (q.rows() != n || q.cols() != n) {
                ProblemChecks.shape("QuadraticProgram", "Q", q, n, n); // throws, naming the shape
            }
            q = q.copy();
            double qMax = q.normMax(); // NaN or infinite exactly when an entry is (one pass for both checks)
            if (!Double.isFinite(qMax)) {
                throw new IllegalArgumentException("QuadraticProgram: Q has a non-finite entry");
            }
            if (!symmetric(q, 1e-10 * Math.max(1, qMax) * qMax)) {
                throw new IllegalArgumentException("QuadraticProgram: Q must be symmetric");
            }
            // the kernels the solver will use on this problem (InteriorPoint.size; the rows as given, checked below)
            int mU = aUb == null ? 0 : aUb.rows();
            int mE = aEq == null ? 0 : aEq.rows();
            boolean javaKernels = Math.max(n + mU, mE + mU) <= InteriorPoint.JAVA_SIZE;
            if (qMax > 0 && !shiftedCholesky(q, javaKernels)) {
                double[] ev = SymmetricEigen.values(q);
                double min = Double.POSITIVE_INFINITY;
                double max = 0;
                for (double e : ev) {
                    min = Math.min(min, e);
                    max = Math.max(max, Math.abs(e));
                }
                if (min < -1e-10 * max) {
                    throw new IllegalArgumentException("QuadraticProgram: Q must be positive semi-definite (a convex QP),"
                            + " but its smallest eigenvalue is " + min + " (largest |eigenvalue| " + max + ")");
                }
            }
        }
        aEq = ProblemChecks.matrix("QuadraticProgram", "A_eq", aEq, bEq, n);
        bEq = bEq == null ? new double[0] : bEq.clone();
        ProblemChecks.finite("QuadraticProgram", "b_eq", bEq);
        aUb = ProblemChecks.matrix("QuadraticProgram", "A_ub", aUb, bUb, n);
        bUb = bUb == null ? new double[0] : bUb.clone();
        ProblemChecks.finite("QuadraticProgram", "b_ub", bUb);
        if (bounds == null) {
            bounds = Bounds.unbounded(n);
        } else if (bounds.dimension() != n) {
            throw new IllegalArgumentException("QuadraticProgram: bounds have dimension " + bounds.dimension()
                    + " but c has length " + n);
        }
        c = c.clone();
    }

    /** The number of variables {@code n}. */
    public int dimension() {
        return c.length;
    }

    /** The objective {@code 1/2 x'Qx + c'x}. */
    public double objective(double[] x) {
        ProblemChecks.length("QuadraticProgram.objective", "x", x, c.length);
        double[] qx = q.mvmul(x);
        double v = 0;
        for (int i = 0; i < x.length; i++) {
            v += x[i] * (0.5 * qx[i] + c[i]);
        }
        return v;
    }

    @Override
    public Matrix q() {
        return q.copy();
    }

    @Override
    public double[] c() {
        return c.clone();
    }

    @Override
    public Matrix aEq() {
        return aEq.copy();
    }

    @Override
    public double[] bEq() {
        return bEq.clone();
    }

    @Override
    public Matrix aUb() {
        return aUb.copy();
    }

    @Override
    public double[] bUb() {
        return bUb.clone();
    }

    /** {@code |q_ij - q_ji| <= bound} for all entries (the check of {@link Matrix#isSymmetric}, one pass). */
    private static boolean symmetric(Matrix q, double bound) {
        int n = q.rows();
        double[] f = q.toArray();
        for (int j = 0; j < n; j++) {
            if (!symmetricColumn(f, j, n, bound)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code |f_ij - f_ji| <= bound} for {@code i > j} (column j of {@link #symmetric}; a method of its own so that
     * the JIT compiles it after a few columns of a first solve instead of interpreting the whole check).
     */
    private static boolean symmetricColumn(double[] f, int j, int n, double bound) {
        for (int i = j + 1; i < n; i++) {
            if (Math.abs(f[i + j * n] - f[j + i * n]) > bound) {
                return false;
            }
        }
        return true;
    }

    /** Q without a copy, for the solver in this package (never modified there). */
    Matrix qRef() {
        return q;
    }

    /** A_eq without a copy, for the solver in this package (never modified there). */
    Matrix aEqRef() {
        return aEq;
    }

    /** A_ub without a copy, for the solver in this package (never modified there). */
    Matrix aUbRef() {
        return aUb;
    }

    /**
     * A cheap sufficient test of the convexity condition {@code lambda_min(Q) >= -1e-10 max|lambda|}: a Cholesky
     * factorisation ({@code dpotrf}, about a quarter of the work of the eigenvalues) of {@code Q + s I} with {@code s =
     * 1e-10 max(max_j |Q_jj|, |Q|_F / sqrt(n))}, a lower bound of {@code 1e-10 max|lambda|} (a diagonal entry is a
     * Rayleigh quotient; {@code |Q|_F^2} is the sum of the n squared eigenvalues). If it succeeds then {@code
     * lambda_min(Q) > -s >= -1e-10 max|lambda|} (up to the backward error of Cholesky, about {@code n eps |Q|}, far
     * below s); if it fails, the eigenvalues decide (and name the smallest one in the error). The factorisation is
     * the pure-Java {@link JavaBlas#dpotrfLower} when {@code javaKernels} (the solver's kernels on this problem, see
     * {@link InteriorPoint#JAVA_SIZE}), else OpenBLAS's.
     */
    private static boolean shiftedCholesky(Matrix q, boolean javaKernels) {
        int n = q.rows();
        double[] f = q.toArray();
        double maxDiag = 0;
        double frob = 0;
        for (double x : f) {
            frob += x * x;
        }
        for (int j = 0; j < n; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(f[j + j * n]));
        }
        double s = 1e-10 * Math.max(maxDiag, Math.sqrt(frob / n));
        for (int j = 0; j < n; j++) {
            f[j + j * n] += s;
        }
        if (javaKernels) { // pure Java, as the solver's kernels on this problem: OpenBLAS stays unused
            return JavaBlas.dpotrfLower(n, f, 0, n) == 0;
        }
        if (n > InteriorPoint.SINGLE_THREAD_SIZE || Parallelism.threads() == 1) {
            return InteriorPoint.potrf(f, n) == 0;
        }
        // small: OpenBLAS on one thread (see InteriorPoint.SINGLE_THREAD_SIZE)
        OneThreadPotrf potrf = new OneThreadPotrf(f, n);
        Blas.singleThreaded(potrf);
        return potrf.info == 0;
    }

    /**
     * {@link InteriorPoint#potrf} as the body of {@link Blas#singleThreaded}: a named class, not a lambda, whose first
     * use in a JVM would spin a hidden class inside the first solve's problem construction.
     */
    private static final class OneThreadPotrf implements Runnable {
        private final double[] f;
        private final int n;
        int info;

        OneThreadPotrf(double[] f, int n) {
            this.f = f;
            this.n = n;
        }

        @Override
        public void run() {
            info = InteriorPoint.potrf(f, n);
        }
    }
}
