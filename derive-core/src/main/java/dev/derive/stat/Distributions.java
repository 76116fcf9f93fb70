package dev.derive.stat;

import java.util.function.DoubleUnaryOperator;

/**
 * Distribution functions used for inference (p-values, confidence intervals), from {@link SpecialFunctions}:
 *
 * <ul>
 *   <li>standard normal: {@code Phi(z) = erfc(-z / sqrt 2) / 2}, i.e. {@code Q(1/2, z^2/2) / 2} for {@code z < 0};
 *   <li>Student's t with {@code nu} degrees of freedom: {@code P(T <= t) = I_{nu/(nu+t^2)}(nu/2, 1/2) / 2} for {@code t < 0}
 *       (A&amp;S 26.7.1), and symmetry;
 *   <li>Fisher's F with {@code (d1, d2)}: {@code P(F <= x) = I_{d1 x/(d1 x + d2)}(d1/2, d2/2)}, survival
 *       {@code I_{d2/(d2 + d1 x)}(d2/2, d1/2)} (A&amp;S 26.6.2);
 *   <li>chi-square with {@code k}: {@code P(k/2, x/2)}, survival {@code Q(k/2, x/2)}.
 * </ul>
 *
 * <p>Survival functions are computed directly (not as {@code 1 - cdf}) so that small p-values keep their
 * relative accuracy. Quantiles invert the lower-tail cdf by a safeguarded Newton iteration on
 * {@code ln cdf(-e^s) = ln p} in {@code s = ln|t|} (bisection whenever Newton leaves the bracket), which is
 * nearly linear in the heavy tails; the result is accurate to a few ulps of the cdf's own accuracy.
 */
public final class Distributions {

    private Distributions() {
    }

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    /** The standard normal density {@code exp(-z^2/2) / sqrt(2 pi)}. */
    public static double normalPdf(double z) {
        notNaN("normalPdf", "z", z);
        return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    }

    /** The standard normal cdf {@code Phi(z)}. */
    public static double normalCdf(double z) {
        notNaN("normalCdf", "z", z);
        if (z < 0) {
            return 0.5 * SpecialFunctions.regularizedGammaQ(0.5, 0.5 * z * z);
        }
        return 1 - 0.5 * SpecialFunctions.regularizedGammaQ(0.5, 0.5 * z * z);
    }

    /** The standard normal survival function {@code 1 - Phi(z) = Phi(-z)}. */
    public static double normalSurvival(double z) {
        notNaN("normalSurvival", "z", z);
        return normalCdf(-z);
    }

