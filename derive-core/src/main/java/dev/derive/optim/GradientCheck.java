package dev.derive.optim;

import java.util.Locale;

/**
 * Checks derivatives against central finite differences: the gradient against
 * {@code (f(x + h e_i) - f(x - h e_i)) / 2h}, a Hessian-vector product against
 * {@code (grad f(x + h v) - grad f(x - h v)) / 2h}, with {@code h = eps^(1/3) * max(1, |x_i|)} (per
 * coordinate) or {@code eps^(1/3) * max(1, ||x||) / ||v||}, which balances truncation error
 * {@code O(h^2)} and rounding error {@code O(eps / h)} (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * 2nd ed., section 8.1).
 *
 * <p>The reported error is {@code max_i |a_i - n_i| / max(1, ||a||_inf)}: relative to the size of the
 * analytic derivative, absolute when that is below 1. A correct derivative of a smooth function of moderate
 * scale gives about {@code 1e-8} or less; a wrong one typically gives {@code 1e-2} or more.
 */
public final class GradientCheck {

    private static final double H = Math.cbrt(Math.ulp(1.0));

    private GradientCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param analytic   the derivative the objective computed
     * @param numeric    the finite-difference estimate
     * @param error      {@code max_i |analytic_i - numeric_i| / max(1, ||analytic||_inf)}
     * @param worstIndex the index where the difference is largest
     */
    public record Report(double[] analytic, double[] numeric, double error, int worstIndex) {
        public Report {
            analytic = analytic.clone();
            numeric = numeric.clone();
        }

        @Override
        public double[] analytic() {
            return analytic.clone();
        }

        @Override
        public double[] numeric() {
            return numeric.clone();
        }

        /** True if {@link #error()} is at most {@code tolerance}. */
        public boolean passes(double tolerance) {
            return error <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GradientCheck[error %.3g at index %d: analytic %.10g, numeric %.10g]",
                    error, worstIndex, analytic[worstIndex], numeric[worstIndex]);
        }
    }

    /** The central-difference gradient of {@code f} at {@code x} ({@code 2n} evaluations). */
    public static double[] numericalGradient(SmoothObjective f, double[] x) {
        double[] p = Run.start("GradientCheck", f.dimension(), x);
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double xi = p[i];
            double h = H * Math.max(1, Math.abs(xi));
            p[i] = xi + h;
            double up = f.value(p);
            p[i] = xi - h;
            double down = f.value(p);
            p[i] = xi;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** Compares {@link SmoothObjective#valueAndGradient} with {@link #numericalGradient} at {@code x}. */
    public static Report gradient(SmoothObjective f, double[] x) {
        double[] a = new double[f.dimension()];
        f.valueAndGradient(Run.start("GradientCheck", f.dimension(), x), a);
        return report(a, numericalGradient(f, x));
    }

    /** Compares {@link HessianVectorObjective#hessianVector} with the central difference of the gradient along {@code v}. */
    public static Report hessianVector(HessianVectorObjective f, double[] x, double[] v) {
        int n = f.dimension();
        double[] p = Run.start("GradientCheck", n, x);
        double[] dir = Run.start("GradientCheck (direction)", n, v);
        double vn = Vec.norm(dir);
        double[] a = new double[n];
        f.hessianVector(p, dir, a);
        double[] num = new double[n];
        if (vn > 0) {
            double h = H * Math.max(1, Vec.norm(p)) / vn;
            double[] gp = new double[n];
            double[] gm = new double[n];
            double[] q = new double[n];
            Vec.step(p, h, dir, q);
            f.gradient(q, gp);
            Vec.step(p, -h, dir, q);
            f.gradient(q, gm);
            for (int i = 0; i < n; i++) {
                num[i] = (gp[i] - gm[i]) / (2 * h);
            }
        }
        return report(a, num);
    }

    private static Report report(double[] a, double[] num) {
        double scale = Math.max(1, Vec.normInf(a));
        double worst = -1;
        int wi = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs(a[i] - num[i]);
            if (!(e <= worst)) { // NaN counts as worst
                worst = e;
                wi = i;
            }
        }
        return new Report(a, num, worst / scale, wi);
    }
}
