package dev.derive.optim.constrained;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.optim.TwiceDifferentiableObjective;
import java.util.Locale;

/**
 * The log-barrier interior-point method (Boyd &amp; Vandenberghe, <i>Convex Optimization</i>, 2004, section
 * 11.3, Algorithm 11.1) for {@code min f(x) s.t. g_i(x) <= 0 (i = 1..m), A x = b} with {@code f} and the
 * {@code g_i} convex and twice differentiable. For {@code t = t0, mu t0, mu^2 t0, ...} it centres: Newton's
 * method with equality constraints (the KKT system {@code [H A'; A 0][dx; w] = [-grad; 0]}, solved by block
 * elimination with Cholesky factors of {@code H} and of {@code A H^-1 A'}, jittered only if not numerically
 * positive definite) on
 * {@code phi_t(x) = t f(x) - sum_i log(-g_i(x))}, with a backtracking line search that stays strictly inside
 * the domain ({@code alpha = 0.01, beta = 0.5}; once {@code lambda^2 < 0.05}, in the quadratically convergent
 * phase of a self-concordant {@code phi_t}, the full step is taken if it stays in the domain, since there
 * the Armijo test is below the rounding error of {@code phi_t}) and stops when the Newton decrement {@code lambda^2/2 <=
 * newtonTolerance} or, in the quadratic phase, when a step no longer divides {@code lambda^2} by 4 (the
 * rounding floor; the curvature of the barrier grows like {@code t^2} near the boundary, so a loose
 * {@code lambda^2} would leave a stationarity error of order {@code sqrt(lambda^2 t^2)/t}). The central point {@code x*(t)} is {@code m/t}-suboptimal: the dual point
 * {@code mu_i = -1/(t g_i(x)), nu = w/t} has duality gap exactly {@code m/t} (eq. 11.10), reported as
 * {@link ConstrainedResult#dualityGapBound()}; the method stops when {@code m/t <= epsilon}.
 *
 * <p><b>Phase I</b> (section 11.4.1): if {@code x0} is null or not strictly feasible, the method first solves
 * {@code min s s.t. g_i(x) <= s, A x = b} from {@code x0} (or the least-norm solution of {@code A x = b}),
 * {@code s0 = max g_i + 1}, stopping as soon as {@code s < 0}. If its optimum is {@code s* >= 0} (to within its
 * own gap bound) there is no strictly feasible point and the status is {@link SolverStatus#INFEASIBLE}.
 *
 * <p>A non-finite value, gradient or Hessian of {@code f} at an iterate stops the run with
 * {@link SolverStatus#NON_FINITE}; non-finite values at line-search trial points only shorten the step.
 *
 * @param t0              the initial barrier parameter, positive (default 1)
 * @param mu              the factor by which {@code t} grows, {@code > 1} (default 10)
 * @param epsilon         the target duality gap {@code m/t}, positive (default 1e-9)
 * @param newtonTolerance the centring tolerance on {@code lambda^2/2}, positive (default 1e-18)
 * @param maxNewton       Newton steps allowed in total, {@code >= 1} (default 2000)
 */
public record LogBarrier(double t0, double mu, double epsilon, double newtonTolerance, int maxNewton) {

    public LogBarrier {
        if (!(t0 > 0) || !Double.isFinite(t0)) {
            throw new IllegalArgumentException("LogBarrier: t0 must be positive and finite, got " + t0);
        }
        if (!(mu > 1) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("LogBarrier: mu must be > 1, got " + mu);
        }
        if (!(epsilon > 0) || !(newtonTolerance > 0)) {
            throw new IllegalArgumentException("LogBarrier: epsilon and newtonTolerance must be positive, got "
                    + epsilon + " and " + newtonTolerance);
        }
        if (maxNewton < 1) {
            throw new IllegalArgumentException("LogBarrier: maxNewton must be >= 1, got " + maxNewton);
        }
    }

    /** t0 1, mu 10, epsilon 1e-9, Newton tolerance 1e-18, 2000 Newton steps. */
    public static LogBarrier defaults() {
        return new LogBarrier(1, 10, 1e-9, 1e-18, 2000);
    }

    public LogBarrier withEpsilon(double e) {
        return new LogBarrier(t0, mu, e, newtonTolerance, maxNewton);
    }

