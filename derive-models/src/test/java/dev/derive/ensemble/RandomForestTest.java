package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import dev.derive.tree.DecisionTree;
import dev.derive.tree.Tree;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Random forest: determinism across thread counts, OOB, importances, reduction to one tree, contract. */
class RandomForestTest {

    static final Fixtures CART = Fixtures.load("cart_sklearn.txt");
    static final Dataset WINE = Dataset.classification(CART.matrix("wine_X"),
            Arrays.stream(CART.vector("wine_y")).mapToInt(d -> (int) d).toArray());
    static final Dataset DIABETES = Dataset.regression(CART.matrix("diabetes_X"), CART.vector("diabetes_y"));

    @Test
    void bitIdenticalWhateverTheThreadCount() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            RandomForestClassifierModel c1 = RandomForest.classifier().nEstimators(40).oobScore(true).seed(5).fit(WINE);
            RandomForestRegressorModel r1 = RandomForest.regressor().nEstimators(30).maxFeatures("sqrt").oobScore(true).seed(5).fit(DIABETES);
            Matrix p1 = c1.predictProba(WINE.features());
            double[] y1 = r1.predict(DIABETES.features());
            Parallelism.setThreads(2);
            RandomForestClassifierModel c2 = RandomForest.classifier().nEstimators(40).oobScore(true).seed(5).fit(WINE);
            RandomForestRegressorModel r2 = RandomForest.regressor().nEstimators(30).maxFeatures("sqrt").oobScore(true).seed(5).fit(DIABETES);
            for (int t = 0; t < 40; t++) {
                assertArrayEquals(c1.trees().get(t).threshold(), c2.trees().get(t).threshold(), 0.0, "tree " + t);
                assertArrayEquals(c1.trees().get(t).value(), c2.trees().get(t).value(), 0.0, "tree " + t);
            }
            assertEquals(0, p1.maxAbsDiff(c2.predictProba(WINE.features())));
            assertArrayEquals(y1, r2.predict(DIABETES.features()), 0.0);
            assertEquals(c1.oobScore(), c2.oobScore(), 0.0);
            assertEquals(r1.oobScore(), r2.oobScore(), 0.0);
            // prediction with 2 threads of a model grown with 1 equals prediction with 1 thread
            assertEquals(0, p1.maxAbsDiff(c1.predictProba(WINE.features())));
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void extraTreesBitIdenticalWhateverTheThreadCount() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            RandomForestClassifierModel c1 = RandomForest.extraTreesClassifier().nEstimators(12).seed(3).fit(WINE);
            RandomForestRegressorModel r1 = RandomForest.extraTreesRegressor().nEstimators(10).bootstrap(true).oobScore(true).seed(3)
                    .fit(DIABETES);
            Parallelism.setThreads(2);
            RandomForestClassifierModel c2 = RandomForest.extraTreesClassifier().nEstimators(12).seed(3).fit(WINE);
            RandomForestRegressorModel r2 = RandomForest.extraTreesRegressor().nEstimators(10).bootstrap(true).oobScore(true).seed(3)
                    .fit(DIABETES);
            for (int t = 0; t < 12; t++) {
                dev.derive.tree.FlatForestTest.assertSameTree(c1.trees().get(t), c2.trees().get(t), "classifier tree " + t);
            }
            for (int t = 0; t < 10; t++) {
                dev.derive.tree.FlatForestTest.assertSameTree(r1.trees().get(t), r2.trees().get(t), "regressor tree " + t);
            }
            assertEquals(r1.oobScore(), r2.oobScore(), 0.0);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void seedsMatter() {
        Matrix a = RandomForest.classifier().nEstimators(10).seed(1).fit(WINE).predictProba(WINE.features());
        Matrix b = RandomForest.classifier().nEstimators(10).seed(2).fit(WINE).predictProba(WINE.features());
        assertTrue(a.maxAbsDiff(b) > 0);
    }

