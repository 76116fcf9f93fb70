package dev.derive.optim.constrained;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.optim.LBFGS;
import dev.derive.optim.LBFGSB;
import dev.derive.optim.OptimResult;
import dev.derive.optim.SmoothObjective;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.StopReason;
import java.util.Locale;

/**
 * The augmented Lagrangian method (method of multipliers; Hestenes 1969, Powell 1969, Rockafellar 1973;
 * Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., section 17.3, Framework 17.3 and eq. 17.65 for
 * inequalities) for a {@link ConstrainedProblem}. Each outer iteration minimises
 * <pre>
 *   L_A(x) = f(x) + lambda'h(x) + rho/2 ||h(x)||^2 + 1/(2 rho) sum_i (max(0, mu_i + rho g_i(x))^2 - mu_i^2)
 * </pre>
 * (continuously differentiable) by L-BFGS, or L-BFGS-B when the problem has bounds, to a gradient tolerance
 * {@code omega_k} that shrinks by 10 per outer iteration down to {@code tolerance / 10}; then
 * {@code lambda += rho h(x)}, {@code mu = max(0, mu + rho g(x))}, and {@code rho *= 10} (up to
 * {@code rhoMax}) unless the constraint violation {@code max(|h|_inf, |max(g, -mu/rho)|_inf)} fell below a
 * quarter of its previous value.
 *
 * <p>Optimal when stationarity, {@code |h|_inf}, {@code |max(g,0)|_inf} and {@code max|mu_i g_i|} are all at most
 * {@code tolerance}. INFEASIBLE is a heuristic: {@code rho} at {@code rhoMax} and the violation no longer
 * decreasing over five outer iterations. A non-finite objective or constraint value stops the run with
 * {@link SolverStatus#NON_FINITE} (stop reason {@link StopReason#NON_FINITE}) at the last finite iterate.
 *
 * @param rho0          initial penalty, positive (default 10)
 * @param rhoMax        largest penalty, {@code >= rho0} (default 1e10)
 * @param tolerance     KKT tolerance, positive (default 1e-8)
 * @param maxOuter      outer iteration budget, {@code >= 1} (default 100)
 * @param maxInner      inner iteration budget per outer iteration, {@code >= 1} (default 5000)
 */
public record AugmentedLagrangian(double rho0, double rhoMax, double tolerance, int maxOuter, int maxInner) {

    public AugmentedLagrangian {
        if (!(rho0 > 0) || !Double.isFinite(rho0)) {
            throw new IllegalArgumentException("AugmentedLagrangian: rho0 must be positive and finite, got " + rho0);
        }
        if (!(rhoMax >= rho0) || !Double.isFinite(rhoMax)) {
            throw new IllegalArgumentException("AugmentedLagrangian: rhoMax must be finite and >= rho0, got " + rhoMax);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("AugmentedLagrangian: tolerance must be positive, got " + tolerance);
        }
        if (maxOuter < 1 || maxInner < 1) {
            throw new IllegalArgumentException("AugmentedLagrangian: maxOuter and maxInner must be >= 1, got "
                    + maxOuter + " and " + maxInner);
        }
    }

    /** rho0 10, rhoMax 1e10, tolerance 1e-8, 100 outer and 5000 inner iterations. */
    public static AugmentedLagrangian defaults() {
        return new AugmentedLagrangian(10, 1e10, 1e-8, 100, 5000);
    }

    public AugmentedLagrangian withTolerance(double t) {
        return new AugmentedLagrangian(rho0, rhoMax, t, maxOuter, maxInner);
    }

    public AugmentedLagrangian withMaxOuter(int k) {
        return new AugmentedLagrangian(rho0, rhoMax, tolerance, k, maxInner);
    }

