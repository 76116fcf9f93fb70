package dev.derive.optim.constrained;

import dev.derive.linalg.Matrix;

/**
 * A vector of smooth constraint functions {@code c: R^n -> R^k} with its Jacobian, used as equalities
 * {@code c(x) = 0} or inequalities {@code c(x) <= 0} in a {@link ConstrainedProblem}. Methods write into
 * arrays the caller owns and must not keep references to them.
 *
 * <p>{@link #weightedHessian} ({@code sum_i w_i grad^2 c_i(x)}) is needed only by {@link LogBarrier} (Newton's
 * method); the default throws {@link UnsupportedOperationException}. {@link #linear} implements it (zero).
 */
public interface ConstraintFunction {

    /** The dimension {@code n} of {@code x}. */
    int dimension();

    /** The number {@code k} of constraints. */
    int count();

    /** Writes {@code c(x)} (length {@code k}) into {@code out}. */
    void values(double[] x, double[] out);

    /** Writes the {@code k x n} Jacobian {@code dc_i/dx_j} into {@code out} (every entry overwritten). */
    void jacobian(double[] x, Matrix out);

    /** Writes {@code sum_i w_i grad^2 c_i(x)} ({@code n x n}) into {@code out} (every entry overwritten). */
    default void weightedHessian(double[] x, double[] w, Matrix out) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " does not provide constraint Hessians (needed by LogBarrier)");
    }

    /** The affine constraints {@code c(x) = A x - b}. */
    static ConstraintFunction linear(Matrix a, double[] b) {
        if (a == null || b == null || a.rows() != b.length) {
            throw new IllegalArgumentException("ConstraintFunction.linear: A has " + (a == null ? "null" : a.rows())
                    + " rows but b has length " + (b == null ? "null" : b.length));
        }
        ProblemChecks.shape("ConstraintFunction.linear", "A", a, a.rows(), a.cols());
        ProblemChecks.finite("ConstraintFunction.linear", "b", b);
        Matrix am = a.copy();
        double[] bv = b.clone();
        return new ConstraintFunction() {
            @Override
            public int dimension() {
                return am.cols();
            }

            @Override
            public int count() {
                return am.rows();
            }

            @Override
            public void values(double[] x, double[] out) {
                double[] ax = am.mvmul(x);
                for (int i = 0; i < bv.length; i++) {
                    out[i] = ax[i] - bv[i];
                }
            }

            @Override
            public void jacobian(double[] x, Matrix out) {
                out.assign(am);
            }

            @Override
            public void weightedHessian(double[] x, double[] w, Matrix out) {
                out.fill(0);
            }
        };
    }

    /** No constraints in {@code n} dimensions. */
    static ConstraintFunction none(int n) {
        return linear(Matrix.zeros(0, n), new double[0]);
    }
}
