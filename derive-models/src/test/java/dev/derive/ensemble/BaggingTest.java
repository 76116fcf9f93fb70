package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.Regressor;
import dev.derive.linalg.Matrix;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.runtime.Parallelism;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import dev.derive.tree.DecisionTree;
import dev.derive.tree.DecisionTreeClassifierModel;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bagging: the aggregation is the mean of base models refitted on the recorded draws, without resampling
 * it reduces to the base learner, the out-of-bag score equals one computed by hand, the result is
 * bit-identical whatever the thread count, and the learner contract holds (CART, k-NN and ridge bases).
 */
class BaggingTest {

    static final Fixtures CART = Fixtures.load("cart_sklearn.txt");
    static final Dataset WINE = Dataset.classification(CART.matrix("wine_X"),
            Arrays.stream(CART.vector("wine_y")).mapToInt(d -> (int) d).toArray());
    static final Dataset DIABETES = Dataset.regression(CART.matrix("diabetes_X"), CART.vector("diabetes_y"));

    @Test
    void withoutResamplingItIsTheBaseLearner() {
        DecisionTreeClassifierModel tree = DecisionTree.classifier().fit(WINE);
        BaggingClassifierModel bag = Bagging.classifier().estimators(3).bootstrap(false).fit(WINE);
        assertEquals(0, tree.predictProba(WINE.features()).maxAbsDiff(bag.predictProba(WINE.features())));
        assertArrayEquals(tree.predict(WINE.features()), bag.predict(WINE.features()));
    }

