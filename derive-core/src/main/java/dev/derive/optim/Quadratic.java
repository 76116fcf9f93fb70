package dev.derive.optim;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.QR;
import java.util.SplittableRandom;

/**
 * The quadratic {@code f(x) = 1/2 x'Ax - b'x} (or its {@link #centered} form) with a symmetric matrix
 * {@code A}: gradient {@code Ax - b},
 * Hessian {@code A}, and for positive definite {@code A} the minimiser {@code A^-1 b}. The model problem of
 * convergence theory: on it gradient descent with step {@code 1/L} contracts the error by
 * {@code 1 - 1/kappa} per step, {@code kappa = lambda_max / lambda_min}.
 */
public final class Quadratic implements TwiceDifferentiableObjective {
    private final Matrix a;
    private final double[] b;
    private final int n;
    /** The minimiser for the centred form 1/2 (x - c)'A(x - c), or null. */
    private final double[] center;

    /**
     * @param a a symmetric {@code n x n} matrix (copied; symmetric to {@code 1e-12} relative)
     * @param b a vector of length {@code n} (copied)
     */
    public Quadratic(Matrix a, double[] b) {
        if (a.rows() != a.cols() || a.rows() == 0) {
            throw new IllegalArgumentException("Quadratic: A must be square and non-empty, got " + a.rows() + "x" + a.cols());
        }
        if (b.length != a.rows()) {
            throw new IllegalArgumentException("Quadratic: A is " + a.rows() + "x" + a.cols() + " but b has length "
                    + b.length);
        }
        if (!a.isFinite() || Vec.firstNonFinite(b) >= 0) {
            throw new IllegalArgumentException("Quadratic: A and b must be finite");
        }
        if (!a.isSymmetric(1e-12 * Math.max(1, a.normMax()))) {
            throw new IllegalArgumentException("Quadratic: A must be symmetric");
        }
        this.a = a.copy();
        this.b = b.clone();
        this.n = b.length;
        this.center = null;
    }

    private Quadratic(Matrix a, double[] b, double[] center) {
        this.a = a;
        this.b = b;
        this.n = b.length;
        this.center = center;
    }

    /**
     * The centred quadratic {@code f(x) = 1/2 (x - x*)'A(x - x*)} for a symmetric positive semi-definite
     * {@code A}: the same gradient and Hessian as {@code 1/2 x'Ax - b'x} with {@code b = A x*}, plus the constant
     * that makes the minimum value exactly 0, evaluated without cancellation so that tiny suboptimality is
     * still resolved (what convergence-rate studies need).
     */
    public static Quadratic centered(Matrix a, double[] minimizer) {
        int bad = Vec.firstNonFinite(minimizer);
        if (bad >= 0) {
            throw new IllegalArgumentException("Quadratic.centered: the minimiser has " + minimizer[bad] + " at index " + bad);
        }
        if (minimizer.length != a.cols()) {
            throw new IllegalArgumentException("Quadratic.centered: A is " + a.rows() + "x" + a.cols()
                    + " but the minimiser has length " + minimizer.length);
        }
        Quadratic q = new Quadratic(a, a.mvmul(minimizer));
        return new Quadratic(q.a, q.b, minimizer.clone());
    }

    /**
     * The {@link #centered} quadratic {@code 1/2 (x - x*)'A(x - x*)} with {@code A = Q diag(eigenvalues) Q'}, a
     * random orthogonal {@code Q} (from the QR factorisation of a Gaussian matrix drawn with {@code seed}): a
     * problem with known spectrum, minimiser and minimum value 0.
     */
    public static Quadratic withEigenvalues(double[] eigenvalues, double[] minimizer, long seed) {
        int n = eigenvalues.length;
        if (minimizer.length != n) {
            throw new IllegalArgumentException("Quadratic.withEigenvalues: " + n + " eigenvalues but the minimiser has length "
                    + minimizer.length);
        }
        Matrix q = QR.of(Matrix.randn(n, n, new SplittableRandom(seed))).q();
        Matrix a = q.mulRowVector(eigenvalues).mmult(q);
        // exact symmetry
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                double s = 0.5 * (a.get(i, j) + a.get(j, i));
                a.set(i, j, s);
                a.set(j, i, s);
            }
        }
        return centered(a, minimizer);
    }

    /** The matrix {@code A} (a copy). */
    public Matrix matrix() {
        return a.copy();
    }

    /** The vector {@code b} (a copy). */
    public double[] linearTerm() {
        return b.clone();
    }

    /** The minimiser: {@code x*} for a centred quadratic, else {@code A^-1 b} (A must be positive definite). */
    public double[] minimizer() {
        return center != null ? center.clone() : Cholesky.of(a).solve(b);
    }

    /** True for the centred form {@code 1/2 (x - x*)'A(x - x*)} (minimum value 0). */
    public boolean isCentered() {
        return center != null;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        return valueAndGradient(x, new double[n]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        if (center != null) {
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = x[i] - center[i];
            }
            double[] ae = a.mvmul(e);
            System.arraycopy(ae, 0, gradient, 0, n);
            return 0.5 * Vec.dot(e, ae);
        }
        double[] ax = a.mvmul(x);
        double v = 0.5 * Vec.dot(x, ax) - Vec.dot(b, x);
        for (int i = 0; i < n; i++) {
            gradient[i] = ax[i] - b[i];
        }
        return v;
    }

    @Override
    public void hessian(double[] x, Matrix out) {
        out.assign(a);
    }

    @Override
    public void hessianVector(double[] x, double[] v, double[] out) {
        System.arraycopy(a.mvmul(v), 0, out, 0, n);
    }
}
