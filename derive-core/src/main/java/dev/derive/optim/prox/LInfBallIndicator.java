package dev.derive.optim.prox;

/**
 * The indicator of the infinity-norm ball {@code {x : |x_i| <= radius}}; its prox is the coordinate-wise
 * clamp to {@code [-radius, radius]}.
 *
 * @param radius the radius, finite and {@code >= 0}
 */
public record LInfBallIndicator(double radius) implements ProximalFunction {

    public LInfBallIndicator {
        Check.nonNegative("LInfBallIndicator", "radius", radius);
    }

    @Override
    public double value(double[] x) {
        for (double v : x) {
            if (!(Math.abs(v) <= radius)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return 0;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("LInfBallIndicator", ANY_DIMENSION, v, t, out);
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(-radius, Math.min(radius, v[i]));
        }
    }
}
