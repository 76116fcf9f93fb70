package dev.derive.linalg;

import java.util.Arrays;

/**
 * The eigendecomposition {@code A = V diag(w) V'} of a real symmetric matrix, computed by LAPACK
 * {@code dsyevr} (reduction to tridiagonal form, then the MRRR algorithm or bisection and inverse
 * iteration for a subset). Eigenvalues are real and returned in ascending order; the eigenvectors are
 * orthonormal columns of {@code V} in the same order.
 *
 * <p>All eigenpairs ({@link #of}), a range of them by 0-based index ({@link #byIndex}) or those whose
 * eigenvalue lies in a half-open interval {@code (lower, upper]} ({@link #byValue}, the convention of
 * LAPACK and of {@code scipy.linalg.eigh(subset_by_value=...)}).
 *
 * <p>The input must be square, non-empty, finite and symmetric: if
 * {@code max |a_ij - a_ji| > 1e-10 * max |a_ij|} an {@link IllegalArgumentException} names the worst
 * pair. Within that tolerance the symmetric part {@code (A + A')/2} is decomposed. The input is never
 * modified. Instances are immutable; accessors return copies.
 */
public final class SymmetricEigen {

    /** The relative asymmetry tolerated before the input is rejected. */
    static final double SYMMETRY_TOL = 1e-10;

    private final int n;
    private final double[] w;
    /** n x count, column-major; null when only values were requested. */
    private final Matrix v;

    private SymmetricEigen(int n, double[] w, Matrix v) {
        this.n = n;
        this.w = w;
        this.v = v;
    }

    /** All eigenvalues and eigenvectors. */
    public static SymmetricEigen of(Matrix a) {
        return compute(a, 'A', 0, 0, 0, 0, true, "SymmetricEigen.of");
    }

    /**
     * The eigenpairs with (0-based, inclusive) indices {@code first..last} in ascending order of eigenvalue,
     * {@code 0 <= first <= last < n}. E.g. {@code byIndex(a, 0, 2)} gives the three smallest.
     */
    public static SymmetricEigen byIndex(Matrix a, int first, int last) {
        Checks.nonEmpty(a, "SymmetricEigen.byIndex");
        Checks.square(a, "SymmetricEigen.byIndex");
        int n = a.rows();
        if (first < 0 || last < first || last >= n) {
            throw new IllegalArgumentException("SymmetricEigen.byIndex: index range [" + first + ", " + last
                    + "] is invalid for a " + Checks.shape(a) + " matrix; it needs 0 <= first <= last <= " + (n - 1));
        }
        return compute(a, 'I', 0, 0, first + 1, last + 1, true, "SymmetricEigen.byIndex");
    }

    /**
     * The eigenpairs whose eigenvalue lies in {@code (lower, upper]}, {@code lower < upper}; the bounds may be
     * infinite. The result may hold no eigenpairs.
     */
    public static SymmetricEigen byValue(Matrix a, double lower, double upper) {
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
            throw new IllegalArgumentException("SymmetricEigen.byValue: the interval (" + lower + ", " + upper
                    + "] is invalid; it needs lower < upper (not NaN)");
        }
        return compute(a, 'V', lower, upper, 0, 0, true, "SymmetricEigen.byValue");
    }

    /** All eigenvalues, ascending, without eigenvectors. */
    public static double[] values(Matrix a) {
        return compute(a, 'A', 0, 0, 0, 0, false, "SymmetricEigen.values").w;
    }

    private static SymmetricEigen compute(Matrix a, char range, double lower, double upper, int il, int iu,
                                          boolean vectors, String op) {
        double[] sym = Checks.symmetricPart(a, op, SYMMETRY_TOL);
        int n = a.rows();
        double vl = lower;
        double vu = upper;
        if (range == 'V' && (Double.isInfinite(lower) || Double.isInfinite(upper))) {
            // dsyevr needs finite bounds: replace an infinite one by a point beyond the Gershgorin disks,
            // which contain every eigenvalue, so the set of eigenvalues selected does not change.
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double r = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        r += Math.abs(sym[i + j * n]);
                    }
                }
                lo = Math.min(lo, sym[i + i * n] - r);
                hi = Math.max(hi, sym[i + i * n] + r);
            }
            double margin = 1 + Math.max(Math.abs(lo), Math.abs(hi));
            if (Double.isInfinite(lower)) {
                vl = lo - margin;
            }
            if (Double.isInfinite(upper)) {
                vu = hi + margin;
            }
            if (!(vl < vu)) { // (lower, +inf) with lower above every eigenvalue, or (-inf, upper) below them
                return new SymmetricEigen(n, new double[0], vectors ? Matrix.zeros(n, 0) : null);
            }
        }
        double[] w = new double[n];
        double[] z = vectors ? new double[n * n] : new double[1];
        int[] found = new int[1];
        int[] isuppz = new int[2 * n];
        // LAPACK's safe minimum dlamch('S') (best accuracy, LAPACK's advice): the smallest normal double, as
        // LAPACKE_dlamch('S') returns; a constant, so that no JNI binding is loaded for it
        double abstol = Double.MIN_NORMAL;
        int info = Lapack.check(Lapack.dsyevr(vectors ? 'V' : 'N', range, 'L', n, sym, 0, n, vl, vu, il, iu, abstol,
                found, w, z, 0, vectors ? n : 1, isuppz), "dsyevr");
        if (info > 0) {
            throw new ArithmeticException(op + ": dsyevr failed to converge on the " + Checks.shape(a)
                    + " matrix (internal error code " + info + ")");
        }
        int count = found[0];
        double[] values = Arrays.copyOf(w, count);
        Matrix vecs = vectors ? Matrix.wrap(n, count, Arrays.copyOf(z, n * count)) : null;
        return new SymmetricEigen(n, values, vecs);
    }

    /** The order {@code n} of the decomposed matrix. */
    public int size() {
        return n;
    }

    /** The number of eigenpairs held ({@code n} for {@link #of}, fewer for a subset). */
    public int count() {
        return w.length;
    }

    /** The eigenvalues held, ascending (a copy). */
    public double[] values() {
        return w.clone();
    }

    /** The eigenvectors as orthonormal columns ({@code n x count()}), column {@code j} for {@code values()[j]}. */
    public Matrix vectors() {
        return v.copy();
    }

    /**
     * {@code V diag(w) V'} over the held eigenpairs: {@code A} itself (to rounding) for {@link #of}, its
     * restriction to the selected invariant subspace for a subset.
     */
    public Matrix reconstruct() {
        return Matrix.gemm(1, v.mulRowVector(w), false, v, true);
    }

    /** The number of held eigenvalues that are {@code < 0} (for {@link #of}: the negative inertia of {@code A}). */
    public int negativeCount() {
        int c = 0;
        for (double x : w) {
            if (x < 0) {
                c++;
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "SymmetricEigen of a " + n + "x" + n + " matrix, " + w.length + " eigenpair(s)"
                + (w.length > 0 ? ", eigenvalues in [" + w[0] + ", " + w[w.length - 1] + "]" : "");
    }
}
