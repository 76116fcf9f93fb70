package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.select.Scorers;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Minimal cost-complexity pruning against scikit-learn 1.2.1 ({@code tools/gen_ccp_fixtures.py}).
 * <ul>
 *   <li>The algorithm on scikit-learn's own fully grown trees (their arrays from the fixture): the path's
 *       alphas and total leaf impurities agree to 1e-10 relative, and pruning at alphas between path
 *       breakpoints gives the same node count and the same training predictions.</li>
 *   <li>End to end ({@code DecisionTree.costComplexityPruningPath}, {@code ccp_alpha}) where Derive grows the
 *       same tree as scikit-learn (diabetes, min_samples_leaf 5: no tie between features; see
 *       CartSklearnTest). Elsewhere ties between equally good splits, which scikit-learn breaks by a seeded
 *       feature shuffle, give a different full tree and hence a different (equally valid) path.</li>
 *   <li>The mathematics: each alpha on the path is the effective alpha of the subtree collapsed; the
 *       impurities increase along the path, the last entry is the root's impurity.</li>
 * </ul>
 */
class CostComplexityPruningTest {

    static final Fixtures FX = Fixtures.load("ccp_sklearn.txt");
    static final Fixtures DATA = Fixtures.load("cart_sklearn.txt");

    static int[] ints(double[] v) {
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    static Tree sklearnTree(String c, int featureCount) {
        int[] feature = ints(FX.vector(c + "_feature"));
        int n = feature.length;
        Matrix value = FX.matrix(c + "_value");
        double[] v = new double[n * value.cols()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < value.cols(); j++) {
                v[i * value.cols() + j] = value.get(i, j);
            }
        }
        double[] wn = FX.vector(c + "_wn");
        return Tree.of(feature, FX.vector(c + "_threshold"), ints(FX.vector(c + "_left")), ints(FX.vector(c + "_right")), v,
                FX.vector(c + "_impurity"), Arrays.stream(wn).mapToInt(d -> (int) Math.round(d)).toArray(), wn, new boolean[n],
                value.cols(), featureCount);
    }

