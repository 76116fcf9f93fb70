package dev.derive.optim.admm;

import dev.derive.optim.StopReason;
import java.util.Locale;

/**
 * What {@link Admm} found: the iterates, the scaled dual {@code u = y / rho}, the residuals of the last
 * iteration and why it stopped. Convergence of the residual test ({@code ||r|| <= eps_pri} and
 * {@code ||s|| <= eps_dual}) is reported as {@link StopReason#GRADIENT_TOLERANCE}: {@code s} is the
 * stationarity (dual) residual of ADMM.
 *
 * @param x              the x iterate (the last finite one if a non-finite value stopped the run)
 * @param z              the z iterate
 * @param u              the scaled dual variable {@code y / rho}
 * @param rho            the penalty at the end (it changes under residual balancing)
 * @param objective      {@code f(x) + g(z)}
 * @param primalResidual {@code ||A x + B z - c||_2}
 * @param dualResidual   {@code ||rho A' B (z - z_prev)||_2}
 * @param iterations     iterations run
 * @param stopReason     why it stopped
 * @param message        a human-readable account
 * @param trajectory     the objective after every iteration, if recorded
 */
public record AdmmResult(double[] x, double[] z, double[] u, double rho, double objective, double primalResidual,
                         double dualResidual, int iterations, StopReason stopReason, String message,
                         double[] trajectory) {

    public AdmmResult {
        x = x.clone();
        z = z.clone();
        u = u.clone();
        trajectory = trajectory == null ? new double[0] : trajectory.clone();
        message = message == null ? "" : message;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] z() {
        return z.clone();
    }

    @Override
    public double[] u() {
        return u.clone();
    }

    @Override
    public double[] trajectory() {
        return trajectory.clone();
    }

    /** True if the residual test stopped the run. */
    public boolean converged() {
        return stopReason.converged();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AdmmResult[%s after %d iterations: objective %.10g, |r| = %.3g, |s| = %.3g,"
                + " rho = %.3g; %s]", stopReason, iterations, objective, primalResidual, dualResidual, rho, message);
    }
}