    @Test
    void oneTreeWithoutBootstrapOnAllFeaturesIsCart() {
        RandomForestClassifierModel f = RandomForest.classifier().nEstimators(1).bootstrap(false).maxFeatures("all").fit(WINE);
        Tree t = DecisionTree.classifier().fit(WINE).tree();
        assertArrayEquals(t.feature(), f.trees().get(0).feature());
        assertArrayEquals(t.threshold(), f.trees().get(0).threshold(), 0.0);
        RandomForestRegressorModel r = RandomForest.regressor().nEstimators(1).bootstrap(false).maxDepth(5).fit(DIABETES);
        assertArrayEquals(DecisionTree.regressor().maxDepth(5).fit(DIABETES).predict(DIABETES.features()),
                r.predict(DIABETES.features()), 0.0);
    }

    @Test
    void probabilitiesAreTheMeanOfTreeShares() {
        RandomForestClassifierModel f = RandomForest.classifier().nEstimators(7).seed(3).fit(WINE);
        Matrix p = f.predictProba(WINE.features());
        int[] pred = f.predict(WINE.features());
        for (int i = 0; i < WINE.size(); i += 17) {
            double[] mean = new double[3];
            for (Tree t : f.trees()) {
                int leaf = t.apply(WINE.features().block(i, 0, 1, 13).copy())[0];
                double[] v = t.value();
                double s = v[leaf * 3] + v[leaf * 3 + 1] + v[leaf * 3 + 2];
                for (int c = 0; c < 3; c++) {
                    mean[c] += v[leaf * 3 + c] / s / 7;
                }
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(mean[c], p.get(i, c), 1e-12);
            }
            assertEquals(p.get(i, pred[i]), Math.max(p.get(i, 0), Math.max(p.get(i, 1), p.get(i, 2))));
        }
    }

    @Test
    void outOfBagScore() {
        RandomForestClassifierModel c = RandomForest.classifier().nEstimators(60).oobScore(true).seed(4).fit(WINE);
        assertTrue(c.oobScore() > 0.9 && c.oobScore() <= 1, "oob accuracy " + c.oobScore());
        assertEquals(c.oobScore(), c.report().extra().get("oob_score"), 0.0);
        RandomForestRegressorModel r = RandomForest.regressor().nEstimators(60).oobScore(true).seed(4).fit(DIABETES);
        assertTrue(r.oobScore() > 0.3 && r.oobScore() < 0.6, "oob R^2 " + r.oobScore());
        assertTrue(Double.isNaN(RandomForest.classifier().nEstimators(3).fit(WINE).oobScore()));
        // with 2 trees many rows are never out of bag: a warning says so
        RandomForestClassifierModel few = RandomForest.classifier().nEstimators(2).oobScore(true).fit(WINE);
        assertTrue(few.report().warnings().stream().anyMatch(w -> w.contains("never out of bag")), few.report().warnings().toString());
        var e = assertThrows(IllegalArgumentException.class, () -> RandomForest.classifier().bootstrap(false).oobScore(true).fit(WINE));
        assertTrue(e.getMessage().contains("oob_score"), e.getMessage());
    }

    @Test
    void importancesSumToOne() {
        double[] imp = RandomForest.classifier().nEstimators(20).fit(WINE).featureImportances();
        assertEquals(1.0, Arrays.stream(imp).sum(), 1e-12);
        assertTrue(Arrays.stream(imp).allMatch(v -> v >= 0));
        // the forest spreads importance over more features than one tree does
        long forestUsed = Arrays.stream(imp).filter(v -> v > 0).count();
        long treeUsed = Arrays.stream(DecisionTree.classifier().fit(WINE).featureImportances()).filter(v -> v > 0).count();
        assertTrue(forestUsed > treeUsed, forestUsed + " vs " + treeUsed);
    }

