package dev.derive.linalg;

/**
 * Eigenvalues and right eigenvectors {@code A v_j = lambda_j v_j} of a general real square matrix, computed
 * by LAPACK {@code dgeev} (balancing, Hessenberg reduction, shifted QR iteration). Complex eigenvalues come
 * in conjugate pairs, the one with positive imaginary part first; the order is LAPACK's (not sorted).
 *
 * <p>Eigenvectors: LAPACK stores a conjugate pair {@code v_j, v_{j+1} = conj(v_j)} packed in two real
 * columns. Here they are unpacked, so that for every {@code j}
 * {@code v_j = vectorsReal()[:, j] + i * vectorsImag()[:, j]} is the eigenvector of
 * {@code lambda_j = real()[j] + i * imag()[j]}. Each has Euclidean norm 1 and its largest component real
 * (LAPACK's normalisation). For a defective matrix the eigenvectors are (numerically) linearly dependent.
 *
 * <p>The input must be square, non-empty and finite; it is never modified. Instances are immutable;
 * accessors return copies.
 */
public final class Eigen {

    private final double[] wr;
    private final double[] wi;
    private final Matrix vr;
    private final Matrix vi;

    private Eigen(double[] wr, double[] wi, Matrix vr, Matrix vi) {
        this.wr = wr;
        this.wi = wi;
        this.vr = vr;
        this.vi = vi;
    }

    /** Eigenvalues and right eigenvectors of {@code a}. */
    public static Eigen of(Matrix a) {
        String op = "Eigen.of";
        check(a, op);
        int n = a.rows();
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] packed = new double[n * n];
        double[] dummy = new double[1];
        int info = Lapack.check(Lapack.dgeev('N', 'V', n, a.toArray(), 0, n, wr, wi, dummy, 1, packed, n), "dgeev");
        if (info > 0) {
            throw notConverged(op, info, n);
        }
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int j = 0; j < n; j++) {
            if (wi[j] == 0) {
                System.arraycopy(packed, j * n, re, j * n, n);
            } else {
                // columns j, j+1 hold Re and Im of the eigenvector of wr[j] + i wi[j] (wi[j] > 0);
                // its conjugate belongs to wr[j+1] + i wi[j+1] = conj.
                System.arraycopy(packed, j * n, re, j * n, n);
                System.arraycopy(packed, (j + 1) * n, im, j * n, n);
                System.arraycopy(packed, j * n, re, (j + 1) * n, n);
                for (int i = 0; i < n; i++) {
                    im[i + (j + 1) * n] = -packed[i + (j + 1) * n];
                }
                j++;
            }
        }
        return new Eigen(wr, wi, Matrix.wrap(n, n, re), Matrix.wrap(n, n, im));
    }

    /**
     * The eigenvalues only, without eigenvectors: {@code result[0]} the real parts, {@code result[1]} the
     * imaginary parts, in LAPACK's order (conjugate pairs adjacent, positive imaginary part first).
     */
    public static double[][] values(Matrix a) {
        String op = "Eigen.values";
        check(a, op);
        int n = a.rows();
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] dummy = new double[1];
        int info = Lapack.check(Lapack.dgeev('N', 'N', n, a.toArray(), 0, n, wr, wi, dummy, 1, dummy, 1), "dgeev");
        if (info > 0) {
            throw notConverged(op, info, n);
        }
        return new double[][] {wr, wi};
    }

    private static void check(Matrix a, String op) {
        Checks.nonEmpty(a, op);
        Checks.square(a, op);
        Checks.finite(a, op);
    }

    /** The exception for {@code dgeev} returning {@code info > 0} (package-private so tests can read it). */
    static ArithmeticException notConverged(String op, int info, int n) {
        return new ArithmeticException(op + ": the QR algorithm (dgeev) did not converge on the " + n + "x" + n
                + " matrix: only " + (n - info) + " of " + n + " eigenvalues converged (no eigenvectors computed)");
    }

    /** The order {@code n}. */
    public int size() {
        return wr.length;
    }

    /** Real parts of the eigenvalues (a copy). */
    public double[] real() {
        return wr.clone();
    }

    /** Imaginary parts of the eigenvalues (a copy). */
    public double[] imag() {
        return wi.clone();
    }

    /** True if every eigenvalue has imaginary part exactly 0. */
    public boolean isReal() {
        for (double x : wi) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Real parts of the eigenvectors: column {@code j} for eigenvalue {@code j} ({@code n x n}, a copy). */
    public Matrix vectorsReal() {
        return vr.copy();
    }

    /** Imaginary parts of the eigenvectors: column {@code j} for eigenvalue {@code j} ({@code n x n}, a copy; zero columns for real eigenvalues). */
    public Matrix vectorsImag() {
        return vi.copy();
    }

    @Override
    public String toString() {
        int complex = 0;
        for (double x : wi) {
            if (x != 0) {
                complex++;
            }
        }
        return "Eigen of a " + wr.length + "x" + wr.length + " matrix, " + (wr.length - complex) + " real and "
                + complex + " complex eigenvalue(s)";
    }
}
