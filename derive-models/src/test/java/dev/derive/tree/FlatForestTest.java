package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatForest} as the stored form of a forest: {@link FlatForest#tree(int)} gives back every tree it laid
 * out, array for array and bit for bit in the tree's own node numbering (depth-first pre-order trees, best-first
 * trees whose numbering is not pre-order, categorical level sets, node values kept as doubles or as floats,
 * stored or derived node weights), and its predictions are the trees' own.
 */
public class FlatForestTest {

    public static void assertSameTree(Tree want, Tree got, String what) {
        assertEquals(want.nodeCount(), got.nodeCount(), what);
        assertEquals(want.outputs(), got.outputs(), what);
        assertEquals(want.featureCount(), got.featureCount(), what);
        assertArrayEquals(want.feature(), got.feature(), what + " feature");
        assertArrayEquals(bits(want.threshold()), bits(got.threshold()), what + " threshold");
        assertArrayEquals(want.left(), got.left(), what + " left");
        assertArrayEquals(want.right(), got.right(), what + " right");
        assertArrayEquals(bits(want.value()), bits(got.value()), what + " value");
        assertArrayEquals(bits(want.impurity()), bits(got.impurity()), what + " impurity");
        assertArrayEquals(want.nodeSamples(), got.nodeSamples(), what + " samples");
        assertArrayEquals(bits(want.weightedNodeSamples()), bits(got.weightedNodeSamples()), what + " weights");
        assertArrayEquals(want.missingLeft(), got.missingLeft(), what + " missing left");
        assertArrayEquals(want.categoricalStart(), got.categoricalStart(), what + " categorical start");
        assertArrayEquals(want.categoricalSets(), got.categoricalSets(), what + " categorical sets");
        assertEquals(want.floatValues(), got.floatValues(), what + " float values");
        assertEquals(want.storedWeights(), got.storedWeights(), what + " stored weights");
    }

    static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    /** Whether some internal node's left child is not the next node (so the numbering is not pre-order). */
    static boolean notPreorder(Tree t) {
        int[] l = t.left();
        for (int i = 0; i < l.length; i++) {
            if (l[i] != -1 && l[i] != i + 1) {
                return true;
            }
        }
        return false;
    }

    static void roundTrip(List<Tree> trees, boolean shares, Matrix probe) {
        FlatForest flat = FlatForest.of(trees, shares);
        assertEquals(trees.size(), flat.treeCount());
        int nodes = 0;
        for (int t = 0; t < trees.size(); t++) {
            assertSameTree(trees.get(t), flat.tree(t), "tree " + t);
            nodes += trees.get(t).nodeCount();
            assertEquals(trees.get(t).nodeCount(), flat.nodeCount(t), "tree " + t);
            // importances from the layout: the tree's, bit for bit
            assertArrayEquals(trees.get(t).featureImportances(), flat.featureImportances(t), 0.0, "importances of tree " + t);
        }
        assertEquals(nodes, flat.nodeCount());
        assertEquals(trees.size(), flat.trees().size());
        assertNotSame(flat.trees().get(0), flat.trees().get(0));
        // laying the rebuilt trees out again gives the same trees, and both layouts predict the same sums
        FlatForest again = FlatForest.of(flat.trees(), shares);
        int n = probe.rows();
        int k = flat.outputs();
        double[] a = probe.toArray();
        double[] s1 = new double[n * k];
        double[] s2 = new double[n * k];
        flat.accumulate(a, n, 0, n, s1);
        again.accumulate(a, n, 0, n, s2);
        double[] want = new double[n * k];
        for (Tree t : trees) {
            for (int i = 0; i < n; i++) {
                if (shares) {
                    TreePrediction.addProbaRow(t, a, n, i, want, i * k, 1.0);
                } else {
                    want[i] += TreePrediction.valueRow(t, a, n, i);
                }
            }
        }
        assertArrayEquals(bits(want), bits(s1));
        assertArrayEquals(bits(want), bits(s2));
    }

