package dev.derive.optim;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989): the BFGS inverse-Hessian update applied implicitly
 * from the last {@code m} pairs {@code (s_i, y_i)} by the two-loop recursion (Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., Algorithm 7.4) with initial matrix {@code H_0 = gamma I},
 * {@code gamma = s'y / y'y} of the newest pair (eq. 7.20). O(mn) memory and work per iteration; the method of
 * choice for smooth problems with many variables. Pairs with {@code y's <= eps y'y} are skipped. The first
 * trial step is {@code min(1, 1/||g_0||)}, then 1.
 *
 * @param memory     the number of pairs kept, {@code m >= 1} (typically 5-20; default 10)
 * @param lineSearch the line search (default {@link StrongWolfe#defaults()})
 * @param stop       the stopping criteria
 */
public record LBFGS(int memory, LineSearch lineSearch, StopCriteria stop) implements Minimizer<SmoothObjective> {

    public LBFGS {
        if (memory < 1) {
            throw new IllegalArgumentException("LBFGS: memory must be >= 1, got " + memory);
        }
        if (lineSearch == null) {
            throw new IllegalArgumentException("LBFGS: lineSearch must not be null");
        }
        if (stop == null) {
            throw new IllegalArgumentException("LBFGS: stop must not be null");
        }
    }

    /** Memory 10, strong Wolfe line search, the default stopping criteria. */
    public static LBFGS defaults() {
        return new LBFGS(10, StrongWolfe.defaults(), StopCriteria.DEFAULT);
    }

    public LBFGS withMemory(int m) {
        return new LBFGS(m, lineSearch, stop);
    }

    public LBFGS withLineSearch(LineSearch ls) {
        return new LBFGS(memory, ls, stop);
    }

    public LBFGS withStop(StopCriteria s) {
        return new LBFGS(memory, lineSearch, s);
    }

    @Override
    public OptimResult minimize(SmoothObjective f, double[] x0, IterationObserver observer) {
        return new DescentLoop() {
            double[][] ss;
            double[][] ys;
            double[] rho;
            double[] a;
            int count;
            int newest = -1;

            @Override
            void init(int n) {
                ss = new double[memory][n];
                ys = new double[memory][n];
                rho = new double[memory];
                a = new double[memory];
            }

            @Override
            void reset() {
                count = 0;
                newest = -1;
            }

            @Override
            String direction(Counted f, double[] x, double[] g, double[] d) {
                twoLoop(g, d);
                return null;
            }

            /** d = -H g by the two-loop recursion. */
            void twoLoop(double[] g, double[] d) {
                int n = g.length;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                if (count == 0) {
                    return;
                }
                for (int c = 0, i = newest; c < count; c++, i = (i - 1 + memory) % memory) {
                    a[i] = rho[i] * Vec.dot(ss[i], d);
                    Vec.axpy(-a[i], ys[i], d);
                }
                double gamma = Vec.dot(ss[newest], ys[newest]) / Vec.dot(ys[newest], ys[newest]);
                Vec.scale(gamma, d);
                int oldest = (newest - count + 1 + memory) % memory;
                for (int c = 0, i = oldest; c < count; c++, i = (i + 1) % memory) {
                    double b = rho[i] * Vec.dot(ys[i], d);
                    Vec.axpy(a[i] - b, ss[i], d);
                }
            }

            @Override
            double initialStep(int k, double gnorm, double gd) {
                return count > 0 ? 1 : Math.min(1, 1 / gnorm);
            }

            @Override
            void update(double[] s, double[] y, double alpha, double gd) {
                double sy = Vec.dot(s, y);
                double yy = Vec.dot(y, y);
                if (!(sy > Math.ulp(1.0) * yy)) {
                    return;
                }
                newest = (newest + 1) % memory;
                System.arraycopy(s, 0, ss[newest], 0, s.length);
                System.arraycopy(y, 0, ys[newest], 0, y.length);
                rho[newest] = 1 / sy;
                count = Math.min(count + 1, memory);
            }
        }.run("LBFGS", lineSearch, stop, f, x0, observer);
    }
}
