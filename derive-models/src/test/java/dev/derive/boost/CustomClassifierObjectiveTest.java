package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.stat.Distributions;
import dev.derive.testing.LearnerContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Custom objectives for the classifier: a user's binary log-loss and softmax reproduce the built-in
 * {@code binary} and {@code multiclass} objectives; a probit objective trains, saves and loads; the K-class
 * finite-difference checker accepts correct and rejects wrong derivatives.
 */
class CustomClassifierObjectiveTest {

    /** The logistic function as a user would write it (the same two-branch formula as the library's). */
    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Binary log-loss with the logit link, written from the formulas l = log(1 + e^f) - y f, g = s - y, h = s (1 - s). */
    static final CustomObjective MY_LOGLOSS = new CustomObjective() {
        public String name() {
            return "my_logloss";
        }

        public double loss(double y, double f) {
            return Math.max(f, 0) + Math.log(1 + Math.exp(-Math.abs(f))) - y * f;
        }

        public double gradient(double y, double f) {
            return sigmoid(f) - y;
        }

        public double hessian(double y, double f) {
            double s = sigmoid(f);
            return s * (1 - s);
        }

        public double initScore(double[] y, double[] w) {
            double s = 0;
            double sw = 0;
            for (int i = 0; i < y.length; i++) {
                double wi = w == null ? 1 : w[i];
                s += wi * y[i];
                sw += wi;
            }
            double p = Math.min(1 - 1e-15, Math.max(1e-15, s / sw));
            return Math.log(p / (1 - p));
        }

        public Link link() {
            return Link.LOGIT;
        }
    };

    /**
     * Probit log-loss l = -y log Phi(f) - (1 - y) log Phi(-f). With r(u) = phi(u) / Phi(u) (r' = -r (u + r)):
     * y = 1: g = -r(f), h = r(f) (f + r(f)); y = 0: g = r(-f), h = r(-f) (r(-f) - f).
     */
    static final CustomObjective PROBIT = new CustomObjective() {
        public String name() {
            return "probit";
        }

        static double r(double u) {
            return Distributions.normalPdf(u) / Distributions.normalCdf(u);
        }

        public double loss(double y, double f) {
            return -(y * Math.log(Distributions.normalCdf(f)) + (1 - y) * Math.log(Distributions.normalCdf(-f)));
        }

        public double gradient(double y, double f) {
            return y == 1 ? -r(f) : r(-f);
        }

        public double hessian(double y, double f) {
            return y == 1 ? r(f) * (f + r(f)) : r(-f) * (r(-f) - f);
        }

        public double initScore(double[] y, double[] w) {
            return 0;
        }

        public Link link() {
            return Link.PROBIT;
        }
    };

