package dev.derive.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Isotonic (non-decreasing) least-squares regression in one variable by the pool-adjacent-violators
 * algorithm (Ayer et al. 1955; Barlow et al. 1972): the fitted values {@code g_1 <= ... <= g_m} at the distinct
 * inputs minimise {@code sum_i w_i (y_i - g(x_i))^2}. As scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")}:
 * rows with weight 0 are dropped, inputs closer than {@code 1e-15} (numpy's float64 resolution) are merged
 * into one point with the weighted mean target and the summed weight, and {@link #predict} clips to the
 * fitted range and interpolates linearly between the fitted points.
 *
 * @param x the distinct inputs, increasing
 * @param y the fitted values at {@code x}, non-decreasing
 */
public record IsotonicRegression(double[] x, double[] y) implements Calibrator {

    public IsotonicRegression {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("isotonic regression needs as many fitted values as inputs (at least one); got "
                    + x.length + " inputs and " + y.length + " values");
        }
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k]) || !Double.isFinite(y[k]) || (k > 0 && (x[k] <= x[k - 1] || y[k] < y[k - 1]))) {
                throw new IllegalArgumentException("isotonic regression points must be finite, with increasing inputs and "
                        + "non-decreasing values; point " + k + " is (" + x[k] + ", " + y[k] + ")");
            }
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The fitted function at {@code v}: clipped to {@code [x_1, x_m]}, linear between fitted points (numpy's interp). */
    @Override
    public double predict(double v) {
        int m = x.length;
        if (v <= x[0]) {
            return y[0];
        }
        if (v >= x[m - 1]) {
            return y[m - 1];
        }
        int k = Arrays.binarySearch(x, v);
        if (k >= 0) {
            return y[k];
        }
        int hi = -k - 1;
        int lo = hi - 1;
        double s = (v - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + s * (y[hi] - y[lo]);
    }

    /**
     * Fits targets {@code y} on inputs {@code x} with weights {@code w} ({@code null}: all 1).
     *
     * @throws IllegalArgumentException if the lengths differ, a value is not finite, a weight is negative or all
     *                                  weights are zero
     */
    public static IsotonicRegression fit(double[] x, double[] y, double[] w) {
        int n = x.length;
        if (y.length != n || (w != null && w.length != n)) {
            throw new IllegalArgumentException("isotonic regression: " + n + " inputs, " + y.length + " targets"
                    + (w == null ? "" : ", " + w.length + " weights"));
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("isotonic regression: row " + i + " has input " + x[i] + " and target " + y[i]
                        + "; both must be finite");
            }
            if (!(wi >= 0) || Double.isInfinite(wi)) {
                throw new IllegalArgumentException("isotonic regression: sample weight " + wi + " at row " + i + " must be finite and >= 0");
            }
            if (wi > 0) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("isotonic regression needs at least one row with a positive weight");
        }
        // sort by input, then target (numpy's lexsort((y, x)))
        rows.sort(Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
        int m = rows.size();
        double[] ux = new double[m];
        double[] uy = new double[m];
        double[] uw = new double[m];
        int u = -1;
        double eps = 1e-15;
        for (int r = 0; r < m; r++) {
            int i = rows.get(r);
            double wi = w == null ? 1 : w[i];
            if (u < 0 || x[i] - ux[u] >= eps) {
                u++;
                ux[u] = x[i];
                uy[u] = wi * y[i];
                uw[u] = wi;
            } else {
                uy[u] += wi * y[i];
                uw[u] += wi;
            }
        }
        int k = u + 1;
        for (int j = 0; j < k; j++) {
            uy[j] /= uw[j];
        }
        double[] g = pav(Arrays.copyOf(uy, k), Arrays.copyOf(uw, k));
        return new IsotonicRegression(Arrays.copyOf(ux, k), g);
    }

    /**
     * The pool-adjacent-violators solution: the non-decreasing {@code g} minimising {@code sum_j w_j (y_j - g_j)^2}
     * ({@code w_j > 0}). Blocks are merged while a block's mean exceeds the next one's; each block's value is its
     * weighted mean.
     */
    public static double[] pav(double[] y, double[] w) {
        int n = y.length;
        double[] mean = new double[n];
        double[] weight = new double[n];
        int[] size = new int[n];
        int top = -1;
        for (int j = 0; j < n; j++) {
            top++;
            mean[top] = y[j];
            weight[top] = w[j];
            size[top] = 1;
            while (top > 0 && mean[top - 1] >= mean[top]) {
                double ww = weight[top - 1] + weight[top];
                mean[top - 1] = (weight[top - 1] * mean[top - 1] + weight[top] * mean[top]) / ww;
                weight[top - 1] = ww;
                size[top - 1] += size[top];
                top--;
            }
        }
        double[] g = new double[n];
        int j = 0;
        for (int b = 0; b <= top; b++) {
            for (int s = 0; s < size[b]; s++) {
                g[j++] = mean[b];
            }
        }
        return g;
    }
}