    /**
     * Minimises {@code f} subject to {@code g(x) <= 0} and {@code A x = b}.
     *
     * @param f   the convex objective with its Hessian
     * @param g   the convex inequality constraints, with {@link ConstraintFunction#weightedHessian} (null: none)
     * @param a   the equality matrix ({@code p x n}), or null for none
     * @param b   the right-hand side, length {@code p}, or null
     * @param x0  a starting point (strictly feasible, or phase I runs), or null
     */
    public ConstrainedResult solve(TwiceDifferentiableObjective f, ConstraintFunction g, Matrix a, double[] b,
                                   double[] x0) {
        if (f == null) {
            throw new IllegalArgumentException("LogBarrier.solve: f must not be null");
        }
        int n = f.dimension();
        ConstraintFunction gg = g == null ? ConstraintFunction.none(n) : g;
        if (gg.dimension() != n) {
            throw new IllegalArgumentException("LogBarrier.solve: the inequalities have dimension " + gg.dimension()
                    + " but f has dimension " + n);
        }
        Matrix am = ProblemChecks.matrix("LogBarrier.solve", "A_eq", a, b, n);
        double[] bv = b == null ? new double[0] : b.clone();
        ProblemChecks.finite("LogBarrier.solve", "b_eq", bv);
        ConstrainedProblem problem = ConstrainedProblem.of(f, ConstraintFunction.linear(am, bv), gg);
        double[] x;
        if (x0 != null) {
            ProblemChecks.length("LogBarrier.solve", "x0", x0, n);
            ProblemChecks.finite("LogBarrier.solve", "x0", x0);
            x = projectAffine(am, bv, x0);
        } else {
            x = projectAffine(am, bv, new double[n]);
        }
        int m = gg.count();
        double[] gv = new double[m];
        gg.values(x, gv);
        int newton = 0;
        if (maxOf(gv) >= 0) {
            // phase I on (x, s)
            double s0 = maxOf(gv) + 1;
            double[] xs = java.util.Arrays.copyOf(x, n + 1);
            xs[n] = s0;
            Matrix a1 = Matrix.zeros(am.rows(), n + 1);
            for (int i = 0; i < am.rows(); i++) {
                for (int j = 0; j < n; j++) {
                    a1.set(i, j, am.get(i, j));
                }
            }
            Run phase1 = new Run(new PhaseOneObjective(n), new PhaseOneConstraints(gg), a1, xs, true);
            phase1.run();
            newton += phase1.newtonSteps;
            double sStar = phase1.x[n];
            System.arraycopy(phase1.x, 0, x, 0, n);
            gg.values(x, gv);
            if (phase1.status == SolverStatus.NON_FINITE) {
                return result(problem, x, new double[am.rows()], new double[m], SolverStatus.NON_FINITE, Double.NaN,
                        phase1.outer, newton, "phase I: " + phase1.message);
            }
            if (!(maxOf(gv) < 0)) {
                SolverStatus st = phase1.status == SolverStatus.OPTIMAL ? SolverStatus.INFEASIBLE : phase1.status;
                String why = phase1.status == SolverStatus.OPTIMAL
                        ? String.format(Locale.ROOT, "phase I: min_x max_i g_i(x) = %.6g >= 0 (gap bound %.2g): no strictly"
                        + " feasible point", sStar, phase1.gapBound)
                        : "phase I did not find a strictly feasible point: " + phase1.message;
                return result(problem, x, new double[am.rows()], new double[m], st, Double.NaN, phase1.outer, newton,
                        why);
            }
        }
        Run main = new Run(f, gg, am, x, false);
        main.newtonSteps = newton;
        main.run();
        double[] mus = new double[m];
        gg.values(main.x, gv);
        for (int i = 0; i < m; i++) {
            mus[i] = -1 / (main.t * gv[i]);
        }
        double[] nu = new double[am.rows()];
        for (int i = 0; i < nu.length; i++) {
            nu[i] = main.w[i] / main.t;
        }
        return result(problem, main.x, nu, mus, main.status, main.gapBound, main.outer, main.newtonSteps,
                main.message);
    }

    private static ConstrainedResult result(ConstrainedProblem problem, double[] x, double[] nu, double[] mus,
                                            SolverStatus status, double gap, int outer, int inner, String msg) {
        Kkt k = AugmentedLagrangian.residuals(problem, x, nu, mus);
        return new ConstrainedResult(status, x, problem.objective().value(x), nu, mus, k.dualResidual(),
                k.primalResidual(), k.dualInfeasibility(), k.complementarity(), gap, outer, inner, msg);
    }

