package dev.derive.optim.convex;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * A numerical check of a subgradient oracle: {@code s in dg(x)} holds exactly when the subgradient inequality
 * {@code g(y) >= g(x) + s'(y - x)} holds for every {@code y} (Rockafellar, <i>Convex Analysis</i>, section 23). The
 * check draws pairs {@code (x, y)} and reports the worst relative violation
 * {@code (g(x) + s'(y - x) - g(y)) / (1 + |g(x)| + |g(y)| + |s'(y - x)|)}; a wrong subgradient (or a non-convex
 * {@code g}) shows a positive violation on some pair, a correct one only rounding. Pairs where {@code g(x)} is not
 * finite are skipped (no subgradient there); {@code g(y) = +Infinity} never violates.
 *
 * <p>Points are Gaussian with standard deviation {@code scale}, plus, with probability 1/4 per entry, exact zeros
 * and with probability 1/4 per pair, {@code y} a small perturbation of {@code x} (size {@code 1e-3 scale}), so kinks
 * at 0 and local behaviour are both exercised. Seeded: the same seed checks the same points.
 */
public final class SubgradientCheck {
    private SubgradientCheck() {
    }

    /**
     * The outcome: pairs evaluated, the worst violation and where it happened.
     *
     * @param pairs          pairs checked (finite {@code g(x)})
     * @param worstViolation the largest relative violation (may be negative: every inequality strict)
     * @param worstX         {@code x} of the worst pair
     * @param worstY         {@code y} of the worst pair
     * @param tolerance      the tolerance it is compared with
     */
    public record Result(int pairs, double worstViolation, double[] worstX, double[] worstY, double tolerance) {
        /** True if no pair violates the inequality by more than the tolerance. */
        public boolean passed() {
            return worstViolation <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "SubgradientCheck[%s: %d pairs, worst relative violation %.3g (tolerance "
                    + "%.1g)]", passed() ? "passed" : "FAILED", pairs, worstViolation, tolerance);
        }
    }

    /**
     * Checks {@code subgradient} (writes an element of {@code dg(x)} into its second argument) against {@code g} on
     * {@code pairs} random pairs in {@code R^n}, with relative tolerance {@code 1e-10}.
     */
    public static Result check(ToDoubleFunction<double[]> g, BiConsumer<double[], double[]> subgradient, int n,
                               int pairs, double scale, long seed) {
        return check(g, subgradient, n, pairs, scale, seed, 1e-10);
    }

    /** As {@link #check(ToDoubleFunction, BiConsumer, int, int, double, long)} with a given tolerance. */
    public static Result check(ToDoubleFunction<double[]> g, BiConsumer<double[], double[]> subgradient, int n,
                               int pairs, double scale, long seed, double tolerance) {
        if (g == null || subgradient == null) {
            throw new IllegalArgumentException("SubgradientCheck: g and subgradient must not be null");
        }
        if (n < 1) {
            throw new IllegalArgumentException("SubgradientCheck: n must be >= 1, got " + n);
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("SubgradientCheck: pairs must be >= 1, got " + pairs);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("SubgradientCheck: scale must be positive and finite, got " + scale);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("SubgradientCheck: tolerance must be finite and >= 0, got " + tolerance);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double worst = Double.NEGATIVE_INFINITY;
        double[] wx = null;
        double[] wy = null;
        int done = 0;
        double[] s = new double[n];
        for (int p = 0; p < pairs; p++) {
            double[] x = point(rng, n, scale);
            double[] y;
            if (rng.nextInt(4) == 0) {
                y = x.clone();
                for (int i = 0; i < n; i++) {
                    y[i] += 1e-3 * scale * rng.nextGaussian();
                }
            } else {
                y = point(rng, n, scale);
            }
            double gx = g.applyAsDouble(x);
            if (!Double.isFinite(gx)) {
                continue;
            }
            double gy = g.applyAsDouble(y);
            subgradient.accept(x, s);
            double lin = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(s[i])) {
                    throw new IllegalArgumentException("SubgradientCheck: the subgradient has " + s[i] + " at index "
                            + i + " at a point where g is finite");
                }
                lin += s[i] * (y[i] - x[i]);
            }
            done++;
            double v = gy == Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY
                    : (gx + lin - gy) / (1 + Math.abs(gx) + Math.abs(gy) + Math.abs(lin));
            if (wx == null || v > worst) {
                worst = v;
                wx = x;
                wy = y;
            }
        }
        if (wx == null) {
            throw new IllegalArgumentException("SubgradientCheck: g was not finite at any of the " + pairs
                    + " points drawn; choose a scale that reaches its domain");
        }
        return new Result(done, worst, wx, wy, tolerance);
    }

    private static double[] point(SplittableRandom rng, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(4) == 0 ? 0 : scale * rng.nextGaussian();
        }
        return x;
    }
}
