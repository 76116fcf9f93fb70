package dev.derive.tree;

/**
 * C4.5's pessimistic error estimate (Quinlan 1993, ch. 4): a leaf that misclassifies {@code E} of the
 * {@code N} training cases it covers is charged {@code N * U_CF(E, N)} errors, where {@code U_CF(E, N)} is
 * the upper limit of the one-sided {@code CF} confidence interval for the binomial error rate: the rate
 * {@code p} at which seeing {@code E} or fewer errors in {@code N} trials has probability {@code CF},
 * <pre>  sum_{i=0}^{E} C(N, i) p^i (1 - p)^(N - i) = CF.</pre>
 * By the binomial-beta identity {@code P(X <= E) = 1 - I_p(E + 1, N - E)}, so
 * {@code U_CF(E, N) = I^{-1}_{1-CF}(E + 1, N - E)}, the {@code 1 - CF} quantile of a
 * {@code Beta(E + 1, N - E)} distribution (scipy's {@code beta.ppf(1 - CF, E + 1, N - E)}). This form also
 * covers the fractional {@code E} and {@code N} that missing values produce; for {@code E = 0} it is
 * {@code 1 - CF^(1/N)}, C4.5's own expression. (C4.5 Release 8 and Weka's J48 use a normal approximation
 * for {@code E >= 1}; the exact quantile differs from it in the second or third decimal.)
 *
 * <p>{@code I_x(a, b)} is evaluated by its continued fraction (DLMF 8.17.22) with the modified Lentz
 * method, the log-beta prefactor from a Stirling series for {@code ln Gamma}; the quantile by bisection to
 * full double precision. (These belong in a core {@code dev.derive.stat} package when one exists.)
 */
public final class PessimisticError {

    private PessimisticError() {
    }

    /**
     * {@code U_CF(E, N)}: the upper confidence limit of the error rate after {@code errors} errors in
     * {@code cases} cases; 0 when {@code cases} is 0.
     *
     * @throws IllegalArgumentException unless {@code 0 <= errors < cases} (or both 0) and {@code 0 < cf < 1}
     */
    public static double upperBound(double errors, double cases, double cf) {
        if (!(cf > 0 && cf < 1)) {
            throw new IllegalArgumentException("confidence factor " + cf + " is not in (0, 1)");
        }
        if (!(cases >= 0) || Double.isInfinite(cases) || !(errors >= 0) || (cases > 0 && !(errors < cases))) {
            throw new IllegalArgumentException("need 0 <= errors < cases, got errors = " + errors + ", cases = " + cases);
        }
        if (cases == 0) {
            return 0;
        }
        double a = errors + 1;
        double b = cases - errors;
        double target = 1 - cf;
        if (errors == 0) {
            return -Math.expm1(Math.log(cf) / cases);
        }
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (regularizedBeta(mid, a, b) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The estimated errors {@code N * U_CF(E, N)} of a leaf with {@code cases} cases, {@code errors} of them misclassified. */
    public static double estimatedErrors(double errors, double cases, double cf) {
        return cases * upperBound(errors, cases, cf);
    }

    /** The regularized incomplete beta function {@code I_x(a, b)} for {@code a, b > 0}, {@code 0 <= x <= 1}. */
    public static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("regularizedBeta needs a, b > 0 and x in [0, 1], got x = " + x + ", a = " + a + ", b = " + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double lnPre = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lnPre) * continuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(lnPre) * continuedFraction(1 - x, b, a) / b;
    }

    /** The continued fraction of {@code I_x(a, b)} (DLMF 8.17.22) by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 10_000; m++) {
            // even step d_{2m}
            double num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= d * c;
            // odd step d_{2m+1}
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                return f;
            }
        }
        return f;
    }

    /** {@code ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b)}. */
    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * {@code ln Gamma(x)} for {@code x > 0}: shifted up to {@code x >= 15} by {@code Gamma(x + 1) = x Gamma(x)},
     * then Stirling's series {@code (x - 1/2) ln x - x + ln(2 pi)/2 + sum B_2j / (2j (2j - 1) x^(2j - 1))}
     * to {@code j = 7}.
     */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        double shift = 0;
        while (x < 15) {
            shift += Math.log(x);
            x += 1;
        }
        double z = 1 / (x * x);
        double series = (1.0 / 12 + z * (-1.0 / 360 + z * (1.0 / 1260 + z * (-1.0 / 1680 + z * (1.0 / 1188
                + z * (-691.0 / 360360 + z * (1.0 / 156))))))) / x;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }
}
