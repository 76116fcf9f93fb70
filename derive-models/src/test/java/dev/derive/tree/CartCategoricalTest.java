package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.ensemble.GradientBoosting;
import dev.derive.ensemble.GradientBoostingRegressorModel;
import dev.derive.ensemble.RandomForest;
import dev.derive.ensemble.RandomForestClassifierModel;
import dev.derive.ensemble.RandomForestRegressorModel;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.testing.LearnerContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Native categorical splits of CART: the sorted scan against an exhaustive search over every binary
 * partition of the levels (and both sides for the missing rows) on random weighted cases, a 4-level example
 * worked by hand, the routing of missing, unseen and unknown levels, the {@code ordinal} option, persistence,
 * pruning, export, forests, extra trees and gradient boosting on categorical features, and the learner contract.
 */
class CartCategoricalTest {

    // ------------------------------------------------------------------ brute force reference

    /** Weighted impurity of a node from its rows, written from the definitions. */
    static double impurity(String crit, List<Integer> rows, double[] y, int[] labels, int k, double[] w) {
        double wt = 0;
        for (int r : rows) {
            wt += w[r];
        }
        switch (crit) {
            case "gini", "entropy" -> {
                double[] c = new double[k];
                for (int r : rows) {
                    c[labels[r]] += w[r];
                }
                double s = 0;
                for (double v : c) {
                    double p = v / wt;
                    s += crit.equals("gini") ? p * p : (p > 0 ? -p * Math.log(p) / Math.log(2) : 0);
                }
                return crit.equals("gini") ? 1 - s : s;
            }
            case "absolute_error" -> {
                // sum w |y - m| / W at a weighted median m (any one minimises the sum)
                Integer[] o = rows.toArray(new Integer[0]);
                Arrays.sort(o, (a, b) -> Double.compare(y[a], y[b]));
                double cum = 0;
                double med = y[o[o.length - 1]];
                for (int r : o) {
                    cum += w[r];
                    if (cum >= wt / 2) {
                        med = y[r];
                        break;
                    }
                }
                double dev = 0;
                for (int r : rows) {
                    dev += w[r] * Math.abs(y[r] - med);
                }
                return dev / wt;
            }
            case "poisson" -> {
                double sy = 0;
                double syl = 0;
                for (int r : rows) {
                    sy += w[r] * y[r];
                    syl += y[r] > 0 ? w[r] * y[r] * Math.log(y[r]) : 0;
                }
                return (syl - sy * Math.log(sy / wt)) / wt;
            }
            default -> {
                double sy = 0;
                double sq = 0;
                for (int r : rows) {
                    sy += w[r] * y[r];
                    sq += w[r] * y[r] * y[r];
                }
                return sq / wt - (sy / wt) * (sy / wt);
            }
        }
    }

