package dev.derive.optim.first;

/**
 * Schedule-free SGD (Defazio et al., "The road less scheduled", NeurIPS 2024, eq. 1-3 and Algorithm 1): no
 * decay schedule, instead an average of the iterates that the gradient point interpolates towards,
 * <pre>
 *   y_t     = (1 - beta) z_t + beta x_t                      (gradients are taken here)
 *   z_{t+1} = z_t - eta_t (grad f(y_t) + lambda y_t)
 *   x_{t+1} = (1 - c_{t+1}) x_t + c_{t+1} z_{t+1},   c_{t+1} = eta_t^2 / sum_{i &lt;= t} eta_i^2
 * </pre>
 * With a constant rate {@code c_{t+1} = 1/(t+1)}, a uniform average; the weights {@code eta_t^2} let a warmup
 * count less (the paper's choice with {@code r = 0}). The stepper keeps {@code y} in {@code params}; the
 * iterate {@code x} is {@link Stepper#solution}.
 *
 * @param beta        the interpolation {@code beta}, in {@code [0, 1)} (default 0.9)
 * @param weightDecay {@code lambda}, applied at {@code y}, finite and {@code >= 0} (default 0)
 */
public record ScheduleFreeSGD(double beta, double weightDecay) implements FirstOrderMethod {

    public ScheduleFreeSGD {
        Check.unitInterval("ScheduleFreeSGD", "beta", beta);
        Check.nonNegative("ScheduleFreeSGD", "weightDecay", weightDecay);
    }

    public ScheduleFreeSGD() {
        this(0.9, 0);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("ScheduleFreeSGD", n) {
            final double[] z = new double[n];
            final double[] x = new double[n];
            double weightSum;

            @Override
            void update(double[] y, double[] g, double lr, HessianVectorProduct hvp) {
                if (t == 1) {
                    System.arraycopy(y, 0, z, 0, n);
                    System.arraycopy(y, 0, x, 0, n);
                }
                weightSum += lr * lr;
                double c = weightSum > 0 ? lr * lr / weightSum : 0;
                for (int i = 0; i < n; i++) {
                    z[i] -= lr * (g[i] + weightDecay * y[i]);
                    x[i] = (1 - c) * x[i] + c * z[i];
                    y[i] = (1 - beta) * z[i] + beta * x[i];
                }
            }

            @Override
            public void solution(double[] params, double[] out) {
                System.arraycopy(t == 0 ? params : x, 0, out, 0, n);
            }

            @Override
            public boolean solutionIsParams() {
                return false;
            }
        };
    }
}
