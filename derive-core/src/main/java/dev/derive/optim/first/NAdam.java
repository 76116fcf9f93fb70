package dev.derive.optim.first;

/**
 * NAdam, Adam with Nesterov momentum (Dozat, "Incorporating Nesterov momentum into Adam", ICLR workshop 2016,
 * with a constant momentum {@code mu_t = beta1}): the update looks one step ahead in the first moment,
 * {@code mbar = beta1 m_t / (1 - beta1^(t+1)) + (1 - beta1) g_t / (1 - beta1^t)},
 * {@code x <- x - eta mbar / (sqrt(vhat) + eps)}, with {@code m, v, vhat} as in Adam.
 *
 * @param beta1   first-moment decay, in {@code [0, 1)} (default 0.9)
 * @param beta2   second-moment decay, in {@code [0, 1)} (default 0.999)
 * @param epsilon added to the denominator, finite and {@code >= 0} (default 1e-8)
 */
public record NAdam(double beta1, double beta2, double epsilon) implements FirstOrderMethod {

    public NAdam {
        Check.unitInterval("NAdam", "beta1", beta1);
        Check.unitInterval("NAdam", "beta2", beta2);
        Check.nonNegative("NAdam", "epsilon", epsilon);
    }

    public NAdam() {
        this(0.9, 0.999, 1e-8);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("NAdam", n) {
            final double[] m = new double[n];
            final double[] v = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                double cNext = 1 - Math.pow(beta1, t + 1);
                double c1 = 1 - Math.pow(beta1, t);
                double c2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double mbar = beta1 * m[i] / cNext + (1 - beta1) * g[i] / c1;
                    x[i] -= lr * mbar / (Math.sqrt(v[i] / c2) + epsilon);
                }
            }
        };
    }
}
