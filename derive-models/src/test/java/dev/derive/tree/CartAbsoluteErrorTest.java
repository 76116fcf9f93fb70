package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code absolute_error} regression criterion against scikit-learn 1.2.1 on diabetes
 * ({@code tools/gen_ccp_fixtures.py}): the same tree node for node (split features and thresholds,
 * median leaf values, impurities) and the same predictions; and against the mathematics (a leaf value
 * minimises the weighted absolute deviation of its rows).
 */
class CartAbsoluteErrorTest {

    static final Fixtures FX = Fixtures.load("ccp_sklearn.txt");
    static final Fixtures DATA = Fixtures.load("cart_sklearn.txt");

    static Dataset diabetes() {
        return Dataset.regression(DATA.matrix("diabetes_X"), DATA.vector("diabetes_y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"diabetes_mae_d3", "diabetes_mae_leaf20"})
    void sameTreeAsScikitLearn(String c) {
        DecisionTree<DecisionTreeRegressorModel> learner = DecisionTree.regressor().criterion("absolute_error");
        learner = c.endsWith("d3") ? learner.maxDepth(3) : learner.minSamplesLeaf(20);
        Dataset d = diabetes();
        Tree t = learner.fit(d).tree();
        double[] feature = FX.vector(c + "_feature");
        assertEquals(feature.length, t.nodeCount(), c + ": node count");
        double[] thr = FX.vector(c + "_threshold");
        double[] left = FX.vector(c + "_left");
        double[] value = FX.vector(c + "_value");
        double[] imp = FX.vector(c + "_impurity");
        for (int i = 0; i < feature.length; i++) {
            assertEquals((int) feature[i], t.feature[i], c + ": feature of node " + i);
            assertEquals(thr[i], t.threshold[i], 0.0, c + ": threshold of node " + i);
            assertEquals((int) left[i], t.left[i], c + ": left child of node " + i);
            assertEquals(value[i], t.value[i], 1e-12 * Math.abs(value[i]), c + ": median of node " + i);
            assertEquals(imp[i], t.impurity[i], 1e-10 * Math.abs(imp[i]), c + ": impurity of node " + i);
        }
        double[] pred = FX.vector(c + "_pred");
        double[] got = learner.fit(d).predict(d.features());
        for (int i = 0; i < pred.length; i++) {
            assertEquals(pred[i], got[i], 1e-12 * Math.abs(pred[i]), c + ": prediction " + i);
        }
    }

    @Test
    void leafValuesMinimiseAbsoluteDeviationWithWeights() {
        Dataset d = diabetes();
        double[] w = new double[d.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (i * 7) % 4;
        }
        Dataset dw = d.withWeights(w);
        Tree t = DecisionTree.regressor().criterion("absolute_error").maxDepth(4).fit(dw).tree();
        int[] leaves = t.apply(d.features());
        double[] y = d.target();
        for (int leaf = 0; leaf < t.nodeCount(); leaf++) {
            if (t.left[leaf] != -1) {
                continue;
            }
            double m = t.value[leaf];
            double at = 0;
            double up = 0;
            double down = 0;
            double total = 0;
            for (int i = 0; i < y.length; i++) {
                if (leaves[i] == leaf) {
                    at += w[i] * Math.abs(y[i] - m);
                    up += w[i] * Math.abs(y[i] - m - 0.5);
                    down += w[i] * Math.abs(y[i] - m + 0.5);
                    total += w[i];
                }
            }
            assertTrue(at <= up + 1e-9 && at <= down + 1e-9, "leaf " + leaf + " value " + m + " is a weighted median");
            assertEquals(at / total, t.impurity[leaf], 1e-10 * Math.max(1, at / total), "leaf " + leaf + " impurity");
        }
    }

    @Test
    void rejectsMissingValues() {
        Matrix x = DATA.matrix("diabetes_X").copy();
        x.set(3, 2, Double.NaN);
        Dataset d = Dataset.regression(x, DATA.vector("diabetes_y"));
        var e = assertThrows(IllegalArgumentException.class, () -> DecisionTree.regressor().criterion("absolute_error").fit(d));
        assertTrue(e.getMessage().contains("absolute_error"), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        Dataset d = diabetes();
        int[] rows = java.util.stream.IntStream.range(0, 150).toArray();
        return LearnerContract.tests(DecisionTree.regressor().criterion("absolute_error").maxDepth(4), d.subset(rows));
    }
}
