package dev.derive.optim.prox;

import java.util.Arrays;

/**
 * The group lasso {@code g(x) = lambda sum_g w_g ||x_g||_2} over disjoint groups of coordinates (Yuan &amp; Lin
 * 2006; the usual weights are {@code w_g = sqrt(|g|)}); its prox applies block soft thresholding to each group,
 * {@code prox(v)_g = max(1 - t lambda w_g / ||v_g||, 0) v_g}. Coordinates in no group are left unpenalised.
 *
 * @param lambda  the weight, finite and {@code >= 0}
 * @param groupOf {@code groupOf[i]} is the group of coordinate {@code i} in {@code 0 .. weights.length - 1}, or
 *                {@code -1} for none; its length is the dimension
 * @param weights the group weights {@code w_g}, finite and {@code >= 0}
 */
public record GroupLasso(double lambda, int[] groupOf, double[] weights) implements ProximalFunction {

    public GroupLasso {
        Check.nonNegative("GroupLasso", "lambda", lambda);
        if (groupOf == null || weights == null) {
            throw new IllegalArgumentException("GroupLasso: groupOf and weights must not be null");
        }
        groupOf = groupOf.clone();
        weights = weights.clone();
        for (int g = 0; g < weights.length; g++) {
            Check.nonNegative("GroupLasso", "weights[" + g + "]", weights[g]);
        }
        for (int i = 0; i < groupOf.length; i++) {
            if (groupOf[i] < -1 || groupOf[i] >= weights.length) {
                throw new IllegalArgumentException("GroupLasso: groupOf[" + i + "] = " + groupOf[i] + " must be -1 or in [0, "
                        + weights.length + ")");
            }
        }
    }

    /** Groups given by {@code groupOf}, with the usual weights {@code sqrt(|g|)}. */
    public static GroupLasso of(double lambda, int[] groupOf) {
        int groups = 0;
        for (int g : groupOf) {
            groups = Math.max(groups, g + 1);
        }
        double[] w = new double[groups];
        for (int g : groupOf) {
            if (g >= 0) {
                w[g]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            w[g] = Math.sqrt(w[g]);
        }
        return new GroupLasso(lambda, groupOf, w);
    }

    @Override
    public int[] groupOf() {
        return groupOf.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int dimension() {
        return groupOf.length;
    }

    private double[] groupNorms(double[] x) {
        double[] sq = new double[weights.length];
        for (int i = 0; i < x.length; i++) {
            if (groupOf[i] >= 0) {
                sq[groupOf[i]] += x[i] * x[i];
            }
        }
        for (int g = 0; g < sq.length; g++) {
            sq[g] = Math.sqrt(sq[g]);
        }
        return sq;
    }

    @Override
    public double value(double[] x) {
        Check.value("GroupLasso", dimension(), x);
        double[] norms = groupNorms(x);
        double s = 0;
        for (int g = 0; g < norms.length; g++) {
            s += weights[g] * norms[g];
        }
        return lambda * s;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("GroupLasso", dimension(), v, t, out);
        double[] norms = groupNorms(v);
        double[] f = new double[norms.length];
        for (int g = 0; g < norms.length; g++) {
            double k = t * lambda * weights[g];
            f[g] = norms[g] > k ? 1 - k / norms[g] : 0;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = groupOf[i] >= 0 ? f[groupOf[i]] * v[i] : v[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupLasso g && g.lambda == lambda && Arrays.equals(g.groupOf, groupOf)
                && Arrays.equals(g.weights, weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(lambda) + Arrays.hashCode(groupOf)) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "GroupLasso[lambda=" + lambda + ", groupOf=" + Arrays.toString(groupOf) + ", weights="
                + Arrays.toString(weights) + "]";
    }
}