    private static double maxOf(double[] v) {
        double s = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            s = Math.max(s, x);
        }
        return v.length == 0 ? -1 : (Double.isNaN(s) ? Double.NaN : s);
    }

    /** x - A'(AA')^-1 (A x - b): the nearest point of the affine set. */
    private static double[] projectAffine(Matrix a, double[] b, double[] x) {
        if (a.rows() == 0) {
            return x.clone();
        }
        double[] r = a.mvmul(x);
        for (int i = 0; i < r.length; i++) {
            r[i] -= b[i];
        }
        Matrix aat = a.transpose().gram();
        double[] corr = a.tmvmul(Cholesky.withJitter(aat, 1e-12, 8).solve(r));
        double[] out = x.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] -= corr[j];
        }
        return out;
    }

    /** One barrier run (main problem or phase I). */
    private final class Run {
        final TwiceDifferentiableObjective f;
        final ConstraintFunction g;
        final Matrix a;
        final boolean phaseOne;
        final int n;
        final int m;
        final int p;
        double[] x;
        double[] w;
        double t = t0;
        double gapBound = Double.NaN;
        int outer;
        int newtonSteps;
        SolverStatus status = SolverStatus.MAX_ITERATIONS;
        String message = "";

        Run(TwiceDifferentiableObjective f, ConstraintFunction g, Matrix a, double[] x, boolean phaseOne) {
            this.f = f;
            this.g = g;
            this.a = a;
            this.x = x.clone();
            this.phaseOne = phaseOne;
            n = f.dimension();
            m = g.count();
            p = a.rows();
            w = new double[p];
        }

        /** phi_t(x), or +Infinity outside the domain or when not finite. */
        double phi(double[] xv) {
            double v = t * f.value(xv);
            double[] gv = new double[m];
            g.values(xv, gv);
            for (double gi : gv) {
                if (!(gi < 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                v -= Math.log(-gi);
            }
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        }

        void run() {
            while (true) {
                outer++;
                if (!centre()) {
                    return;
                }
                gapBound = m / t;
                if (phaseOne && x[n - 1] < 0) {
                    status = SolverStatus.OPTIMAL;
                    message = "strictly feasible point found";
                    return;
                }
                if (gapBound <= epsilon) {
                    status = SolverStatus.OPTIMAL;
                    message = String.format(Locale.ROOT, "duality gap bound m/t = %.3g <= %.1e after %d centring steps"
                            + " (%d Newton steps)", gapBound, epsilon, outer, newtonSteps);
                    return;
                }
                t *= mu;
            }
        }

        /** Newton's method on phi_t from x; false if the run must stop. */
        boolean centre() {
            double[] grad = new double[n];
            Matrix hess = Matrix.zeros(n, n);
            Matrix jac = Matrix.zeros(m, n);
            Matrix gh = Matrix.zeros(n, n);
            double[] gv = new double[m];
            double prevDecrement = Double.POSITIVE_INFINITY;
            while (true) {
                if (newtonSteps >= maxNewton) {
                    status = SolverStatus.MAX_ITERATIONS;
                    message = maxNewton + " Newton steps without reaching the duality gap bound " + epsilon
                            + String.format(Locale.ROOT, " (m/t = %.3g)", m / t);
                    return false;
                }
                double fv = f.valueAndGradient(x, grad);
                f.hessian(x, hess);
                if (!Double.isFinite(fv) || !allFinite(grad) || !hess.isFinite()) {
                    status = SolverStatus.NON_FINITE;
                    message = "the objective, its gradient or its Hessian is not finite at Newton step " + newtonSteps;
                    return false;
                }
                g.values(x, gv);
                double[] inv = new double[m];
                for (int i = 0; i < m; i++) {
                    inv[i] = -1 / gv[i];
                }
                Matrix hm = Matrix.zeros(n, n);
                double[] rhs = new double[n];
                for (int j = 0; j < n; j++) {
                    rhs[j] = -t * grad[j];
                    for (int i = 0; i < n; i++) {
                        hm.set(i, j, t * hess.get(i, j));
                    }
                }
                if (m > 0) {
                    g.jacobian(x, jac);
                    g.weightedHessian(x, inv, gh);
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int i = 0; i < m; i++) {
                            s += jac.get(i, j) * inv[i];
                        }
                        rhs[j] -= s;
                        for (int k = 0; k < n; k++) {
                            double h = gh.get(k, j);
                            for (int i = 0; i < m; i++) {
                                h += jac.get(i, k) * jac.get(i, j) * inv[i] * inv[i];
                            }
                            hm.add(k, j, h);
                        }
                    }
                }
                // symmetrise, then block elimination: H dx = rhs - A'w, (A H^-1 A') w = A H^-1 rhs
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < j; i++) {
                        double v = 0.5 * (hm.get(i, j) + hm.get(j, i));
                        hm.set(i, j, v);
                        hm.set(j, i, v);
                    }
                }
                double[] dx;
                try {
                    Cholesky ch = Cholesky.withJitter(hm, 1e-14, 10);
                    double[] hr = ch.solve(rhs);
                    if (p > 0) {
                        Matrix schur = ch.solveLower(a.transpose()).gram();
                        double[] ahr = a.mvmul(hr);
                        w = Cholesky.withJitter(schur, 1e-14, 10).solve(ahr);
                        double[] atw = a.tmvmul(w);
                        double[] r2 = rhs.clone();
                        for (int j = 0; j < n; j++) {
                            r2[j] -= atw[j];
                        }
                        dx = ch.solve(r2);
                    } else {
                        dx = hr;
                    }
                } catch (RuntimeException e) {
                    status = SolverStatus.NUMERICAL_ERROR;
                    message = "the Newton system could not be solved at step " + newtonSteps + ": " + e.getMessage();
                    return false;
                }
                // lambda^2 = dx'H dx (= -grad phi' dx when A dx = 0; computed from H because grad phi has a large
                // component along A' that cancels only to rounding)
                double[] hdx = hm.mvmul(dx);
                double slope = 0;
                for (int j = 0; j < n; j++) {
                    slope -= hdx[j] * dx[j];
                }
                double decrement = -slope;
                if (decrement / 2 <= newtonTolerance) {
                    return true;
                }
                if (decrement < 0.05 && decrement >= 0.25 * prevDecrement) {
                    return true; // no longer quadratic: the decrement is at the rounding floor of grad phi
                }
                prevDecrement = decrement;
                double phi0 = phi(x);
                double s = 1;
                double[] trial = new double[n];
                while (true) {
                    for (int j = 0; j < n; j++) {
                        trial[j] = x[j] + s * dx[j];
                    }
                    double ph = phi(trial);
                    if (ph <= phi0 + 0.01 * s * slope) {
                        break;
                    }
                    if (s == 1 && decrement < 0.05 && ph < Double.POSITIVE_INFINITY) {
                        // quadratically convergent phase (lambda^2 < 0.05 for a self-concordant phi): the full step
                        // is inside the domain and the Armijo test is below the rounding error of phi
                        break;
                    }
                    s *= 0.5;
                    if (s < 1e-20) {
                        if (decrement < 1e-8 * Math.max(1, Math.abs(phi0))) {
                            return true; // rounding limits further progress: centred to working precision
                        }
                        status = SolverStatus.NUMERICAL_ERROR;
                        message = String.format(Locale.ROOT, "the line search failed at Newton step %d (decrement %.3g)",
                                newtonSteps, decrement);
                        return false;
                    }
                }
                System.arraycopy(trial, 0, x, 0, n);
                newtonSteps++;
                if (phaseOne && x[n - 1] < 0) {
                    return true;
                }
            }
        }
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** The phase I objective s on (x, s). */
    private record PhaseOneObjective(int n) implements TwiceDifferentiableObjective {
        @Override
        public int dimension() {
            return n + 1;
        }

        @Override
        public double value(double[] x) {
            return x[n];
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            java.util.Arrays.fill(gradient, 0);
            gradient[n] = 1;
            return x[n];
        }

        @Override
        public void hessian(double[] x, Matrix out) {
            out.fill(0);
        }
    }

    /** The phase I constraints g_i(x) - s <= 0 on (x, s). */
    private record PhaseOneConstraints(ConstraintFunction g) implements ConstraintFunction {
        @Override
        public int dimension() {
            return g.dimension() + 1;
        }

        @Override
        public int count() {
            return g.count();
        }

        @Override
        public void values(double[] xs, double[] out) {
            int n = g.dimension();
            g.values(java.util.Arrays.copyOf(xs, n), out);
            for (int i = 0; i < out.length; i++) {
                out[i] -= xs[n];
            }
        }

        @Override
        public void jacobian(double[] xs, Matrix out) {
            int n = g.dimension();
            Matrix j = Matrix.zeros(g.count(), n);
            g.jacobian(java.util.Arrays.copyOf(xs, n), j);
            for (int i = 0; i < g.count(); i++) {
                for (int c = 0; c < n; c++) {
                    out.set(i, c, j.get(i, c));
                }
                out.set(i, n, -1);
            }
        }

        @Override
        public void weightedHessian(double[] xs, double[] w, Matrix out) {
            int n = g.dimension();
            Matrix h = Matrix.zeros(n, n);
            g.weightedHessian(java.util.Arrays.copyOf(xs, n), w, h);
            out.fill(0);
            for (int c = 0; c < n; c++) {
                for (int r = 0; r < n; r++) {
                    out.set(r, c, h.get(r, c));
                }
            }
        }
    }
}
