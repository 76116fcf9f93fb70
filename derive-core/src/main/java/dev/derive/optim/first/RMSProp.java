package dev.derive.optim.first;

/**
 * RMSProp (Tieleman &amp; Hinton, Coursera "Neural networks for machine learning", lecture 6.5, 2012): a moving
 * average of squared gradients, {@code v <- rho v + (1 - rho) g^2}, {@code x <- x - eta g / (sqrt(v) + eps)}.
 *
 * @param rho     the averaging constant, in {@code [0, 1)} (default 0.9, as in the lecture)
 * @param epsilon added to the denominator, finite and {@code >= 0} (default 1e-8)
 */
public record RMSProp(double rho, double epsilon) implements FirstOrderMethod {

    public RMSProp {
        Check.unitInterval("RMSProp", "rho", rho);
        Check.nonNegative("RMSProp", "epsilon", epsilon);
    }

    public RMSProp() {
        this(0.9, 1e-8);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("RMSProp", n) {
            final double[] v = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                for (int i = 0; i < n; i++) {
                    v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                    x[i] -= lr * g[i] / (Math.sqrt(v[i]) + epsilon);
                }
            }
        };
    }
}
