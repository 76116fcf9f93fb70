package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.linalg.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CART properties that follow from the definitions: stopping rules, weights, importances, text, errors. */
class CartTest {

    static final Dataset WINE = CartSklearnTest.classification("wine");
    static final Dataset DIABETES = CartSklearnTest.regression("diabetes");

    @Test
    void maxFeaturesFollowsScikitLearn() {
        assertEquals(30, CartParams.maxFeatures("all", 30));
        assertEquals(5, CartParams.maxFeatures("sqrt", 30));
        assertEquals(4, CartParams.maxFeatures("log2", 30));
        assertEquals(15, CartParams.maxFeatures("0.5", 30));
        assertEquals(1, CartParams.maxFeatures("0.01", 30));
        assertEquals(3, CartParams.maxFeatures("3", 30));
        assertEquals(30, CartParams.maxFeatures("1.0", 30));
        assertEquals(1, CartParams.maxFeatures("1", 30));
        var e = assertThrows(IllegalArgumentException.class, () -> DecisionTree.classifier().maxFeatures(20).fit(WINE));
        assertTrue(e.getMessage().contains("max_features = 20"), e.getMessage());
    }

    @Test
    void maxFeaturesParameterValidation() {
        assertEquals("0.5", DecisionTree.classifier().maxFeatures(0.5).params().get("max_features"));
        assertEquals("3", DecisionTree.classifier().maxFeatures(3).params().get("max_features"));
        assertEquals("sqrt", DecisionTree.classifier().maxFeatures("SQRT").params().get("max_features"));
        for (Object bad : new Object[] {0, 0.0, 1.5, "half", -2}) {
            var e = assertThrows(IllegalArgumentException.class, () -> DecisionTree.classifier().maxFeatures(bad));
            assertTrue(e.getMessage().contains("max_features"), e.getMessage());
        }
    }

    @Test
    void stoppingRulesHold() {
        DecisionTreeClassifierModel m = DecisionTree.classifier().maxDepth(3).minSamplesLeaf(7).fit(WINE);
        Tree t = m.tree();
        assertTrue(t.depth() <= 3);
        int[] samples = t.nodeSamples();
        int[] left = t.left();
        for (int i = 0; i < t.nodeCount(); i++) {
            assertTrue(samples[i] >= 7, "node " + i + " has " + samples[i] + " rows");
            if (left[i] != -1) {
                assertEquals(samples[i], samples[left[i]] + samples[t.right()[i]]);
            }
        }
        assertEquals(8, DecisionTree.regressor().maxLeafNodes(8).fit(DIABETES).tree().leafCount());
        // a decrease no split can reach leaves the root alone
        assertEquals(1, DecisionTree.regressor().minImpurityDecrease(1e9).fit(DIABETES).tree().nodeCount());
    }