    /** Solves {@code problem} from {@code x0} (not modified; projected onto the bounds). */
    public ConstrainedResult solve(ConstrainedProblem problem, double[] x0) {
        if (problem == null) {
            throw new IllegalArgumentException("AugmentedLagrangian.solve: the problem must not be null");
        }
        int n = problem.dimension();
        ProblemChecks.length("AugmentedLagrangian.solve", "x0", x0, n);
        ProblemChecks.finite("AugmentedLagrangian.solve", "x0", x0);
        ConstraintFunction hf = problem.equalities();
        ConstraintFunction gf = problem.inequalities();
        Bounds bounds = problem.bounds();
        int p = hf.count();
        int q = gf.count();
        double[] x = bounds == null ? x0.clone() : bounds.project(x0);
        double[] lam = new double[p];
        double[] mu = new double[q];
        double[] h = new double[p];
        double[] g = new double[q];
        double rho = rho0;
        double omega = 1e-2;
        double prevViol = Double.POSITIVE_INFINITY;
        int stall = 0;
        int inner = 0;
        SolverStatus status = SolverStatus.MAX_ITERATIONS;
        String msg = "";
        int k = 0;
        Kkt kkt = null;
        if (!evaluate(problem, x, h, g)) {
            return result(problem, x, lam, mu, SolverStatus.NON_FINITE, 0, 0,
                    "the objective or a constraint is not finite at the starting point");
        }
        while (k < maxOuter) {
            k++;
            final double rhoK = rho;
            final double[] lamK = lam.clone();
            final double[] muK = mu.clone();
            SmoothObjective la = new SmoothObjective() {
                final double[] hv = new double[p];
                final double[] gv = new double[q];
                final Matrix jh = Matrix.zeros(p, n);
                final Matrix jg = Matrix.zeros(q, n);

                @Override
                public int dimension() {
                    return n;
                }

                @Override
                public double value(double[] xv) {
                    return valueAndGradient(xv, new double[n]);
                }

                @Override
                public double valueAndGradient(double[] xv, double[] grad) {
                    double f = problem.objective().valueAndGradient(xv, grad);
                    if (p > 0) {
                        hf.values(xv, hv);
                        hf.jacobian(xv, jh);
                        double[] wts = new double[p];
                        for (int i = 0; i < p; i++) {
                            f += lamK[i] * hv[i] + 0.5 * rhoK * hv[i] * hv[i];
                            wts[i] = lamK[i] + rhoK * hv[i];
                        }
                        addTransposed(jh, wts, grad);
                    }
                    if (q > 0) {
                        gf.values(xv, gv);
                        gf.jacobian(xv, jg);
                        double[] wts = new double[q];
                        for (int i = 0; i < q; i++) {
                            double s = Math.max(0, muK[i] + rhoK * gv[i]);
                            f += (s * s - muK[i] * muK[i]) / (2 * rhoK);
                            wts[i] = s;
                        }
                        addTransposed(jg, wts, grad);
                    }
                    return f;
                }
            };
            StopCriteria sc = StopCriteria.DEFAULT.withGradientTolerance(Math.max(omega, tolerance / 10))
                    .withMaxIterations(maxInner).withMaxEvaluations(20 * maxInner);
            OptimResult r = bounds == null ? LBFGS.defaults().withStop(sc).minimize(la, x)
                    : LBFGSB.defaults().withStop(sc).minimize(la, bounds, x);
            inner += r.iterations();
            if (r.stopReason() == StopReason.NON_FINITE) {
                double[] last = r.solution();
                if (evaluate(problem, last, h, g)) {
                    x = last;
                }
                status = SolverStatus.NON_FINITE;
                msg = "outer iteration " + k + ": the inner solve stopped on a non-finite value: " + r.message();
                break;
            }
            double[] xNew = r.solution();
            if (!evaluate(problem, xNew, h, g)) {
                status = SolverStatus.NON_FINITE;
                msg = "outer iteration " + k + ": the objective or a constraint is not finite at the inner solution";
                break;
            }
            x = xNew;
            double viol = 0;
            for (int i = 0; i < p; i++) {
                viol = Math.max(viol, Math.abs(h[i]));
                lam[i] += rho * h[i];
            }
            for (int i = 0; i < q; i++) {
                viol = Math.max(viol, Math.abs(Math.max(g[i], -mu[i] / rho)));
                mu[i] = Math.max(0, mu[i] + rho * g[i]);
            }
            kkt = residuals(problem, x, lam, mu);
            if (kkt.max() <= tolerance) {
                status = SolverStatus.OPTIMAL;
                msg = String.format(Locale.ROOT, "KKT residuals <= %.1e after %d outer iterations (rho = %.3g)",
                        tolerance, k, rho);
                break;
            }
            if (viol > 0.25 * prevViol) {
                if (rho >= rhoMax && viol > 0.9 * prevViol && viol > tolerance) {
                    if (++stall >= 5) {
                        status = SolverStatus.INFEASIBLE;
                        msg = String.format(Locale.ROOT, "the constraint violation stays at %.3g with rho at its maximum"
                                + " %.3g: the constraints are probably infeasible", viol, rho);
                        break;
                    }
                }
                rho = Math.min(rho * 10, rhoMax);
            } else {
                stall = 0;
            }
            prevViol = Math.min(prevViol, viol);
            omega = Math.max(omega / 10, tolerance / 10);
        }
        if (status == SolverStatus.MAX_ITERATIONS) {
            msg = maxOuter + " outer iterations without meeting the KKT tolerance " + tolerance;
        }
        return result(problem, x, lam, mu, status, k, inner, msg);
    }