    /**
     * The least {@code W_L I_L + W_R I_R} over every split of the one feature {@code x} (level codes, NaN
     * missing): every subset of the present levels left, with the missing rows left or right; both sides
     * non-empty. Also returns the best left set (as a level bit mask; bit 31 = missing left).
     */
    static double[] bruteForce(String crit, double[] x, double[] y, int[] labels, int k, double[] w, int levels) {
        double best = Double.POSITIVE_INFINITY;
        int bestMask = -1;
        int n = x.length;
        for (int mask = 1; mask < 1 << levels; mask++) {
            for (int ml = 0; ml < 2; ml++) {
                List<Integer> l = new ArrayList<>();
                List<Integer> r = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    boolean left = Double.isNaN(x[i]) ? ml == 1 : (mask >>> (int) x[i] & 1) != 0;
                    (left ? l : r).add(i);
                }
                if (l.isEmpty() || r.isEmpty()) {
                    continue;
                }
                double wl = l.stream().mapToDouble(i -> w[i]).sum();
                double wr = r.stream().mapToDouble(i -> w[i]).sum();
                double s = wl * impurity(crit, l, y, labels, k, w) + wr * impurity(crit, r, y, labels, k, w);
                if (s < best - 1e-12) {
                    best = s;
                    bestMask = mask | (ml << 31);
                }
            }
        }
        return new double[] {best, bestMask};
    }

    /** {@code W_L I_L + W_R I_R} of the root split of {@code t}. */
    static double rootChildren(Tree t) {
        int l = t.left[0];
        int r = t.right[0];
        return t.weightedNodeSamples()[l] * t.impurity[l] + t.weightedNodeSamples()[r] * t.impurity[r];
    }

    static Dataset oneFeature(double[] x, int levels, double[] y, int[] labels, int k, double[] w) {
        Matrix m = Matrix.wrap(x.length, 1, x.clone());
        Dataset d = labels != null ? Dataset.classification(m, labels, classNames(k)) : Dataset.regression(m, y);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < levels; c++) {
            names.add("L" + c);
        }
        return d.withFeatures(List.of(Dataset.Feature.categorical("f", names))).withWeights(w);
    }

    static List<String> classNames(int k) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            c.add("c" + i);
        }
        return c;
    }

    /** (1) The sorted scan (regression, two classes) and the exhaustive multiclass search reach the brute-force optimum. */
    @Test
    void scanEqualsExhaustiveSearchOnRandomWeightedCases() {
        SplittableRandom rnd = new SplittableRandom(42);
        String[] crits = {"squared_error", "poisson", "gini", "entropy", "gini3", "entropy4"};
        int checked = 0;
        for (int trial = 0; trial < 240; trial++) {
            String crit = crits[trial % crits.length];
            int k = crit.endsWith("3") ? 3 : crit.endsWith("4") ? 4 : 2;
            String c = crit.replaceAll("\\d", "");
            int levels = 2 + rnd.nextInt(7); // up to 8
            int n = 6 + rnd.nextInt(40);
            boolean withMissing = trial % 2 == 1;
            double[] x = new double[n];
            double[] y = new double[n];
            int[] labels = new int[n];
            double[] w = new double[n];
            double[] levelMean = new double[levels];
            for (int l = 0; l < levels; l++) {
                levelMean[l] = rnd.nextDouble() * 5;
            }
            for (int i = 0; i < n; i++) {
                x[i] = withMissing && rnd.nextDouble() < 0.15 ? Double.NaN : rnd.nextInt(levels);
                double base = Double.isNaN(x[i]) ? 2 : levelMean[(int) x[i]];
                y[i] = c.equals("poisson") ? 0.1 + base * rnd.nextDouble() : base + rnd.nextGaussian();
                labels[i] = rnd.nextInt(k);
                w[i] = 0.25 + rnd.nextDouble() * 2;
            }
            boolean cls = c.equals("gini") || c.equals("entropy");
            Dataset d = oneFeature(x, levels, y, cls ? labels : null, k, w);
            Tree t = cls ? DecisionTree.classifier().criterion(c).maxDepth(1).fit(d).tree()
                    : DecisionTree.regressor().criterion(c).maxDepth(1).fit(d).tree();
            double[] bf = bruteForce(c, x, y, labels, k, w, levels);
            if (t.nodeCount() == 1) {
                assertTrue(bf[0] == Double.POSITIVE_INFINITY || t.impurity[0] <= 1e-12, "no split found on trial " + trial);
                continue;
            }
            assertTrue(t.isCategorical(0));
            assertEquals(bf[0], rootChildren(t), 1e-10 * Math.max(1, Math.abs(bf[0])), "trial " + trial + " (" + crit + ", " + levels + " levels)");
            checked++;
        }
        assertTrue(checked > 200, "checked " + checked);
    }

    /**
     * Above 32 levels the levels are ordered by a different sort; with 40 levels (too many for brute force) the split
     * is still the best cut of the levels sorted by weighted mean, computed here from the definitions.
     */
    @Test
    void manyLevelsTakeTheBestCutOfTheMeanOrder() {
        SplittableRandom rnd = new SplittableRandom(3);
        int levels = 40;
        int n = 500;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(levels);
            y[i] = Math.sin(x[i]) * 3 + rnd.nextGaussian();
            w[i] = 0.5 + rnd.nextDouble();
        }
        double[] sw = new double[levels];
        double[] sy = new double[levels];
        double[] sq = new double[levels];
        for (int i = 0; i < n; i++) {
            int c = (int) x[i];
            sw[c] += w[i];
            sy[c] += w[i] * y[i];
            sq[c] += w[i] * y[i] * y[i];
        }
        Integer[] ord = new Integer[levels];
        for (int c = 0; c < levels; c++) {
            ord[c] = c;
        }
        Arrays.sort(ord, (a, b) -> Double.compare(sy[a] / sw[a], sy[b] / sw[b]));
        double tw = Arrays.stream(sw).sum();
        double ty = Arrays.stream(sy).sum();
        double tq = Arrays.stream(sq).sum();
        double best = Double.POSITIVE_INFINITY;
        double lw = 0;
        double ly = 0;
        double lq = 0;
        for (int j = 0; j < levels - 1; j++) {
            lw += sw[ord[j]];
            ly += sy[ord[j]];
            lq += sq[ord[j]];
            double s = (lq - ly * ly / lw) + ((tq - lq) - (ty - ly) * (ty - ly) / (tw - lw));
            best = Math.min(best, s);
        }
        Tree t = DecisionTree.regressor().maxDepth(1).fit(oneFeature(x, levels, y, null, 0, w)).tree();
        assertEquals(best, rootChildren(t), 1e-9 * best);
        int[] left = t.leftLevels(0);
        assertTrue(left.length > 0 && left.length < levels);
    }

    /**
     * Absolute error, up to {@code max_categories_exhaustive} levels: the split is the optimum over all partitions of
     * the levels and the missing group (brute force, weighted, with and without missing values, 2 to 9 levels, targets
     * with ties); its stored child impurities are those of its own partition. Above the bound (here
     * {@code max_categories_exhaustive = 1}, the cuts of the mean order): never better than the optimum, consistent,
     * and often optimal.
     */
    @Test
    void absoluteErrorSearchIsExactUpToTheBoundAndBoundedAbove() {
        SplittableRandom rnd = new SplittableRandom(5);
        int optimal = 0;
        int exact = 0;
        for (int trial = 0; trial < 60; trial++) {
            int levels = 2 + rnd.nextInt(8);
            int n = 10 + rnd.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 2 == 1 && rnd.nextDouble() < 0.15 ? Double.NaN : rnd.nextInt(levels);
                y[i] = (Double.isNaN(x[i]) ? 1 : x[i] * 0.7 % 3) + (trial % 3 == 0 ? rnd.nextInt(3) : rnd.nextGaussian());
                w[i] = trial % 4 == 0 ? 1 : 0.5 + rnd.nextDouble();
            }
            Dataset d = oneFeature(x, levels, y, null, 0, w);
            double best = bruteForce("absolute_error", x, y, null, 0, w, levels)[0];
            Tree ex = DecisionTree.regressor().criterion("absolute_error").maxDepth(1).fit(d).tree();
            Tree heur = DecisionTree.regressor().criterion("absolute_error").maxDepth(1).with(CartParams.MAX_CATEGORIES_EXHAUSTIVE, 1)
                    .fit(d).tree();
            if (ex.nodeCount() == 1) {
                assertTrue(best == Double.POSITIVE_INFINITY || ex.impurity[0] <= 1e-12, "no split found on trial " + trial);
                continue;
            }
            for (Tree t : List.of(ex, heur)) {
                List<Integer> left = new ArrayList<>();
                List<Integer> right = new ArrayList<>();
                int[] leaves = t.apply(Matrix.wrap(n, 1, x.clone()));
                for (int i = 0; i < n; i++) {
                    (leaves[i] == t.left[0] ? left : right).add(i);
                }
                double own = t.weightedNodeSamples()[t.left[0]] * impurity("absolute_error", left, y, null, 0, w)
                        + t.weightedNodeSamples()[t.right[0]] * impurity("absolute_error", right, y, null, 0, w);
                assertEquals(own, rootChildren(t), 1e-9 * Math.max(1, own), "trial " + trial);
            }
            assertEquals(best, rootChildren(ex), 1e-9 * Math.max(1, best), "trial " + trial + " (" + levels + " levels)");
            exact++;
            assertTrue(rootChildren(heur) >= best - 1e-9, "trial " + trial);
            optimal += rootChildren(heur) <= best + 1e-9 ? 1 : 0;
        }
        assertTrue(exact > 50, "checked " + exact);
        assertTrue(optimal > 20, "the mean order reached the optimum in " + optimal + " of " + exact);
    }

    /** The multiclass heuristic (levels above max_categories_exhaustive) never beats the exhaustive optimum, and often reaches it. */
    @Test
    void multiclassHeuristicIsBoundedByExhaustiveSearch() {
        SplittableRandom rnd = new SplittableRandom(7);
        int reached = 0;
        for (int trial = 0; trial < 40; trial++) {
            int levels = 4 + rnd.nextInt(5);
            int n = 60;
            double[] x = new double[n];
            int[] labels = new int[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(levels);
                labels[i] = ((int) x[i] + rnd.nextInt(2)) % 3;
                w[i] = 1;
            }
            Dataset d = oneFeature(x, levels, null, labels, 3, w);
            Tree ex = DecisionTree.classifier().maxDepth(1).fit(d).tree();
            Tree heur = DecisionTree.classifier().maxDepth(1).with(CartParams.MAX_CATEGORIES_EXHAUSTIVE, 2).fit(d).tree();
            double best = bruteForce("gini", x, null, labels, 3, w, levels)[0];
            assertEquals(best, rootChildren(ex), 1e-10 * Math.max(1, best));
            assertTrue(rootChildren(heur) >= best - 1e-10);
            reached += Math.abs(rootChildren(heur) - best) <= 1e-10 ? 1 : 0;
        }
        assertTrue(reached > 20, "the heuristic orderings reached the optimum " + reached + " times of 40");
    }

    // ------------------------------------------------------------------ hand example

    /**
     * (2) Levels A..E (E never seen). Rows: A: 1, 1; B: 5; C: 2, 4; D: 6, 6, 6, 6. Level means A 1, C 3, B 5, D 6;
     * the cuts of that order leave squared errors {A}|{C,B,D}: 0 + 14 = 14; {A,C}|{B,D}: 6 + 0.8 = 6.8;
     * {A,C,B}|{D}: 13.2 + 0 = 13.2. The node's total is 191 - 37^2/9 = 38.888..., so the best gain is 32.0888...
     * (improvement 32.0888.../9). Ordinal codes (A=0 < B < C < D) can only cut A|BCD (14), AB|CD (10.667 + 14) and
     * ABC|D (13.2): best 13.2 at threshold 2.5.
     * The right side {B, D} is heavier (5 rows against 4), so the unseen E, unknown codes and missing values go right.
     */
    @Test
    void handExample() {
        double[] x = {0, 0, 1, 2, 2, 3, 3, 3, 3};
        double[] y = {1, 1, 5, 2, 4, 6, 6, 6, 6};
        Dataset d = Dataset.regression(Matrix.wrap(9, 1, x.clone()), y)
                .withFeatures(List.of(Dataset.Feature.categorical("colour", List.of("A", "B", "C", "D", "E"))));
        DecisionTreeRegressorModel m = DecisionTree.regressor().maxDepth(1).fit(d);
        Tree t = m.tree();
        assertEquals(3, t.nodeCount());
        assertTrue(t.isCategorical(0));
        assertArrayEquals(new int[] {0, 2}, t.leftLevels(0));
        assertFalse(t.otherLevelsLeft(0));
        assertEquals(5, t.levelCount(0));
        double sst = 191 - 37.0 * 37.0 / 9;
        assertEquals(sst / 9, t.impurity[0], 1e-12);
        assertEquals(6.8, rootChildren(t), 1e-12);
        double improvement = (t.weightedNodeSamples()[0] * t.impurity[0] - rootChildren(t)) / t.weightedNodeSamples()[0];
        assertEquals((sst - 6.8) / 9, improvement, 1e-12);
        assertEquals(32.08888888888889 / 9, improvement, 1e-12);
        // predictions: A, C left (mean 2); B, D right (5.8); E (unseen), 7 (unknown), 1.5 (not a code), NaN: right
        double[] probe = {0, 2, 1, 3, 4, 7, 1.5, Double.NaN};
        double[] pred = m.predict(Matrix.wrap(probe.length, 1, probe));
        assertArrayEquals(new double[] {2, 2, 5.8, 5.8, 5.8, 5.8, 5.8, 5.8}, pred, 1e-12);
        // ordinal: the best threshold cut is {A, B, C} | {D}
        Tree o = DecisionTree.regressor().maxDepth(1).with(CartParams.CATEGORICAL_SPLITS, "ordinal").fit(d).tree();
        assertFalse(o.isCategorical(0));
        assertEquals(2.5, o.threshold[0]);
        assertEquals(13.2, rootChildren(o), 1e-12);
        // export
        String text = TreeExport.text(m);
        assertTrue(text.contains("|--- colour in {A, C}\n"), text);
        assertTrue(text.contains("|--- colour not in {A, C}\n"), text);
        assertTrue(m.toDot().contains("colour in {A, C}"), m.toDot());
        assertTrue(m.toText().contains("colour in {A, C}"), m.toText());
        assertArrayEquals(new double[] {1.0}, m.featureImportances(), 0);
    }

    /** A heavier left side takes the unseen levels and unknown codes; missing values seen at training follow the learned side. */
    @Test
    void unseenLevelsGoToTheHeavierSideAndMissingToTheLearnedSide() {
        // levels 0..3 declared, 3 never seen; level 0 (y 0) vs levels 1, 2 (y 10); the missing rows have y 10
        double[] x = {0, 0, 0, 1, 1, 2, Double.NaN, Double.NaN};
        double[] y = {0, 0, 0, 10, 10, 10, 10, 10};
        Dataset d = Dataset.regression(Matrix.wrap(8, 1, x.clone()), y)
                .withFeatures(List.of(Dataset.Feature.categorical("c", List.of("a", "b", "c", "d"))));
        DecisionTreeRegressorModel m = DecisionTree.regressor().maxDepth(1).fit(d);
        Tree t = m.tree();
        double[] pred = m.predict(Matrix.wrap(4, 1, new double[] {0, 1, Double.NaN, 3}));
        assertEquals(0, pred[0], 1e-12);
        assertEquals(10, pred[1], 1e-12);
        assertEquals(10, pred[2], 1e-12, "missing values join the rows with y = 10");
        // the y = 10 side holds 5 rows against 3: unseen level 3 and unknown codes go there
        assertEquals(10, pred[3], 1e-12);
        assertEquals(10, m.predict(Matrix.wrap(1, 1, new double[] {42}))[0], 1e-12);
        boolean tenLeft = Arrays.stream(t.leftLevels(0)).anyMatch(c -> c == 1);
        assertEquals(tenLeft, t.otherLevelsLeft(0));
        assertEquals(tenLeft, t.missingLeft[0]);
    }

    @Test
    void badCodesAreRejectedWithTheFeatureName() {
        Dataset d = Dataset.regression(Matrix.wrap(3, 1, new double[] {0, 1, 2.5}), new double[] {1, 2, 3})
                .withFeatures(List.of(Dataset.Feature.categorical("colour", List.of("a", "b", "c"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionTree.regressor().fit(d));
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("2.5") && e.getMessage().contains("row 2"), e.getMessage());
        Dataset d2 = Dataset.regression(Matrix.wrap(3, 1, new double[] {0, 1, 3}), new double[] {1, 2, 3})
                .withFeatures(List.of(Dataset.Feature.categorical("colour", List.of("a", "b", "c"))));
        assertThrows(IllegalArgumentException.class, () -> DecisionTree.regressor().fit(d2));
        // ordinal: the codes are plain numbers
        DecisionTree.regressor().with(CartParams.CATEGORICAL_SPLITS, "ordinal").fit(d2);
    }

    // ------------------------------------------------------------------ options, models and the rest of the package

    /** With categorical_splits = ordinal the tree is the one grown on the same columns declared numeric. */
    @Test
    void ordinalKeepsTheOldBehaviour() {
        Dataset cat = CategoricalData.classification(200, 11);
        Dataset num = cat.withFeatures(List.of(Dataset.Feature.numeric("colour"), Dataset.Feature.numeric("size"),
                Dataset.Feature.numeric("shape")));
        Tree a = DecisionTree.classifier().with(CartParams.CATEGORICAL_SPLITS, "ordinal").fit(cat).tree();
        Tree b = DecisionTree.classifier().fit(num).tree();
        assertArrayEquals(b.feature(), a.feature());
        assertArrayEquals(b.threshold(), a.threshold());
        assertArrayEquals(b.value(), a.value());
        assertFalse(a.hasCategoricalSplits());
        Tree p = DecisionTree.classifier().fit(cat).tree();
        assertTrue(p.hasCategoricalSplits());
        assertTrue(p.leafCount() < a.leafCount(), "partitions need fewer leaves: " + p.leafCount() + " vs " + a.leafCount());
    }

    static <M extends Model> M roundTrip(M m, Class<M> type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        return Models.read(new ByteArrayInputStream(out.toByteArray()), type, "t.derive", Models.Limits.DEFAULT);
    }

    @Test
    void persistenceRoundTrip() throws IOException {
        Dataset cls = CategoricalData.classification(150, 3);
        Dataset reg = CategoricalData.regression(150, 4);
        Matrix probe = CategoricalData.x(80, 17);
        probe.set(0, 0, 9); // an unknown code
        probe.set(1, 2, Double.NaN);
        DecisionTreeClassifierModel c = DecisionTree.classifier().maxDepth(5).fit(cls);
        assertTrue(c.tree().hasCategoricalSplits());
        DecisionTreeClassifierModel c2 = roundTrip(c, DecisionTreeClassifierModel.class);
        assertArrayEquals(c.predictProba(probe).toArray(), c2.predictProba(probe).toArray(), 0);
        assertArrayEquals(c.tree().categoricalStart(), c2.tree().categoricalStart());
        assertArrayEquals(c.tree().categoricalSets(), c2.tree().categoricalSets());
        assertEquals("partition", c2.params().getString(CartParams.CATEGORICAL_SPLITS));
        DecisionTreeRegressorModel r = DecisionTree.regressor().fit(reg);
        DecisionTreeRegressorModel r2 = roundTrip(r, DecisionTreeRegressorModel.class);
        assertArrayEquals(r.predict(probe), r2.predict(probe), 0);
        RandomForestRegressorModel f = RandomForest.regressor().nEstimators(7).seed(2).fit(reg);
        RandomForestRegressorModel f2 = roundTrip(f, RandomForestRegressorModel.class);
        assertArrayEquals(f.predict(probe), f2.predict(probe), 0);
        GradientBoostingRegressorModel g = GradientBoosting.regressor().nEstimators(10).fit(reg);
        assertArrayEquals(g.predict(probe), roundTrip(g, GradientBoostingRegressorModel.class).predict(probe), 0);
    }

    @Test
    void oldFilesReportOrdinal() throws IOException {
        DecisionTreeClassifierModel c = GoldenFiles.read("cart-classifier-format1.derive", DecisionTreeClassifierModel.class);
        assertEquals("ordinal", c.params().getString(CartParams.CATEGORICAL_SPLITS));
        assertFalse(c.tree().hasCategoricalSplits());
        RandomForestClassifierModel f = GoldenFiles.read("rf-classifier-format1.derive", RandomForestClassifierModel.class);
        assertEquals("ordinal", f.params().getString(CartParams.CATEGORICAL_SPLITS));
        // retraining the old parameters on the same data gives the same predictions
        Dataset cls = CategoricalData.classification(120, 5);
        Matrix x = CartCategoricalGoldenTest.probe();
        assertArrayEquals(c.predictProba(x).toArray(), DecisionTree.classifier().maxDepth(4)
                .with(CartParams.CATEGORICAL_SPLITS, "ordinal").fit(cls).predictProba(x).toArray(), 0);
    }

    /** The flat forest layout predicts what the trees predict one row at a time, with categorical, numeric and missing values. */
    @Test
    void forestPredictionMatchesTheTrees() {
        Dataset cls = CategoricalData.classification(300, 8);
        Matrix probe = CategoricalData.x(101, 23);
        probe.set(5, 0, 6); // unknown code
        probe.set(6, 0, Double.NaN);
        for (boolean extra : new boolean[] {false, true}) {
            RandomForestClassifierModel f = (extra ? RandomForest.extraTreesClassifier() : RandomForest.classifier())
                    .nEstimators(15).seed(5).fit(cls);
            assertTrue(f.trees().stream().anyMatch(Tree::hasCategoricalSplits));
            Matrix p = f.predictProba(probe);
            double[] a = probe.toArray();
            for (int i = 0; i < probe.rows(); i++) {
                double[] sum = new double[2];
                for (Tree t : f.trees()) {
                    TreePrediction.addProbaRow(t, a, probe.rows(), i, sum, 0, 1.0);
                }
                assertEquals(sum[1] / f.trees().size(), p.get(i, 1), 1e-12);
            }
            // forests are the same for a seed whatever the thread count
            int threads = dev.derive.runtime.Parallelism.threads();
            RandomForestClassifierModel g;
            try {
                dev.derive.runtime.Parallelism.setThreads(1);
                g = (extra ? RandomForest.extraTreesClassifier() : RandomForest.classifier()).nEstimators(15).seed(5).fit(cls);
            } finally {
                dev.derive.runtime.Parallelism.setThreads(threads);
            }
            assertArrayEquals(p.toArray(), g.predictProba(probe).toArray(), 0);
        }
    }

    /** Extremely randomised trees draw a level subset per categorical node, so different seeds give different sets. */
    @Test
    void extraTreesDrawRandomSubsets() {
        Dataset cls = CategoricalData.classification(300, 8);
        List<String> sets = new ArrayList<>();
        for (long seed = 0; seed < 6; seed++) {
            Tree t = RandomForest.extraTreesClassifier().nEstimators(1).maxFeatures("all").seed(seed).fit(cls).trees().get(0);
            for (int i = 0; i < t.nodeCount(); i++) {
                if (t.isCategorical(i) && t.feature[i] == 0) {
                    sets.add(Arrays.toString(t.leftLevels(i)));
                    break;
                }
            }
        }
        assertTrue(sets.stream().distinct().count() > 1, sets.toString());
    }

    /** Cost-complexity pruning works on the node statistics, categorical nodes included, and keeps their sets. */
    @Test
    void pruningKeepsCategoricalSets() {
        Dataset cls = CategoricalData.classification(300, 9);
        DecisionTree<DecisionTreeClassifierModel> learner = DecisionTree.classifier();
        Tree full = learner.fit(cls).tree();
        CostComplexityPruning.Path path = learner.costComplexityPruningPath(cls);
        double alpha = path.alphas()[path.alphas().length / 2];
        Tree pruned = learner.ccpAlpha(alpha).fit(cls).tree();
        assertTrue(pruned.nodeCount() < full.nodeCount());
        assertTrue(pruned.hasCategoricalSplits());
        // each kept split routes as in the full tree: the rows' leaves of the pruned tree are ancestors of the full tree's
        Matrix x = cls.features();
        int[] lf = full.apply(x);
        int[] lp = pruned.apply(x);
        for (int i = 0; i < lf.length; i++) {
            assertEquals(pruned.nodeSamples[lp[i]], countSame(lp, lp[i]));
        }
        assertNotEquals(0, lf.length);
    }

    static int countSame(int[] a, int v) {
        int c = 0;
        for (int x : a) {
            c += x == v ? 1 : 0;
        }
        return c;
    }

    /** Gradient boosting grows its trees with categorical partitions and reduces the training loss as with numeric splits. */
    @Test
    void gradientBoostingUsesPartitions() {
        Dataset reg = CategoricalData.regression(300, 10);
        GradientBoostingRegressorModel g = GradientBoosting.regressor().nEstimators(30).maxDepth(2).fit(reg);
        assertTrue(g.trees().stream().anyMatch(Tree::hasCategoricalSplits));
        GradientBoostingRegressorModel o = GradientBoosting.regressor().nEstimators(30).maxDepth(2)
                .with(CartParams.CATEGORICAL_SPLITS, "ordinal").fit(reg);
        assertFalse(o.trees().stream().anyMatch(Tree::hasCategoricalSplits));
        assertTrue(mse(g.predict(reg.features()), reg.target()) < mse(o.predict(reg.features()), reg.target()));
    }

    static double mse(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return s / y.length;
    }

    /** Every criterion with exact and random splits grows categorical splits that predict finite values. */
    @Test
    void everyCriterionAndRandomSplitsWork() {
        Dataset reg = CategoricalData.regression(200, 12);
        double[] y = reg.target();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0.1, y[i] + 3); // positive for Poisson
        }
        Dataset pos = Dataset.regression(reg.features(), y).withFeatures(CategoricalData.features());
        Matrix probe = CategoricalData.x(50, 1);
        for (String crit : List.of("squared_error", "poisson", "absolute_error")) {
            for (boolean extra : new boolean[] {false, true}) {
                RandomForestRegressorModel f = (extra ? RandomForest.extraTreesRegressor() : RandomForest.regressor())
                        .nEstimators(5).with("criterion", crit).seed(1).fit(pos);
                assertTrue(f.trees().stream().anyMatch(Tree::hasCategoricalSplits), crit + " " + extra);
                for (double v : f.predict(probe)) {
                    assertTrue(Double.isFinite(v) && v > 0, crit + " " + extra + ": " + v);
                }
            }
        }
        Dataset three = CategoricalData.classification(200, 13);
        int[] labels = three.labels();
        Matrix x = three.features();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.get(i, 0) == 2 ? 2 : labels[i];
        }
        Dataset d3 = Dataset.classification(x, labels, List.of("a", "b", "c")).withFeatures(CategoricalData.features());
        for (boolean extra : new boolean[] {false, true}) {
            RandomForestClassifierModel f = (extra ? RandomForest.extraTreesClassifier() : RandomForest.classifier())
                    .nEstimators(5).seed(2).fit(d3);
            assertTrue(f.trees().stream().anyMatch(Tree::hasCategoricalSplits));
        }
        assertTrue(GradientBoosting.classifier().nEstimators(5).fit(d3).trees().stream().anyMatch(Tree::hasCategoricalSplits));
    }

    /** Bagging keeps the feature descriptions of its column subsets, so its CART members split levels into subsets too. */
    @Test
    void baggingMembersUsePartitions() {
        Dataset cls = CategoricalData.classification(200, 14);
        dev.derive.ensemble.BaggingClassifierModel b = dev.derive.ensemble.Bagging.classifier(DecisionTree.classifier())
                .estimators(4).maxFeatures(2).seed(3).fit(cls);
        boolean any = false;
        for (Model m : b.models()) {
            any |= ((DecisionTreeClassifierModel) m).tree().hasCategoricalSplits();
        }
        assertTrue(any);
    }

    @Test
    void malformedLevelSetsAreRejected() {
        int[] f = {0, -2, -2};
        double[] thr = {Double.NaN, -2, -2};
        int[] l = {1, -1, -1};
        int[] r = {2, -1, -1};
        double[] v = {1, 1, 1};
        double[] imp = {0, 0, 0};
        int[] ns = {2, 1, 1};
        double[] ws = {2, 1, 1};
        boolean[] ml = new boolean[3];
        Tree ok = Tree.of(f, thr, l, r, v, imp, ns, ws, ml, 1, 1, new int[] {0, -1, -1}, new int[] {3, 0b0101});
        assertArrayEquals(new int[] {0, 2}, ok.leftLevels(0));
        assertFalse(ok.otherLevelsLeft(0));
        assertThrows(IllegalArgumentException.class, () -> Tree.of(f, thr, l, r, v, imp, ns, ws, ml, 1, 1,
                new int[] {1, -1, -1}, new int[] {3, 1}));
        assertThrows(IllegalArgumentException.class, () -> Tree.of(f, thr, l, r, v, imp, ns, ws, ml, 1, 1,
                new int[] {0, 0, -1}, new int[] {3, 1}));
        assertThrows(IllegalArgumentException.class, () -> Tree.of(f, thr, l, r, v, imp, ns, ws, ml, 1, 1,
                new int[] {0, -1, -1}, new int[] {40, 1}));
        assertThrows(IllegalArgumentException.class, () -> Tree.of(f, thr, l, r, v, imp, ns, ws, ml, 1, 1,
                new int[] {0, -1, -1}, null));
    }

    static final LearnerContract.Options OPTIONS = LearnerContract.Options.DEFAULT.withSupportsMissing(true);

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.of(
                LearnerContract.tests(DecisionTree.classifier(), CategoricalData.classification(150, 1), OPTIONS),
                LearnerContract.tests(DecisionTree.classifier().criterion("entropy").maxDepth(3), CategoricalData.classification(150, 2), OPTIONS),
                LearnerContract.tests(DecisionTree.regressor().minSamplesLeaf(3), CategoricalData.regression(150, 3), OPTIONS),
                LearnerContract.tests(DecisionTree.regressor().criterion("absolute_error").maxDepth(4), CategoricalData.regression(150, 4), OPTIONS))
                .flatMap(s -> s);
    }
}
