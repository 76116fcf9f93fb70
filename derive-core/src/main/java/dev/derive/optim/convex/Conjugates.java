package dev.derive.optim.convex;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import java.util.Locale;

/**
 * Convex functions whose Fenchel conjugates have a closed form (Boyd &amp; Vandenberghe, <i>Convex Optimization</i>,
 * section 3.3.1 and exercises 3.36–3.40; Beck, <i>First-Order Methods in Optimization</i>, 2017, chapter 4):
 *
 * <table>
 *   <caption>function, conjugate, subgradient, conjugate subgradient</caption>
 *   <tr><th>f(x)</th><th>f*(y)</th><th>df(x) contains</th><th>df*(y) contains</th></tr>
 *   <tr><td>{@code (lambda/2) ||x||^2}</td><td>{@code ||y||^2 / (2 lambda)}</td><td>{@code lambda x}</td>
 *       <td>{@code y / lambda}</td></tr>
 *   <tr><td>{@code lambda ||x||_1}</td><td>indicator of {@code ||y||_inf <= lambda}</td>
 *       <td>{@code lambda sign(x)}</td><td>0</td></tr>
 *   <tr><td>{@code lambda ||x||_2}</td><td>indicator of {@code ||y||_2 <= lambda}</td>
 *       <td>{@code lambda x / ||x||} (0 at 0)</td><td>0</td></tr>
 *   <tr><td>{@code log sum_i exp(x_i)}</td><td>{@code sum_i y_i log y_i} on the simplex (negative entropy)</td>
 *       <td>{@code softmax(x)}</td><td>{@code log y} (up to adding a constant)</td></tr>
 *   <tr><td>{@code sum_i log(1 + exp(x_i))}</td><td>{@code sum_i y_i log y_i + (1 - y_i) log(1 - y_i)},
 *       {@code y in [0,1]^n}</td><td>{@code sigmoid(x)}</td><td>{@code log(y / (1 - y))} (infinite at 0 and 1, where {@code df*} is
 *       empty)</td></tr>
 *   <tr><td>{@code sum_i max(0, 1 - x_i)} (hinge)</td><td>{@code sum_i y_i}, {@code y in [-1, 0]^n}</td>
 *       <td>{@code -[x_i < 1]}</td><td>1</td></tr>
 *   <tr><td>{@code (1/2) x'Qx}, {@code Q} positive definite</td><td>{@code (1/2) y'Q^-1 y}</td><td>{@code Qx}</td>
 *       <td>{@code Q^-1 y}</td></tr>
 * </table>
 *
 * <p>Membership of the simplex for the negative entropy is tested with tolerance {@code 1e-12 max(1, n)} on
 * {@code sum y_i = 1} ({@code y_i >= 0} exactly); the L2-ball indicator accepts {@code ||y|| <= lambda (1 + 1e-12)},
 * so that the rounded {@code lambda x / ||x||} counts as inside; the L-infinity one is exact.
 */
public final class Conjugates {
    private Conjugates() {
    }

    /** {@code (lambda/2) ||x||^2}, {@code lambda > 0}. */
    public static ConvexFunction squaredL2(double lambda) {
        positive("squaredL2", "lambda", lambda);
        return new Separable(String.format(Locale.ROOT, "(%g/2) ||x||^2", lambda)) {
            @Override
            double f(double x) {
                return lambda * x * x / 2;
            }

            @Override
            double df(double x) {
                return lambda * x;
            }

            @Override
            double fStar(double y) {
                return y * y / (2 * lambda);
            }

            @Override
            double dfStar(double y) {
                return y / lambda;
            }
        };
    }

    /** {@code lambda ||x||_1}, {@code lambda > 0}; the conjugate is the indicator of the L-infinity ball of radius lambda. */
    public static ConvexFunction l1(double lambda) {
        positive("l1", "lambda", lambda);
        return new Separable(String.format(Locale.ROOT, "%g ||x||_1", lambda)) {
            @Override
            double f(double x) {
                return lambda * Math.abs(x);
            }

            @Override
            double df(double x) {
                return lambda * Math.signum(x);
            }

            @Override
            double fStar(double y) {
                return Math.abs(y) <= lambda ? 0 : Double.POSITIVE_INFINITY;
            }

            @Override
            double dfStar(double y) {
                return 0;
            }
        };
    }

    /** {@code sum_i log(1 + exp(x_i))} (the logistic loss of the margins {@code -x_i}); its conjugate is the binary entropy. */
    public static ConvexFunction logistic() {
        return new Separable("sum log(1 + exp(x_i))") {
            @Override
            double f(double x) {
                return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            }

            @Override
            double df(double x) {
                return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            }

            @Override
            double fStar(double y) {
                if (!(y >= 0 && y <= 1)) {
                    return Double.POSITIVE_INFINITY;
                }
                return xlogx(y) + xlogx(1 - y);
            }

            @Override
            double dfStar(double y) {
                return Math.log(y) - Math.log1p(-y);
            }
        };
    }

    /** {@code sum_i max(0, 1 - x_i)}; its conjugate is {@code sum y_i} on {@code [-1, 0]^n}. */
    public static ConvexFunction hinge() {
        return new Separable("sum max(0, 1 - x_i)") {
            @Override
            double f(double x) {
                return Math.max(0, 1 - x);
            }

            @Override
            double df(double x) {
                return x < 1 ? -1 : 0;
            }

            @Override
            double fStar(double y) {
                return y >= -1 && y <= 0 ? y : Double.POSITIVE_INFINITY;
            }

            @Override
            double dfStar(double y) {
                return 1;
            }
        };
    }

