package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.learn.Classifier;
import dev.derive.testing.Fixtures;
import dev.derive.tree.DecisionTree;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * CART, random forests, extremely randomised trees, AdaBoost (SAMME) and gradient boosting on the digits data (the
 * bundled 1,797 x 64 set, 10 classes) against scikit-learn 1.2.1 ({@code tools/gen_digits_fixtures.py}): with the
 * same parameters and the same 5 fixed folds, Derive's mean cross-validated accuracy (seed 0) is within 2 points of
 * scikit-learn's mean over its seeds 0, 1, 2, and within 3 points for a single CART tree (on integer pixels many
 * splits tie, and the two libraries break ties differently: scikit-learn by a seeded feature shuffle, Derive by
 * feature index). The random streams differ, so only the quality can agree; scikit-learn's own seed-to-seed spread
 * of these means is at most 0.6 points.
 */
class DigitsSklearnTest {

    static final Fixtures FX = Fixtures.load("digits_sklearn.txt");
    static final Dataset DIGITS = Datasets.dataset("digits");

    static void compare(String model, double margin, Function<Dataset, Classifier> fit) {
        SklearnCv.compare("digits", DIGITS, FX, model, margin, fit);
    }

    @Test
    void sameRowsAndLabelsAsTheFixture() {
        assertEquals(1797, DIGITS.size());
        assertEquals(64, DIGITS.featureCount());
        int[] want = Arrays.stream(FX.vector("digits_y")).mapToInt(v -> (int) v).toArray();
        assertArrayEquals(want, DIGITS.labels(), "class index = digit, rows in the fixture's order");
    }

    @Test
    void cart() {
        compare("cart", 0.03, d -> DecisionTree.classifier().seed(0).fit(d));
    }

    @Test
    void randomForest() {
        compare("rf", 0.02, d -> RandomForest.classifier().seed(0).fit(d));
    }

    @Test
    void extraTrees() {
        compare("et", 0.02, d -> RandomForest.extraTreesClassifier().seed(0).fit(d));
    }

    @Test
    void adaBoostSammeDepth3() {
        compare("ada", 0.02, d -> AdaBoost.classifier().maxDepth(3).nEstimators(50).seed(0).fit(d));
    }

    @Test
    void gradientBoosting() {
        compare("gbdt", 0.02, d -> GradientBoosting.classifier().with("n_estimators", 10).with("max_depth", 3)
                .with("learning_rate", 0.1).with("seed", 0L).fit(d));
    }
}
