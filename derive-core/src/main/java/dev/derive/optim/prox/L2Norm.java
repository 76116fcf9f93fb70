package dev.derive.optim.prox;

/**
 * {@code g(x) = lambda ||x||_2} (not squared); its prox is block soft thresholding,
 * {@code prox_{t g}(v) = max(1 - t lambda / ||v||, 0) v} (Parikh &amp; Boyd, section 6.5.1).
 *
 * @param lambda the weight, finite and {@code >= 0}
 */
public record L2Norm(double lambda) implements ProximalFunction {

    public L2Norm {
        Check.nonNegative("L2Norm", "lambda", lambda);
    }

    @Override
    public double value(double[] x) {
        return lambda * Check.norm2(x);
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("L2Norm", ANY_DIMENSION, v, t, out);
        double nv = Check.norm2(v);
        double f = nv > t * lambda ? 1 - t * lambda / nv : 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = f * v[i];
        }
    }
}