    @Test
    void regressionLeavesHoldTheMeanOfTheirRows() {
        DecisionTreeRegressorModel m = DecisionTree.regressor().maxDepth(4).fit(DIABETES);
        int[] leaves = m.tree().apply(DIABETES.features());
        double[] y = DIABETES.target();
        double[] value = m.tree().value();
        for (int leaf = 0; leaf < m.tree().nodeCount(); leaf++) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < y.length; i++) {
                if (leaves[i] == leaf) {
                    s += y[i];
                    c++;
                }
            }
            if (c > 0) {
                assertEquals(s / c, value[leaf], 1e-9 * Math.abs(s / c));
            }
        }
    }

    @Test
    void integerWeightsEqualRepeatedRows() {
        int n = WINE.size();
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 + (i * 7) % 3;
            total += (int) w[i];
        }
        int[] rows = new int[total];
        for (int i = 0, r = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++) {
                rows[r++] = i;
            }
        }
        Tree weighted = DecisionTree.classifier().fit(WINE.withWeights(w)).tree();
        Tree repeated = DecisionTree.classifier().fit(WINE.subset(rows)).tree();
        assertArrayEquals(repeated.feature(), weighted.feature());
        assertArrayEquals(repeated.threshold(), weighted.threshold(), 0.0);
        assertArrayEquals(repeated.value(), weighted.value(), 1e-12);
    }

    @Test
    void zeroWeightRowsAreIgnored() {
        int n = DIABETES.size();
        double[] w = new double[n];
        int[] kept = java.util.stream.IntStream.range(0, n).filter(i -> i % 4 != 0).toArray();
        for (int i : kept) {
            w[i] = 1;
        }
        Tree a = DecisionTree.regressor().maxDepth(5).fit(DIABETES.withWeights(w)).tree();
        Tree b = DecisionTree.regressor().maxDepth(5).fit(DIABETES.subset(kept)).tree();
        assertArrayEquals(b.feature(), a.feature());
        assertArrayEquals(b.threshold(), a.threshold(), 0.0);
        assertArrayEquals(b.value(), a.value(), 1e-9);
    }

    @Test
    void importancesAreNonNegativeAndSumToOne() {
        double[] imp = DecisionTree.classifier().fit(WINE).featureImportances();
        assertEquals(13, imp.length);
        assertEquals(1.0, Arrays.stream(imp).sum(), 1e-12);
        assertTrue(Arrays.stream(imp).allMatch(v -> v >= 0));
    }

    @Test
    void probabilitiesAreLeafShares() {
        DecisionTreeClassifierModel m = DecisionTree.classifier().maxDepth(2).fit(WINE);
        Matrix p = m.predictProba(WINE.features());
        int[] leaves = m.tree().apply(WINE.features());
        double[] v = m.tree().value();
        for (int i = 0; i < WINE.size(); i++) {
            double s = v[leaves[i] * 3] + v[leaves[i] * 3 + 1] + v[leaves[i] * 3 + 2];
            for (int k = 0; k < 3; k++) {
                assertEquals(v[leaves[i] * 3 + k] / s, p.get(i, k), 1e-15);
            }
        }
    }

    @Test
    void textRules() {
        Dataset d = WINE.withFeatureNames(java.util.stream.IntStream.range(0, 13).mapToObj(j -> "f" + j).toList());
        DecisionTreeClassifierModel m = DecisionTree.classifier().maxDepth(1).fit(d);
        String text = m.toText();
        String[] lines = text.split("\n");
        assertEquals(4, lines.length, text);
        String f = "f" + m.tree().feature()[0];
        assertTrue(lines[0].startsWith("|--- " + f + " <= "), text);
        assertTrue(lines[1].startsWith("|   |--- class: "), text);
        assertTrue(lines[2].startsWith("|--- " + f + " >  "), text);
        assertTrue(DecisionTree.regressor().maxDepth(1).fit(DIABETES).toText().contains("value: "));
    }

    @Test
    void graphvizExport() {
        DecisionTreeClassifierModel m = DecisionTree.classifier().maxDepth(3).fit(WINE);
        String dot = m.toDot();
        assertTrue(dot.startsWith("digraph Tree {"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        long edges = dot.lines().filter(l -> l.contains(" -> ")).count();
        long boxes = dot.lines().filter(l -> l.matches("\\d+ \\[label=.*")).count();
        assertEquals(m.tree().nodeCount(), boxes);
        assertEquals(m.tree().nodeCount() - 1, edges);
        int root = m.tree().feature()[0];
        java.util.List<String> names = java.util.stream.IntStream.range(0, 13).mapToObj(j -> j == root ? "a \"quoted\" name" : "f" + j).toList();
        String quoted = m.tree().toDot(names, WINE.classes());
        assertTrue(quoted.contains("0 [label=\"a \\\"quoted\\\" name <= "), quoted);
        assertTrue(DecisionTree.regressor().maxDepth(2).fit(DIABETES).toDot().contains("value = "));
    }

    @Test
    void infiniteValuesAreRejected() {
        Matrix x = WINE.features().copy();
        x.set(5, 2, Double.POSITIVE_INFINITY);
        var e = assertThrows(IllegalArgumentException.class,
                () -> DecisionTree.classifier().fit(Dataset.classification(x, WINE.labels())));
        assertTrue(e.getMessage().contains("infinite") && e.getMessage().contains("row 5"), e.getMessage());
        DecisionTreeClassifierModel m = DecisionTree.classifier().maxDepth(2).fit(WINE);
        Matrix q = WINE.features().block(0, 0, 2, 13).copy();
        q.set(1, 4, Double.NEGATIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> m.predict(q));
    }

    /** Rows 0..n-1 with x0 = +-(1 + i/n) by class, and every third class-c row's x0 missing. */
    static Dataset missingData(int missingClass) {
        int n = 60;
        Matrix x = Matrix.zeros(n, 2);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x.set(i, 0, (y[i] == 1 ? 1 : -1) * (1 + (double) i / n));
            x.set(i, 1, (i * 37) % 11);
            if (y[i] == missingClass && i % 3 == 0) {
                x.set(i, 0, Double.NaN);
            }
        }
        return Dataset.classification(x, y);
    }

    @Test
    void missingValuesFollowTheLearnedDirection() {
        for (int c = 0; c <= 1; c++) {
            Dataset d = missingData(c);
            DecisionTreeClassifierModel m = DecisionTree.classifier().maxDepth(1).fit(d);
            Tree t = m.tree();
            assertEquals(0, t.feature()[0]);
            assertEquals(c == 0, t.missingLeft()[0], "missing rows of class " + c + " go " + (c == 0 ? "left" : "right"));
            assertArrayEquals(d.labels(), m.predict(d.features()), "a perfect split with missing values routed");
            Matrix q = Matrix.of(new double[][] {{Double.NaN, 3}});
            assertEquals(c, m.predict(q)[0]);
            // the direction survives persistence
            assertArrayEquals(t.missingLeft(), Tree.of(t.feature(), t.threshold(), t.left(), t.right(), t.value(), t.impurity(),
                    t.nodeSamples(), t.weightedNodeSamples(), t.missingLeft(), t.outputs(), t.featureCount()).missingLeft());
        }
    }

    @Test
    void missingnessItselfCanBeTheSplit() {
        int n = 40;
        Matrix x = Matrix.zeros(n, 1);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x.set(i, 0, y[i] == 1 ? Double.NaN : 5.0); // present values are constant
        }
        DecisionTreeClassifierModel m = DecisionTree.classifier().fit(Dataset.classification(x, y));
        assertEquals(3, m.tree().nodeCount());
        assertEquals(Double.POSITIVE_INFINITY, m.tree().threshold()[0]);
        assertArrayEquals(y, m.predict(x));
    }

    @Test
    void unseenMissingValuesGoToTheLargerChild() {
        DecisionTreeRegressorModel m = DecisionTree.regressor().maxDepth(1).fit(DIABETES);
        Tree t = m.tree();
        int[] samples = t.nodeSamples();
        boolean leftLarger = samples[t.left()[0]] > samples[t.right()[0]];
        assertEquals(leftLarger, t.missingLeft()[0]);
        Matrix q = DIABETES.features().block(0, 0, 1, 10).copy();
        q.set(0, t.feature()[0], Double.NaN);
        assertEquals(t.value()[leftLarger ? t.left()[0] : t.right()[0]], m.predict(q)[0]);
    }

    @Test
    void missingValuesInForests() {
        Dataset d = missingData(1);
        var f = dev.derive.ensemble.RandomForest.classifier().nEstimators(15).maxFeatures("all").seed(1).fit(d);
        assertArrayEquals(d.labels(), f.predict(d.features()));
    }

    @Test
    void negativeWeightsAreRejected() {
        double[] w = new double[DIABETES.size()];
        Arrays.fill(w, 1);
        w[3] = -1;
        var e = assertThrows(IllegalArgumentException.class, () -> DecisionTree.regressor().fit(DIABETES.withWeights(w)));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    }

    @Test
    void poissonNeedsNonNegativeTargets() {
        double[] y = DIABETES.target();
        y[7] = -1;
        var e = assertThrows(IllegalArgumentException.class,
                () -> DecisionTree.regressor().criterion("poisson").fit(Dataset.regression(DIABETES.features(), y)));
        assertTrue(e.getMessage().contains("row 7"), e.getMessage());
    }

    @Test
    void registeredAsCart() {
        assertTrue(LearnerRegistry.create("cart", Dataset.Task.CLASSIFICATION) instanceof DecisionTree<?>);
        assertTrue(LearnerRegistry.create("cart", Dataset.Task.REGRESSION) instanceof DecisionTree<?>);
    }

    @Test
    void sortingSortsWithCompanion() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int n : new int[] {0, 1, 5, 17, 100, 1000}) {
            double[] v = new double[n];
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(n / 3 + 1); // many duplicates
                idx[i] = i;
            }
            double[] orig = v.clone();
            Sorting.sort(v, idx, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(orig[idx[i]], v[i]);
                if (i > 0) {
                    assertTrue(v[i - 1] <= v[i]);
                }
            }
            assertEquals(n, Arrays.stream(idx).distinct().count());
        }
    }
}
