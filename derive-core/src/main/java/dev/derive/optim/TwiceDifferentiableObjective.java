package dev.derive.optim;

import dev.derive.linalg.Matrix;

/**
 * A twice differentiable objective with an explicit Hessian {@code grad^2 f(x)}, for Newton's method and
 * for checking second-order conditions. The Hessian-vector product defaults to forming the Hessian.
 */
public interface TwiceDifferentiableObjective extends HessianVectorObjective {

    /**
     * Writes the Hessian {@code grad^2 f(x)} into {@code out}, an {@code n x n} matrix owned by the caller
     * (every entry is overwritten). It should be symmetric; minimisers symmetrise it as {@code (H + H')/2}.
     */
    void hessian(double[] x, Matrix out);

    /** {@code grad^2 f(x) v}; the default forms the Hessian, so override it when a cheaper product exists. */
    @Override
    default void hessianVector(double[] x, double[] v, double[] out) {
        int n = dimension();
        Matrix h = Matrix.zeros(n, n);
        hessian(x, h);
        double[] hv = h.mvmul(v);
        System.arraycopy(hv, 0, out, 0, n);
    }
}
