package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.testing.LearnerContract;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Monotone constraints, interaction constraints, per-level / per-node column sampling and GOSS of
 * {@code hist_gbdt}.
 */
class HistSplitConstraintsTest {

    // ------------------------------------------------------------------ monotone constraints

    /**
     * On diabetes (real data): constrained +1 in bmi (2) and bp (3), -1 in s3 (6); for 60 rows, the prediction
     * over a 101-point grid spanning each constrained feature's range must be monotone (exactly: every tree is
     * monotone, and rounded addition of monotone terms stays monotone). The unconstrained model is not (so the
     * check has power).
     */
    @Test
    void constraintsAreTextParametersThatSurviveSaving() throws java.io.IOException {
        var viaBuilder = HistGradientBoosting.regressor().nEstimators(5).monotoneConstraints("0,0,1,1,0,0,-1,0,0,0")
                .interactionConstraints("[0,1,2,3],[2,3,4,5,6],[6,7,8,9]");
        var viaParams = HistGradientBoosting.regressor().nEstimators(5).with("monotone_constraints", " 0,0,1,1,0,0,-1,0,0,0 ")
                .with("interaction_constraints", "[0,1,2,3],[2,3,4,5,6],[6,7,8,9]");
        assertEquals(viaBuilder.params(), viaParams.params());
        Dataset d = Datasets.dataset("diabetes");
        HistGradientBoostingRegressorModel m = viaParams.fit(d);
        assertArrayEquals(viaBuilder.fit(d).predict(d.features()), m.predict(d.features()), 0.0);
        var out = new java.io.ByteArrayOutputStream();
        dev.derive.learn.persist.Models.write(m, out, java.util.Map.of());
        var back = dev.derive.learn.persist.Models.read(new java.io.ByteArrayInputStream(out.toByteArray()),
                HistGradientBoostingRegressorModel.class, "mem", dev.derive.learn.persist.Models.Limits.DEFAULT);
        assertEquals("0,0,1,1,0,0,-1,0,0,0", back.params().get("monotone_constraints"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.regressor().with("monotone_constraints", "1,up"));
        assertTrue(e.getMessage().contains("up"), e.getMessage());
    }

    @Test
    void predictionsAreMonotoneInConstrainedFeaturesOnDiabetes() {
        Dataset d = Datasets.dataset("diabetes");
        var base = HistGradientBoosting.regressor().nEstimators(60).with("min_child_samples", 5);
        var constrained = base.monotoneConstraints("0,0,1,1,0,0,-1,0,0,0");
        HistGradientBoostingRegressorModel m = constrained.fit(d);
        HistGradientBoostingRegressorModel free = base.fit(d);
        int[] feats = {2, 3, 6};
        int[] sign = {1, 1, -1};
        boolean freeViolates = false;
        Matrix x = d.features();
        for (int q = 0; q < feats.length; q++) {
            int j = feats[q];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.size(); i++) {
                lo = Math.min(lo, x.get(i, j));
                hi = Math.max(hi, x.get(i, j));
            }
            for (int r = 0; r < 60; r++) {
                int row = r * 7;
                int g = 101;
                double[] grid = new double[g * x.cols()];
                for (int k = 0; k < g; k++) {
                    for (int c = 0; c < x.cols(); c++) {
                        grid[c * g + k] = x.get(row, c);
                    }
                    grid[j * g + k] = lo + (hi - lo) * k / (g - 1);
                }
                Matrix gm = Matrix.wrap(g, x.cols(), grid);
                double[] p = m.predict(gm);
                double[] pf = free.predict(gm);
                for (int k = 1; k < g; k++) {
                    assertTrue(sign[q] * (p[k] - p[k - 1]) >= 0, "feature " + j + " row " + row + " grid " + k + ": " + p[k - 1] + " -> " + p[k]);
                    freeViolates |= sign[q] * (pf[k] - pf[k - 1]) < 0;
                }
            }
        }
        assertTrue(freeViolates, "the unconstrained model should break monotonicity somewhere");
        // the constraints follow the data (bmi and bp raise progression, s3 = HDL lowers it): held-out RMSE on
        // the scikit-learn parity split (133 test rows) within 5% of the unconstrained model's
        Dataset[] s = HistGradientBoostingParityTest.split(d, "diabetes");
        double rmseC = rmse(constrained.fit(s[0]).predict(s[1].features()), s[1].target());
        double rmseF = rmse(base.fit(s[0]).predict(s[1].features()), s[1].target());
        System.out.printf("diabetes test RMSE: monotone %.3f, free %.3f%n", rmseC, rmseF);
        assertTrue(rmseC < 1.05 * rmseF, "constrained fit " + rmseC + " far worse than " + rmseF);
    }

