package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.learn.LearnerRegistry;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Behaviour of {@code hist_gbdt}: determinism across thread counts, staging, early stopping, weights, options. */
class HistGradientBoostingTest {

    /** A synthetic binary task with 5% missing values (rows x features, seeded). */
    static Dataset synthetic(int n, int f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < f; j++) {
                double v = r.nextGaussian();
                s += (j % 2 == 0 ? v : v * v - 1) / Math.sqrt(f);
                x[j * n + i] = r.nextDouble() < 0.05 ? Double.NaN : v;
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-3 * s)) ? 1 : 0;
        }
        return Dataset.classification(Matrix.wrap(n, f, x), y);
    }

    @Test
    void bitIdenticalWhateverTheThreadCount() {
        Dataset d = synthetic(30_000, 12, 1);
        var learner = HistGradientBoosting.classifier().nEstimators(15).with("subsample", 0.8)
                .with("colsample_bytree", 0.7).with("early_stopping_rounds", 5).seed(11);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            var one = learner.fit(d);
            Parallelism.setThreads(3);
            var three = learner.fit(d);
            assertArrayEquals(one.decisionFunction(d.features(), one.rounds()), three.decisionFunction(d.features(), three.rounds()));
            assertArrayEquals(one.report().lossCurve(), three.report().lossCurve());
            assertNotEquals(Arrays.toString(one.decisionFunction(d.features(), one.rounds())),
                    Arrays.toString(learner.seed(12).fit(d).decisionFunction(d.features(), one.rounds())), "the seed must matter");
        } finally {
            Parallelism.setThreads(before);
        }
    }

    /**
     * Enough rows (300 000) for the parallel paths of the tree grower: the partition of large leaves in
     * blocks, the per-leaf score update, the histogram pass in feature groups and the blocked training
     * metric. The model and its loss curve are bit-identical for 1 and 2 threads, and the scores the grower
     * updated from its leaf row ranges give the same training log-loss as the model's own predictions.
     */
    @Test
    void largeDataBitIdenticalWhateverTheThreadCount() {
        int n = 300_000;
        Dataset d = synthetic(n, 4, 5);
        var learner = HistGradientBoosting.classifier().nEstimators(3).numLeaves(15).seed(3);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            var one = learner.fit(d);
            Parallelism.setThreads(2);
            var two = learner.fit(d);
            double[] f1 = one.decisionFunction(d.features(), 3);
            assertArrayEquals(f1, two.decisionFunction(d.features(), 3));
            assertArrayEquals(one.report().lossCurve(), two.report().lossCurve());
            for (int t = 0; t < 3; t++) {
                assertArrayEquals(one.trees().get(t).value, two.trees().get(t).value);
                assertArrayEquals(one.trees().get(t).feature, two.trees().get(t).feature);
            }
            int[] y = d.labels();
            double loss = 0;
            for (int i = 0; i < n; i++) {
                loss += Math.log1p(Math.exp(f1[i])) - y[i] * f1[i];
            }
            double[] curve = one.report().lossCurve();
            // same per-row values, summed in another order: relative difference of a few ulps of the sum
            assertEquals(loss / n, curve[2], 1e-12 * curve[2]);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void stagedPredictionsAndTrainingCurve() {
        Dataset d = Datasets.dataset("diabetes");
        HistGradientBoostingRegressorModel m = HistGradientBoosting.regressor().nEstimators(30).fit(d);
        double[] init = m.predict(d.features(), 0);
        assertEquals(m.init(), init[0]);
        double[] curve = m.report().lossCurve();
        assertEquals(30, curve.length);
        for (int r = 1; r <= 30; r++) {
            double[] p = m.predict(d.features(), r);
            double mse = 0;
            for (int i = 0; i < p.length; i++) {
                mse += (p[i] - d.target()[i]) * (p[i] - d.target()[i]);
            }
            assertEquals(curve[r - 1], mse / p.length, 1e-9 * curve[r - 1], "train MSE after round " + r);
            if (r > 1) {
                assertTrue(curve[r - 1] <= curve[r - 2], "l2 Newton steps with shrinkage never raise the training loss");
            }
        }
        assertArrayEquals(m.predict(d.features()), m.predict(d.features(), 30));
        double[] split = m.featureImportance("split");
        double[] gain = m.featureImportance("gain");
        int splits = 0;
        for (HistTree t : m.trees()) {
            splits += t.nodeCount() - t.leafCount();
            assertTrue(t.leafCount() <= 31);
        }
        assertEquals(splits, Arrays.stream(split).sum());
        assertTrue(Arrays.stream(gain).allMatch(v -> v >= 0));
        assertThrows(IllegalArgumentException.class, () -> m.featureImportance("cover"));
    }

    @Test
    void earlyStoppingKeepsTheBestRound() {
        Dataset d = Datasets.dataset("breast_cancer");
        HistGradientBoostingClassifierModel m = HistGradientBoosting.classifier().nEstimators(500).learningRate(0.3)
                .with("early_stopping_rounds", 10).fit(d);
        double[] v = m.validationCurve();
        assertTrue(v.length < 500, "early stopping did not stop");
        int best = 0;
        for (int r = 1; r < v.length; r++) {
            if (v[r] < v[best]) {
                best = r;
            }
        }
        assertEquals(best + 1, m.rounds());
        assertEquals(best + 1 + 10, v.length);
        assertTrue(m.report().stopReason().startsWith("early stopping"));
    }

    /** With min_child_samples = 1, a weight of 2 is the same as a duplicated row (g and h sums are equal). */
    @Test
    void integerWeightsEqualDuplicatedRows() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 200;
        double[] x = new double[n * 2];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.round(r.nextDouble(0, 5) * 10) / 10.0;  // few distinct values: edges do not depend on counts
            x[n + i] = Math.round(r.nextDouble(0, 5) * 10) / 10.0;
            y[i] = Math.sin(x[i]) + x[n + i] + 0.1 * r.nextGaussian();
            w[i] = 1 + r.nextInt(3);
        }
        int total = (int) Arrays.stream(w).sum();
        double[] xd = new double[total * 2];
        double[] yd = new double[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++) {
                xd[k] = x[i];
                xd[total + k] = x[n + i];
                yd[k++] = y[i];
            }
        }
        var learner = HistGradientBoosting.regressor().nEstimators(20).with("min_child_samples", 1).with("min_child_weight", 0.0);
        Dataset weighted = Dataset.regression(Matrix.wrap(n, 2, x), y).withWeights(w);
        Dataset dup = Dataset.regression(Matrix.wrap(total, 2, xd), yd);
        Matrix probe = Matrix.wrap(n, 2, x);
        assertArrayEquals(learner.fit(dup).predict(probe), learner.fit(weighted).predict(probe), 1e-9);
    }

    @Test
    void optionsChangeTheTreesAsDocumented() {
        Dataset d = Datasets.dataset("diabetes");
        for (HistTree t : HistGradientBoosting.regressor().nEstimators(5).maxDepth(2).fit(d).trees()) {
            assertTrue(t.depth() <= 2);
        }
        for (HistTree t : HistGradientBoosting.regressor().nEstimators(5).numLeaves(8).with("grow_policy", "depthwise")
                .fit(d).trees()) {
            assertTrue(t.leafCount() <= 8);
        }
        // without a leaf limit both policies split every splittable node down to max_depth: the same trees
        var deep = HistGradientBoosting.regressor().nEstimators(5).numLeaves(1000).maxDepth(3);
        assertArrayEquals(deep.fit(d).predict(d.features()), deep.with("grow_policy", "depthwise").fit(d).predict(d.features()));
        // with a leaf limit the order matters: leafwise reaches deeper than depthwise
        int lw = 0;
        int dw = 0;
        for (HistTree t : HistGradientBoosting.regressor().nEstimators(5).numLeaves(6).fit(d).trees()) {
            lw = Math.max(lw, t.depth());
        }
        for (HistTree t : HistGradientBoosting.regressor().nEstimators(5).numLeaves(6).with("grow_policy", "depthwise").fit(d).trees()) {
            dw = Math.max(dw, t.depth());
        }
        assertTrue(dw <= lw, "depthwise depth " + dw + " vs leafwise " + lw);
        for (HistTree t : HistGradientBoosting.regressor().nEstimators(5).with("min_child_samples", 60).fit(d).trees()) {
            for (int v = 0; v < t.nodeCount(); v++) {
                assertTrue(t.count[v] >= 60);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().maxDepth(0));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().with("max_bins", 256));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().with("objective", "quantile").with("alpha", 1.5));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.classifier().with("objective", "binary")
                .fit(Datasets.dataset("iris")));
        // a log-link objective predicts exp(F)
        HistGradientBoostingRegressorModel pois = HistGradientBoosting.regressor().nEstimators(10).with("objective", "poisson").fit(d);
        double[] raw = pois.rawScores(d.features(), 10);
        assertEquals(Math.exp(raw[3]), pois.predict(d.features())[3], 1e-12);
        assertEquals(HistGradientBoosting.NAME, LearnerRegistry.create(HistGradientBoosting.NAME, Dataset.Task.REGRESSION).name());
        assertEquals(HistGradientBoosting.NAME, LearnerRegistry.create(HistGradientBoosting.NAME, Dataset.Task.CLASSIFICATION).name());
    }

    /**
     * Constant columns get no histogram and no scan (and are not bundled): inserting two leaves every tree, the
     * raw scores and the loss curve bit for bit as they were, on one and on two threads. A column constant but
     * for missing values is not constant: it still splits (missing against present).
     */
    @Test
    void constantColumnsChangeNothingAndAPartlyMissingOneStillSplits() {
        Dataset d = synthetic(20_000, 9, 4);
        int n = d.size();
        double[] x = d.features().toArray();
        double[] wide = new double[n * 11];
        System.arraycopy(x, 0, wide, 0, 2 * n);
        Arrays.fill(wide, 2 * n, 3 * n, 3.5);  // constant column 2
        System.arraycopy(x, 2 * n, wide, 3 * n, 7 * n);
        Arrays.fill(wide, 10 * n, 11 * n, -1.0);  // constant column 10
        Dataset e = Dataset.classification(Matrix.wrap(n, 11, wide), d.labels());
        var learner = HistGradientBoosting.classifier().nEstimators(12).seed(3);
        int before = Parallelism.threads();
        try {
            for (int t : new int[] {1, 2}) {
                Parallelism.setThreads(t);
                var plain = learner.fit(d);
                var padded = learner.fit(e);
                assertArrayEquals(plain.decisionFunction(d.features(), 12), padded.decisionFunction(e.features(), 12), "threads " + t);
                assertArrayEquals(plain.report().lossCurve(), padded.report().lossCurve());
                double[] split = padded.featureImportance("split");
                assertEquals(0, split[2]);
                assertEquals(0, split[10]);
            }
        } finally {
            Parallelism.setThreads(before);
        }
        // one value and missing values: the label is the missingness, so the column must split
        double[] m = new double[n * 2];
        int[] y = new int[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            boolean miss = r.nextDouble() < 0.3;
            m[i] = miss ? Double.NaN : 1.0;
            m[n + i] = r.nextGaussian();
            y[i] = (miss ? r.nextDouble() < 0.9 : r.nextDouble() < 0.1) ? 1 : 0;
        }
        var mm = HistGradientBoosting.classifier().nEstimators(3).fit(Dataset.classification(Matrix.wrap(n, 2, m), y));
        assertTrue(mm.featureImportance("split")[0] > 0, "a constant-but-missing column splits on missingness");
    }

    /** An all-missing and a constant column never split; NaN and unseen values predict sensibly. */
    @Test
    void allMissingAndConstantColumns() {
        Dataset d = Datasets.dataset("diabetes");
        int n = d.size();
        double[] x = new double[n * 3];
        System.arraycopy(d.features().toArray(), 2 * n, x, 0, n);  // bmi
        Arrays.fill(x, n, 2 * n, Double.NaN);
        Arrays.fill(x, 2 * n, 3 * n, 7.0);
        Dataset e = Dataset.regression(Matrix.wrap(n, 3, x), d.target());
        HistGradientBoostingRegressorModel m = HistGradientBoosting.regressor().nEstimators(10).fit(e);
        double[] split = m.featureImportance("split");
        assertTrue(split[0] > 0);
        assertEquals(0, split[1]);
        assertEquals(0, split[2]);
        double[] p = m.predict(Matrix.of(new double[] {Double.NaN, 1, -100}, new double[] {1e6, Double.NaN, Double.NaN}));
        assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.of(new double[] {Double.POSITIVE_INFINITY, 1, 1})));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().fit(
                Dataset.regression(Matrix.of(new double[] {1}, new double[] {Double.NEGATIVE_INFINITY}), new double[] {1, 2})));
    }

    @Test
    void multiclassGrowsOneTreePerClassAndRound() {
        Dataset iris = Datasets.dataset("iris");
        HistGradientBoostingClassifierModel m = HistGradientBoosting.classifier().nEstimators(7).fit(iris);
        assertEquals("multiclass", m.objective());
        assertEquals(21, m.trees().size());
        Matrix p = m.predictProba(iris.features());
        int[] labels = m.predict(iris.features());
        int ok = 0;
        for (int i = 0; i < iris.size(); i++) {
            ok += labels[i] == iris.labels()[i] ? 1 : 0;
        }
        assertTrue(ok >= 140, "training accuracy " + ok + "/150");
        assertEquals(1.0, p.get(0, 0) + p.get(0, 1) + p.get(0, 2), 1e-12);
        // binary objective with two classes: log-odds of the second class
        var bc = HistGradientBoosting.classifier().nEstimators(5).fit(Datasets.dataset("breast_cancer"));
        assertEquals("binary", bc.objective());
        assertEquals(5, bc.trees().size());
    }
}
