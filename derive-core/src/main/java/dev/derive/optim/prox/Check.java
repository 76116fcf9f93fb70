package dev.derive.optim.prox;

/** Parameter and argument checks for the proximal operators. */
final class Check {
    private Check() {
    }

    static void nonNegative(String owner, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and >= 0, got " + v);
        }
    }

    static void positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be positive and finite, got " + v);
        }
    }

    /** Checks the prox arguments: matching lengths, t > 0 finite, finite v. */
    static void prox(String owner, int dimension, double[] v, double t, double[] out) {
        if (v.length != out.length) {
            throw new IllegalArgumentException(owner + ".prox: v has length " + v.length + " but out has length " + out.length);
        }
        if (dimension != ProximalFunction.ANY_DIMENSION && v.length != dimension) {
            throw new IllegalArgumentException(owner + ".prox: v has length " + v.length + " but the function is defined on R^"
                    + dimension);
        }
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException(owner + ".prox: the step t must be positive and finite, got " + t);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(owner + ".prox: v has " + v[i] + " at index " + i);
            }
        }
    }

    static void value(String owner, int dimension, double[] x) {
        if (dimension != ProximalFunction.ANY_DIMENSION && x.length != dimension) {
            throw new IllegalArgumentException(owner + ".value: x has length " + x.length + " but the function is defined on R^"
                    + dimension);
        }
    }

    static double norm2(double[] x) {
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double v : x) {
            double r = v / scale;
            s += r * r;
        }
        return scale * Math.sqrt(s);
    }

    /** Soft thresholding {@code sign(v) max(|v| - k, 0)}. */
    static double soft(double v, double k) {
        return v > k ? v - k : (v < -k ? v + k : 0);
    }
}
