package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AdaBoost.R2: the round update on a hand example, the weighted-median prediction from the definition, and
 * cross-validated R^2 on diabetes against scikit-learn 1.2.1's AdaBoostRegressor (whose bootstrap draws cannot
 * be reproduced: {@code tools/gen_boost_losses_fixtures.py}).
 */
class AdaBoostR2Test {

    static final Fixtures FX = Fixtures.load("boost_losses_sklearn.txt");
    static final Fixtures FOREST = Fixtures.load("forest_sklearn.txt");
    static final Dataset DIABETES = GradientBoostingTest.DIABETES;

    /** Residuals 0, 1, 2, 4 with equal weights: e = 0, .25, .5, 1, L = .4375, beta = 7/9. */
    @Test
    void roundByHand() {
        double[] res = {0, 1, 2, 4};
        double[] w = {0.25, 0.25, 0.25, 0.25};
        AdaBoostR2.Round r = AdaBoostR2.round(res, w, "linear", 1.0);
        assertEquals(0.4375, r.error(), 1e-15);
        assertEquals(0.4375 / 0.5625, r.beta(), 1e-15);
        double b = 7.0 / 9.0;
        assertArrayEquals(new double[] {0.25 * b, 0.25 * Math.pow(b, 0.75), 0.25 * Math.pow(b, 0.5), 0.25}, r.weights(), 1e-15);
        // square: e^2 = 0, 1/16, 1/4, 1 -> L = (0 + .0625 + .25 + 1) / 4
        assertEquals(1.3125 / 4, AdaBoostR2.round(res, w, "square", 1.0).error(), 1e-15);
        // exponential: 1 - exp(-e)
        double ex = (0 + (1 - Math.exp(-0.25)) + (1 - Math.exp(-0.5)) + (1 - Math.exp(-1))) / 4;
        assertEquals(ex, AdaBoostR2.round(res, w, "exponential", 1.0).error(), 1e-15);
        // a zero-weight row neither counts in the max nor changes
        AdaBoostR2.Round z = AdaBoostR2.round(new double[] {1, 2, 100}, new double[] {0.5, 0.5, 0}, "linear", 1.0);
        assertEquals(0.75, z.error(), 1e-15);
        assertEquals(0, z.weights()[2]);
    }

    /** Prediction = weighted median of the trees, weights log(1/beta) = log((1 - L) / L) from the recorded L. */
    @Test
    void weightedMedianPrediction() {
        AdaBoostRegressorModel m = AdaBoostR2.regressor().nEstimators(7).seed(2).fit(DIABETES);
        double[] e = m.estimatorErrors();
        double[] a = m.estimatorWeights();
        for (int t = 0; t < e.length; t++) {
            assertEquals(Math.log((1 - e[t]) / e[t]), a[t], 1e-12);
        }
        double[] x = DIABETES.features().toArray();
        int n = DIABETES.size();
        double[] pred = m.predict(DIABETES.features());
        double total = Arrays.stream(a).sum();
        for (int i = 0; i < n; i += 17) {
            int ii = i;
            double[] h = m.trees().stream().mapToDouble(t -> t.value()[t.leaf(x, n, ii)]).toArray();
            // the median: weight of predictions below it < half, weight at or below it >= half
            double below = 0;
            double atOrBelow = 0;
            for (int t = 0; t < h.length; t++) {
                below += h[t] < pred[i] ? a[t] : 0;
                atOrBelow += h[t] <= pred[i] ? a[t] : 0;
            }
            assertTrue(below < 0.5 * total && atOrBelow >= 0.5 * total * (1 - 1e-12), "row " + i);
            final double p = pred[i];
            assertTrue(Arrays.stream(h).anyMatch(v -> v == p));
        }
    }

    /** 5-fold R^2 on diabetes within 0.05 of scikit-learn's for each loss. */
    @Test
    void accuracyAsScikitLearn() {
        int[] fold = Arrays.stream(FOREST.vector("diabetes_fold")).mapToInt(v -> (int) v).toArray();
        for (String loss : new String[] {"linear", "square", "exponential"}) {
            double total = 0;
            for (int f = 0; f < 5; f++) {
                int ff = f;
                Dataset tr = DIABETES.subset(IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray());
                Dataset te = DIABETES.subset(IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray());
                double[] p = AdaBoostR2.regressor().loss(loss).fit(tr).predict(te.features());
                double[] y = te.target();
                double mean = Arrays.stream(y).average().orElseThrow();
                double ss = 0;
                double st = 0;
                for (int i = 0; i < y.length; i++) {
                    ss += (y[i] - p[i]) * (y[i] - p[i]);
                    st += (y[i] - mean) * (y[i] - mean);
                }
                total += 1 - ss / st;
            }
            double ours = total / 5;
            double theirs = FX.vector("ada_reg_" + loss + "_cv")[0];
            System.out.printf("AdaBoost.R2 %s: CV R^2 %.4f, scikit-learn %.4f%n", loss, ours, theirs);
            assertTrue(Math.abs(ours - theirs) <= 0.05, loss + ": " + ours + " vs " + theirs);
        }
    }

    @Test
    void registered() {
        assertEquals(AdaBoost.NAME, LearnerRegistry.create("adaboost", Dataset.Task.REGRESSION).name());
        assertTrue(LearnerRegistry.create("adaboost", Dataset.Task.REGRESSION) instanceof AdaBoostR2);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true);
        return Stream.concat(LearnerContract.tests(AdaBoostR2.regressor().nEstimators(10).seed(3), DIABETES, o),
                LearnerContract.tests(AdaBoostR2.regressor().loss("square").nEstimators(10).seed(3), DIABETES, o));
    }
}
