package dev.derive.optim.first;

/**
 * AdamW, Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled weight decay regularization",
 * ICLR 2019, Algorithm 2): the decay shrinks the parameters directly instead of entering the gradient's moments,
 * {@code x <- x - eta (mhat / (sqrt(vhat) + eps) + lambda x)}. The decay is scaled by the learning rate
 * (the paper's {@code eta_t lambda} with {@code alpha = 1}; PyTorch's convention).
 *
 * @param beta1       first-moment decay, in {@code [0, 1)} (default 0.9)
 * @param beta2       second-moment decay, in {@code [0, 1)} (default 0.999)
 * @param epsilon     added to the denominator, finite and {@code >= 0} (default 1e-8)
 * @param weightDecay {@code lambda}, finite and {@code >= 0} (default 0.01)
 */
public record AdamW(double beta1, double beta2, double epsilon, double weightDecay) implements FirstOrderMethod {

    public AdamW {
        Check.unitInterval("AdamW", "beta1", beta1);
        Check.unitInterval("AdamW", "beta2", beta2);
        Check.nonNegative("AdamW", "epsilon", epsilon);
        Check.nonNegative("AdamW", "weightDecay", weightDecay);
    }

    public AdamW() {
        this(0.9, 0.999, 1e-8, 0.01);
    }

    /** The defaults with the given weight decay. */
    public static AdamW withWeightDecay(double lambda) {
        return new AdamW(0.9, 0.999, 1e-8, lambda);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("AdamW", n) {
            final double[] m = new double[n];
            final double[] v = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                double c1 = 1 - Math.pow(beta1, t);
                double c2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    x[i] -= lr * ((m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon) + weightDecay * x[i]);
                }
            }
        };
    }
}
