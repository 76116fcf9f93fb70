package dev.derive.optim.prox;

import dev.derive.optim.Bounds;

/**
 * The indicator of a box, {@code g(x) = 0} if {@code lower <= x <= upper} and {@code +Infinity} otherwise; its
 * prox is the projection {@code min(max(v, lower), upper)} for every {@code t}.
 *
 * @param bounds the box
 */
public record BoxIndicator(Bounds bounds) implements ProximalFunction {

    public BoxIndicator {
        if (bounds == null) {
            throw new IllegalArgumentException("BoxIndicator: bounds must not be null");
        }
    }

    @Override
    public int dimension() {
        return bounds.dimension();
    }

    @Override
    public double value(double[] x) {
        Check.value("BoxIndicator", dimension(), x);
        return bounds.contains(x) ? 0 : Double.POSITIVE_INFINITY;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("BoxIndicator", dimension(), v, t, out);
        bounds.project(v, out);
    }
}