    static void assertRel(double[] expected, double[] got, double tol, String what) {
        assertEquals(expected.length, got.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], tol * Math.max(Math.abs(expected[i]), 1e-300), what + " [" + i + "]");
        }
    }

    static Matrix x(String c) {
        return DATA.matrix(c.startsWith("bc") ? "bc_X" : "diabetes_X");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_gini", "bc_entropy_d6", "diabetes_leaf5", "diabetes_d6"})
    void pathOnScikitLearnsTreeMatches(String c) {
        Matrix x = x(c);
        Tree t = sklearnTree(c, x.cols());
        CostComplexityPruning.Path path = CostComplexityPruning.path(t);
        double[] ea = FX.vector(c + "_alphas");
        // alpha 0 and alphas that are differences of nearly equal costs are compared absolutely at 1e-10 of the largest
        double scale = Arrays.stream(ea).max().orElse(1);
        assertEquals(ea.length, path.alphas().length, c + ": path length");
        for (int i = 0; i < ea.length; i++) {
            assertEquals(ea[i], path.alphas()[i], 1e-10 * Math.max(Math.abs(ea[i]), 1e-6 * scale), c + ": alpha " + i);
        }
        assertRel(FX.vector(c + "_impurities"), path.impurities(), 1e-10, c + ": impurities");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc_gini", "bc_entropy_d6", "diabetes_leaf5", "diabetes_d6"})
    void pruningScikitLearnsTreeMatches(String c) {
        Matrix x = x(c);
        Tree t = sklearnTree(c, x.cols());
        double[] alphas = FX.vector(c + "_ccp");
        for (int k = 0; k < alphas.length; k++) {
            Tree p = CostComplexityPruning.prune(t, alphas[k]);
            String pk = c + "_p" + k;
            assertEquals((int) FX.scalar(pk + "_nodes"), p.nodeCount(), pk + ": node count at ccp_alpha " + alphas[k]);
            checkPredictions(pk, p, x);
        }
    }

    static void checkPredictions(String pk, Tree p, Matrix x) {
        if (FX.has(pk + "_proba")) {
            Matrix proba = TreePrediction.proba(p, x);
            Matrix e = FX.matrix(pk + "_proba");
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < e.cols(); j++) {
                    assertEquals(e.get(i, j), proba.get(i, j), 1e-12, pk + ": probability of row " + i);
                }
            }
        } else {
            double[] e = FX.vector(pk + "_pred");
            double[] got = new double[x.rows()];
            TreePrediction.addValue(p, x, got, 1.0);
            assertRel(e, got, 1e-12, pk + ": predictions");
        }
    }

    @Test
    void endToEndOnDiabetesLeaf5() {
        Dataset d = Dataset.regression(DATA.matrix("diabetes_X"), DATA.vector("diabetes_y"));
        DecisionTree<DecisionTreeRegressorModel> learner = DecisionTree.regressor().minSamplesLeaf(5);
        CostComplexityPruning.Path path = learner.costComplexityPruningPath(d);
        double[] ea = FX.vector("diabetes_leaf5_alphas");
        double scale = Arrays.stream(ea).max().orElse(1);
        assertEquals(ea.length, path.alphas().length, "path length");
        for (int i = 0; i < ea.length; i++) {
            assertEquals(ea[i], path.alphas()[i], 1e-10 * Math.max(Math.abs(ea[i]), 1e-6 * scale), "alpha " + i);
        }
        assertRel(FX.vector("diabetes_leaf5_impurities"), path.impurities(), 1e-10, "impurities");
        double[] alphas = FX.vector("diabetes_leaf5_ccp");
        for (int k = 0; k < alphas.length; k++) {
            DecisionTreeRegressorModel m = learner.ccpAlpha(alphas[k]).fit(d);
            String pk = "diabetes_leaf5_p" + k;
            assertEquals((int) FX.scalar(pk + "_nodes"), m.tree().nodeCount(), pk + ": node count");
            assertRel(FX.vector(pk + "_pred"), m.predict(d.features()), 1e-12, pk + ": predictions");
        }
    }

    @Test
    void pathIsWeakestLinkSequence() {
        Matrix x = x("bc_gini");
        Tree t = sklearnTree("bc_gini", x.cols());
        CostComplexityPruning.Path path = CostComplexityPruning.path(t);
        double[] a = path.alphas();
        double[] r = path.impurities();
        assertEquals(0.0, a[0]);
        double rootR = t.impurity()[0];
        assertEquals(rootR, r[r.length - 1], 1e-12, "the last subtree is the root alone");
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] >= a[i - 1] - 1e-15, "alphas ascend");
            assertTrue(r[i] >= r[i - 1] - 1e-15, "impurities ascend");
        }
        // each step: pruning just past alpha_i gives the subtree with total leaf impurity r_i, and the cost
        // R(T) + alpha |T| of consecutive subtrees is equal at the breakpoint alpha_i
        int checked = 0;
        for (int i = 1; i < a.length; i++) {
            if (!(a[i - 1] < a[i] && (i + 1 == a.length || a[i] < a[i + 1]))) {
                continue; // several links with the same alpha collapse together
            }
            checked++;
            Tree before = CostComplexityPruning.prune(t, i == 1 ? 1e-300 : 0.5 * (a[i - 1] + a[i]));
            Tree after = CostComplexityPruning.prune(t, i + 1 < a.length ? 0.5 * (a[i] + a[i + 1]) : a[i] * 2);
            double cb = leafImpurity(before) + a[i] * before.leafCount();
            double ca = leafImpurity(after) + a[i] * after.leafCount();
            assertEquals(cb, ca, 1e-12, "equal cost at breakpoint " + i);
            assertEquals(r[i], leafImpurity(after), 1e-12, "impurity after step " + i);
        }
        assertTrue(checked > a.length / 2, "most breakpoints are distinct");
    }

    static double leafImpurity(Tree t) {
        double s = 0;
        for (int i = 0; i < t.nodeCount(); i++) {
            if (t.left[i] == -1) {
                s += t.weightedNodeSamples()[i] * t.impurity[i] / t.weightedNodeSamples()[0];
            }
        }
        return s;
    }

    @Test
    void selectAlphaByCrossValidation() {
        Dataset d = Dataset.classification(DATA.matrix("bc_X"), ints(DATA.vector("bc_y")));
        DecisionTree<DecisionTreeClassifierModel> learner = DecisionTree.classifier().maxDepth(5);
        CostComplexityPruning.Selection s = CostComplexityPruning.selectAlpha(learner, d, 4, Scorers.ACCURACY, 3);
        double[] cand = s.candidates();
        for (int i = 0; i < cand.length; i++) {
            assertTrue(s.meanScore()[i] <= s.meanScore()[s.best()]);
            if (i > 0) {
                assertTrue(cand[i] > cand[i - 1], "candidates ascend");
            }
        }
        // each candidate lies strictly inside one interval of the path (so it picks one subtree)
        double[] a = learner.costComplexityPruningPath(d).alphas();
        for (int i = 1; i + 1 < cand.length; i++) {
            double c = cand[i];
            assertTrue(Arrays.stream(a).noneMatch(v -> v == c), "candidate " + c + " is a breakpoint");
        }
        assertTrue(s.oneStandardErrorAlpha() >= s.bestAlpha(), "the 1-SE rule picks a simpler tree");
        assertTrue(s.meanScore()[s.oneSe()] >= s.meanScore()[s.best()] - s.stdScore()[s.best()] / 2 - 1e-15);
        assertThrows(IllegalArgumentException.class, () -> learner.ccpAlpha(-1));
    }
}
