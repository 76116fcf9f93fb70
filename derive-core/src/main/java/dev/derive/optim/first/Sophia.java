package dev.derive.optim.first;

import java.util.SplittableRandom;

/**
 * Sophia (Liu et al., "Sophia: a scalable stochastic second-order optimizer for language model pre-training",
 * ICLR 2024, Algorithm 3 with the Hutchinson estimator of Algorithm 1): a clipped, diagonally preconditioned
 * momentum step,
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g
 *   every k steps (t = 1, k + 1, 2k + 1, ...):  hhat = u . (H u), u ~ N(0, I);  h &lt;- beta2 h + (1 - beta2) hhat
 *   x &lt;- x - eta lambda x
 *   x &lt;- x - eta clip(m / max(gamma h, eps), 1)
 * </pre>
 * where {@code clip(z, 1)} clips each coordinate to {@code [-1, 1]}: far from a minimum, or where the
 * curvature estimate is negative or tiny, the step is a sign step of size {@code eta}; near it, a Newton-like
 * step {@code m / (gamma h)}. {@code hhat} is an unbiased estimate of the Hessian diagonal
 * ({@code E[u . Hu] = diag H}). The Hessian-vector products come from the caller, at the current mini-batch.
 *
 * @param beta1       momentum decay, in {@code [0, 1)} (default 0.965)
 * @param beta2       Hessian-estimate decay, in {@code [0, 1)} (default 0.99)
 * @param gamma       the clipping scale {@code gamma} of the paper, positive and finite (default 0.01)
 * @param epsilon     the floor of the denominator, positive and finite (default 1e-12)
 * @param k           the Hessian estimate is refreshed every {@code k >= 1} steps (default 10)
 * @param weightDecay decoupled decay {@code lambda}, finite and {@code >= 0} (default 0)
 * @param seed        the seed of the Gaussian probe vectors
 */
public record Sophia(double beta1, double beta2, double gamma, double epsilon, int k, double weightDecay, long seed)
        implements FirstOrderMethod {

    public Sophia {
        Check.unitInterval("Sophia", "beta1", beta1);
        Check.unitInterval("Sophia", "beta2", beta2);
        Check.positive("Sophia", "gamma", gamma);
        Check.positive("Sophia", "epsilon", epsilon);
        if (k < 1) {
            throw new IllegalArgumentException("Sophia: k must be >= 1, got " + k);
        }
        Check.nonNegative("Sophia", "weightDecay", weightDecay);
    }

    public Sophia() {
        this(0.965, 0.99, 0.01, 1e-12, 10, 0, 0);
    }

    public Sophia withSeed(long s) {
        return new Sophia(beta1, beta2, gamma, epsilon, k, weightDecay, s);
    }

    @Override
    public boolean usesHessianVectorProducts() {
        return true;
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("Sophia", n) {
            final double[] m = new double[n];
            final double[] h = new double[n];
            final double[] u = new double[n];
            final double[] hu = new double[n];
            final SplittableRandom rng = new SplittableRandom(seed);

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                if ((t - 1) % k == 0) {
                    if (hvp == null) {
                        throw new IllegalArgumentException("Sophia: step " + t
                                + " refreshes the Hessian estimate and needs Hessian-vector products, got null");
                    }
                    for (int i = 0; i < n; i++) {
                        u[i] = rng.nextGaussian();
                    }
                    hvp.apply(u, hu);
                    for (int i = 0; i < n; i++) {
                        h[i] = beta2 * h[i] + (1 - beta2) * u[i] * hu[i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    x[i] -= lr * weightDecay * x[i];
                    double z = m[i] / Math.max(gamma * h[i], epsilon);
                    x[i] -= lr * Math.max(-1, Math.min(1, z));
                }
            }
        };
    }
}
