package dev.derive.optim.first;

/** Multiplication by the Hessian at the current parameters: {@code out = H v}. */
@FunctionalInterface
public interface HessianVectorProduct {
    void apply(double[] v, double[] out);
}
