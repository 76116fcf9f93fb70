package dev.derive.optim.first;

/**
 * Schedule-free AdamW (Defazio et al., "The road less scheduled", NeurIPS 2024, Algorithm 1): the
 * schedule-free averaging of {@link ScheduleFreeSGD} with Adam's second-moment preconditioning and decoupled
 * weight decay at {@code y},
 * <pre>
 *   v_t      = beta2 v_{t-1} + (1 - beta2) g_t^2,        gamma_t = eta_t sqrt(1 - beta2^t)
 *   z_{t+1}  = z_t - gamma_t g_t / (sqrt(v_t) + eps) - gamma_t lambda y_t
 *   x_{t+1}  = (1 - c_{t+1}) x_t + c_{t+1} z_{t+1},      c_{t+1} = gamma_t^2 / sum_{i &lt;= t} gamma_i^2
 *   y_{t+1}  = (1 - beta1) z_{t+1} + beta1 x_{t+1}
 * </pre>
 * Any warmup comes from the learning-rate schedule passed to each step.
 *
 * @param beta1       the interpolation, in {@code [0, 1)} (default 0.9)
 * @param beta2       second-moment decay, in {@code [0, 1)} (default 0.999)
 * @param epsilon     added to the denominator, finite and {@code >= 0} (default 1e-8)
 * @param weightDecay {@code lambda}, finite and {@code >= 0} (default 0)
 */
public record ScheduleFreeAdamW(double beta1, double beta2, double epsilon, double weightDecay)
        implements FirstOrderMethod {

    public ScheduleFreeAdamW {
        Check.unitInterval("ScheduleFreeAdamW", "beta1", beta1);
        Check.unitInterval("ScheduleFreeAdamW", "beta2", beta2);
        Check.nonNegative("ScheduleFreeAdamW", "epsilon", epsilon);
        Check.nonNegative("ScheduleFreeAdamW", "weightDecay", weightDecay);
    }

    public ScheduleFreeAdamW() {
        this(0.9, 0.999, 1e-8, 0);
    }

    @Override
    public Stepper start(int n) {
        return new AbstractStepper("ScheduleFreeAdamW", n) {
            final double[] z = new double[n];
            final double[] x = new double[n];
            final double[] v = new double[n];
            double weightSum;

            @Override
            void update(double[] y, double[] g, double lr, HessianVectorProduct hvp) {
                if (t == 1) {
                    System.arraycopy(y, 0, z, 0, n);
                    System.arraycopy(y, 0, x, 0, n);
                }
                double gammaT = lr * Math.sqrt(1 - Math.pow(beta2, t));
                weightSum += gammaT * gammaT;
                double c = weightSum > 0 ? gammaT * gammaT / weightSum : 0;
                for (int i = 0; i < n; i++) {
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    z[i] -= gammaT * g[i] / (Math.sqrt(v[i]) + epsilon) + gammaT * weightDecay * y[i];
                    x[i] = (1 - c) * x[i] + c * z[i];
                    y[i] = (1 - beta1) * z[i] + beta1 * x[i];
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
