package dev.derive.optim.first;

/**
 * Heavy-ball momentum (Polyak, "Some methods of speeding up the convergence of iteration methods", 1964):
 * {@code x_{k+1} = x_k - eta g_k + beta (x_k - x_{k-1})}, implemented as {@code v <- beta v - eta g},
 * {@code x <- x + v}. On a quadratic with eigenvalues in {@code [mu, L]}, {@code eta = 4/(sqrt L + sqrt mu)^2}
 * and {@code beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2} give the rate {@code (sqrt kappa - 1)/(sqrt kappa + 1)}
 * per step ({@link #optimalFor} returns that {@code beta}; use the learning rate from
 * {@link #optimalLearningRate}).
 *
 * @param beta the momentum, in {@code [0, 1)}
 */
public record Momentum(double beta) implements FirstOrderMethod {

    public Momentum {
        Check.unitInterval("Momentum", "beta", beta);
    }

    /** Polyak's optimal momentum for a quadratic with eigenvalues in {@code [mu, L]}. */
    public static Momentum optimalFor(double lipschitz, double mu) {
        Check.positive("Momentum.optimalFor", "L", lipschitz);
        Check.positive("Momentum.optimalFor", "mu", mu);
        double sk = Math.sqrt(lipschitz / mu);
        double r = (sk - 1) / (sk + 1);
        return new Momentum(r * r);
    }

    /** Polyak's optimal step {@code 4 / (sqrt L + sqrt mu)^2}. */
    public static double optimalLearningRate(double lipschitz, double mu) {
        double s = Math.sqrt(lipschitz) + Math.sqrt(mu);
        return 4 / (s * s);
    }

    @Override
    public Stepper start(int n) {
        Check.dimension("Momentum", n);
        return new Stepper() {
            final double[] v = new double[n];
            long t;

            @Override
            public void step(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                Check.step("Momentum", n, x, g, lr);
                for (int i = 0; i < n; i++) {
                    v[i] = beta * v[i] - lr * g[i];
                    x[i] += v[i];
                }
                t++;
            }

            @Override
            public long steps() {
                return t;
            }
        };
    }
}
