package dev.derive.optim.first;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer, JMLR 12, 2011; the diagonal version): per-coordinate steps scaled by the
 * accumulated squared gradients, {@code G <- G + g^2}, {@code x <- x - eta g / (sqrt(G) + eps)}.
 *
 * @param epsilon added to the denominator, finite and {@code >= 0} (default 1e-10)
 */
public record AdaGrad(double epsilon) implements FirstOrderMethod {

    public AdaGrad {
        Check.nonNegative("AdaGrad", "epsilon", epsilon);
    }

    public AdaGrad() {
        this(1e-10);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("AdaGrad", n) {
            final double[] acc = new double[n];

            @Override
            void update(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                for (int i = 0; i < n; i++) {
                    acc[i] += g[i] * g[i];
                    x[i] -= lr * g[i] / (Math.sqrt(acc[i]) + epsilon);
                }
            }
        };
    }
}