    /** Penguins (bundled) has missing measurements and categorical features (island, sex) used as codes. */
    @Test
    void penguinsWithMissingValues() {
        Dataset d = dev.derive.data.Datasets.dataset("penguins");
        boolean anyMissing = false;
        for (int j = 0; j < d.featureCount(); j++) {
            for (int i = 0; i < d.size(); i++) {
                anyMissing |= Double.isNaN(d.features().get(i, j));
            }
        }
        assertTrue(anyMissing, "penguins should have missing values");
        RandomForestClassifierModel m = RandomForest.classifier().nEstimators(50).oobScore(true).seed(1).fit(d);
        assertTrue(m.oobScore() > 0.95, "OOB accuracy " + m.oobScore());
        assertTrue(DecisionTree.classifier().fit(d).tree().leafCount() > 1);
    }

    @Test
    void classWeightsChangeTheForest() {
        Matrix none = RandomForest.classifier().nEstimators(5).fit(WINE).predictProba(WINE.features());
        for (String cw : List.of("balanced", "balanced_subsample")) {
            Matrix p = RandomForest.classifier().nEstimators(5).with("class_weight", cw).fit(WINE).predictProba(WINE.features());
            assertFalse(none.maxAbsDiff(p) == 0, cw);
        }
    }

    @Test
    void defaultsFollowScikitLearn() {
        assertEquals("sqrt", RandomForest.classifier().params().get("max_features"));
        assertEquals("1.0", RandomForest.regressor().params().get("max_features"));
        assertEquals(100, RandomForest.classifier().params().getInt("n_estimators"));
        assertTrue(LearnerRegistry.create("random_forest", Dataset.Task.CLASSIFICATION) instanceof RandomForest<?>);
        assertTrue(LearnerRegistry.create("random_forest", Dataset.Task.REGRESSION) instanceof RandomForest<?>);
    }

    /**
     * Bootstrap samples are drawn by row index, so shuffling the training rows changes which rows each
     * tree sees: the forest is not row-order invariant (as scikit-learn's). Missing values are supported.
     */
    static final LearnerContract.Options OPTIONS = LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true);

    @Test
    void extraTreesAreDeterministicAcrossThreadsAndDifferFromForests() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            Matrix a = RandomForest.extraTreesClassifier().nEstimators(20).seed(3).fit(WINE).predictProba(WINE.features());
            Parallelism.setThreads(2);
            RandomForestClassifierModel m = RandomForest.extraTreesClassifier().nEstimators(20).seed(3).fit(WINE);
            assertEquals(0, a.maxAbsDiff(m.predictProba(WINE.features())));
            assertEquals(RandomForest.EXTRA_CLASSIFIER_KIND, m.kind());
            assertFalse(m.params().getBoolean("bootstrap"));
            // random thresholds are not midpoints: the same seed without random splits grows other trees
            RandomForestClassifierModel rf = RandomForest.classifier().nEstimators(20).bootstrap(false).seed(3).fit(WINE);
            assertFalse(Arrays.equals(rf.trees().get(0).threshold(), m.trees().get(0).threshold()));
        } finally {
            Parallelism.setThreads(before);
        }
        assertTrue(LearnerRegistry.create("extra_trees", Dataset.Task.REGRESSION) instanceof RandomForest<?> r && r.extraTrees());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.concat(
                LearnerContract.tests(RandomForest.classifier().nEstimators(10).oobScore(true).seed(9), WINE, OPTIONS),
                Stream.concat(LearnerContract.tests(RandomForest.regressor().nEstimators(8).maxDepth(6).seed(9), DIABETES, OPTIONS),
                        Stream.concat(
                                LearnerContract.tests(RandomForest.extraTreesClassifier().nEstimators(8).seed(2), WINE, OPTIONS),
                                LearnerContract.tests(RandomForest.extraTreesRegressor().nEstimators(6).seed(2), DIABETES, OPTIONS))));
    }
}