    private static ConstrainedResult result(ConstrainedProblem problem, double[] x, double[] lam, double[] mu,
                                            SolverStatus status, int outer, int inner, String msg) {
        Kkt kkt = residuals(problem, x, lam, mu);
        double f = problem.objective().value(x);
        return new ConstrainedResult(status, x, f, lam, mu, kkt.dualResidual(), kkt.primalResidual(),
                kkt.dualInfeasibility(), kkt.complementarity(), Double.NaN, outer, inner, msg);
    }

    private static boolean evaluate(ConstrainedProblem problem, double[] x, double[] h, double[] g) {
        double f = problem.objective().value(x);
        problem.equalities().values(x, h);
        problem.inequalities().values(x, g);
        if (!Double.isFinite(f)) {
            return false;
        }
        for (double v : h) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * KKT residuals packed in a {@link Kkt}: dualResidual = stationarity (projected for bounds), primalResidual =
     * |h|_inf, dualInfeasibility = |max(g, 0)|_inf, complementarity = max |mu_i g_i|.
     */
    static Kkt residuals(ConstrainedProblem problem, double[] x, double[] lam, double[] mu) {
        int n = problem.dimension();
        ConstraintFunction hf = problem.equalities();
        ConstraintFunction gf = problem.inequalities();
        double[] grad = new double[n];
        double f = problem.objective().valueAndGradient(x, grad);
        double[] h = new double[hf.count()];
        double[] g = new double[gf.count()];
        hf.values(x, h);
        gf.values(x, g);
        if (h.length > 0) {
            Matrix jh = Matrix.zeros(h.length, n);
            hf.jacobian(x, jh);
            addTransposed(jh, lam, grad);
        }
        if (g.length > 0) {
            Matrix jg = Matrix.zeros(g.length, n);
            gf.jacobian(x, jg);
            addTransposed(jg, mu, grad);
        }
        double stat = 0;
        Bounds b = problem.bounds();
        for (int j = 0; j < n; j++) {
            double r = grad[j];
            if (b != null) {
                r = x[j] - Math.min(Math.max(x[j] - grad[j], b.lower(j)), b.upper(j));
            }
            stat = Math.max(stat, Math.abs(r));
        }
        double hv = 0;
        for (double v : h) {
            hv = Math.max(hv, Math.abs(v));
        }
        double gv = 0;
        double comp = 0;
        for (int i = 0; i < g.length; i++) {
            gv = Math.max(gv, Math.max(g[i], 0));
            comp = Math.max(comp, Math.abs(mu[i] * g[i]));
        }
        return new Kkt(hv, stat, gv, comp, f, Double.NaN);
    }

    /** grad += J' w. */
    static void addTransposed(Matrix j, double[] w, double[] grad) {
        for (int c = 0; c < j.cols(); c++) {
            double s = 0;
            for (int r = 0; r < j.rows(); r++) {
                s += j.get(r, c) * w[r];
            }
            grad[c] += s;
        }
    }
}