    /** log-sum-exp as the user writes it (max, then the sum of shifted exponentials). */
    static double lse(double[] f) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : f) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    /** Softmax cross-entropy: l = lse(f) - f_y, g_c = p_c - [c = y], h_c = p_c (1 - p_c); start at the log priors. */
    static final CustomMulticlassObjective MY_SOFTMAX = new CustomMulticlassObjective() {
        public String name() {
            return "my_softmax";
        }

        public double loss(int y, double[] f) {
            return lse(f) - f[y];
        }

        public void derivatives(int y, double[] f, double[] g, double[] h) {
            double l = lse(f);
            for (int c = 0; c < f.length; c++) {
                double p = Math.exp(f[c] - l);
                g[c] = p - (c == y ? 1 : 0);
                h[c] = p * (1 - p);
            }
        }

        public double[] initScore(int[] y, double[] w, int k) {
            double[] prior = new double[k];
            double total = 0;
            for (int i = 0; i < y.length; i++) {
                double wi = w == null ? 1 : w[i];
                prior[y[i]] += wi;
                total += wi;
            }
            double[] init = new double[k];
            for (int c = 0; c < k; c++) {
                init[c] = Math.log(Math.max(1e-15, prior[c] / total));
            }
            return init;
        }
    };

    /** Weights 1, 2, 4: powers of two, so {@code (w s)(1 - s) == w (s (1 - s))} exactly (see below). */
    static Dataset weighted(Dataset d) {
        double[] w = new double[d.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 << (i % 3);
        }
        return d.withWeights(w);
    }

    static void sameTrees(java.util.List<HistTree> a, java.util.List<HistTree> b) {
        assertEquals(a.size(), b.size());
        for (int t = 0; t < a.size(); t++) {
            assertArrayEquals(a.get(t).value(), b.get(t).value(), "tree " + t);
        }
    }

    @Test
    void userLogLossReproducesBinaryBitForBit() {
        Dataset d = Datasets.dataset("breast_cancer");
        var learner = HistGradientBoosting.classifier().nEstimators(30).with("subsample", 0.8).with("colsample_bytree", 0.7).seed(5);
        var builtIn = learner.fit(d);
        var custom = learner.objective(MY_LOGLOSS).fit(d);
        assertEquals("custom", custom.objective());
        assertEquals("logit", custom.params().getString("custom_link"));
        Matrix x = d.features();
        sameTrees(builtIn.trees(), custom.trees());
        assertArrayEquals(builtIn.decisionFunction(x, 30), custom.decisionFunction(x, 30), "bit-identical raw scores");
        assertArrayEquals(builtIn.predictProba(x).toArray(), custom.predictProba(x).toArray(), "bit-identical probabilities");
        assertArrayEquals(builtIn.predict(x), custom.predict(x));
        // the built-in pass takes one log per run of 512 rows (log of the product of the 1 + e^-|f|), the generic one
        // a log per row: the same sum up to rounding (a few ulps of 512 terms in (0, log 2]), not bit for bit
        double[] a = builtIn.report().lossCurve();
        double[] b = custom.report().lossCurve();
        assertEquals(a.length, b.length);
        for (int m = 0; m < a.length; m++) {
            assertEquals(a[m], b[m], 1e-13 * a[m], "the same per-round log-loss, round " + m);
        }
    }

    /**
     * With sample weights the built-in binary pass computes the hessian as {@code (w s) (1 - s)}, the generic
     * pass for a user objective as {@code w (s (1 - s))}. For weights that are powers of two both products
     * are exact scalings of the same rounded value, so the models are bit-identical; for other weights the
     * last bit may differ, and a near-tie between two splits can then go the other way (seen with weights
     * 1, 2, 3: raw scores 3e-7 apart after 20 rounds), so no tolerance is promised there.
     */
    @Test
    void userLogLossWithPowerOfTwoWeightsIsBitIdentical() {
        Dataset d = weighted(Datasets.dataset("breast_cancer"));
        var learner = HistGradientBoosting.classifier().nEstimators(20).seed(5);
        var a = learner.fit(d);
        var b = learner.objective(MY_LOGLOSS).fit(d);
        sameTrees(a.trees(), b.trees());
        assertArrayEquals(a.decisionFunction(d.features(), 20), b.decisionFunction(d.features(), 20));
        assertArrayEquals(a.report().lossCurve(), b.report().lossCurve());
    }

    @Test
    void userSoftmaxReproducesMulticlassBitForBit() {
        Dataset d = Datasets.dataset("iris");
        var learner = HistGradientBoosting.classifier().nEstimators(15).with("subsample", 0.8).seed(2);
        var builtIn = learner.fit(d);
        var custom = learner.objective(MY_SOFTMAX).fit(d);
        assertEquals("softmax", custom.params().getString("custom_link"));
        Matrix x = d.features();
        sameTrees(builtIn.trees(), custom.trees());
        assertArrayEquals(builtIn.decisionFunction(x, 15), custom.decisionFunction(x, 15));
        assertArrayEquals(builtIn.predictProba(x).toArray(), custom.predictProba(x).toArray());
        assertArrayEquals(builtIn.report().lossCurve(), custom.report().lossCurve());
        // weights 1, 2, 4 (powers of two: see the binary test)
        Dataset dw = weighted(d);
        assertArrayEquals(learner.fit(dw).decisionFunction(x, 15), learner.objective(MY_SOFTMAX).fit(dw).decisionFunction(x, 15));
    }

    @Test
    void probitTrainsSavesAndLoads() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        double[] ys = new double[60];
        double[] fs = new double[60];
        for (int t = 0; t < 60; t++) {
            ys[t] = r.nextInt(2);
            fs[t] = r.nextDouble(-4, 4);
        }
        assertTrue(CustomObjective.check(PROBIT, ys, fs, 1e-6).passes(1e-6));
        Dataset[] s = EvalMetricsTest.split(Datasets.dataset("breast_cancer"));
        var m = HistGradientBoosting.classifier().nEstimators(40).with("eval_metric", "auc").validationSet(s[1])
                .objective(PROBIT).fit(s[0]);
        Matrix x = s[1].features();
        double[] f = m.decisionFunction(x, m.rounds());
        Matrix p = m.predictProba(x);
        int[] labels = m.predict(x);
        int correct = 0;
        for (int i = 0; i < f.length; i++) {
            assertEquals(Distributions.normalCdf(f[i]), p.get(i, 1), 0.0);
            assertEquals(1 - Distributions.normalCdf(f[i]), p.get(i, 0), 0.0);
            assertEquals(f[i] > 0 ? 1 : 0, labels[i]);
            correct += labels[i] == s[1].labels()[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.93 * f.length, "test accuracy " + correct + " / " + f.length);
        double[] auc = m.validationCurve();
        assertTrue(auc[auc.length - 1] > 0.97, "validation AUC " + auc[auc.length - 1]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        var back = Models.read(new ByteArrayInputStream(out.toByteArray()), HistGradientBoostingClassifierModel.class, "mem",
                Models.Limits.DEFAULT);
        assertArrayEquals(p.toArray(), back.predictProba(x).toArray(), 0.0);
        var json = (HistGradientBoostingClassifierModel) HistGradientBoosting.fromJson(m.dumpJson());
        assertArrayEquals(p.toArray(), json.predictProba(x).toArray(), 0.0);
        // the multiclass custom model round-trips too
        Dataset iris = Datasets.dataset("iris");
        var mm = HistGradientBoosting.classifier().nEstimators(5).objective(MY_SOFTMAX).fit(iris);
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        Models.write(mm, out2, Map.of());
        var back2 = Models.read(new ByteArrayInputStream(out2.toByteArray()), HistGradientBoostingClassifierModel.class, "mem",
                Models.Limits.DEFAULT);
        assertArrayEquals(mm.predictProba(iris.features()).toArray(), back2.predictProba(iris.features()).toArray(), 0.0);
    }

    static Object[] multiPoints() {
        SplittableRandom r = new SplittableRandom(9);
        int[] ys = new int[40];
        double[][] fs = new double[40][4];
        for (int t = 0; t < 40; t++) {
            ys[t] = r.nextInt(4);
            for (int c = 0; c < 4; c++) {
                fs[t][c] = r.nextDouble(-3, 3);
            }
        }
        return new Object[] {ys, fs};
    }

    @Test
    void multiclassCheckerAcceptsCorrectAndCatchesWrongDerivatives() {
        Object[] pts = multiPoints();
        int[] ys = (int[]) pts[0];
        double[][] fs = (double[][]) pts[1];
        var ok = CustomMulticlassObjective.check(MY_SOFTMAX, ys, fs, 1e-6);
        assertTrue(ok.passes(1e-8), ok.toString());
        CustomMulticlassObjective badG = new CustomMulticlassObjective() {
            public String name() {
                return "bad_g";
            }

            public double loss(int y, double[] f) {
                return MY_SOFTMAX.loss(y, f);
            }

            public void derivatives(int y, double[] f, double[] g, double[] h) {
                MY_SOFTMAX.derivatives(y, f, g, h);
                g[0] += 0.1;
            }

            public double[] initScore(int[] y, double[] w, int k) {
                return new double[k];
            }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> CustomMulticlassObjective.check(badG, ys, fs, 1e-6));
        assertTrue(e.getMessage().contains("gradient") && e.getMessage().contains("class 0"), e.getMessage());
        CustomMulticlassObjective badH = new CustomMulticlassObjective() {
            public String name() {
                return "bad_h";
            }

            public double loss(int y, double[] f) {
                return MY_SOFTMAX.loss(y, f);
            }

            public void derivatives(int y, double[] f, double[] g, double[] h) {
                MY_SOFTMAX.derivatives(y, f, g, h);
                h[2] *= 2;
            }

            public double[] initScore(int[] y, double[] w, int k) {
                return new double[k];
            }
        };
        var e2 = assertThrows(IllegalArgumentException.class, () -> CustomMulticlassObjective.check(badH, ys, fs, 1e-6));
        assertTrue(e2.getMessage().contains("hessian") && e2.getMessage().contains("class 2"), e2.getMessage());
    }

    @Test
    void misuseIsRejected() {
        Dataset iris = Datasets.dataset("iris");
        var e = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.classifier().objective(MY_LOGLOSS).fit(iris));
        assertTrue(e.getMessage().contains("2 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.classifier().objective(CustomObjectiveTest.MY_L2));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().objective(MY_SOFTMAX));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().objective(PROBIT));
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.classifier().with("objective", "custom").fit(Datasets.dataset("breast_cancer")));
        assertTrue(e2.getMessage().contains("CustomObjective"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.classifier().with("objective", "custom").with("custom_link", "softmax").fit(iris));
        assertTrue(e3.getMessage().contains("CustomMulticlassObjective"), e3.getMessage());
        CustomMulticlassObjective nan = new CustomMulticlassObjective() {
            public String name() {
                return "nan_h";
            }

            public double loss(int y, double[] f) {
                return MY_SOFTMAX.loss(y, f);
            }

            public void derivatives(int y, double[] f, double[] g, double[] h) {
                MY_SOFTMAX.derivatives(y, f, g, h);
                h[1] = Double.NaN;
            }

            public double[] initScore(int[] y, double[] w, int k) {
                return new double[k];
            }
        };
        var e4 = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.classifier().nEstimators(2).objective(nan).fit(iris));
        assertTrue(e4.getMessage().contains("nan_h") && e4.getMessage().contains("class 1"), e4.getMessage());
        CustomMulticlassObjective shortInit = new CustomMulticlassObjective() {
            public String name() {
                return "short_init";
            }

            public double loss(int y, double[] f) {
                return MY_SOFTMAX.loss(y, f);
            }

            public void derivatives(int y, double[] f, double[] g, double[] h) {
                MY_SOFTMAX.derivatives(y, f, g, h);
            }

            public double[] initScore(int[] y, double[] w, int k) {
                return new double[k - 1];
            }
        };
        var e5 = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.classifier().nEstimators(2).objective(shortInit).fit(iris));
        assertTrue(e5.getMessage().contains("one per class"), e5.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> contractWithACustomSoftmax() {
        return LearnerContract.tests(HistGradientBoosting.classifier().nEstimators(8).objective(MY_SOFTMAX), Datasets.dataset("iris"),
                HistGradientBoostingContractTest.OPTIONS);
    }
}
