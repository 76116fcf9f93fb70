package dev.derive.optim.prox;

/**
 * The indicator of the Euclidean ball {@code {x : ||x||_2 <= radius}}; its prox is the projection
 * {@code v * min(1, radius / ||v||)}.
 *
 * @param radius the radius, finite and {@code >= 0}
 */
public record L2BallIndicator(double radius) implements ProximalFunction {

    /** Relative tolerance of {@link #value}: {@code ||x|| <= radius (1 + TOLERANCE)} counts as inside. */
    public static final double TOLERANCE = 1e-12;

    public L2BallIndicator {
        Check.nonNegative("L2BallIndicator", "radius", radius);
    }

    @Override
    public double value(double[] x) {
        return Check.norm2(x) <= radius * (1 + TOLERANCE) ? 0 : Double.POSITIVE_INFINITY;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("L2BallIndicator", ANY_DIMENSION, v, t, out);
        double nv = Check.norm2(v);
        double f = nv > radius ? radius / nv : 1;
        for (int i = 0; i < v.length; i++) {
            out[i] = f * v[i];
        }
    }
}
