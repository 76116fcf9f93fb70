package dev.derive.optim.admm;

import dev.derive.optim.StopReason;
import java.util.Locale;

/**
 * The alternating direction method of multipliers in scaled form (Boyd et al. 2011, sections 3.1–3.4) for
 * {@code min f(x) + g(z) s.t. A x + B z = c} ({@link AdmmProblem}):
 * <pre>
 *   x    = argmin f(x) + rho/2 ||A x + B z - c + u||^2
 *   Ax^  = alpha A x - (1 - alpha)(B z - c)                   (over-relaxation, alpha in (0, 2))
 *   z    = argmin g(z) + rho/2 ||Ax^ + B z - c + u||^2
 *   u    = u + Ax^ + B z - c
 * </pre>
 * stopping when the primal residual {@code r = A x + B z - c} and the dual residual
 * {@code s = rho A' B (z - z_prev)} satisfy {@code ||r|| <= sqrt(p) eps_abs + eps_rel max(||Ax||, ||Bz||, ||c||)}
 * and {@code ||s|| <= sqrt(n) eps_abs + eps_rel ||rho A' u||} (eq. 3.12). With residual balancing (section
 * 3.4.1) {@code rho} is multiplied by {@code tau} when {@code ||r|| > mu ||s||} and divided by {@code tau} when
 * {@code ||s|| > mu ||r||}, rescaling {@code u} so that the unscaled dual {@code rho u} is unchanged.
 *
 * @param rho            the initial penalty, positive (default 1)
 * @param alpha          the over-relaxation parameter in (0, 2) (1: plain ADMM; 1.5–1.8 often faster)
 * @param epsAbs         absolute tolerance, {@code >= 0} (default 1e-8)
 * @param epsRel         relative tolerance, {@code >= 0} (default 1e-6)
 * @param maxIterations  iteration budget, {@code >= 1} (default 10 000)
 * @param adaptiveRho    whether to balance the residuals by changing {@code rho}
 * @param mu             the residual ratio that triggers a change, {@code > 1} (default 10)
 * @param tau            the factor of a change, {@code > 1} (default 2)
 * @param recordTrajectory whether to record the objective after every iteration
 */
