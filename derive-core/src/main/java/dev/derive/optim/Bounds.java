package dev.derive.optim;

import java.util.Arrays;

/**
 * Box constraints {@code lower_i <= x_i <= upper_i}; a side may be infinite ({@code -Infinity} or
 * {@code +Infinity}) to leave it open. The arrays are copied.
 *
 * @param lower the lower bounds (no NaN, never {@code +Infinity})
 * @param upper the upper bounds (no NaN, never {@code -Infinity}), {@code lower_i <= upper_i}
 */
public record Bounds(double[] lower, double[] upper) {

    public Bounds {
        if (lower == null || upper == null) {
            throw new IllegalArgumentException("Bounds: lower and upper must not be null");
        }
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("Bounds: lower has length " + lower.length + " but upper has length "
                    + upper.length);
        }
        lower = lower.clone();
        upper = upper.clone();
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || lower[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Bounds: lower[" + i + "] = " + lower[i]
                        + "; a lower bound must be a number or -Infinity");
            }
            if (Double.isNaN(upper[i]) || upper[i] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("Bounds: upper[" + i + "] = " + upper[i]
                        + "; an upper bound must be a number or +Infinity");
            }
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("Bounds: lower[" + i + "] = " + lower[i] + " > upper[" + i + "] = "
                        + upper[i] + "; the box is empty");
            }
        }
    }

    /** No constraints in {@code n} dimensions. */
    public static Bounds unbounded(int n) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Bounds(lo, hi);
    }

    /** The same interval {@code [lo, hi]} for all {@code n} coordinates. */
    public static Bounds box(int n, double lo, double hi) {
        double[] l = new double[n];
        double[] u = new double[n];
        Arrays.fill(l, lo);
        Arrays.fill(u, hi);
        return new Bounds(l, u);
    }

    /** {@code x >= 0} in {@code n} dimensions. */
    public static Bounds nonNegative(int n) {
        return box(n, 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** The lower bound of coordinate {@code i}. */
    public double lower(int i) {
        return lower[i];
    }

    /** The upper bound of coordinate {@code i}. */
    public double upper(int i) {
        return upper[i];
    }

    /** The number of coordinates. */
    public int dimension() {
        return lower.length;
    }

    /** True if no coordinate has a finite bound. */
    public boolean isUnbounded() {
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] > Double.NEGATIVE_INFINITY || upper[i] < Double.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code lower <= x <= upper} holds exactly. */
    public boolean contains(double[] x) {
        checkLength(x, "contains");
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
                return false;
            }
        }
        return true;
    }

    /** Writes the Euclidean projection {@code min(max(x, lower), upper)} into {@code out} (may alias {@code x}). */
    public void project(double[] x, double[] out) {
        checkLength(x, "project");
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
        }
    }

    /** The projection of {@code x} onto the box (a new array). */
    public double[] project(double[] x) {
        double[] out = new double[x.length];
        project(x, out);
        return out;
    }

    private void checkLength(double[] x, String op) {
        if (x.length != lower.length) {
            throw new IllegalArgumentException("Bounds." + op + ": vector has length " + x.length + " but the bounds have "
                    + lower.length + " coordinates");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bounds b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "Bounds[lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
    }
}
