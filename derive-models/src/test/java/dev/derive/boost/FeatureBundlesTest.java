package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Exclusive feature bundling ({@link FeatureBundles}, parameter {@code enable_bundle}): bundles and merged
 * bins by hand, one-hot data trained with and without bundling give the same trees (no conflicts), bundling
 * reduces the histogram columns, categorical features are not bundled, missing values keep their own bin,
 * and results are bit-identical for 1 and 3 threads.
 */
class FeatureBundlesTest {

    static BinnedData bin(double[][] cols) {
        int n = cols[0].length;
        double[] x = new double[n * cols.length];
        for (int j = 0; j < cols.length; j++) {
            System.arraycopy(cols[j], 0, x, j * n, n);
        }
        return Binner.bin(Matrix.wrap(n, cols.length, x), null, 255, 200_000, 1);
    }

    @Test
    void bundlesAndMergedBinsByHand() {
        double nan = Double.NaN;
        // a, b, c exclusive (non-zero in different rows), d dense (non-zero in 5 of 8 rows)
        double[] a = {1, 0, 0, 0, 0, 0, 0, 2};
        double[] b = {0, 3, 0, 0, 0, 0, 0, 0};
        double[] c = {0, 0, nan, 5, 0, 0, 0, 0};
        double[] d = {1, 2, 3, 4, 5, 0, 0, 0};
        BinnedData data = bin(new double[][] {a, b, c, d});
        FeatureBundles fb = FeatureBundles.build(data, 0);
        // nnz: a 2, c 2 (NaN counts), b 1, d 5 > 8/2 (not a candidate); order a, c, b (ties: smaller index)
        assertEquals(1, fb.count());
        assertArrayEquals(new int[] {0, 2, 1}, fb.members[0]);
        assertEquals(-1, fb.bundleOf[3]);
        assertEquals(0, fb.conflicts);
        assertEquals(2, fb.histogramColumns());
        // a: bins {0, 1, 2} + missing bin 3, default 0 -> owns bundle bins 1..3; c: bins {0, 5} + missing 2,
        // default 0 -> bins 4..5; b: bins {0, 3} + missing 2, default 0 -> bins 6..7
        assertEquals(1, fb.firstBin[0]);
        assertEquals(4, fb.firstBin[2]);
        assertEquals(6, fb.firstBin[1]);
        assertEquals(8, fb.bins[0]);
        byte[] col = fb.columns[0];
        // row 0: a = 1 (bin 1) -> 1; row 1: b = 3 (bin 1) -> 6; row 2: c missing (bin 2) -> 4 + 1 = 5;
        // row 3: c = 5 (bin 1) -> 4; rows 4-6: all default -> 0; row 7: a = 2 (bin 2) -> 2
        assertArrayEquals(new byte[] {1, 6, 5, 4, 0, 0, 0, 2}, col);
    }

