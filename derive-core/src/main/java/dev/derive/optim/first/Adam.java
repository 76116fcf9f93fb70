package dev.derive.optim.first;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1): {@code m <- b1 m + (1 - b1) g},
 * {@code v <- b2 v + (1 - b2) g^2}, {@code mhat = m / (1 - b1^t)}, {@code vhat = v / (1 - b2^t)},
 * {@code x <- x - eta mhat / (sqrt(vhat) + eps)}.
 *
 * @param beta1   first-moment decay, in {@code [0, 1)} (default 0.9)
 * @param beta2   second-moment decay, in {@code [0, 1)} (default 0.999)
 * @param epsilon added to the denominator, finite and {@code >= 0} (default 1e-8)
 */
public record Adam(double beta1, double beta2, double epsilon) implements FirstOrderMethod {

    public Adam {
        Check.unitInterval("Adam", "beta1", beta1);
        Check.unitInterval("Adam", "beta2", beta2);
        Check.nonNegative("Adam", "epsilon", epsilon);
    }

    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("Adam", n) {
            final double[] m = new double[n];
            final double[] v = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                double c1 = 1 - Math.pow(beta1, t);
                double c2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    x[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
                }
            }
        };
    }
}
