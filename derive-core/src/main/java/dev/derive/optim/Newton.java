package dev.derive.optim;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.NotPositiveDefiniteException;

/**
 * Newton's method with a line search and Hessian modification: the direction solves
 * {@code (H + tau I) d = -g}, where {@code tau >= 0} is the smallest of {@code 0, beta, 2 beta, 4 beta, ...}
 * (starting from {@code -min h_ii + beta} when the diagonal has a non-positive entry) for which the
 * Cholesky factorisation succeeds (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithm 3.3,
 * "Cholesky with added multiple of the identity"), with {@code beta = 1e-3 ||H||_F / sqrt(n)} (1e-3 if
 * {@code H = 0}). Near a minimiser with a positive definite Hessian no modification is needed, the unit step
 * is accepted and convergence is quadratic. The Hessian is symmetrised as {@code (H + H')/2}.
 *
 * @param lineSearch the line search, tried first with the unit step (default {@link ArmijoBacktracking#defaults()})
 * @param stop       the stopping criteria
 */
public record Newton(LineSearch lineSearch, StopCriteria stop) implements Minimizer<TwiceDifferentiableObjective> {

    public Newton {
        if (lineSearch == null) {
            throw new IllegalArgumentException("Newton: lineSearch must not be null");
        }
        if (stop == null) {
            throw new IllegalArgumentException("Newton: stop must not be null");
        }
    }

    /** Armijo backtracking from the unit step and the default stopping criteria. */
    public static Newton defaults() {
        return new Newton(ArmijoBacktracking.defaults(), StopCriteria.DEFAULT);
    }

    public Newton withLineSearch(LineSearch ls) {
        return new Newton(ls, stop);
    }

    public Newton withStop(StopCriteria s) {
        return new Newton(lineSearch, s);
    }

    @Override
    public OptimResult minimize(TwiceDifferentiableObjective f, double[] x0, IterationObserver observer) {
        return new DescentLoop() {
            Matrix h;

            @Override
            void init(int n) {
                h = Matrix.zeros(n, n);
            }

            @Override
            void reset() {
            }

            @Override
            String direction(Counted f, double[] x, double[] g, double[] d) {
                f.hessian(x, h);
                int n = x.length;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        if (!Double.isFinite(h.get(i, j))) {
                            return "Newton: the Hessian has " + h.get(i, j) + " at (" + i + ", " + j + ")";
                        }
                    }
                    for (int i = j + 1; i < n; i++) {
                        double s = 0.5 * (h.get(i, j) + h.get(j, i));
                        h.set(i, j, s);
                        h.set(j, i, s);
                    }
                }
                Cholesky c = modifiedCholesky(h);
                double[] sol = c.solve(g);
                Vec.negate(sol, d);
                return null;
            }

            @Override
            double initialStep(int k, double gnorm, double gd) {
                return 1;
            }

            @Override
            void update(double[] s, double[] y, double alpha, double gd) {
            }
        }.run("Newton", lineSearch, stop, f, x0, observer);
    }

    /** Algorithm 3.3 of Nocedal &amp; Wright: the Cholesky factor of {@code H + tau I} for the first tau that works. */
    static Cholesky modifiedCholesky(Matrix h) {
        int n = h.rows();
        double beta = 1e-3 * h.normFrobenius() / Math.sqrt(n);
        if (!(beta > 0)) {
            beta = 1e-3;
        }
        double minDiag = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minDiag = Math.min(minDiag, h.get(i, i));
        }
        double tau = minDiag > 0 ? 0 : -minDiag + beta;
        for (int attempt = 0; ; attempt++) {
            Matrix m = h.copy();
            for (int i = 0; i < n; i++) {
                m.add(i, i, tau);
            }
            try {
                return Cholesky.of(m);
            } catch (NotPositiveDefiniteException e) {
                if (attempt > 200) {
                    throw new ArithmeticException("Newton: could not make the Hessian positive definite (tau = " + tau + ")");
                }
                tau = Math.max(2 * tau, beta);
            }
        }
    }
}