    @Test
    void conflictsNeedAPositiveRate() {
        double[] a = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] b = {0, 1, 1, 0, 0, 0, 0, 0, 0, 0};  // overlaps a in row 1
        BinnedData data = bin(new double[][] {a, b});
        assertEquals(0, FeatureBundles.build(data, 0).count());
        assertEquals(0, FeatureBundles.build(data, 0.05).count(), "floor(0.05 * 10) = 0 conflicts allowed");
        FeatureBundles fb = FeatureBundles.build(data, 0.1);
        assertEquals(1, fb.count());
        assertEquals(1, fb.conflicts);
        // row 1: the last member (b) wins
        assertEquals(fb.firstBin[1], fb.columns[0][1]);
    }

    @Test
    void categoricalFeaturesAreNotBundled() {
        int n = 200;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 10 == 0 ? 1 : 0;               // categorical, mostly level 0
            x[n + i] = i % 10 == 5 ? 2.5 : 0;         // numeric, exclusive with the other
            y[i] = x[i] + x[n + i];
        }
        Dataset d = Dataset.regression(Matrix.wrap(n, 2, x), y)
                .withFeatures(List.of(Dataset.Feature.categorical("c", List.of("u", "v")), Dataset.Feature.numeric("v")));
        var m = HistGradientBoosting.regressor().nEstimators(3).with("min_child_samples", 5).fit(d);
        assertEquals(0.0, m.report().extra().get("feature_bundles"));
        assertEquals(2.0, m.report().extra().get("histogram_columns"));
    }

    /**
     * One-hot encodings of {@code cats} categorical variables with {@code levels} levels each (level drawn with
     * skewed probabilities), a dense numeric feature, and a sparse numeric one (90% zeros, 3% missing);
     * regression target from the levels and the numeric features plus noise.
     */
    static Dataset oneHot(int n, int cats, int levels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int f = cats * levels + 2;
        double[] x = new double[n * f];
        double[] y = new double[n];
        double[][] effect = new double[cats][levels];
        for (int c = 0; c < cats; c++) {
            for (int l = 0; l < levels; l++) {
                effect[c][l] = r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < cats; c++) {
                int l = (int) Math.floor(levels * Math.pow(r.nextDouble(), 2));
                x[(c * levels + l) * n + i] = 1;
                s += effect[c][l];
            }
            double dense = r.nextGaussian();
            x[(f - 2) * n + i] = dense;
            double u = r.nextDouble();
            double sparse = u < 0.9 ? 0 : u < 0.97 ? r.nextDouble() * 4 : Double.NaN;
            x[(f - 1) * n + i] = sparse;
            y[i] = s + dense + (Double.isNaN(sparse) ? 2 : sparse) + 0.3 * r.nextGaussian();
        }
        return Dataset.regression(Matrix.wrap(n, f, x), y);
    }

    @Test
    void oneHotDataGiveTheSameTreesWithAndWithoutBundles() {
        Dataset d = oneHot(3000, 4, 12, 7);
        var learner = HistGradientBoosting.regressor().nEstimators(25).with("num_leaves", 15).with("subsample", 0.8)
                .with("colsample_bynode", 0.8).seed(3);
        var on = learner.fit(d);
        var off = learner.with("enable_bundle", false).fit(d);
        double bundles = on.report().extra().get("feature_bundles");
        double cols = on.report().extra().get("histogram_columns");
        System.out.printf("one-hot 3000 x %d: %d bundles, %d histogram columns (off: %d)%n", d.featureCount(),
                (int) bundles, (int) cols, off.report().extra().get("histogram_columns").intValue());
        assertTrue(bundles >= 1);
        assertTrue(cols < d.featureCount(), "bundling must reduce the histogram columns");
        assertEquals(d.featureCount(), off.report().extra().get("histogram_columns"));
        List<HistTree> a = on.trees();
        List<HistTree> b = off.trees();
        assertEquals(b.size(), a.size());
        for (int t = 0; t < a.size(); t++) {
            HistTree x = a.get(t);
            HistTree z = b.get(t);
            assertArrayEquals(z.feature, x.feature, "tree " + t);
            assertArrayEquals(z.thresholdBin, x.thresholdBin, "tree " + t);
            assertArrayEquals(z.threshold, x.threshold, "tree " + t);
            assertArrayEquals(z.defaultLeft, x.defaultLeft, "tree " + t);
            assertArrayEquals(z.count, x.count, "tree " + t);
            for (int v = 0; v < x.value.length; v++) {
                assertEquals(z.value[v], x.value[v], 1e-10 * (1 + Math.abs(z.value[v])), "tree " + t + " node " + v);
                assertEquals(z.gain[v], x.gain[v], 1e-8 * (1 + Math.abs(z.gain[v])), "tree " + t + " node " + v);
            }
        }
        double[] pa = on.predict(d.features());
        double[] pb = off.predict(d.features());
        for (int i = 0; i < pa.length; i++) {
            assertEquals(pb[i], pa[i], 1e-9 * (1 + Math.abs(pb[i])));
        }
    }

    @Test
    void conflictingBundlesStillTrain() {
        // with conflicts allowed, features that overlap a little are bundled too (approximate histograms; the
        // children's sums are recomputed from the rows, so leaf values stay exact for the chosen splits)
        Dataset d = oneHot(2000, 3, 10, 9);
        var exact = HistGradientBoosting.regressor().nEstimators(20).fit(d);
        double[] c1 = exact.report().lossCurve();
        for (double rate : new double[] {0.01, 0.2}) {
            var loose = HistGradientBoosting.regressor().nEstimators(20).with("max_conflict_rate", rate).fit(d);
            double[] c2 = loose.report().lossCurve();
            System.out.printf("max_conflict_rate %.2f: %d conflicting rows, %d histogram columns (exact %d), training MSE after 20 rounds %.4f (exact %.4f)%n",
                    rate, loose.report().extra().get("bundle_conflicts").intValue(), loose.report().extra().get("histogram_columns").intValue(),
                    exact.report().extra().get("histogram_columns").intValue(), c2[c2.length - 1], c1[c1.length - 1]);
            assertTrue(loose.report().extra().get("histogram_columns") <= exact.report().extra().get("histogram_columns"));
            assertTrue(c2[c2.length - 1] < 0.5 * c2[0], "training loss decreases");
            if (rate == 0.01) {
                assertEquals(c1[c1.length - 1], c2[c2.length - 1], 0.05 * c1[c1.length - 1], "a 1% conflict rate changes little");
            }
        }
    }

    @Test
    void digitsBundleTheirSparsePixels() {
        Dataset d = dev.derive.data.Datasets.dataset("digits");
        var learner = HistGradientBoosting.classifier().nEstimators(5);
        var on = learner.fit(d);
        var off = learner.with("enable_bundle", false).fit(d);
        System.out.printf("digits 1797 x 64: %d bundles, %d histogram columns%n",
                on.report().extra().get("feature_bundles").intValue(), on.report().extra().get("histogram_columns").intValue());
        double[] a = on.decisionFunction(d.features(), 5);
        double[] b = off.decisionFunction(d.features(), 5);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-9 * (1 + Math.abs(b[i])));
        }
    }

    @Test
    void withoutBundlesNothingChanges() {
        Dataset d = HistGradientBoostingTest.synthetic(3000, 6, 4);  // dense Gaussian features, 5% missing
        var learner = HistGradientBoosting.classifier().nEstimators(10).seed(1);
        var on = learner.fit(d);
        var off = learner.with("enable_bundle", false).fit(d);
        assertEquals(0.0, on.report().extra().get("feature_bundles"));
        assertArrayEquals(off.decisionFunction(d.features(), 10), on.decisionFunction(d.features(), 10));
    }

    @Test
    void bitIdenticalWhateverTheThreadCount() {
        Dataset d = oneHot(70_000, 5, 16, 11);
        var learner = HistGradientBoosting.regressor().nEstimators(5).with("subsample", 0.9).seed(2);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            var one = learner.fit(d);
            Parallelism.setThreads(3);
            var three = learner.fit(d);
            assertTrue(one.report().extra().get("feature_bundles") > 0);
            assertArrayEquals(one.predict(d.features()), three.predict(d.features()));
            assertArrayEquals(one.report().lossCurve(), three.report().lossCurve());
        } finally {
            Parallelism.setThreads(before);
        }
    }

}
