package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.learn.persist.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User objectives: a user's L2 reproduces the built-in one exactly; the finite-difference checker catches wrong derivatives. */
class CustomObjectiveTest {

    /** L2 as a library user would write it. */
    static final CustomObjective MY_L2 = new CustomObjective() {
        @Override
        public String name() {
            return "my_l2";
        }

        @Override
        public double loss(double y, double f) {
            return 0.5 * (f - y) * (f - y);
        }

        @Override
        public double gradient(double y, double f) {
            return f - y;
        }

        @Override
        public double hessian(double y, double f) {
            return 1;
        }

        @Override
        public double initScore(double[] y, double[] w) {
            double s = 0;
            double sw = 0;
            for (int i = 0; i < y.length; i++) {
                double wi = w == null ? 1 : w[i];
                s += wi * y[i];
                sw += wi;
            }
            return s / sw;
        }
    };

    /** Poisson deviance with a log link, but with a wrong gradient (e^f instead of e^f - y). */
    static final CustomObjective WRONG = new CustomObjective() {
        @Override
        public String name() {
            return "wrong_poisson";
        }

        @Override
        public double loss(double y, double f) {
            return Math.exp(f) - y * f;
        }

        @Override
        public double gradient(double y, double f) {
            return Math.exp(f);
        }

        @Override
        public double hessian(double y, double f) {
            return Math.exp(f);
        }

        @Override
        public double initScore(double[] y, double[] w) {
            return 0;
        }

        @Override
        public Link link() {
            return Link.LOG;
        }
    };

    static double[][] points() {
        SplittableRandom r = new SplittableRandom(2);
        double[] ys = new double[50];
        double[] fs = new double[50];
        for (int k = 0; k < 50; k++) {
            ys[k] = r.nextInt(5);
            fs[k] = r.nextDouble(-3, 3);
        }
        return new double[][] {ys, fs};
    }

    @Test
    void userL2ReproducesTheBuiltInExactly() {
        Dataset d = Datasets.dataset("diabetes");
        var learner = HistGradientBoosting.regressor().nEstimators(30).with("subsample", 0.8).with("colsample_bytree", 0.7).seed(3);
        var builtIn = learner.fit(d);
        var custom = learner.objective(MY_L2).fit(d);
        assertEquals("custom", custom.objective());
        assertArrayEquals(builtIn.predict(d.features()), custom.predict(d.features()), "bit-identical predictions");
        for (int t = 0; t < builtIn.trees().size(); t++) {
            assertArrayEquals(builtIn.trees().get(t).value(), custom.trees().get(t).value(), "tree " + t);
        }
        // training curve of the custom objective is its loss, the mean of r^2/2 = half the built-in MSE
        assertEquals(builtIn.report().lossCurve()[29] / 2, custom.report().lossCurve()[29], 1e-9 * builtIn.report().lossCurve()[29]);
    }

    @Test
    void checkerAcceptsCorrectAndCatchesWrongDerivatives() {
        double[][] p = points();
        var ok = CustomObjective.check(MY_L2, p[0], p[1], 1e-6);
        assertTrue(ok.passes(1e-8), ok.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> CustomObjective.check(WRONG, p[0], p[1], 1e-6));
        assertTrue(e.getMessage().contains("gradient"), e.getMessage());
        CustomObjective wrongHessian = new CustomObjective() {
            public String name() {
                return "bad_h";
            }

            public double loss(double y, double f) {
                return Math.exp(f) - y * f;
            }

            public double gradient(double y, double f) {
                return Math.exp(f) - y;
            }

            public double hessian(double y, double f) {
                return 2 * Math.exp(f);
            }

            public double initScore(double[] y, double[] w) {
                return 0;
            }
        };
        var e2 = assertThrows(IllegalArgumentException.class, () -> CustomObjective.check(wrongHessian, p[0], p[1], 1e-6));
        assertTrue(e2.getMessage().contains("hessian"), e2.getMessage());
    }

    @Test
    void logLinkPredictionsSurviveSaveAndLoad(@TempDir Path dir) throws Exception {
        CustomObjective poisson = new CustomObjective() {
            public String name() {
                return "my_poisson";
            }

            public double loss(double y, double f) {
                return Math.exp(f) - y * f;
            }

            public double gradient(double y, double f) {
                return Math.exp(f) - y;
            }

            public double hessian(double y, double f) {
                return Math.exp(f);
            }

            public double initScore(double[] y, double[] w) {
                return Math.log(MY_L2.initScore(y, w));
            }

            public Link link() {
                return Link.LOG;
            }
        };
        Dataset d = Datasets.dataset("diabetes");
        var learner = HistGradientBoosting.regressor().nEstimators(10);
        var builtIn = learner.with("objective", "poisson").fit(d);
        var custom = learner.objective(poisson).fit(d);
        assertEquals("log", custom.params().getString("custom_link"));
        double[] pb = builtIn.predict(d.features());
        double[] pc = custom.predict(d.features());
        for (int i = 0; i < pb.length; i++) {
            assertEquals(pb[i], pc[i], 1e-9 * pb[i], "row " + i);
        }
        Path f = dir.resolve("m.derive");
        Models.save(custom, f);
        assertArrayEquals(pc, Models.load(f, HistGradientBoostingRegressorModel.class).predict(d.features()));
        assertArrayEquals(pc, ((HistGradientBoostingRegressorModel) HistGradientBoosting.fromJson(custom.dumpJson())).predict(d.features()));
        assertTrue(Files.size(f) > 0);
    }

    @Test
    void misuseIsRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.regressor().with("objective", "custom").fit(Datasets.dataset("diabetes")));
        assertTrue(e.getMessage().contains("CustomObjective"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.classifier().objective(MY_L2));
    }
}
