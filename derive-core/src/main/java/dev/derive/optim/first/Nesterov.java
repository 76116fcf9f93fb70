package dev.derive.optim.first;

/**
 * Nesterov's accelerated gradient (Nesterov 1983; in the momentum form of Sutskever et al., ICML 2013):
 * {@code v_{k+1} = mu_k v_k - eta grad f(y_k)}, {@code x_{k+1} = x_k + v_{k+1}},
 * {@code y_{k+1} = x_{k+1} + mu_{k+1} v_{k+1}}, which is {@code x_{k+1} = y_k - eta grad f(y_k)},
 * {@code y_{k+1} = x_{k+1} + mu_{k+1} (x_{k+1} - x_k)}. The gradient is taken at the look-ahead point
 * {@code y}, which the stepper keeps in {@code params}; the iterate {@code x} is {@link Stepper#solution}.
 *
 * <ul>
 *   <li>{@link #stronglyConvex(double, double)}: the constant-step scheme for {@code L}-smooth,
 *       {@code mu}-strongly convex functions (Nesterov, <i>Introductory Lectures on Convex Optimization</i>,
 *       2004, scheme 2.2.19): {@code eta = 1/L}, {@code mu_k = (sqrt kappa - 1)/(sqrt kappa + 1)}; the error
 *       contracts by {@code 1 - 1/sqrt(kappa)} per step.</li>
 *   <li>{@link #convex()}: {@code mu_k = (t_k - 1)/t_{k+1}}, {@code t_1 = 1}, {@code t_{k+1} = (1 + sqrt(1 + 4 t_k^2))/2}
 *       (Nesterov 1983; as in FISTA): {@code f(x_k) - f* = O(L ||x_0 - x*||^2 / k^2)} with {@code eta = 1/L}.</li>
 *   <li>{@link #Nesterov(double)}: a constant momentum, as used in deep learning.</li>
 * </ul>
 *
 * @param momentum    the constant momentum in {@code [0, 1)}, or NaN for the {@code t_k} sequence
 * @param lipschitz   {@code L} for the strongly convex scheme (its suggested learning rate is {@code 1/L}), or NaN
 */
public record Nesterov(double momentum, double lipschitz) implements FirstOrderMethod {

    public Nesterov {
        if (!Double.isNaN(momentum)) {
            Check.unitInterval("Nesterov", "momentum", momentum);
        }
        if (!Double.isNaN(lipschitz)) {
            Check.positive("Nesterov", "lipschitz", lipschitz);
        }
    }

    /** A constant momentum in {@code [0, 1)}. */
    public Nesterov(double momentum) {
        this(checked(momentum), Double.NaN);
    }

    private static double checked(double m) {
        Check.unitInterval("Nesterov", "momentum", m);
        return m;
    }

    /** The convex scheme with the {@code t_k} momentum sequence; use the learning rate {@code 1/L}. */
    public static Nesterov convex() {
        return new Nesterov(Double.NaN, Double.NaN);
    }

    /** The constant-step scheme for {@code L}-smooth, {@code mu}-strongly convex functions (learning rate {@code 1/L}). */
    public static Nesterov stronglyConvex(double lipschitz, double mu) {
        Check.positive("Nesterov.stronglyConvex", "L", lipschitz);
        Check.positive("Nesterov.stronglyConvex", "mu", mu);
        if (mu > lipschitz) {
            throw new IllegalArgumentException("Nesterov.stronglyConvex: mu must be <= L = " + lipschitz + ", got " + mu);
        }
        double sk = Math.sqrt(lipschitz / mu);
        return new Nesterov((sk - 1) / (sk + 1), lipschitz);
    }

    @Override
    public double suggestedLearningRate() {
        return 1 / lipschitz; // NaN when L is unknown
    }

    @Override
    public Stepper start(int n) {
        Check.dimension("Nesterov", n);
        return new Stepper() {
            final double[] x = new double[n];
            final double[] v = new double[n];
            double tk = 1;
            long t;

            @Override
            public void step(double[] y, double[] g, double lr, HessianVectorProduct hvp) {
                Check.step("Nesterov", n, y, g, lr);
                if (t == 0) {
                    System.arraycopy(y, 0, x, 0, n); // y_0 = x_0
                }
                // the momentum that forms y_{k+1} from x_{k+1} - x_k: constant, or (t_k - 1)/t_{k+1}
                double muNext;
                if (Double.isNaN(momentum)) {
                    double tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
                    muNext = (tk - 1) / tNext;
                    tk = tNext;
                } else {
                    muNext = momentum;
                }
                for (int i = 0; i < n; i++) {
                    double xNew = y[i] - lr * g[i];
                    v[i] = xNew - x[i];
                    x[i] = xNew;
                    y[i] = xNew + muNext * v[i];
                }
                t++;
            }

            @Override
            public void solution(double[] params, double[] out) {
                System.arraycopy(t == 0 ? params : x, 0, out, 0, n);
            }

            @Override
            public boolean solutionIsParams() {
                return false;
            }

            @Override
            public long steps() {
                return t;
            }
        };
    }
}
