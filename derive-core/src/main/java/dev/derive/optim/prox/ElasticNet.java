package dev.derive.optim.prox;

/**
 * The elastic net {@code g(x) = lambda1 ||x||_1 + (lambda2/2) ||x||_2^2} (Zou &amp; Hastie 2005); its prox is soft
 * thresholding followed by shrinkage, {@code prox_{t g}(v)_i = soft(v_i, t lambda1) / (1 + t lambda2)}.
 *
 * @param lambda1 the L1 weight, finite and {@code >= 0}
 * @param lambda2 the squared-L2 weight, finite and {@code >= 0}
 */
public record ElasticNet(double lambda1, double lambda2) implements ProximalFunction {

    public ElasticNet {
        Check.nonNegative("ElasticNet", "lambda1", lambda1);
        Check.nonNegative("ElasticNet", "lambda2", lambda2);
    }

    @Override
    public double value(double[] x) {
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += Math.abs(v);
            s2 += v * v;
        }
        return lambda1 * s1 + 0.5 * lambda2 * s2;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("ElasticNet", ANY_DIMENSION, v, t, out);
        double k = t * lambda1;
        double f = 1 / (1 + t * lambda2);
        for (int i = 0; i < v.length; i++) {
            out[i] = f * Check.soft(v[i], k);
        }
    }
}