    /** The standard normal quantile {@code Phi^-1(p)}, {@code 0 < p < 1} ({@code -/+Infinity} at 0 and 1). */
    public static double normalQuantile(double p) {
        probability("normalQuantile", p);
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p == 0.5) {
            return 0;
        }
        double q = Math.min(p, 1 - p);
        // Abramowitz & Stegun 26.2.23 as the starting point (error < 4.5e-4)
        double t = Math.sqrt(-2 * Math.log(q));
        double z0 = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
        double z = invertLowerTail(s -> normalCdf(-Math.exp(s)), s -> {
            double e = Math.exp(s);
            return normalPdf(e) * e;
        }, q, Math.log(Math.max(z0, 1e-300)));
        return p < 0.5 ? -z : z;
    }

    /** Student's t density with {@code nu > 0} degrees of freedom. */
    public static double studentTPdf(double t, double nu) {
        notNaN("studentTPdf", "t", t);
        SpecialFunctions.positive("studentTPdf", "nu", nu);
        double logC = SpecialFunctions.logGamma(0.5 * (nu + 1)) - SpecialFunctions.logGamma(0.5 * nu) - 0.5 * Math.log(nu * Math.PI);
        return Math.exp(logC - 0.5 * (nu + 1) * Math.log1p(t * t / nu));
    }

    /** Student's t cdf {@code P(T <= t)} with {@code nu > 0} degrees of freedom. */
    public static double studentTCdf(double t, double nu) {
        notNaN("studentTCdf", "t", t);
        SpecialFunctions.positive("studentTCdf", "nu", nu);
        double lower = studentTLowerTail(-Math.abs(t), nu);
        return t <= 0 ? lower : 1 - lower;
    }

    /** Student's t survival function {@code P(T > t)}. */
    public static double studentTSurvival(double t, double nu) {
        notNaN("studentTSurvival", "t", t);
        return studentTCdf(-t, nu);
    }

    /** {@code P(T <= t)} for {@code t <= 0}, as {@code I_x(nu/2, 1/2) / 2}, {@code x = nu/(nu+t^2)}. */
    private static double studentTLowerTail(double t, double nu) {
        if (t == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (t == 0) {
            return 0.5;
        }
        double r = t / Math.sqrt(nu);
        double r2 = r * r;
        double x;
        double y;
        if (r2 > 1e300) {
            x = 1 / r2;
            y = 1;
        } else {
            x = 1 / (1 + r2);
            y = r2 / (1 + r2);
        }
        return 0.5 * SpecialFunctions.regularizedBeta(x, y, 0.5 * nu, 0.5, false);
    }

    /** Student's t quantile: the {@code t} with {@code P(T <= t) = p}, {@code 0 < p < 1}. */
    public static double studentTQuantile(double p, double nu) {
        probability("studentTQuantile", p);
        SpecialFunctions.positive("studentTQuantile", "nu", nu);
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p == 0.5) {
            return 0;
        }
        double q = Math.min(p, 1 - p);
        // start from the larger of the normal quantile and the tail approximation P(T <= -t) ~ c t^-nu
        double z = -normalQuantile(q);
        double logC = SpecialFunctions.logGamma(0.5 * (nu + 1)) - SpecialFunctions.logGamma(0.5 * nu) - 0.5 * Math.log(nu * Math.PI)
                + 0.5 * (nu + 1) * Math.log(nu) - Math.log(nu);
        double tail = Math.exp((logC - Math.log(q)) / nu);
        double s0 = Math.log(Math.max(z, Math.min(tail, 1e300)));
        double t = invertLowerTail(s -> studentTLowerTail(-Math.exp(s), nu), s -> {
            double e = Math.exp(s);
            return studentTPdf(e, nu) * e;
        }, q, s0);
        return p < 0.5 ? -t : t;
    }

    /** Fisher's F cdf {@code P(F <= x)} with {@code d1, d2 > 0} degrees of freedom. */
    public static double fCdf(double x, double d1, double d2) {
        return fTail("fCdf", x, d1, d2, false);
    }

    /** Fisher's F survival function {@code P(F > x)} (the p-value of an F test). */
    public static double fSurvival(double x, double d1, double d2) {
        return fTail("fSurvival", x, d1, d2, true);
    }

    private static double fTail(String fn, double x, double d1, double d2, boolean upper) {
        notNaN(fn, "x", x);
        SpecialFunctions.positive(fn, "d1", d1);
        SpecialFunctions.positive(fn, "d2", d2);
        if (x <= 0) {
            return upper ? 1 : 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return upper ? 0 : 1;
        }
        double u = d1 * x;
        double w = u / (u + d2);
        double v = d2 / (u + d2);
        return SpecialFunctions.regularizedBeta(w, v, 0.5 * d1, 0.5 * d2, upper);
    }

    /** The chi-square cdf with {@code k > 0} degrees of freedom. */
    public static double chiSquareCdf(double x, double k) {
        notNaN("chiSquareCdf", "x", x);
        SpecialFunctions.positive("chiSquareCdf", "k", k);
        return x <= 0 ? 0 : SpecialFunctions.regularizedGammaP(0.5 * k, 0.5 * x);
    }

    /** The chi-square survival function {@code P(X > x)} with {@code k > 0} degrees of freedom. */
    public static double chiSquareSurvival(double x, double k) {
        notNaN("chiSquareSurvival", "x", x);
        SpecialFunctions.positive("chiSquareSurvival", "k", k);
        return x <= 0 ? 1 : SpecialFunctions.regularizedGammaQ(0.5 * k, 0.5 * x);
    }

    /**
     * Solves {@code F(s) = q} for a decreasing lower-tail function {@code F(s) = cdf(-e^s)} with
     * {@code -dF/ds = dneg(s)}, by Newton on {@code ln F(s) - ln q} safeguarded by a bracket. Returns {@code e^s}.
     */
    private static double invertLowerTail(DoubleUnaryOperator f, DoubleUnaryOperator dneg, double q, double s0) {
        double logQ = Math.log(q);
        double lo = Double.NaN;   // F(lo) > q
        double hi = Double.NaN;   // F(hi) < q
        double s = s0;
        for (int it = 0; it < 400; it++) {
            double fs = f.applyAsDouble(s);
            double h = Math.log(fs) - logQ;
            if (h == 0) {
                return Math.exp(s);
            }
            if (h > 0) {
                lo = s;
            } else {
                hi = s;
            }
            double slope = -dneg.applyAsDouble(s) / fs;   // d ln F / ds < 0
            double next = s - h / slope;
            boolean bracketed = !Double.isNaN(lo) && !Double.isNaN(hi);
            if (!Double.isFinite(next) || (bracketed && !(next > Math.min(lo, hi) && next < Math.max(lo, hi)))) {
                next = bracketed ? 0.5 * (lo + hi) : s + (h > 0 ? 1 : -1);
            } else if (!bracketed && Math.abs(next - s) > 2) {
                next = s + Math.copySign(2, next - s);
            }
            if (Math.abs(next - s) <= 1e-15 * Math.max(1, Math.abs(s))
                    || (bracketed && Math.abs(hi - lo) <= 2e-16 * Math.max(1, Math.abs(s)))) {
                return Math.exp(next);
            }
            s = next;
        }
        return Math.exp(s);
    }

    private static void notNaN(String fn, String name, double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(fn + ": " + name + " is NaN");
        }
    }

    private static void probability(String fn, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(fn + ": p must be in [0, 1], got " + p);
        }
    }
}
