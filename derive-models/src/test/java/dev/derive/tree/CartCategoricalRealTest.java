package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.io.Csv;
import dev.derive.ensemble.RandomForest;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Regressor;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Categorical CART on real data from {@code ../shared/datasets} (skipped with a message when absent).
 *
 * <p>Reference: scikit-learn 1.2.1 has no categorical CART and R's rpart is not installed, so
 * {@code tools/gen_cart_categorical_fixtures.py} grows depth-2 trees by brute force (every partition of every
 * categorical feature's levels and of the missing values at every node) on German credit (categorical columns
 * only; gini on the class, squared error on {@code credit_amount}), HouseVotes84 (entropy, weights
 * {@code 1 + 0.5 (i mod 3)}, missing votes) and Soybean (19 classes, all 35 columns as categorical, missing values;
 * at most 7 levels, so the exhaustive multiclass search). Derive's trees must put the training rows in the same
 * leaves and have the same split gains to 1e-10 (relative); the script checks that no split is decided by a tie.
 *
 * <p>Then test-set quality of partitions against ordinal level codes and one-hot columns (German credit, Soybean,
 * diamonds), and the learner contract on HouseVotes84.
 */
class CartCategoricalRealTest {

    static final Path ROOT = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"));
    static final Fixtures FX = Fixtures.load("cart_categorical_bruteforce.txt");

    static Dataset read(String file, String target) throws IOException {
        Path p = ROOT.resolve(file);
        Assumptions.assumeTrue(Files.isReadable(p), "skipped: " + p + " is absent (the shared data sets are not on this machine)");
        return Dataset.from(Csv.read(p), target);
    }

