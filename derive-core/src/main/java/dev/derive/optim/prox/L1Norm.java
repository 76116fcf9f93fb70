package dev.derive.optim.prox;

/**
 * {@code g(x) = lambda ||x||_1}; its prox is soft thresholding,
 * {@code prox_{t g}(v)_i = sign(v_i) max(|v_i| - t lambda, 0)} (Parikh &amp; Boyd, <i>Proximal Algorithms</i>,
 * section 6.5.2). The lasso penalty.
 *
 * @param lambda the weight, finite and {@code >= 0}
 */
public record L1Norm(double lambda) implements ProximalFunction {

    public L1Norm {
        Check.nonNegative("L1Norm", "lambda", lambda);
    }

    @Override
    public double value(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return lambda * s;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("L1Norm", ANY_DIMENSION, v, t, out);
        double k = t * lambda;
        for (int i = 0; i < v.length; i++) {
            out[i] = Check.soft(v[i], k);
        }
    }
}