public record Admm(double rho, double alpha, double epsAbs, double epsRel, int maxIterations, boolean adaptiveRho,
                   double mu, double tau, boolean recordTrajectory) {

    public Admm {
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("Admm: rho must be positive and finite, got " + rho);
        }
        if (!(alpha > 0 && alpha < 2)) {
            throw new IllegalArgumentException("Admm: alpha (over-relaxation) must be in (0, 2), got " + alpha);
        }
        if (!(epsAbs >= 0) || !(epsRel >= 0) || !Double.isFinite(epsAbs) || !Double.isFinite(epsRel)) {
            throw new IllegalArgumentException("Admm: eps_abs and eps_rel must be finite and >= 0, got " + epsAbs
                    + " and " + epsRel);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Admm: maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(mu > 1) || !(tau > 1) || !Double.isFinite(mu) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("Admm: mu and tau must be finite and > 1, got " + mu + " and " + tau);
        }
    }

    /** rho 1, alpha 1, eps_abs 1e-8, eps_rel 1e-6, 10 000 iterations, residual balancing (mu 10, tau 2). */
    public static Admm defaults() {
        return new Admm(1, 1, 1e-8, 1e-6, 10_000, true, 10, 2, false);
    }

    public Admm withRho(double r) {
        return new Admm(r, alpha, epsAbs, epsRel, maxIterations, adaptiveRho, mu, tau, recordTrajectory);
    }

    public Admm withAlpha(double a) {
        return new Admm(rho, a, epsAbs, epsRel, maxIterations, adaptiveRho, mu, tau, recordTrajectory);
    }

    public Admm withTolerances(double abs, double rel) {
        return new Admm(rho, alpha, abs, rel, maxIterations, adaptiveRho, mu, tau, recordTrajectory);
    }

    public Admm withMaxIterations(int k) {
        return new Admm(rho, alpha, epsAbs, epsRel, k, adaptiveRho, mu, tau, recordTrajectory);
    }

    public Admm withAdaptiveRho(boolean on) {
        return new Admm(rho, alpha, epsAbs, epsRel, maxIterations, on, mu, tau, recordTrajectory);
    }

    public Admm withRecordTrajectory(boolean on) {
        return new Admm(rho, alpha, epsAbs, epsRel, maxIterations, adaptiveRho, mu, tau, on);
    }

    /** Runs ADMM from {@code z = 0, u = 0}. */
    public AdmmResult solve(AdmmProblem problem) {
        if (problem == null) {
            throw new IllegalArgumentException("Admm.solve: the problem must not be null");
        }
        return solve(problem, new double[problem.zDimension()]);
    }

    /** Runs ADMM from {@code z = z0} (not modified), {@code u = 0}. */
    public AdmmResult solve(AdmmProblem problem, double[] z0) {
        if (problem == null) {
            throw new IllegalArgumentException("Admm.solve: the problem must not be null");
        }
        int n = problem.xDimension();
        int m = problem.zDimension();
        int p = problem.constraintRows();
        if (z0 == null || z0.length != m) {
            throw new IllegalArgumentException("Admm.solve: z0 must have length " + m + ", got "
                    + (z0 == null ? "null" : z0.length));
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(z0[i])) {
                throw new IllegalArgumentException("Admm.solve: z0[" + i + "] = " + z0[i] + " is not finite");
            }
        }
        double[] c = problem.c();
        if (c.length != p) {
            throw new IllegalArgumentException("Admm.solve: c() has length " + c.length + " but constraintRows() = " + p);
        }
        double cNorm = norm(c);
        double[] x = new double[n];
        double[] xTrial = new double[n];
        double[] z = z0.clone();
        double[] zTrial = new double[m];
        double[] u = new double[p];
        double[] bz = new double[p];
        problem.applyB(z, bz);
        double[] ax = new double[p];
        double[] axHat = new double[p];
        double[] v = new double[p];
        double[] bzNew = new double[p];
        double[] dBz = new double[p];
        double[] sVec = new double[n];
        double[] atu = new double[n];
        double[] traj = recordTrajectory ? new double[maxIterations + 1] : null;
        double r = Double.NaN;
        double s = Double.NaN;
        double currentRho = rho;
        StopReason reason = StopReason.MAX_ITERATIONS;
        String msg = "";
        int it = 0;
        boolean haveX = false;
        while (it < maxIterations) {
            for (int i = 0; i < p; i++) {
                v[i] = c[i] - bz[i] - u[i];
            }
            problem.xUpdate(v, currentRho, xTrial);
            int bad = firstNonFinite(xTrial);
            if (bad >= 0) {
                reason = StopReason.NON_FINITE;
                msg = "the x-update returned x[" + bad + "] = " + xTrial[bad] + " at iteration " + (it + 1);
                break;
            }
            problem.applyA(xTrial, ax);
            for (int i = 0; i < p; i++) {
                axHat[i] = alpha * ax[i] - (1 - alpha) * (bz[i] - c[i]);
                v[i] = c[i] - axHat[i] - u[i];
            }
            problem.zUpdate(v, currentRho, zTrial);
            bad = firstNonFinite(zTrial);
            if (bad >= 0) {
                reason = StopReason.NON_FINITE;
                msg = "the z-update returned z[" + bad + "] = " + zTrial[bad] + " at iteration " + (it + 1);
                break;
            }
            System.arraycopy(xTrial, 0, x, 0, n);
            haveX = true;
            problem.applyB(zTrial, bzNew);
            System.arraycopy(zTrial, 0, z, 0, m);
            double r2 = 0;
            for (int i = 0; i < p; i++) {
                u[i] += axHat[i] + bzNew[i] - c[i];
                double ri = ax[i] + bzNew[i] - c[i];
                r2 += ri * ri;
                dBz[i] = bzNew[i] - bz[i];
            }
            System.arraycopy(bzNew, 0, bz, 0, p);
            problem.applyATranspose(dBz, sVec);
            r = Math.sqrt(r2);
            s = currentRho * norm(sVec);
            it++;
            if (traj != null) {
                traj[it] = problem.objective(x, z);
            }
            problem.applyATranspose(u, atu);
            double epsPri = Math.sqrt(p) * epsAbs + epsRel * Math.max(norm(ax), Math.max(norm(bz), cNorm));
            double epsDual = Math.sqrt(n) * epsAbs + epsRel * currentRho * norm(atu);
            if (r <= epsPri && s <= epsDual) {
                reason = StopReason.GRADIENT_TOLERANCE;
                msg = String.format(Locale.ROOT, "|r| = %.3g <= eps_pri = %.3g and |s| = %.3g <= eps_dual = %.3g", r,
                        epsPri, s, epsDual);
                break;
            }
            if (adaptiveRho) {
                if (r > mu * s) {
                    currentRho *= tau;
                    scale(u, 1 / tau);
                } else if (s > mu * r) {
                    currentRho /= tau;
                    scale(u, tau);
                }
            }
        }
        if (reason == StopReason.MAX_ITERATIONS) {
            msg = String.format(Locale.ROOT, "%d iterations without meeting the residual tolerances (|r| = %.3g, |s| = %.3g)",
                    it, r, s);
        }
        double obj = haveX ? problem.objective(x, z) : Double.NaN;
        if (reason != StopReason.NON_FINITE && !Double.isFinite(obj)) {
            reason = StopReason.NON_FINITE;
            msg = "the objective is " + obj + " at the final iterate";
        }
        double[] trajectory = null;
        if (traj != null) {
            trajectory = java.util.Arrays.copyOfRange(traj, 1, it + 1);
        }
        return new AdmmResult(x, z, u, currentRho, obj, r, s, it, reason, msg, trajectory);
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    static int firstNonFinite(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }
}
