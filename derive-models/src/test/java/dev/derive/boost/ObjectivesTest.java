package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradients and hessians of every objective against central finite differences of its loss. */
class ObjectivesTest {

    static final double EPS = 1e-5;

    static void fd(Objective o, double y, double f) {
        double num = (o.loss(y, f + EPS) - o.loss(y, f - EPS)) / (2 * EPS);
        double g = o.gradient(y, f);
        assertEquals(num, g, 1e-6 * Math.max(1, Math.abs(g)), o.name() + " gradient at y=" + y + ", f=" + f);
        if (o.exactHessian()) {
            double numH = (o.gradient(y, f + EPS) - o.gradient(y, f - EPS)) / (2 * EPS);
            double h = o.hessian(y, f);
            assertEquals(numH, h, 1e-6 * Math.max(1, Math.abs(h)), o.name() + " hessian at y=" + y + ", f=" + f);
        }
    }

    @Test
    void scalarObjectivesMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        List<Objective> all = List.of(Objectives.regression("l2", 0.9, 1.5), Objectives.regression("l1", 0.9, 1.5),
                Objectives.regression("huber", 0.7, 1.5), Objectives.regression("quantile", 0.3, 1.5),
                Objectives.regression("poisson", 0.9, 1.5), Objectives.regression("gamma", 0.9, 1.5),
                Objectives.regression("tweedie", 0.9, 1.3), Objectives.binary());
        for (Objective o : all) {
            for (int t = 0; t < 200; t++) {
                double f = r.nextDouble(-3, 3);
                double y = switch (o.name()) {
                    case "binary" -> r.nextInt(2);
                    case "poisson", "tweedie" -> r.nextInt(5);
                    case "gamma" -> r.nextDouble(0.1, 5);
                    default -> r.nextDouble(-3, 3);
                };
                if (!o.exactHessian() && Math.abs(f - y) < 1e-3 || o.name().equals("huber") && Math.abs(Math.abs(f - y) - 0.7) < 1e-3) {
                    continue;  // kinks of l1 / quantile / huber
                }
                fd(o, y, f);
            }
        }
    }

    @Test
    void huberHessianIsExactInsideItsQuadraticZone() {
        Objective o = Objectives.regression("huber", 1.0, 1.5);
        double numH = (o.gradient(0.2, 0.5 + EPS) - o.gradient(0.2, 0.5 - EPS)) / (2 * EPS);
        assertEquals(numH, o.hessian(0.2, 0.5), 1e-8);
    }

    @Test
    void softmaxMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(5);
        int k = 4;
        int n = 30;
        Objective o = Objectives.multiclass(k);
        double[] raw = new double[n * k];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
            for (int c = 0; c < k; c++) {
                raw[i * k + c] = r.nextDouble(-3, 3);
            }
        }
        double[] g = new double[n * k];
        double[] h = new double[n * k];
        o.gradients(y, null, raw, g, h);
        double[] gp = new double[n * k];
        double[] gm = new double[n * k];
        double[] hh = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double keep = raw[i * k + c];
                raw[i * k + c] = keep + EPS;
                double lp = o.rowLoss(y[i], raw, i);
                o.gradients(y, null, raw, gp, hh);
                raw[i * k + c] = keep - EPS;
                double lm = o.rowLoss(y[i], raw, i);
                o.gradients(y, null, raw, gm, hh);
                raw[i * k + c] = keep;
                assertEquals((lp - lm) / (2 * EPS), g[c * n + i], 1e-7, "softmax gradient row " + i + " class " + c);
                assertEquals((gp[c * n + i] - gm[c * n + i]) / (2 * EPS), h[c * n + i], 1e-7, "softmax hessian row " + i + " class " + c);
            }
        }
    }

    @Test
    void weightsScaleGradientsAndInitScoresMinimiseTheLoss() {
        Objective o = Objectives.binary();
        double[] y = {0, 1, 1, 1};
        double[] w = {1, 2, 0.5, 0.5};
        double[] raw = {0.3, -0.2, 0.1, 0.0};
        double[] g = new double[4];
        double[] h = new double[4];
        o.gradients(y, w, raw, g, h);
        for (int i = 0; i < 4; i++) {
            assertEquals(w[i] * o.gradient(y[i], raw[i]), g[i], 1e-15);
            assertEquals(w[i] * o.hessian(y[i], raw[i]), h[i], 1e-15);
        }
        // at the initial score the weighted gradient sum vanishes (smooth objectives with a closed-form minimiser)
        double[] yy = {0.5, 2, 3, 7, 1};
        double[] ww = {1, 2, 1, 0.5, 3};
        for (Objective ob : List.of(Objectives.regression("l2", 0.9, 1.5), Objectives.regression("poisson", 0.9, 1.5),
                Objectives.regression("gamma", 0.9, 1.5), Objectives.binary())) {
            double[] ys = ob.name().equals("binary") ? new double[] {0, 1, 1, 0, 1} : yy;
            double f0 = ob.initScore(ys, ww)[0];
            double s = 0;
            for (int i = 0; i < ys.length; i++) {
                s += ww[i] * ob.gradient(ys[i], f0);
            }
            assertEquals(0, s, 1e-12, ob.name() + " init score is not the minimiser");
        }
        assertEquals(2, Objectives.regression("l1", 0.9, 1.5).initScore(yy, null)[0]);
        assertThrows(IllegalArgumentException.class, () -> Objectives.regression("poisson", 0.9, 1.5).checkTarget(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> Objectives.regression("gamma", 0.9, 1.5).checkTarget(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Objectives.regression("tweedie", 0.9, 2.5));
    }

    /** The fused end-of-round pass gives bit for bit the gradients and metric of the two separate passes. */
    @Test
    void fusedGradientsAndMetricEqualTheSeparatePasses() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 20_000;  // several metric blocks
        double[] y = new double[n];
        double[] raw = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            raw[i] = i % 1000 == 0 ? (i % 2000 == 0 ? 800 : -800) : 6 * r.nextGaussian();
            w[i] = i % 7 == 0 ? 0 : r.nextDouble() * 3;
        }
        for (Objective o : List.of(Objectives.binary(), Objectives.regression("l2", 0.9, 1.5))) {
            for (double[] wt : new double[][] {null, w}) {
                double[] g1 = new double[n];
                double[] h1 = new double[n];
                double[] g2 = new double[n];
                double[] h2 = new double[n];
                o.gradients(y, wt, raw, g1, h1);
                double m1 = o.metric(y, wt, raw);
                double m2 = o.gradientsAndMetric(y, wt, raw, g2, h2);
                org.junit.jupiter.api.Assertions.assertArrayEquals(g1, g2, o.name());
                org.junit.jupiter.api.Assertions.assertArrayEquals(h1, h2, o.name());
                org.junit.jupiter.api.Assertions.assertEquals(m1, m2, 0.0, o.name());
                org.junit.jupiter.api.Assertions.assertTrue(Double.isFinite(m2));
            }
        }
    }
}