    @Test
    void regressionIsTheMeanOfRefittedBaseModels() {
        Bagging<BaggingRegressorModel> learner = Bagging.regressor(DecisionTree.regressor().maxDepth(4))
                .estimators(5).maxSamples("0.7").maxFeatures("0.5").seed(11);
        BaggingRegressorModel m = learner.fit(DIABETES);
        // replay the draws of the documented seeding scheme
        java.util.SplittableRandom master = new java.util.SplittableRandom(11);
        double[] mean = new double[DIABETES.size()];
        for (int t = 0; t < 5; t++) {
            Bagging.Draw d = Bagging.draw(master.nextLong(), DIABETES.size(), 10, (int) (0.7 * 442), 5, true, false);
            assertArrayEquals(d.features(), m.features(t), "features of estimator " + t);
            Regressor r = DecisionTree.regressor().maxDepth(4).seed(d.baseSeed()).fit(Bagging.restrict(DIABETES, d.rows(), d.features()));
            double[] p = r.predict(Bagging.columns(DIABETES.features(), d.features()));
            for (int i = 0; i < mean.length; i++) {
                mean[i] += p[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= 5;
        }
        assertArrayEquals(mean, m.predict(DIABETES.features()), 1e-12);
    }

    /**
     * The estimators grown in the workspaces bagging lends to its tree fits (one per thread, reused from fit to fit,
     * on draws of different sizes) are, array for array, the trees fitted alone on the same draws.
     */
    @Test
    void lentWorkspacesGiveTheTreesFittedAlone() {
        int saved = Parallelism.threads();
        try {
            Parallelism.setThreads(1); // one workspace for all estimators
            for (String maxSamples : new String[] {"1.0", "0.6"}) {
                Bagging<BaggingClassifierModel> learner = Bagging.classifier(DecisionTree.classifier().with("max_features", "sqrt"))
                        .estimators(6).maxSamples(maxSamples).maxFeatures("0.7").seed(4);
                BaggingClassifierModel m = learner.fit(WINE);
                java.util.SplittableRandom master = new java.util.SplittableRandom(4);
                int rows = (int) (Double.parseDouble(maxSamples) * WINE.size());
                int feats = (int) (0.7 * WINE.featureCount());
                for (int t = 0; t < 6; t++) {
                    Bagging.Draw d = Bagging.draw(master.nextLong(), WINE.size(), WINE.featureCount(), rows, feats, true, false);
                    assertArrayEquals(d.features(), m.features(t), "features of estimator " + t);
                    DecisionTreeClassifierModel alone = DecisionTree.classifier().with("max_features", "sqrt").seed(d.baseSeed())
                            .fit(Bagging.restrict(WINE, d.rows(), d.features()));
                    dev.derive.tree.FlatForestTest.assertSameTree(alone.tree(), ((DecisionTreeClassifierModel) m.models().get(t)).tree(),
                            "estimator " + t + ", max_samples " + maxSamples);
                }
            }
        } finally {
            Parallelism.setThreads(saved);
        }
    }

    @Test
    void outOfBagScoreByHand() {
        BaggingClassifierModel m = Bagging.classifier(KNeighbors.classifier()).estimators(8).oobScore(true).seed(3).fit(WINE);
        java.util.SplittableRandom master = new java.util.SplittableRandom(3);
        int n = WINE.size();
        int k = 3;
        double[] sum = new double[n * k];
        int[] votes = new int[n];
        for (int t = 0; t < 8; t++) {
            Bagging.Draw d = Bagging.draw(master.nextLong(), n, 13, n, 13, true, false);
            boolean[] in = new boolean[n];
            for (int r : d.rows()) {
                in[r] = true;
            }
            Matrix p = ((Classifier) m.models().get(t)).predictProba(WINE.features());
            for (int i = 0; i < n; i++) {
                if (!in[i]) {
                    votes[i]++;
                    for (int c = 0; c < k; c++) {
                        sum[i * k + c] += p.get(i, c);
                    }
                }
            }
        }
        int used = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] > 0) {
                used++;
                int best = 0;
                for (int c = 1; c < k; c++) {
                    best = sum[i * k + c] > sum[i * k + best] ? c : best;
                }
                correct += best == WINE.labels()[i] ? 1 : 0;
            }
        }
        assertEquals((double) correct / used, m.oobScore(), 1e-15);
        assertTrue(m.oobScore() > 0.5, "k-NN on wine is better than chance: " + m.oobScore());
        assertThrows(IllegalArgumentException.class, () -> Bagging.classifier().bootstrap(false).oobScore(true).fit(WINE));
    }

    @Test
    void bitIdenticalWhateverTheThreadCount() {
        int before = Parallelism.threads();
        try {
            Bagging<BaggingClassifierModel> c = Bagging.classifier().estimators(12).maxFeatures("0.6").oobScore(true).seed(9);
            Bagging<BaggingRegressorModel> r = Bagging.regressor().estimators(12).maxSamples("0.5").bootstrapFeatures(true).seed(9);
            Parallelism.setThreads(1);
            BaggingClassifierModel c1 = c.fit(WINE);
            BaggingRegressorModel r1 = r.fit(DIABETES);
            Matrix p1 = c1.predictProba(WINE.features());
            double[] y1 = r1.predict(DIABETES.features());
            Parallelism.setThreads(2);
            BaggingClassifierModel c2 = c.fit(WINE);
            assertEquals(0, p1.maxAbsDiff(c2.predictProba(WINE.features())));
            assertArrayEquals(y1, r.fit(DIABETES).predict(DIABETES.features()), 0.0);
            assertEquals(c1.oobScore(), c2.oobScore(), 0.0);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void badParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bagging.classifier().maxFeatures("20").fit(WINE));
        assertTrue(e.getMessage().contains("max_features"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bagging.classifier().estimators(0));
        assertThrows(IllegalArgumentException.class, () -> Bagging.classifier(Ridge.learner()));
    }

    static Dataset small(Dataset d, int n) {
        return d.subset(IntStream.range(0, n).map(i -> i * (d.size() / n)).toArray());
    }

    @TestFactory
    Stream<DynamicTest> contractCart() {
        return Stream.concat(
                LearnerContract.tests(Bagging.classifier().estimators(5).maxFeatures("0.7").seed(1), small(WINE, 90),
                        LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true)),
                LearnerContract.tests(Bagging.regressor().estimators(5).seed(1), small(DIABETES, 120),
                        LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true)));
    }

    @TestFactory
    Stream<DynamicTest> contractOtherBases() {
        return Stream.concat(
                LearnerContract.tests(Bagging.classifier(KNeighbors.classifier()).estimators(4).seed(2), small(WINE, 90),
                        LearnerContract.Options.DEFAULT.withOrderInvariant(false)),
                LearnerContract.tests(Bagging.regressor(Ridge.learner()).estimators(4).maxFeatures("0.5").seed(2), small(DIABETES, 120),
                        LearnerContract.Options.DEFAULT.withOrderInvariant(false)));
    }
}
