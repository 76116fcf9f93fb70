package dev.derive.optim.first;

/**
 * Lion (Chen et al., "Symbolic discovery of optimization algorithms", NeurIPS 2023, Algorithm 2): a sign
 * update of an interpolated momentum, {@code c = beta1 m + (1 - beta1) g},
 * {@code x <- x - eta (sign(c) + lambda x)}, then {@code m <- beta2 m + (1 - beta2) g}. Every coordinate moves by
 * exactly {@code eta} (plus decay), so Lion needs a learning rate 3-10 times smaller than AdamW's.
 *
 * @param beta1       interpolation for the update, in {@code [0, 1)} (default 0.9)
 * @param beta2       momentum decay, in {@code [0, 1)} (default 0.99)
 * @param weightDecay decoupled decay {@code lambda}, finite and {@code >= 0} (default 0)
 */
public record Lion(double beta1, double beta2, double weightDecay) implements FirstOrderMethod {

    public Lion {
        Check.unitInterval("Lion", "beta1", beta1);
        Check.unitInterval("Lion", "beta2", beta2);
        Check.nonNegative("Lion", "weightDecay", weightDecay);
    }

    public Lion() {
        this(0.9, 0.99, 0);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("Lion", n) {
            final double[] m = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                for (int i = 0; i < n; i++) {
                    double c = beta1 * m[i] + (1 - beta1) * g[i];
                    x[i] -= lr * (Math.signum(c) + weightDecay * x[i]);
                    m[i] = beta2 * m[i] + (1 - beta2) * g[i];
                }
            }
        };
    }
}