    @Test
    void categoricalAndNumericTreesComeBackExactly() {
        Dataset cls = CategoricalData.classification(300, 11);
        Dataset reg = CategoricalData.regression(300, 12);
        Matrix probe = CategoricalData.x(97, 13);
        List<Tree> c = new ArrayList<>();
        List<Tree> r = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            c.add(DecisionTree.classifier().with("max_features", "sqrt").with("seed", (long) s).fit(cls).tree());
            // ordinal splits: trees without level sets in a forest that has some
            c.add(DecisionTree.classifier().with("seed", (long) s).with(CartParams.CATEGORICAL_SPLITS, "ordinal").fit(cls).tree());
            r.add(DecisionTree.regressor().with("max_features", 2).with("seed", (long) s).fit(reg).tree());
        }
        assertTrue(c.stream().anyMatch(Tree::hasCategoricalSplits) && c.stream().anyMatch(t -> !t.hasCategoricalSplits()));
        assertTrue(r.stream().allMatch(Tree::hasCategoricalSplits));
        roundTrip(c, true, probe);
        roundTrip(r, false, probe);
    }

    @Test
    void bestFirstTreesKeepTheirNodeNumbers() {
        Dataset cls = CategoricalData.classification(300, 21);
        List<Tree> trees = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            trees.add(DecisionTree.classifier().maxLeafNodes(12 + s).with("seed", (long) s).fit(cls).tree());
        }
        trees.add(DecisionTree.classifier().maxDepth(3).fit(cls).tree()); // a pre-order one among them
        assertTrue(notPreorder(trees.get(0)), "best-first growth numbers nodes in creation order");
        assertFalse(notPreorder(trees.get(3)));
        roundTrip(trees, true, CategoricalData.x(50, 22));
    }

    @Test
    void doubleValuesAndStoredWeightsComeBackExactly() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 400;
        Matrix x = Matrix.zeros(n, 4);
        int[] y = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x.set(i, j, rng.nextDouble() < 0.05 ? Double.NaN : rng.nextGaussian());
            }
            y[i] = rng.nextInt(3);
            w[i] = 0.1 + rng.nextDouble(); // weighted class totals that are not floats
        }
        Dataset d = Dataset.classification(x, y).withWeights(w);
        List<Tree> trees = new ArrayList<>();
        trees.add(DecisionTree.classifier().maxDepth(6).fit(d).tree());
        trees.add(DecisionTree.classifier().maxDepth(4).with("criterion", "entropy").fit(d).tree());
        trees.add(DecisionTree.classifier().maxDepth(5).fit(Dataset.classification(x, y)).tree()); // float values
        assertFalse(trees.get(0).floatValues());
        assertTrue(trees.get(2).floatValues());
        roundTrip(trees, true, x);
        // regression trees whose node weights are not their values: the weights are stored
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = rng.nextGaussian();
        }
        Dataset r = Dataset.regression(x, target).withWeights(w);
        List<Tree> rt = List.of(DecisionTree.regressor().maxDepth(7).fit(r).tree(), DecisionTree.regressor().maxDepth(3).fit(r).tree());
        assertTrue(rt.get(0).storedWeights());
        roundTrip(rt, false, x);
    }

    /** A decision tree fitted with a lent workspace grows in it (and is the same tree); the loan ends with the call. */
    @Test
    void decisionTreesGrowInALentWorkspace() {
        Dataset big = CategoricalData.classification(400, 41);
        Dataset small = CategoricalData.classification(150, 42);
        TreeBuilder.Workspace ws = new TreeBuilder.Workspace();
        Tree first = TreeBuilder.Workspace.lend(ws, () -> DecisionTree.classifier().fit(big).tree());
        assertTrue(ws.samples != null && ws.samples.length >= 400, "the tree grew in the lent workspace");
        assertNull(TreeBuilder.Workspace.lent());
        Tree second = TreeBuilder.Workspace.lend(ws, () -> DecisionTree.classifier().maxDepth(4).fit(small).tree());
        assertSameTree(DecisionTree.classifier().fit(big).tree(), first, "big");
        assertSameTree(DecisionTree.classifier().maxDepth(4).fit(small).tree(), second, "small, in a used workspace");
    }

    @Test
    void partsLaidOutOneByOneMakeTheSameForest() {
        Dataset cls = CategoricalData.classification(200, 31);
        List<Tree> trees = List.of(DecisionTree.classifier().maxDepth(3).fit(cls).tree(), DecisionTree.classifier().maxDepth(5).fit(cls).tree());
        FlatForest flat = FlatForest.of(new FlatForest.Part[] {FlatForest.part(trees.get(0), true), FlatForest.part(trees.get(1), true)});
        assertSameTree(trees.get(1), flat.tree(1), "tree 1");
        Matrix x = CategoricalData.x(40, 32);
        double[] a = x.toArray();
        double[] s1 = new double[40 * 2];
        double[] s2 = new double[40 * 2];
        flat.accumulate(a, 40, 0, 40, s1);
        FlatForest.of(trees, true).accumulate(a, 40, 0, 40, s2);
        assertArrayEquals(bits(s2), bits(s1));
        assertThrows(IndexOutOfBoundsException.class, () -> flat.tree(2));
        assertThrows(IllegalArgumentException.class, () -> FlatForest.of(new FlatForest.Part[0]));
        Dataset reg = CategoricalData.regression(100, 33);
        FlatForest.Part r = FlatForest.part(DecisionTree.regressor().maxDepth(2).fit(reg).tree(), false);
        assertThrows(IllegalArgumentException.class, () -> FlatForest.of(new FlatForest.Part[] {FlatForest.part(trees.get(0), true), r}));
    }
}