    static double rmse(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }

    /** A split whose child outputs are ordered against the constraint is rejected (hand example). */
    @Test
    void decreasingStepIsNotSplitUnderIncreasingConstraint() {
        // y = 1 for x < 5, 0 for x >= 5: the only useful split makes the left child larger
        int n = 40;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 10;
            y[i] = x[i] < 5 ? 1 : 0;
        }
        Dataset d = Dataset.regression(Matrix.wrap(n, 1, x), y);
        var stump = HistGradientBoosting.regressor().nEstimators(1).numLeaves(2).learningRate(1.0).with("min_child_samples", 1);
        assertEquals(3, stump.fit(d).boosted().trees.get(0).nodeCount());
        assertEquals(3, stump.monotoneConstraints("-1").fit(d).boosted().trees.get(0).nodeCount());
        assertEquals(1, stump.monotoneConstraints("1").fit(d).boosted().trees.get(0).nodeCount());
    }

    @Test
    void constraintStringsAreParsedWithClearErrors() {
        assertArrayEquals(new int[] {1, 0, -1}, HistGradientBoosting.parseMonotone("1, 0,-1", 3));
        assertArrayEquals(new int[] {1, 0, -1}, HistGradientBoosting.parseMonotone("[1,0,-1]", 3));
        assertEquals(null, HistGradientBoosting.parseMonotone("", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.parseMonotone("1,2", 2));
        assertTrue(e.getMessage().contains("entry 1") && e.getMessage().contains("'2'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.parseMonotone("1,0", 3));
        assertTrue(e.getMessage().contains("2 entries") && e.getMessage().contains("3 features"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().monotoneConstraints("up"));
        int[][] sets = HistGradientBoosting.parseInteractions("[0,1], [2,3,4]", 5);
        assertArrayEquals(new int[] {0, 1}, sets[0]);
        assertArrayEquals(new int[] {2, 3, 4}, sets[1]);
        e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.parseInteractions("[0,1],[2,x]", 5));
        assertTrue(e.getMessage().contains("interaction_constraints"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.parseInteractions("[0,7]", 5));
        assertTrue(e.getMessage().contains("7") && e.getMessage().contains("[0, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().interactionConstraints("0,1"));
        e = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.regressor().monotoneConstraints("1,0,0,0,0,0,0,0,0").fit(Datasets.dataset("diabetes")));
        assertTrue(e.getMessage().contains("9 entries") && e.getMessage().contains("10 features"), e.getMessage());
    }

    // ------------------------------------------------------------------ interaction constraints

    /** Every root-to-leaf path of every tree uses features of one allowed set; features in no set are unused. */
    @Test
    void branchesOnlyUseFeaturesOfOneSet() {
        Dataset d = Datasets.dataset("diabetes");
        int[][] sets = {{0, 1, 2}, {2, 3, 4}, {6, 7, 8}};
        HistGradientBoostingRegressorModel m = HistGradientBoosting.regressor().nEstimators(40).with("min_child_samples", 5)
                .interactionConstraints("[0,1,2],[2,3,4],[6,7,8]").fit(d);
        BitSet used = new BitSet();
        int paths = 0;
        for (HistTree t : m.boosted().trees) {
            List<BitSet> ps = new ArrayList<>();
            walk(t, 0, new BitSet(), ps);
            for (BitSet p : ps) {
                paths++;
                used.or(p);
                boolean ok = false;
                for (int[] s : sets) {
                    BitSet b = new BitSet();
                    for (int j : s) {
                        b.set(j);
                    }
                    BitSet rest = (BitSet) p.clone();
                    rest.andNot(b);
                    ok |= rest.isEmpty();
                }
                assertTrue(ok, "path features " + p + " are in no single set");
            }
        }
        assertTrue(paths > 100);
        assertTrue(!used.get(5) && !used.get(9), "features 5 and 9 are in no set: " + used);
        assertTrue(used.cardinality() >= 5, "the constrained model still uses several features: " + used);
        // without constraints some path mixes features of different sets (so the check has power)
        HistGradientBoostingRegressorModel free = HistGradientBoosting.regressor().nEstimators(40).with("min_child_samples", 5).fit(d);
        boolean mixed = false;
        for (HistTree t : free.boosted().trees) {
            List<BitSet> ps = new ArrayList<>();
            walk(t, 0, new BitSet(), ps);
            for (BitSet p : ps) {
                mixed |= (p.get(0) || p.get(1)) && (p.get(3) || p.get(4) || p.get(6));
            }
        }
        assertTrue(mixed);
    }

    static void walk(HistTree t, int v, BitSet path, List<BitSet> out) {
        if (t.feature[v] < 0) {
            out.add(path);
            return;
        }
        BitSet p = (BitSet) path.clone();
        p.set(t.feature[v]);
        walk(t, t.left[v], p, out);
        walk(t, t.right[v], p, out);
    }

    // ------------------------------------------------------------------ column sampling

    /**
     * XGBoost's multiplicative sampling on 10 features: bytree 0.5 keeps 5, bylevel 0.5 keeps round(2.5) = 3 of
     * them per depth, so a depth-wise tree uses at most 3 features per depth and 5 in all; bit-identical for 1 and
     * 3 threads, and the seed matters.
     */
    @Test
    void levelAndNodeSamplingIsNestedSeededAndThreadIndependent() {
        Dataset d = HistGradientBoostingTest.synthetic(8_000, 10, 4);
        var learner = HistGradientBoosting.classifier().nEstimators(12).with("grow_policy", "depthwise").maxDepth(4)
                .numLeaves(16).with("colsample_bytree", 0.5).with("colsample_bylevel", 0.5).seed(3);
        HistGradientBoostingClassifierModel m = learner.fit(d);
        for (HistTree t : m.boosted().trees) {
            BitSet all = new BitSet();
            List<BitSet> perDepth = new ArrayList<>();
            collect(t, 0, 0, perDepth, all);
            assertTrue(all.cardinality() <= 5, "tree uses " + all);
            for (BitSet b : perDepth) {
                assertTrue(b.cardinality() <= 3, "a level uses " + b);
            }
        }
        var nodeLearner = learner.with("colsample_bynode", 0.5);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            var one = nodeLearner.fit(d);
            Parallelism.setThreads(3);
            var three = nodeLearner.fit(d);
            assertArrayEquals(one.decisionFunction(d.features(), one.rounds()), three.decisionFunction(d.features(), three.rounds()));
            assertNotEquals(Arrays.toString(one.decisionFunction(d.features(), one.rounds())),
                    Arrays.toString(m.decisionFunction(d.features(), m.rounds())), "per-node sampling must change the model");
            assertNotEquals(Arrays.toString(one.decisionFunction(d.features(), one.rounds())),
                    Arrays.toString(nodeLearner.seed(4).fit(d).decisionFunction(d.features(), one.rounds())), "the seed must matter");
        } finally {
            Parallelism.setThreads(before);
        }
        // bynode = 0.1 of 10 features: one random feature per node, so greedy stumps on it fit worse than stumps
        // choosing the best feature (training loss after 30 rounds)
        var one = HistGradientBoosting.classifier().nEstimators(30).numLeaves(2).with("colsample_bynode", 0.1).fit(d);
        var full = HistGradientBoosting.classifier().nEstimators(30).numLeaves(2).fit(d);
        double lossOne = one.report().lossCurve()[29];
        double lossFull = full.report().lossCurve()[29];
        assertTrue(lossOne > lossFull, "one random feature per node " + lossOne + " vs best feature " + lossFull);
    }

    static void collect(HistTree t, int v, int depth, List<BitSet> perDepth, BitSet all) {
        if (t.feature[v] < 0) {
            return;
        }
        while (perDepth.size() <= depth) {
            perDepth.add(new BitSet());
        }
        perDepth.get(depth).set(t.feature[v]);
        all.set(t.feature[v]);
        collect(t, t.left[v], depth + 1, perDepth, all);
        collect(t, t.right[v], depth + 1, perDepth, all);
    }

    // ------------------------------------------------------------------ GOSS

    /**
     * GOSS histogram sums are unbiased: with fixed gradients (n = 1000 rows, 2 classes), the reweighted sums of
     * g and h over each of 7 row groups (a histogram's bins), averaged over 3000 seeds, equal the full sums
     * within 5 standard errors; the top rows are always kept with weight 1.
     */
    @Test
    void gossSumsAreUnbiased() {
        int n = 1000;
        int outs = 2;
        SplittableRandom r = new SplittableRandom(1);
        double[] g0 = new double[n * outs];
        double[] h0 = new double[n * outs];
        for (int i = 0; i < n * outs; i++) {
            g0[i] = r.nextGaussian() * (1 + (i % 3));
            h0[i] = 0.1 + r.nextDouble();
        }
        int groups = 7;
        double[] fullG = new double[groups * outs];
        double[] fullH = new double[groups * outs];
        double[] score = new double[n];
        for (int c = 0; c < outs; c++) {
            for (int i = 0; i < n; i++) {
                fullG[c * groups + i % groups] += g0[c * n + i];
                fullH[c * groups + i % groups] += h0[c * n + i];
                score[i] += Math.abs(g0[c * n + i]);
            }
        }
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        double topThreshold = sorted[n - 200];
        int reps = 3000;
        double[] mean = new double[2 * groups * outs];
        double[] sq = new double[2 * groups * outs];
        int[] rows = new int[n];
        for (int rep = 0; rep < reps; rep++) {
            double[] g = g0.clone();
            double[] h = h0.clone();
            int m = HistGradientBoosting.goss(g, h, n, outs, 0.2, 0.1, new SplittableRandom(rep), rows);
            assertEquals(300, m);
            double[] s = new double[2 * groups * outs];
            int tops = 0;
            for (int k = 0; k < m; k++) {
                int i = rows[k];
                if (score[i] >= topThreshold) {
                    tops++;
                    assertEquals(g0[i], g[i], 0.0, "a top row keeps weight 1");
                } else {
                    assertEquals(8.0 * g0[i], g[i], 1e-12 * Math.abs(g0[i]), "a sampled row has weight (n - top) / other = 8");
                }
                for (int c = 0; c < outs; c++) {
                    s[c * groups + i % groups] += g[c * n + i];
                    s[groups * outs + c * groups + i % groups] += h[c * n + i];
                }
            }
            assertEquals(200, tops);
            for (int q = 0; q < s.length; q++) {
                mean[q] += s[q] / reps;
                sq[q] += s[q] * s[q] / reps;
            }
        }
        for (int q = 0; q < mean.length; q++) {
            double full = q < groups * outs ? fullG[q] : fullH[q - groups * outs];
            double se = Math.sqrt((sq[q] - mean[q] * mean[q]) / reps);
            assertTrue(Math.abs(mean[q] - full) < 5 * se, "sum " + q + ": mean " + mean[q] + " vs full " + full + " (se " + se + ")");
        }
    }

    /**
     * GOSS keeps accuracy close to the full data (Ke et al. 2017): breast cancer on the scikit-learn parity
     * split (171 test rows), 100 rounds, top_rate 0.2, other_rate 0.1 (30% of the rows per tree): within 3
     * points (5 rows) of the full-data model.
     */
    @Test
    void gossWarmsUpOnAllRowsForTheFirstOneOverLearningRateRounds() {
        Dataset d = Datasets.dataset("breast_cancer");
        var full = HistGradientBoosting.classifier().with("learning_rate", 0.25);
        var goss = full.with("data_sample_strategy", "goss");
        Matrix x = d.features();
        // 1 / 0.25 = 4 warm-up rounds: identical to training on all rows
        assertArrayEquals(full.nEstimators(4).fit(d).decisionFunction(x, 4), goss.nEstimators(4).fit(d).decisionFunction(x, 4), 0.0);
        // the fifth round samples
        assertNotEquals(Arrays.toString(full.nEstimators(5).fit(d).decisionFunction(x, 5)),
                Arrays.toString(goss.nEstimators(5).fit(d).decisionFunction(x, 5)));
    }

    @Test
    void gossAccuracyIsCloseToFullData() {
        Dataset[] s = HistGradientBoostingParityTest.split(Datasets.dataset("breast_cancer"), "bc");
        double full = HistGradientBoostingParityTest.accuracy(s[0], s[1]);
        var goss = HistGradientBoosting.classifier().with("data_sample_strategy", "goss");
        int[] pred = goss.fit(s[0]).predict(s[1].features());
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
            ok += pred[i] == s[1].labels()[i] ? 1 : 0;
        }
        double acc = (double) ok / pred.length;
        System.out.printf("breast cancer accuracy: goss %.4f, full data %.4f%n", acc, full);
        assertTrue(acc >= full - 0.03, "goss " + acc + " vs full " + full);
        assertThrows(IllegalArgumentException.class, () -> goss.with("top_rate", 0.7).with("other_rate", 0.5));
        assertThrows(IllegalArgumentException.class, () -> goss.with("subsample", 0.5));
    }

    @TestFactory
    Stream<DynamicTest> contractWithEverything() {
        return LearnerContract.tests(HistGradientBoosting.regressor().nEstimators(15).with("data_sample_strategy", "goss")
                        .with("colsample_bylevel", 0.8).with("colsample_bynode", 0.7).monotoneConstraints("0,0,1,1,0,0,-1,0,0,0")
                        .interactionConstraints("[0,1,2,3],[2,3,4,5,6],[6,7,8,9]"), Datasets.dataset("diabetes"),
                HistGradientBoostingContractTest.OPTIONS.withOrderInvariant(false));  // GOSS draws rows, as bagging
    }
}