    /** The data set with only its categorical features except {@code drop}. */
    static Dataset categoricalOnly(Dataset d, String drop) {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < d.featureCount(); j++) {
            Dataset.Feature f = d.featureInfo().get(j);
            if (f.isCategorical() && !f.name().equals(drop)) {
                keep.add(j);
            }
        }
        return select(d, keep);
    }

    static Dataset select(Dataset d, List<Integer> cols) {
        int n = d.size();
        double[] data = new double[n * cols.size()];
        List<Dataset.Feature> feats = new ArrayList<>();
        Matrix x = d.features();
        for (int q = 0; q < cols.size(); q++) {
            for (int i = 0; i < n; i++) {
                data[q * n + i] = x.get(i, cols.get(q));
            }
            feats.add(d.featureInfo().get(cols.get(q)));
        }
        return d.withFeatureMatrix(Matrix.wrap(n, cols.size(), data), feats);
    }

    /** Every feature as categorical: its distinct values (sorted) become the levels. */
    static Dataset allCategorical(Dataset d) {
        int n = d.size();
        int p = d.featureCount();
        double[] data = new double[n * p];
        List<Dataset.Feature> feats = new ArrayList<>();
        Matrix x = d.features();
        for (int j = 0; j < p; j++) {
            TreeSet<Double> distinct = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(x.get(i, j))) {
                    distinct.add(x.get(i, j));
                }
            }
            Map<Double, Integer> code = new HashMap<>();
            List<String> levels = new ArrayList<>();
            for (double v : distinct) {
                code.put(v, levels.size());
                levels.add(Double.toString(v));
            }
            for (int i = 0; i < n; i++) {
                double v = x.get(i, j);
                data[j * n + i] = Double.isNaN(v) ? Double.NaN : code.get(v);
            }
            feats.add(Dataset.Feature.categorical(d.featureInfo().get(j).name(), levels));
        }
        return d.withFeatureMatrix(Matrix.wrap(n, p, data), feats);
    }

    /** Each categorical feature replaced by 0/1 indicator columns (a missing value: all 0). */
    static Dataset oneHot(Dataset d) {
        int n = d.size();
        List<double[]> cols = new ArrayList<>();
        List<Dataset.Feature> feats = new ArrayList<>();
        Matrix x = d.features();
        for (int j = 0; j < d.featureCount(); j++) {
            Dataset.Feature f = d.featureInfo().get(j);
            if (!f.isCategorical()) {
                cols.add(x.columnArray(j));
                feats.add(f);
                continue;
            }
            for (int l = 0; l < f.levels().size(); l++) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    c[i] = x.get(i, j) == l ? 1 : 0;
                }
                cols.add(c);
                feats.add(Dataset.Feature.numeric(f.name() + "=" + f.levels().get(l)));
            }
        }
        double[] data = new double[n * cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            System.arraycopy(cols.get(j), 0, data, j * n, n);
        }
        return d.withFeatureMatrix(Matrix.wrap(n, cols.size(), data), feats);
    }

    // ------------------------------------------------------------------ brute-force reference trees

    static void checkAgainstBruteForce(String name, Tree t, Matrix x) {
        int[] leaves = t.apply(x);
        Map<Integer, Integer> seen = new HashMap<>();
        double[] renumbered = new double[leaves.length];
        for (int i = 0; i < leaves.length; i++) {
            renumbered[i] = seen.computeIfAbsent(leaves[i], l -> seen.size());
        }
        assertArrayEquals(FX.vector(name + "_leaf"), renumbered, 0, name + ": rows in different leaves");
        List<Double> gains = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) {
            if (t.left[i] != -1) {
                int l = t.left[i];
                int r = t.right[i];
                gains.add((t.weightedNodeSamples()[i] * t.impurity[i] - t.weightedNodeSamples()[l] * t.impurity[l]
                        - t.weightedNodeSamples()[r] * t.impurity[r]) / t.weightedNodeSamples()[0]);
            }
        }
        double[] g = gains.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] expected = FX.vector(name + "_gain");
        assertEquals(expected.length, g.length, name);
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], g[i], 1e-10 * Math.abs(expected[i]), name + " gain " + i);
        }
    }

    @Test
    void creditGiniMatchesBruteForce() throws IOException {
        Dataset d = categoricalOnly(read("small/weka/credit-g.csv", "class"), "class");
        assertEquals(13, d.featureCount());
        Tree t = DecisionTree.classifier().maxDepth(2).fit(d).tree();
        assertTrue(t.isCategorical(0));
        checkAgainstBruteForce("credit_gini", t, d.features());
    }

    @Test
    void creditSquaredErrorMatchesBruteForce() throws IOException {
        Dataset d = categoricalOnly(read("small/weka/credit-g.csv", "credit_amount"), "class");
        assertEquals(13, d.featureCount());
        Tree t = DecisionTree.regressor().maxDepth(2).fit(d).tree();
        checkAgainstBruteForce("credit_sq", t, d.features());
    }

    @Test
    void votesWeightedEntropyWithMissingMatchesBruteForce() throws IOException {
        Dataset d = read("small/mlbench/HouseVotes84.csv", "Class");
        double[] w = IntStream.range(0, d.size()).mapToDouble(i -> 1 + 0.5 * (i % 3)).toArray();
        Tree t = DecisionTree.classifier().criterion("entropy").maxDepth(2).fit(d.withWeights(w)).tree();
        checkAgainstBruteForce("votes_entropy_w", t, d.features());
    }

    @Test
    void soybeanMulticlassMatchesBruteForce() throws IOException {
        Dataset d = allCategorical(read("small/mlbench/Soybean.csv", "Class"));
        assertEquals(19, d.numClasses());
        Tree t = DecisionTree.classifier().maxDepth(2).fit(d).tree();
        checkAgainstBruteForce("soybean_gini", t, d.features());
    }

    // ------------------------------------------------------------------ quality: partition vs ordinal vs one-hot

    static int[] rows(int n, boolean test) {
        return IntStream.range(0, n).filter(i -> (i % 10 < 3) == test).toArray();
    }

    static double accuracy(Learner<?> learner, Dataset d) {
        Dataset train = d.subset(rows(d.size(), false));
        Dataset test = d.subset(rows(d.size(), true));
        int[] pred = ((Classifier) learner.fit(train)).predict(test.features());
        int[] y = test.labels();
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
            ok += pred[i] == y[i] ? 1 : 0;
        }
        return (double) ok / pred.length;
    }

    static double rmse(Learner<?> learner, Dataset d) {
        Dataset train = d.subset(rows(d.size(), false));
        Dataset test = d.subset(rows(d.size(), true));
        double[] pred = ((Regressor) learner.fit(train)).predict(test.features());
        double[] y = test.target();
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            s += (pred[i] - y[i]) * (pred[i] - y[i]);
        }
        return Math.sqrt(s / pred.length);
    }

    static <L extends Learner<?>> double[] threeWays(Dataset d, java.util.function.Function<Boolean, L> learner,
                                                      java.util.function.ToDoubleBiFunction<L, Dataset> score) {
        return new double[] {score.applyAsDouble(learner.apply(true), d), score.applyAsDouble(learner.apply(false), d),
                score.applyAsDouble(learner.apply(true), oneHot(d))};
    }

    @Test
    void creditAccuracy() throws IOException {
        Dataset d = read("small/weka/credit-g.csv", "class");
        double[] tree = threeWays(d, part -> DecisionTree.classifier().maxDepth(4).minSamplesLeaf(5)
                .with(CartParams.CATEGORICAL_SPLITS, part ? "partition" : "ordinal"), CartCategoricalRealTest::accuracy);
        double[] forest = threeWays(d, part -> RandomForest.classifier().nEstimators(100).seed(1)
                .with(CartParams.CATEGORICAL_SPLITS, part ? "partition" : "ordinal"), CartCategoricalRealTest::accuracy);
        System.out.printf("credit-g test accuracy (300 rows): tree depth 4 partition %.4f, ordinal %.4f, one-hot %.4f;"
                + " forest 100 partition %.4f, ordinal %.4f, one-hot %.4f%n", tree[0], tree[1], tree[2], forest[0], forest[1], forest[2]);
        // one test row is 0.33 points; a single depth-4 tree is noisy (on this split partitions do worse than one-hot,
        // 0.633 against 0.687: the freer level subsets fit the training rows more closely), so only the forest is held
        // to one-hot's accuracy
        assertTrue(forest[0] >= forest[2] - 0.03, "forest partition " + forest[0] + " vs one-hot " + forest[2]);
        assertTrue(tree[0] > 0.55 && tree[1] > 0.55 && tree[2] > 0.55, Arrays.toString(tree));
    }

    @Test
    void soybeanAccuracy() throws IOException {
        Dataset d = allCategorical(read("small/mlbench/Soybean.csv", "Class"));
        double[] tree = threeWays(d, part -> DecisionTree.classifier().minSamplesLeaf(2)
                .with(CartParams.CATEGORICAL_SPLITS, part ? "partition" : "ordinal"), CartCategoricalRealTest::accuracy);
        double heuristic = accuracy(DecisionTree.classifier().minSamplesLeaf(2).with(CartParams.MAX_CATEGORIES_EXHAUSTIVE, 1), d);
        System.out.printf("Soybean test accuracy (205 rows), tree: partition (exhaustive) %.4f, partition (heuristic orderings)"
                + " %.4f, ordinal %.4f, one-hot %.4f%n", tree[0], heuristic, tree[1], tree[2]);
        assertTrue(tree[0] >= tree[2] - 0.04, "partition " + tree[0] + " vs one-hot " + tree[2]);
        assertTrue(heuristic >= tree[2] - 0.04, "heuristic " + heuristic + " vs one-hot " + tree[2]);
    }

    @Test
    void diamondsRmse() throws IOException {
        Dataset d = read("large/ggplot2_diamonds.csv.gz", "price");
        assertEquals(3, d.featureInfo().stream().filter(Dataset.Feature::isCategorical).count());
        double[] tree = threeWays(d, part -> DecisionTree.regressor().maxDepth(8)
                .with(CartParams.CATEGORICAL_SPLITS, part ? "partition" : "ordinal"), CartCategoricalRealTest::rmse);
        System.out.printf("diamonds test RMSE (16,182 rows), tree depth 8: partition %.2f, ordinal %.2f, one-hot %.2f%n",
                tree[0], tree[1], tree[2]);
        assertTrue(tree[0] <= 1.02 * tree[2], "partition " + tree[0] + " vs one-hot " + tree[2]);
    }

    @TestFactory
    Stream<DynamicTest> contractOnHouseVotes() throws IOException {
        Dataset d = read("small/mlbench/HouseVotes84.csv", "Class");
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withSupportsMissing(true);
        // a forest's bootstrap samples depend on the row order (as in RandomForestTest)
        return Stream.concat(LearnerContract.tests(DecisionTree.classifier(), d, o),
                LearnerContract.tests(RandomForest.classifier().nEstimators(10).seed(4), d, o.withOrderInvariant(false)));
    }
}
