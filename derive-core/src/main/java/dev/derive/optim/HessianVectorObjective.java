package dev.derive.optim;

/**
 * A twice differentiable objective that can multiply its Hessian by a vector without forming it,
 * {@code out = grad^2 f(x) v}: what truncated Newton (Steihaug CG) and Sophia's Hutchinson estimator need.
 * The cost of a product is typically a small multiple of a gradient.
 */
public interface HessianVectorObjective extends SmoothObjective {

    /**
     * Writes {@code grad^2 f(x) v} into {@code out} (length {@link #dimension()}, overwritten); {@code x} and
     * {@code v} are not modified and {@code out} must not alias either.
     */
    void hessianVector(double[] x, double[] v, double[] out);
}
