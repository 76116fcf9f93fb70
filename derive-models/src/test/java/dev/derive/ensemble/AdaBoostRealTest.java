package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AdaBoost SAMME.R against scikit-learn 1.2.1 ({@code tools/gen_boost_losses_fixtures.py}:
 * AdaBoostClassifier(algorithm="SAMME.R", n_estimators=50, random_state=0) on stumps, iris and breast cancer)
 * and against its definition.
 */
class AdaBoostRealTest {

    static final Fixtures FX = Fixtures.load("boost_losses_sklearn.txt");

    private static void compare(String name, double tol) {
        Dataset d = AdaBoostTest.data(name);
        AdaBoostClassifierModel m = AdaBoost.classifier().algorithm("SAMME.R").fit(d);
        double[] fRef = FX.vector("ada_r_" + name + "_feature");
        double[] tRef = FX.vector("ada_r_" + name + "_threshold");
        assertEquals(fRef.length, m.trees().size(), name + " tree count");
        int same = 0;
        for (int t = 0; t < fRef.length; t++) {
            // a different feature is a tie between splits with the same partition (iris' first stump: petal
            // length or width); the probabilities below tell a real difference apart
            if ((int) fRef[t] == m.trees().get(t).feature()[0]
                    && Math.abs(tRef[t] - m.trees().get(t).threshold()[0]) <= 1e-9 * Math.max(1, Math.abs(tRef[t]))) {
                same++;
            }
        }
        System.out.printf("%s: %d of %d stumps split as scikit-learn's%n", name, same, fRef.length);
        Matrix ref = FX.matrix("ada_r_" + name + "_proba");
        GradientBoostingTest.close(ref.transpose().toArray(), m.predictProba(d.features()).transpose().toArray(), tol,
                name + " SAMME.R probabilities");
    }

    @Test
    void irisMatchesScikitLearn() {
        compare("iris", 1e-10);
    }

    @Test
    void breastCancerMatchesScikitLearn() {
        // all 50 stumps split as scikit-learn's, yet the probabilities differ by up to 7.0e-10 (absolute), above the
        // 1e-10 reached on iris: the leaf class weights agree to ~1e-16 after 1 and 5 rounds, ~1e-15 after 20 and
        // ~3e-12 after 50 (checked by hand), i.e. rounding differences (summation order of the row weights in the
        // leaves) grow through the iterated exp(-(K-1)/K y.log p) reweighting; a known gap, asserted at 1e-9
        compare("bc", 1e-9);
    }

    /** Two rounds by hand: the second stump is grown on weights exp(-(K-1)/K y.log p) of the first. */
    @Test
    void weightUpdateFromTheDefinition() {
        Dataset d = AdaBoostTest.data("iris");
        int n = d.size();
        int k = 3;
        AdaBoostClassifierModel one = AdaBoost.classifier().algorithm("SAMME.R").nEstimators(1).fit(d);
        var t0 = one.trees().get(0);
        double[] x = d.features().toArray();
        double[] w = new double[n];
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            AdaBoostClassifierModel.leafProba(t0, x, n, i, p);
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += (c == d.labels()[i] ? 1 : -0.5) * Math.log(p[c]);
            }
            w[i] = Math.exp(-(k - 1.0) / k * s) / n;
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        AdaBoostClassifierModel second = AdaBoost.classifier().algorithm("SAMME.R").nEstimators(1).fit(d.withWeights(w));
        AdaBoostClassifierModel two = AdaBoost.classifier().algorithm("SAMME.R").nEstimators(2).fit(d);
        assertEquals(second.trees().get(0).feature()[0], two.trees().get(1).feature()[0]);
        assertEquals(second.trees().get(0).threshold()[0], two.trees().get(1).threshold()[0]);
        // decision function: mean over the trees of (K-1)(log p - mean log p); rows sum to 0
        Matrix f = two.decisionFunction(d.features());
        for (int i = 0; i < n; i++) {
            assertEquals(0, f.get(i, 0) + f.get(i, 1) + f.get(i, 2), 1e-12);
        }
        assertTrue(two.report().lossCurve()[1] > 0);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true);
        return Stream.concat(LearnerContract.tests(AdaBoost.classifier().algorithm("SAMME.R").nEstimators(15), AdaBoostTest.data("iris"), o),
                LearnerContract.tests(AdaBoost.classifier().algorithm("SAMME.R").nEstimators(15).maxDepth(2), AdaBoostTest.data("bc"), o));
    }
}
