package dev.derive.optim.prox;

/**
 * {@code g(x) = (lambda/2) ||x||_2^2} (ridge); its prox is a shrinkage, {@code prox_{t g}(v) = v / (1 + t lambda)}.
 *
 * @param lambda the weight, finite and {@code >= 0}
 */
public record SquaredL2Norm(double lambda) implements ProximalFunction {

    public SquaredL2Norm {
        Check.nonNegative("SquaredL2Norm", "lambda", lambda);
    }

    @Override
    public double value(double[] x) {
        double n = Check.norm2(x);
        return 0.5 * lambda * n * n;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("SquaredL2Norm", ANY_DIMENSION, v, t, out);
        double f = 1 / (1 + t * lambda);
        for (int i = 0; i < v.length; i++) {
            out[i] = f * v[i];
        }
    }
}
