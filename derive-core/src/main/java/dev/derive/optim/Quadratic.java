package dev.derive.optim;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.QR;
import java.util.SplittableRandom;

/**
 * The quadratic {@code f(x) = 1/2 x'Ax - b'x} with a symmetric matrix {@code A}: gradient {@code Ax - b},
 * Hessian {@code A}, and for positive definite {@code A} the minimiser {@code A^-1 b}. The model problem of
 * convergence theory: on it gradient descent with step {@code 1/L} contracts the error by
 * {@code 1 - 1/kappa} per step, {@code kappa = lambda_max / lambda_min}.
 */
public final class Quadratic implements TwiceDifferentiableObjective {
    private final Matrix a;
    private final double[] b;
    private final int n;

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
    }

    /**
     * {@code A = Q diag(eigenvalues) Q'} with a random orthogonal {@code Q} (from the QR factorisation of a
     * Gaussian matrix drawn with {@code seed}) and {@code b = A x*} for the given minimiser {@code x*}.
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
        return new Quadratic(a, a.mvmul(minimizer));
    }

    /** The matrix {@code A} (a copy). */
    public Matrix matrix() {
        return a.copy();
    }

    /** The vector {@code b} (a copy). */
    public double[] linearTerm() {
        return b.clone();
    }

    /** The minimiser {@code A^-1 b}. */
    public double[] minimizer() {
        return Cholesky.of(a).solve(b);
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double[] ax = a.mvmul(x);
        return 0.5 * Vec.dot(x, ax) - Vec.dot(b, x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
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
