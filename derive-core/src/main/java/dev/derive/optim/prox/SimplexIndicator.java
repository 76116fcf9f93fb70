package dev.derive.optim.prox;

import java.util.Arrays;

/**
 * The indicator of the simplex {@code {x : x >= 0, sum x = radius}}; its prox is the Euclidean projection
 * {@code p_i = max(v_i - tau, 0)}, with the threshold {@code tau} found by sorting (Held, Wolfe &amp; Crowder 1974;
 * Duchi et al., ICML 2008, Figure 1): with {@code u} sorted decreasingly, {@code rho} the largest {@code j}
 * with {@code u_j - (sum_{i <= j} u_i - radius)/j > 0}, {@code tau = (sum_{i <= rho} u_i - radius)/rho}.
 * O(n log n).
 *
 * @param radius the sum, positive and finite (1 for the probability simplex)
 */
public record SimplexIndicator(double radius) implements ProximalFunction {

    /** Tolerance of {@link #value} on {@code |sum x - radius|}, relative to {@code max(radius, ||x||_1)}. */
    public static final double TOLERANCE = 1e-12;

    public SimplexIndicator {
        Check.positive("SimplexIndicator", "radius", radius);
    }

    /** 0 if {@code x >= 0} and {@code |sum x - radius| <= TOLERANCE * max(radius, ||x||_1)}, else {@code +Infinity}. */
    @Override
    public double value(double[] x) {
        double s = 0;
        double a = 0;
        for (double v : x) {
            if (v < 0) {
                return Double.POSITIVE_INFINITY;
            }
            s += v;
            a += Math.abs(v);
        }
        return Math.abs(s - radius) <= TOLERANCE * Math.max(radius, a) ? 0 : Double.POSITIVE_INFINITY;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("SimplexIndicator", ANY_DIMENSION, v, t, out);
        int n = v.length;
        if (n == 0) {
            throw new IllegalArgumentException("SimplexIndicator.prox: the simplex in R^0 is empty");
        }
        double[] u = v.clone();
        Arrays.sort(u); // ascending: walk from the end
        double cum = 0;
        double tau = 0;
        for (int j = 1; j <= n; j++) {
            double uj = u[n - j];
            cum += uj;
            double candidate = (cum - radius) / j;
            if (uj - candidate > 0) {
                tau = candidate;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(v[i] - tau, 0);
        }
    }
}
