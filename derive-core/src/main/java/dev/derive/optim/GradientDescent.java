package dev.derive.optim;

/**
 * Steepest descent with a line search: {@code x_{k+1} = x_k - alpha_k grad f(x_k)} (Cauchy 1847; Nocedal &amp;
 * Wright, <i>Numerical Optimization</i>, 2nd ed., section 3.3). The first trial step is
 * {@code min(1, 1/||g_0||)}, later ones {@code alpha_{k-1} g_{k-1}'d_{k-1} / g_k'd_k} (eq. 3.60: the same
 * first-order change as the last step). Linear convergence at rate {@code ((kappa - 1)/(kappa + 1))^2} per
 * step with exact line searches on a quadratic of condition number {@code kappa}: use it as a baseline.
 *
 * @param lineSearch the line search (default {@link ArmijoBacktracking#defaults()})
 * @param stop       the stopping criteria
 */
public record GradientDescent(LineSearch lineSearch, StopCriteria stop) implements Minimizer<SmoothObjective> {

    public GradientDescent {
        if (lineSearch == null) {
            throw new IllegalArgumentException("GradientDescent: lineSearch must not be null");
        }
        if (stop == null) {
            throw new IllegalArgumentException("GradientDescent: stop must not be null");
        }
    }

    /** Armijo backtracking and the default stopping criteria. */
    public static GradientDescent defaults() {
        return new GradientDescent(ArmijoBacktracking.defaults(), StopCriteria.DEFAULT);
    }

    public GradientDescent withLineSearch(LineSearch ls) {
        return new GradientDescent(ls, stop);
    }

    public GradientDescent withStop(StopCriteria s) {
        return new GradientDescent(lineSearch, s);
    }

    @Override
    public OptimResult minimize(SmoothObjective f, double[] x0, IterationObserver observer) {
        return new DescentLoop() {
            /** alpha_{k-1} g_{k-1}'d_{k-1}, NaN before the first step. */
            double last = Double.NaN;

            @Override
            void init(int n) {
            }

            @Override
            void reset() {
                last = Double.NaN;
            }

            @Override
            String direction(Counted f, double[] x, double[] g, double[] d) {
                Vec.negate(g, d);
                return null;
            }

            @Override
            double initialStep(int k, double gnorm, double gd) {
                return Double.isNaN(last) ? Math.min(1, 1 / gnorm) : last / gd;
            }

            @Override
            void update(double[] s, double[] y, double alpha, double gd) {
                last = alpha * gd;
            }
        }.run("GradientDescent", lineSearch, stop, f, x0, observer);
    }
}
