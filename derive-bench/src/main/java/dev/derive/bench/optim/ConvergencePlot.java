package dev.derive.bench.optim;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SymmetricEigen;
import dev.derive.optim.CompositeObjective;
import dev.derive.optim.FiniteSumObjective;
import dev.derive.optim.FirstOrderMinimizer;
import dev.derive.optim.IterationObserver;
import dev.derive.optim.LBFGS;
import dev.derive.optim.Newton;
import dev.derive.optim.OptimResult;
import dev.derive.optim.ProximalGradient;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.TwiceDifferentiableObjective;
import dev.derive.optim.first.Nesterov;
import dev.derive.optim.first.SGD;
import dev.derive.optim.prox.Prox;
import dev.derive.optim.vr.Katyusha;
import dev.derive.optim.vr.SAGA;
import dev.derive.optim.vr.SVRG;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Convergence curves of several optimisers on one problem, written as an SVG: L2-regularised logistic regression on
 * the bundled breast-cancer data (569 x 30, standardised, intercept, {@code C = 0.1}, the mean form
 * {@code F(w, b) = (1/n) sum_i log(1 + exp(-s_i (w'x_i + b))) + ||w||^2 / (2 C n)}). The y axis is
 * {@code log10(F_k - F*)} with {@code F*} from Newton's method to gradient norm 1e-13; the x axis counts passes over
 * the data, i.e. full-gradient equivalents: one per iteration of gradient descent (step {@code 1/L}) and Nesterov's
 * constant-step method ({@code L}, {@code mu = 1/(C n)}), every evaluation the line search or backtracking of L-BFGS
 * and FISTA (with {@code g = 0}: accelerated gradient with backtracking) makes, and {@code 1/n} per component gradient
 * plus one per full gradient for SVRG (step {@code 1/L_max}), SAGA ({@code 1/(3 L_max)}) and Katyusha.
 *
 * <pre>
 * ./mvnw -q -B -o -pl derive-core,derive-bench -am package -DskipTests
 * java -cp "derive-core/target/classes:derive-bench/target/classes:$(cat /tmp/derive-bench.cp)" \
 *      dev.derive.bench.optim.ConvergencePlot [docs/img/optim-convergence.svg]
 * </pre>
 * ({@code /tmp/derive-bench.cp} from {@code ./mvnw -q -o -pl derive-bench dependency:build-classpath
 * -Dmdep.outputFile=/tmp/derive-bench.cp}.) Deterministic: the stochastic methods use fixed seeds.
 */
public final class ConvergencePlot {
    private ConvergencePlot() {
    }

    static final double C = 0.1;
    static final double MAX_PASSES = 400;
    static final double FLOOR = 1e-15;

    /** The logistic objective, counting passes (full evaluations 1, component evaluations 1/n). */
    static final class Logistic implements FiniteSumObjective, TwiceDifferentiableObjective {
        final double[][] x;
        final double[] s;
        final int n;
        final int d;
        double passes;

        Logistic(double[][] x, double[] s) {
            this.x = x;
            this.s = s;
            this.n = x.length;
            this.d = x[0].length;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public int dimension() {
            return d + 1;
        }

        double margin(int i, double[] t) {
            double z = t[d];
            for (int j = 0; j < d; j++) {
                z += x[i][j] * t[j];
            }
            return s[i] * z;
        }

        double reg(double[] t) {
            double r = 0;
            for (int j = 0; j < d; j++) {
                r += t[j] * t[j];
            }
            return r / (2 * C * n);
        }

        static double log1pExp(double t) {
            return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
        }

        static double sigmaNeg(double m) {
            return m >= 0 ? Math.exp(-m) / (1 + Math.exp(-m)) : 1 / (1 + Math.exp(m));
        }

        @Override
        public double componentValueAndGradient(int i, double[] t, double[] g) {
            passes += 1.0 / n;
            double m = margin(i, t);
            double p = sigmaNeg(m);
            for (int j = 0; j < d; j++) {
                g[j] = -s[i] * p * x[i][j] + t[j] / (C * n);
            }
            g[d] = -s[i] * p;
            return log1pExp(-m) + reg(t);
        }

        @Override
        public double value(double[] t) {
            passes += 1;
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += log1pExp(-margin(i, t));
            }
            return v / n + reg(t);
        }

        @Override
        public double valueAndGradient(double[] t, double[] g) {
            passes += 1;
            java.util.Arrays.fill(g, 0);
            double v = 0;
            for (int i = 0; i < n; i++) {
                double m = margin(i, t);
                v += log1pExp(-m);
                double c = -s[i] * sigmaNeg(m);
                for (int j = 0; j < d; j++) {
                    g[j] += c * x[i][j];
                }
                g[d] += c;
            }
            for (int j = 0; j <= d; j++) {
                g[j] /= n;
            }
            for (int j = 0; j < d; j++) {
                g[j] += t[j] / (C * n);
            }
            return v / n + reg(t);
        }

        @Override
        public void hessian(double[] t, Matrix out) {
            out.fill(0);
            for (int i = 0; i < n; i++) {
                double p = sigmaNeg(margin(i, t));
                double w = p * (1 - p) / n;
                for (int a = 0; a <= d; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    for (int b = 0; b <= d; b++) {
                        out.add(a, b, w * xa * (b < d ? x[i][b] : 1));
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                out.add(j, j, 1 / (C * n));
            }
        }
    }

    static Logistic problem() {
        Dataset ds = Datasets.dataset("breast_cancer");
        Matrix f = ds.features();
        int n = f.rows();
        int d = f.cols();
        double[][] x = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += f.get(i, j);
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (f.get(i, j) - mean) * (f.get(i, j) - mean);
            }
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                x[i][j] = (f.get(i, j) - mean) / sd;
            }
        }
        int malignant = ds.classes().indexOf("malignant");
        int[] labels = ds.labels();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = labels[i] == malignant ? 1 : -1;
        }
        return new Logistic(x, s);
    }

    /** A curve: (passes, F - F*) pairs. */
    record Curve(String name, String colour, List<double[]> points) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/img/optim-convergence.svg");
        Logistic f = problem();
        int n = f.n;
        int p = f.dimension();
        // smoothness: L = lambda_max(X~'X~) / (4n) + 1/(Cn) for the mean, L_max = max (||x~_i||^2)/4 + 1/(Cn)
        Matrix xt = Matrix.zeros(n, p);
        double lmax = 0;
        for (int i = 0; i < n; i++) {
            double r = 1;
            for (int j = 0; j < f.d; j++) {
                xt.set(i, j, f.x[i][j]);
                r += f.x[i][j] * f.x[i][j];
            }
            xt.set(i, f.d, 1);
            lmax = Math.max(lmax, r);
        }
        double mu = 1 / (C * n);
        double[] eig = SymmetricEigen.values(xt.tmmul(xt));
        double bigL = eig[eig.length - 1] / (4 * n) + mu;
        lmax = lmax / 4 + mu;
        OptimResult ref = Newton.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-13))
                .minimize(f, new double[p], IterationObserver.NONE);
        double fstar = ref.value();
        System.out.printf(Locale.ROOT, "n = %d, p = %d, L = %.4f, L_max = %.4f, mu = %.5f, F* = %.15f (%s)%n", n, p,
                bigL, lmax, mu, fstar, ref.stopReason());

        double[] x0 = new double[p];
        int iters = (int) MAX_PASSES;
        StopCriteria det = new StopCriteria(iters, Integer.MAX_VALUE, 0, 0, 0, false);
        List<Curve> curves = new ArrayList<>();
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put("gradient descent (1/L)", "#7f7f7f");
        colours.put("Nesterov (constant step)", "#1f77b4");
        colours.put("FISTA (backtracking)", "#17becf");
        colours.put("L-BFGS (m = 10)", "#d62728");
        colours.put("SVRG (1/L_max)", "#2ca02c");
        colours.put("SAGA (1/(3 L_max))", "#ff7f0e");
        colours.put("Katyusha", "#9467bd");
        for (String name : colours.keySet()) {
            List<double[]> pts = new ArrayList<>();
            f.passes = 0;
            boolean byIteration = name.startsWith("gradient") || name.startsWith("Nesterov");
            IterationObserver obs = (k, x, v, g) -> {
                double passes = byIteration ? k : f.passes;
                pts.add(new double[] {passes, v - fstar});
                return passes < MAX_PASSES && v - fstar > FLOOR;
            };
            switch (name) {
                case "gradient descent (1/L)" -> FirstOrderMinimizer.of(new SGD(), 1 / bigL).withStop(det).minimize(f, x0, obs);
                case "Nesterov (constant step)" -> FirstOrderMinimizer.of(Nesterov.stronglyConvex(bigL, mu)).withStop(det)
                        .minimize(f, x0, obs);
                case "FISTA (backtracking)" -> ProximalGradient.fista().withStop(det)
                        .minimize(new CompositeObjective(f, Prox.zero()), x0, obs);
                case "L-BFGS (m = 10)" -> LBFGS.defaults().withStop(det).minimize(f, x0, obs);
                case "SVRG (1/L_max)" -> SVRG.of(1 / lmax).withSeed(1).withStop(det).minimize(f, null, x0, obs);
                case "SAGA (1/(3 L_max))" -> SAGA.forSmoothness(lmax).withSeed(2).withStop(det).minimize(f, null, x0, obs);
                case "Katyusha" -> Katyusha.of(lmax, mu).withSeed(3).withStop(det).minimize(f, null, x0, obs);
                default -> throw new IllegalStateException(name);
            }
            double[] last = pts.get(pts.size() - 1);
            System.out.printf(Locale.ROOT, "%-26s %4d points, last: %.1f passes, F - F* = %.2e%n", name, pts.size(),
                    last[0], last[1]);
            curves.add(new Curve(name, colours.get(name), pts));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, svg(curves, bigL / mu));
        System.out.println("wrote " + out);
    }

    // ---- a minimal SVG line plot with a log y axis ----

    static final int W = 820;
    static final int H = 520;
    static final int LEFT = 80;
    static final int RIGHT = 250;
    static final int TOP = 50;
    static final int BOTTOM = 60;
    static final double YMAX = 1;
    static final double YMIN = FLOOR;

    static double px(double passes) {
        return LEFT + (W - LEFT - RIGHT) * passes / MAX_PASSES;
    }

    static double py(double gap) {
        double l = Math.log10(Math.max(gap, YMIN));
        return TOP + (H - TOP - BOTTOM) * (Math.log10(YMAX) - l) / (Math.log10(YMAX) - Math.log10(YMIN));
    }

    static String svg(List<Curve> curves, double kappa) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">L2 logistic regression, breast cancer "
                + "(569 x 30, C = 0.1, kappa = L/mu = %.0f)</text>%n", LEFT, kappa));
        int x1 = W - RIGHT;
        int y1 = H - BOTTOM;
        // grid and ticks
        for (int e = 0; e >= -15; e -= 3) {
            double y = py(Math.pow(10, e));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n",
                    LEFT, y, x1, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>%n", LEFT - 6,
                    y + 4, e));
        }
        for (int t = 0; t <= MAX_PASSES; t += 50) {
            double x = px(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>%n",
                    x, TOP, x, y1));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, y1 + 18, t));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"black\"/>%n", LEFT, TOP, x1 - LEFT, y1 - TOP));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">passes over the data "
                + "(full-gradient equivalents)</text>%n", (LEFT + x1) / 2.0, H - 18));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(22 %.1f) rotate(-90)\" text-anchor=\"middle\">"
                + "F(x) - F*</text>%n", (TOP + y1) / 2.0));
        // curves, clipped to the plot area
        s.append(String.format(Locale.ROOT, "<clipPath id=\"plot\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                + "</clipPath>%n", LEFT, TOP, x1 - LEFT, y1 - TOP));
        int ly = TOP + 10;
        for (Curve c : curves) {
            s.append("<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(c.colour())
                    .append("\" points=\"");
            for (double[] q : c.points()) {
                if (q[0] <= MAX_PASSES) {
                    s.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(q[0]), py(q[1])));
                }
            }
            s.append("\"/>\n");
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>%n", x1 + 15, ly, x1 + 40, ly, c.colour()));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x1 + 46, ly + 4, esc(c.name())));
            ly += 22;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
