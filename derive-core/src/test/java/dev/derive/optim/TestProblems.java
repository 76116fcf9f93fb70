package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;

/** Objectives with known minimisers shared by the optimisation tests. */
final class TestProblems {
    private TestProblems() {
    }

    static final Path DATASETS = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"));

    /**
     * A quadratic {@code 1/2 (x - x*)'A(x - x*)} up to a constant in n dimensions with eigenvalues spread
     * geometrically from {@code mu} to {@code L = mu * kappa} (both ends included) and minimiser {@code x*}
     * with entries in [-1, 1].
     */
    static Quadratic quadratic(int n, double mu, double kappa, long seed) {
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = n == 1 ? mu : mu * Math.pow(kappa, i / (double) (n - 1));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 2 * rng.nextDouble() - 1;
        }
        return Quadratic.withEigenvalues(eig, xs, seed + 1);
    }

    /**
     * Like {@link #quadratic} with {@code mu = 1}, but the other eigenvalues spread geometrically over
     * {@code [2, kappa]}: a spectral gap after the smallest one.
     */
    static Quadratic quadraticWithGap(int n, double kappa, long seed) {
        double[] eig = new double[n];
        eig[0] = 1;
        for (int i = 1; i < n; i++) {
            eig[i] = 2 * Math.pow(kappa / 2, (i - 1) / (double) (n - 2));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 2 * rng.nextDouble() - 1;
        }
        return Quadratic.withEigenvalues(eig, xs, seed + 1);
    }

    /** (-1.2, 1, -1.2, 1, ...): the classical Rosenbrock start. */
    static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        return x;
    }

    /**
     * {@code f(x) = 1/2 e'Ae + sum_i (exp(e_i) - 1 - e_i)} with {@code e = x - x*}: strictly convex, minimiser
     * {@code x*} (the gradient {@code Ae + exp(e) - 1} vanishes at {@code e = 0}), Hessian
     * {@code A + diag(exp(e))} and non-zero third derivatives, so Newton converges exactly quadratically:
     * {@code ||e_{k+1}|| <= C ||e_k||^2} with {@code C = e^r / (2 (lambda_min(A) + e^-r))} while
     * {@code ||e_k||_inf <= r} (see {@link DeterministicMethodsTest}).
     */
    static final class ExpQuadratic implements TwiceDifferentiableObjective {
        final Matrix a;
        final double[] xs;
        final double lambdaMin;

        ExpQuadratic(Quadratic q, double lambdaMin) {
            this.a = q.matrix();
            this.xs = q.minimizer();
            this.lambdaMin = lambdaMin;
        }

        @Override
        public int dimension() {
            return xs.length;
        }

        @Override
        public double value(double[] x) {
            return valueAndGradient(x, new double[xs.length]);
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
            int n = xs.length;
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = x[i] - xs[i];
            }
            double[] ae = a.mvmul(e);
            double v = 0.5 * Vec.dot(e, ae);
            for (int i = 0; i < n; i++) {
                v += Math.expm1(e[i]) - e[i];
                g[i] = ae[i] + Math.expm1(e[i]);
            }
            return v;
        }

        @Override
        public void hessian(double[] x, Matrix out) {
            out.assign(a);
            for (int i = 0; i < xs.length; i++) {
                out.add(i, i, Math.exp(x[i] - xs[i]));
            }
        }
    }

    /**
     * L2-regularised logistic regression in the mean form
     * {@code F(w, b) = (1/n) sum_i log(1 + exp(-s_i (w'x_i + b))) + ||w||^2 / (2 C n)}, parameters
     * {@code theta = (w, b)}; component i carries its loss plus the full regulariser.
     */
    static final class Logistic implements FiniteSumObjective, TwiceDifferentiableObjective {
        final double[][] x;
        final double[] s;
        final double c;
        final int n;
        final int d;

        Logistic(double[][] x, double[] labels01, double c) {
            this.x = x;
            this.n = x.length;
            this.d = x[0].length;
            this.s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = 2 * labels01[i] - 1;
            }
            this.c = c;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public int dimension() {
            return d + 1;
        }

        private double margin(int i, double[] theta) {
            double z = theta[d];
            for (int j = 0; j < d; j++) {
                z += x[i][j] * theta[j];
            }
            return s[i] * z;
        }

        private double reg(double[] theta) {
            double r = 0;
            for (int j = 0; j < d; j++) {
                r += theta[j] * theta[j];
            }
            return r / (2 * c * n);
        }

        static double log1pExp(double t) {
            return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
        }

        /** sigma(-m) = 1 / (1 + exp(m)). */
        static double sigmaNeg(double m) {
            if (m >= 0) {
                double e = Math.exp(-m);
                return e / (1 + e);
            }
            return 1 / (1 + Math.exp(m));
        }

        @Override
        public double componentValueAndGradient(int i, double[] theta, double[] g) {
            double m = margin(i, theta);
            double p = sigmaNeg(m);
            for (int j = 0; j < d; j++) {
                g[j] = -s[i] * p * x[i][j] + theta[j] / (c * n);
            }
            g[d] = -s[i] * p;
            return log1pExp(-m) + reg(theta);
        }

        @Override
        public double batchValueAndGradient(int[] batch, int from, int to, double[] theta, double[] g) {
            Arrays.fill(g, 0);
            double v = 0;
            for (int k = from; k < to; k++) {
                int i = batch[k];
                double m = margin(i, theta);
                double p = sigmaNeg(m);
                v += log1pExp(-m);
                double coef = -s[i] * p;
                for (int j = 0; j < d; j++) {
                    g[j] += coef * x[i][j];
                }
                g[d] += coef;
            }
            int b = to - from;
            for (int j = 0; j <= d; j++) {
                g[j] /= b;
            }
            for (int j = 0; j < d; j++) {
                g[j] += theta[j] / (c * n);
            }
            return v / b + reg(theta);
        }

        @Override
        public double value(double[] theta) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += log1pExp(-margin(i, theta));
            }
            return v / n + reg(theta);
        }

        @Override
        public double valueAndGradient(double[] theta, double[] g) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return batchValueAndGradient(all, 0, n, theta, g);
        }

        @Override
        public void hessian(double[] theta, Matrix out) {
            out.fill(0);
            for (int i = 0; i < n; i++) {
                double p = sigmaNeg(margin(i, theta));
                double w = p * (1 - p) / n;
                for (int a = 0; a <= d; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    for (int b = 0; b <= d; b++) {
                        double xb = b < d ? x[i][b] : 1;
                        out.add(a, b, w * xa * xb);
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                out.add(j, j, 1 / (c * n));
            }
        }
    }

    /** The breast-cancer logistic problem with the fixture's standardisation, or skips the test. */
    static Logistic breastCancer(String tag) {
        Path csv = DATASETS.resolve("small/breast_cancer_wisconsin_diagnostic.csv");
        Assumptions.assumeTrue(Files.isReadable(csv), "skipped: " + csv + " is absent (the shared data sets are not "
                + "on this machine)");
        Fixtures fx = Fixtures.load("optim_logistic.txt");
        double[] mean = fx.vector("mean");
        double[] scale = fx.vector("scale");
        List<double[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            String[] header = lines.get(0).split(",");
            assertEquals("diagnosis", header[header.length - 1]);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.split(",");
                double[] r = new double[t.length - 1];
                for (int j = 0; j < r.length; j++) {
                    r[j] = (Double.parseDouble(t[j]) - mean[j]) / scale[j];
                }
                rows.add(r);
                String lab = t[t.length - 1].strip();
                assertTrue(lab.equals("malignant") || lab.equals("benign"), lab);
                labels.add(lab.equals("malignant") ? 1.0 : 0.0);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        double[] y = labels.stream().mapToDouble(Double::doubleValue).toArray();
        return new Logistic(rows.toArray(new double[0][]), y, fx.scalar("C_" + tag));
    }

    /** scikit-learn's (w, b) for the tag. */
    static double[] sklearnSolution(String tag) {
        Fixtures fx = Fixtures.load("optim_logistic.txt");
        double[] w = fx.vector("coef_" + tag);
        double[] t = Arrays.copyOf(w, w.length + 1);
        t[w.length] = fx.scalar("intercept_" + tag);
        return t;
    }

    static double fmin(String tag) {
        return Fixtures.load("optim_logistic.txt").scalar("fmin_" + tag);
    }

    /** max_i |a_i - b_i| / max(1, ||b||_inf). */
    static double relErr(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m / Math.max(1, Vec.normInf(b));
    }

    /** An objective that counts calls and turns NaN after {@code finiteCalls} value/gradient calls. */
    static SmoothObjective poisoned(SmoothObjective f, int finiteCalls) {
        return new SmoothObjective() {
            int calls;

            @Override
            public int dimension() {
                return f.dimension();
            }

            @Override
            public double value(double[] x) {
                return ++calls > finiteCalls ? Double.NaN : f.value(x);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double v = f.valueAndGradient(x, g);
                if (++calls > finiteCalls) {
                    Arrays.fill(g, Double.NaN);
                    return Double.NaN;
                }
                return v;
            }
        };
    }

    /** {@code sum_i (x_i - log x_i)} for x > 0 and NaN elsewhere; minimiser (1, ..., 1), value n. */
    static TwiceDifferentiableObjective logBarrier(int n) {
        return new TwiceDifferentiableObjective() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double value(double[] x) {
                double v = 0;
                for (double xi : x) {
                    v += xi - Math.log(xi); // NaN for x < 0, +inf at 0
                }
                return v;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                for (int i = 0; i < n; i++) {
                    g[i] = x[i] > 0 ? 1 - 1 / x[i] : Double.NaN;
                }
                return value(x);
            }

            @Override
            public void hessian(double[] x, Matrix out) {
                out.fill(0);
                for (int i = 0; i < n; i++) {
                    out.set(i, i, 1 / (x[i] * x[i]));
                }
            }
        };
    }
}