    /** {@code lambda ||x||_2}, {@code lambda > 0}; the conjugate is the indicator of the L2 ball of radius lambda. */
    public static ConvexFunction l2Norm(double lambda) {
        positive("l2Norm", "lambda", lambda);
        return new ConvexFunction() {
            @Override
            public String name() {
                return String.format(Locale.ROOT, "%g ||x||_2", lambda);
            }

            @Override
            public double value(double[] x) {
                return lambda * norm(x);
            }

            @Override
            public void subgradient(double[] x, double[] out) {
                double nx = norm(x);
                for (int i = 0; i < x.length; i++) {
                    out[i] = nx == 0 ? 0 : lambda * x[i] / nx;
                }
            }

            @Override
            public double conjugate(double[] y) {
                return norm(y) <= lambda * (1 + 1e-12) ? 0 : Double.POSITIVE_INFINITY;
            }

            @Override
            public void conjugateSubgradient(double[] y, double[] out) {
                java.util.Arrays.fill(out, 0);
            }
        };
    }

    /** {@code log sum_i exp(x_i)}; its conjugate is the negative entropy {@code sum y_i log y_i} on the simplex. */
    public static ConvexFunction logSumExp() {
        return new ConvexFunction() {
            @Override
            public String name() {
                return "log sum exp(x_i)";
            }

            @Override
            public double value(double[] x) {
                double m = Double.NEGATIVE_INFINITY;
                for (double v : x) {
                    m = Math.max(m, v);
                }
                double s = 0;
                for (double v : x) {
                    s += Math.exp(v - m);
                }
                return m + Math.log(s);
            }

            @Override
            public void subgradient(double[] x, double[] out) {
                double lse = value(x);
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.exp(x[i] - lse);
                }
            }

            @Override
            public double conjugate(double[] y) {
                double s = 0;
                double h = 0;
                for (double v : y) {
                    if (!(v >= 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    s += v;
                    h += xlogx(v);
                }
                return Math.abs(s - 1) <= 1e-12 * Math.max(1, y.length) ? h : Double.POSITIVE_INFINITY;
            }

            @Override
            public void conjugateSubgradient(double[] y, double[] out) {
                for (int i = 0; i < y.length; i++) {
                    out[i] = Math.log(y[i]);
                }
            }
        };
    }

    /**
     * {@code (1/2) x'Qx} for a symmetric positive definite {@code Q}; the conjugate is {@code (1/2) y'Q^-1 y}.
     *
     * @throws IllegalArgumentException if {@code Q} is not square
     * @throws dev.derive.linalg.NotPositiveDefiniteException if {@code Q} is not positive definite
     */
    public static ConvexFunction quadratic(Matrix q) {
        if (q == null || q.rows() != q.cols()) {
            throw new IllegalArgumentException("Conjugates.quadratic: Q must be square, got "
                    + (q == null ? "null" : q.rows() + " x " + q.cols()));
        }
        Cholesky chol = Cholesky.of(q);
        Matrix qc = q.copy();
        int n = q.rows();
        return new ConvexFunction() {
            @Override
            public String name() {
                return "(1/2) x'Qx";
            }

            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double value(double[] x) {
                checkLength(x, n);
                double[] qx = new double[n];
                subgradient(x, qx);
                return dot(x, qx) / 2;
            }

            @Override
            public void subgradient(double[] x, double[] out) {
                checkLength(x, n);
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += qc.get(i, j) * x[j];
                    }
                    out[i] = s;
                }
            }

            @Override
            public double conjugate(double[] y) {
                checkLength(y, n);
                return dot(y, chol.solve(y)) / 2;
            }

            @Override
            public void conjugateSubgradient(double[] y, double[] out) {
                checkLength(y, n);
                System.arraycopy(chol.solve(y), 0, out, 0, n);
            }
        };
    }

    /** {@code t log t}, 0 at 0. */
    static double xlogx(double t) {
        return t == 0 ? 0 : t * Math.log(t);
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static void checkLength(double[] x, int n) {
        if (x.length != n) {
            throw new IllegalArgumentException("Conjugates.quadratic: the vector has length " + x.length
                    + " but Q is " + n + " x " + n);
        }
    }

    private static void positive(String f, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Conjugates." + f + ": " + name + " must be positive and finite, got " + v);
        }
    }

    /** A sum of one-dimensional functions applied entry-wise: {@code f(x) = sum_i phi(x_i)}, {@code f* = sum phi*}. */
    private abstract static class Separable implements ConvexFunction {
        private final String name;

        Separable(String name) {
            this.name = name;
        }

        abstract double f(double x);

        abstract double df(double x);

        abstract double fStar(double y);

        abstract double dfStar(double y);

        @Override
        public String name() {
            return name;
        }

        @Override
        public double value(double[] x) {
            double s = 0;
            for (double v : x) {
                s += f(v);
            }
            return s;
        }

        @Override
        public void subgradient(double[] x, double[] out) {
            for (int i = 0; i < x.length; i++) {
                out[i] = df(x[i]);
            }
        }

        @Override
        public double conjugate(double[] y) {
            double s = 0;
            for (double v : y) {
                s += fStar(v);
            }
            return s;
        }

        @Override
        public void conjugateSubgradient(double[] y, double[] out) {
            for (int i = 0; i < y.length; i++) {
                out[i] = dfStar(y[i]);
            }
        }
    }
}
