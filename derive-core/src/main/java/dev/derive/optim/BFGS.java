package dev.derive.optim;

/**
 * The BFGS quasi-Newton method (Broyden, Fletcher, Goldfarb, Shanno 1970) with a strong Wolfe line search,
 * keeping a dense approximation {@code H} of the inverse Hessian: {@code d = -H g}, and after each step with
 * {@code s = x_{k+1} - x_k}, {@code y = g_{k+1} - g_k}, {@code rho = 1 / y's},
 * {@code H <- (I - rho s y') H (I - rho y s') + rho s s'} (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * 2nd ed., Algorithm 6.1, eq. 6.17). {@code H_0 = I}, rescaled to {@code (y's / y'y) I} before the first
 * update (eq. 6.20). A pair with {@code y's <= eps y'y} (possible when the line search could not satisfy the
 * curvature condition) is skipped. O(n^2) memory and work per iteration: for large n use {@link LBFGS}.
 *
 * @param lineSearch the line search (default {@link StrongWolfe#defaults()}, which keeps {@code y's > 0})
 * @param stop       the stopping criteria
 */
public record BFGS(LineSearch lineSearch, StopCriteria stop) implements Minimizer<SmoothObjective> {

    public BFGS {
        if (lineSearch == null) {
            throw new IllegalArgumentException("BFGS: lineSearch must not be null");
        }
        if (stop == null) {
            throw new IllegalArgumentException("BFGS: stop must not be null");
        }
    }

    /** Strong Wolfe line search and the default stopping criteria. */
    public static BFGS defaults() {
        return new BFGS(StrongWolfe.defaults(), StopCriteria.DEFAULT);
    }

    public BFGS withLineSearch(LineSearch ls) {
        return new BFGS(ls, stop);
    }

    public BFGS withStop(StopCriteria s) {
        return new BFGS(lineSearch, s);
    }

    @Override
    public OptimResult minimize(SmoothObjective f, double[] x0, IterationObserver observer) {
        return new DescentLoop() {
            int n;
            /** The inverse Hessian approximation, row-major (symmetric). */
            double[] h;
            double[] hy;
            boolean updated;

            @Override
            void init(int n) {
                this.n = n;
                h = new double[n * n];
                hy = new double[n];
                reset();
            }

            @Override
            void reset() {
                java.util.Arrays.fill(h, 0);
                for (int i = 0; i < n; i++) {
                    h[i * n + i] = 1;
                }
                updated = false;
            }

            @Override
            String direction(Counted f, double[] x, double[] g, double[] d) {
                for (int i = 0; i < n; i++) {
                    double t = 0;
                    int r = i * n;
                    for (int j = 0; j < n; j++) {
                        t += h[r + j] * g[j];
                    }
                    d[i] = -t;
                }
                return null;
            }

            @Override
            double initialStep(int k, double gnorm, double gd) {
                return updated ? 1 : Math.min(1, 1 / gnorm);
            }

            @Override
            void update(double[] s, double[] y, double alpha, double gd) {
                double sy = Vec.dot(s, y);
                double yy = Vec.dot(y, y);
                if (!(sy > Math.ulp(1.0) * yy)) {
                    return;
                }
                if (!updated) {
                    double gamma = sy / yy;
                    for (int i = 0; i < n; i++) {
                        h[i * n + i] = gamma;
                    }
                    updated = true;
                }
                // H <- H - rho (Hy s' + s (Hy)') + (rho^2 y'Hy + rho) s s'
                for (int i = 0; i < n; i++) {
                    double t = 0;
                    int r = i * n;
                    for (int j = 0; j < n; j++) {
                        t += h[r + j] * y[j];
                    }
                    hy[i] = t;
                }
                double rho = 1 / sy;
                double c = (rho * rho * Vec.dot(y, hy) + rho);
                for (int i = 0; i < n; i++) {
                    int r = i * n;
                    double si = s[i];
                    double hyi = hy[i];
                    for (int j = 0; j < n; j++) {
                        h[r + j] += -rho * (hyi * s[j] + si * hy[j]) + c * si * s[j];
                    }
                }
            }
        }.run("BFGS", lineSearch, stop, f, x0, observer);
    }
}
