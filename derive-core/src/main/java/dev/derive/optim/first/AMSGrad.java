package dev.derive.optim.first;

/**
 * AMSGrad (Reddi, Kale &amp; Kumar, "On the convergence of Adam and beyond", ICLR 2018, Algorithm 2): Adam's
 * moments with a non-decreasing second moment, {@code vhat <- max(vhat, v)},
 * {@code x <- x - eta m / (sqrt(vhat) + eps)}. As in the paper, neither moment is bias-corrected; {@code eps}
 * (absent in the paper) guards the division before the first non-zero gradient.
 *
 * @param beta1   first-moment decay, in {@code [0, 1)} (default 0.9)
 * @param beta2   second-moment decay, in {@code [0, 1)} (default 0.999)
 * @param epsilon added to the denominator, finite and {@code >= 0} (default 1e-8)
 */
public record AMSGrad(double beta1, double beta2, double epsilon) implements FirstOrderMethod {

    public AMSGrad {
        Check.unitInterval("AMSGrad", "beta1", beta1);
        Check.unitInterval("AMSGrad", "beta2", beta2);
        Check.nonNegative("AMSGrad", "epsilon", epsilon);
    }

    public AMSGrad() {
        this(0.9, 0.999, 1e-8);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("AMSGrad", n) {
            final double[] m = new double[n];
            final double[] v = new double[n];
            final double[] vmax = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    vmax[i] = Math.max(vmax[i], v[i]);
                    x[i] -= lr * m[i] / (Math.sqrt(vmax[i]) + epsilon);
                }
            }
        };
    }
}
