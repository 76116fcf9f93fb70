package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.io.Csv;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Native categorical splits of {@code hist_gbdt}: a hand-computed optimal partition (Fisher 1958: with squared
 * loss the best two-way partition of the levels is contiguous in the order of the level means), one-versus-rest
 * for few levels, routing of unseen and missing levels, persistence, the learner contract, and accuracy on the
 * German credit data (13 categorical columns) against one-hot encoding and scikit-learn 1.2.1's native
 * categorical support ({@code tools/gen_hist_cat_fixtures.py}).
 */
class HistCategoricalTest {

    static final List<String> SIX = List.of("a", "b", "c", "d", "e", "f");

    /** 10 rows per level of one categorical feature with constant targets {@code means[level]}. */
    static Dataset levels(double[] means, int per) {
        int k = means.length;
        int n = k * per;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % k;
            y[i] = means[i % k];
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names.add("L" + c);
        }
        return Dataset.regression(Matrix.wrap(n, 1, x), y).withFeatures(List.of(Dataset.Feature.categorical("c", names)));
    }

    static HistGradientBoosting<HistGradientBoostingRegressorModel> stump() {
        return HistGradientBoosting.regressor().nEstimators(1).learningRate(1.0).numLeaves(2).with("min_child_samples", 1)
                .with("cat_smooth", 0.0).with("cat_l2", 0.0).with("min_data_per_group", 1);
    }

    /** The best gain of any two-way partition of the levels, by enumeration (l2 loss, g = mean - y, h = 1). */
    static double bruteForceGain(double[] means, int per) {
        int k = means.length;
        double mean = Arrays.stream(means).average().orElseThrow();
        double best = Double.NEGATIVE_INFINITY;
        for (int mask = 1; mask < (1 << k) - 1; mask++) {
            double gl = 0;
            double hl = 0;
            double gr = 0;
            double hr = 0;
            for (int c = 0; c < k; c++) {
                double g = per * (mean - means[c]);
                if ((mask >> c & 1) == 1) {
                    gl += g;
                    hl += per;
                } else {
                    gr += g;
                    hr += per;
                }
            }
            best = Math.max(best, gl * gl / hl + gr * gr / hr);
        }
        return best;
    }

    /**
     * The root sends {@code a} or its mirror {@code b} left (the forward and the reverse scan of the sorted
     * levels reach the same partition; which side is "left" is decided by the last bit of the float sums).
     */
    static void assertPartition(HistTree t, int[] a, int[] b) {
        int[] got = t.categories(0);
        assertTrue(Arrays.equals(got, a) || Arrays.equals(got, b), "left set " + Arrays.toString(got));
    }

    @Test
    void sortedPartitionFindsTheHandComputedOptimum() {
        // means by level: sorted order f(-2) b(-1) d(0) | a(3) c(4) e(5); overall mean 1.5.
        // G_L = 10 (3.5 + 2.5 + 1.5) = 75 over H_L = 30 rows, G_R = -75 over 30: gain = 2 * 75^2 / 30 = 375
        double[] means = {3, -1, 4, 0, 5, -2};
        HistGradientBoostingRegressorModel m = stump().fit(levels(means, 10));
        HistTree t = m.boosted().trees.get(0);
        assertEquals(0, t.feature[0]);
        assertPartition(t, new int[] {1, 3, 5}, new int[] {0, 2, 4});
        assertEquals(375.0, t.gain[0], 1e-9);
        assertEquals(bruteForceGain(means, 10), t.gain[0], 1e-9);
        // leaves: 1.5 - 75/30 = -1 (mean of -2, -1, 0) and 1.5 + 2.5 = 4
        double[] pred = m.predict(Matrix.wrap(4, 1, new double[] {5, 0, 7, Double.NaN}));
        assertEquals(-1, pred[0], 1e-12);
        assertEquals(4, pred[1], 1e-12);
        double right = t.categories(0)[0] == 1 ? 4 : -1;
        assertEquals(right, pred[2], 1e-12);  // an unseen level (7) goes right
        assertEquals(right, pred[3], 1e-12);  // so does a missing value
    }

    @Test
    void randomLevelMeansMatchEnumeration() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int rep = 0; rep < 20; rep++) {
            int k = 5 + rng.nextInt(6);
            double[] means = new double[k];
            for (int c = 0; c < k; c++) {
                means[c] = Math.round(rng.nextDouble() * 200 - 100) / 10.0;
            }
            HistTree t = stump().with("max_cat_threshold", 64).fit(levels(means, 10)).boosted().trees.get(0);
            assertEquals(bruteForceGain(means, 10), t.gain[0], 1e-7 * bruteForceGain(means, 10), "means " + Arrays.toString(means));
        }
    }

    @Test
    void fewLevelsSplitOneVersusRest() {
        // 3 levels <= max_cat_to_onehot (4): candidates {0}, {1}, {2}; {1} (mean 10 vs 0.5) is best:
        // mean 11/3, G_L = 10 (11/3 - 10) = -190/3, H_L = 10, G_R = 190/3, H_R = 20:
        // gain = (190/3)^2 (1/10 + 1/20) = 36100/9 * 0.15
        HistTree t = stump().fit(levels(new double[] {0, 10, 1}, 10)).boosted().trees.get(0);
        assertArrayEquals(new int[] {1}, t.categories(0));
        assertEquals(36100.0 / 9 * 0.15, t.gain[0], 1e-9);
    }

    @Test
    void catL2AndSmoothingEnterTheGainAsDocumented() {
        // sorted mode with cat_l2 = 5: children use lambda + cat_l2 = 5, the parent lambda = 0 (G = 0 anyway)
        double[] means = {3, -1, 4, 0, 5, -2};
        HistTree t = stump().with("cat_l2", 5.0).fit(levels(means, 10)).boosted().trees.get(0);
        assertPartition(t, new int[] {1, 3, 5}, new int[] {0, 2, 4});
        assertEquals(2 * 75.0 * 75.0 / 35, t.gain[0], 1e-9);
        // min_data_per_group = 25: the first evaluated prefix has >= 25 rows, i.e. 3 levels (30 rows)
        HistTree t2 = stump().with("min_data_per_group", 25).fit(levels(means, 10)).boosted().trees.get(0);
        assertPartition(t2, new int[] {1, 3, 5}, new int[] {0, 2, 4});
        // cat_smooth = 11 > 10 rows per level: no level qualifies, no split
        HistTree t3 = stump().with("cat_smooth", 11.0).fit(levels(means, 10)).boosted().trees.get(0);
        assertEquals(1, t3.nodeCount());
    }

    @Test
    void tooManyLevelsKeepTheMostFrequent() {
        // 4 levels, max_bins 3: level 3 (fewest rows) shares the missing bin and always goes right
        int n = 100;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 40 ? 0 : i < 70 ? 1 : i < 95 ? 2 : 3;
        }
        BinnedData numeric = Binner.bin(x, n, 1, 255, Binner.DEFAULT_SAMPLE, 0);
        BinnedData b = Binner.withCategorical(numeric, x, n, new boolean[] {true}, new int[] {5}, 3, List.of("c"));
        assertTrue(b.isCategorical(0));
        assertEquals(3, b.numBins(0));
        assertEquals(0, b.bin(0, 0));
        assertEquals(2, b.bin(80, 0));
        assertEquals(3, b.bin(99, 0));  // the missing bin
        assertTrue(b.hasMissing(0));
        double[] bad = x.clone();
        bad[5] = 1.5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Binner.withCategorical(numeric, bad, n, new boolean[] {true}, new int[] {5}, 3, List.of("c")));
        assertTrue(e.getMessage().contains("'c'") && e.getMessage().contains("row 5"), e.getMessage());
    }

    /** A classification task: y depends on the category set {1, 4, 6} of an 8-level feature plus a numeric feature. */
    static Dataset mixed(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(8);
            double v = rng.nextDouble();
            x[i] = rng.nextDouble() < 0.05 ? Double.NaN : c;
            x[n + i] = v;
            boolean in = c == 1 || c == 4 || c == 6;
            double p = in ? 0.8 : 0.2;
            y[i] = rng.nextDouble() < (p + v) / 2 ? 1 : 0;
        }
        return Dataset.classification(Matrix.wrap(n, 2, x), y).withFeatures(List.of(
                Dataset.Feature.categorical("c", List.of("a", "b", "c", "d", "e", "f", "g", "h")), Dataset.Feature.numeric("v")));
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return LearnerContract.tests(HistGradientBoosting.classifier().nEstimators(10), mixed(400, 3),
                HistGradientBoostingContractTest.OPTIONS);
    }

    @Test
    void categoricalModelRoundTripsThroughTheCodec() throws IOException {
        Dataset d = mixed(600, 5);
        HistGradientBoostingClassifierModel m = HistGradientBoosting.classifier().nEstimators(15).fit(d);
        long catNodes = m.boosted().trees.stream().filter(t -> t.categories != null).count();
        assertTrue(catNodes > 0, "some trees split on the categorical feature");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        HistGradientBoostingClassifierModel back = Models.read(new ByteArrayInputStream(out.toByteArray()),
                HistGradientBoostingClassifierModel.class, "mem", Models.Limits.DEFAULT);
        Matrix x = d.features();
        assertArrayEquals(m.predictProba(x).toArray(), back.predictProba(x).toArray(), 0.0);
        for (int t = 0; t < m.boosted().trees.size(); t++) {
            HistTree a = m.boosted().trees.get(t);
            HistTree b = back.boosted().trees.get(t);
            for (int v = 0; v < a.nodeCount(); v++) {
                assertArrayEquals(a.categories(v), b.categories(v));
            }
        }
        // an unseen level (9) goes right; missing values follow the learned default direction, kept by the codec
        HistTree t0 = m.boosted().trees.stream().filter(t -> t.categories != null && t.categories[0] != null).findFirst().orElse(null);
        if (t0 != null) {
            assertEquals(false, t0.goesLeft(0, 9));
            assertEquals(t0.defaultLeft[0], t0.goesLeft(0, Double.NaN));
            assertArrayEquals(t0.defaultLeft, back.boosted().trees.get(m.boosted().trees.indexOf(t0)).defaultLeft);
            assertNotNull(t0.categories(0));
            for (int v = 0; v < t0.nodeCount(); v++) {
                if (t0.feature[v] < 0) {
                    assertNull(t0.categories(v));
                }
            }
        }
    }

    @Test
    void categoricalSplitsSurviveTheJsonDumpAndKeepShapAdditive() {
        Dataset d = mixed(600, 7);
        HistGradientBoostingClassifierModel m = HistGradientBoosting.classifier().nEstimators(15).fit(d);
        assertTrue(m.boosted().trees.stream().anyMatch(t -> t.categories != null), "some trees split on the categorical feature");
        String json = m.dumpJson();
        assertTrue(json.contains("\"categories\""), "the dump lists the level codes going left");
        var back = (HistGradientBoostingClassifierModel) HistGradientBoosting.fromJson(json);
        Matrix x = d.features();
        assertArrayEquals(m.predictProba(x).toArray(), back.predictProba(x).toArray(), 0.0);
        assertEquals(json, back.dumpJson(), "dump(import(dump)) is the same text");
        // SHAP values plus the expected value sum to the raw score, categorical nodes included
        Matrix s = m.shapValues(x).get(0);
        double[] raw = m.decisionFunction(x, m.rounds());
        for (int i = 0; i < x.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < s.cols(); j++) {
                sum += s.get(i, j);
            }
            assertEquals(raw[i], sum, 1e-9, "row " + i);
        }
    }

    // ------------------------------------------------------------------ German credit (../shared)

    static final Path CREDIT = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"), "small/weka/credit-g.csv");

    static Dataset credit() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(CREDIT), "skipped: " + CREDIT + " is absent (the shared data sets are not on this machine)");
        return Dataset.from(Csv.read(CREDIT), "class");
    }

    /** The same data with every categorical feature replaced by 0/1 indicator columns (NaN rows: all 0). */
    static Dataset oneHot(Dataset d) {
        int n = d.size();
        List<Dataset.Feature> info = d.featureInfo();
        List<double[]> cols = new ArrayList<>();
        List<Dataset.Feature> feats = new ArrayList<>();
        Matrix x = d.features();
        for (int j = 0; j < info.size(); j++) {
            if (!info.get(j).isCategorical()) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    c[i] = x.get(i, j);
                }
                cols.add(c);
                feats.add(info.get(j));
                continue;
            }
            for (int l = 0; l < info.get(j).levels().size(); l++) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    c[i] = x.get(i, j) == l ? 1 : 0;
                }
                cols.add(c);
                feats.add(Dataset.Feature.numeric(info.get(j).name() + "=" + info.get(j).levels().get(l)));
            }
        }
        double[] data = new double[n * cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            System.arraycopy(cols.get(j), 0, data, j * n, n);
        }
        return d.withFeatureMatrix(Matrix.wrap(n, cols.size(), data), feats);
    }

    static final Fixtures FX = Fixtures.load("hist_cat_sklearn.txt");

    static Dataset[] split(Dataset d) {
        int[] test = Arrays.stream(FX.vector("credit_test")).mapToInt(v -> (int) v).toArray();
        boolean[] isTest = new boolean[d.size()];
        for (int i : test) {
            isTest[i] = true;
        }
        int[] train = java.util.stream.IntStream.range(0, d.size()).filter(i -> !isTest[i]).toArray();
        return new Dataset[] {d.subset(train), d.subset(test)};
    }

    /** Test accuracy and log-loss (class "good" from the labels' names). */
    static double[] evaluate(HistGradientBoosting<HistGradientBoostingClassifierModel> learner, Dataset[] s) {
        HistGradientBoostingClassifierModel m = learner.fit(s[0]);
        Matrix p = m.predictProba(s[1].features());
        int[] y = s[1].labels();
        int ok = 0;
        double ll = 0;
        int[] pred = m.predict(s[1].features());
        for (int i = 0; i < y.length; i++) {
            ok += pred[i] == y[i] ? 1 : 0;
            ll -= Math.log(Math.max(p.get(i, y[i]), 1e-15));
        }
        return new double[] {(double) ok / y.length, ll / y.length};
    }

    /**
     * German credit, 300 test rows (one row = 0.33 accuracy points; log-loss about 0.55). Margins: accuracy
     * within 3 points (9 rows) and log-loss within 0.04 of the reference, the size of the differences between
     * two correct implementations on so small a test set (scikit-learn's own native and one-hot models differ
     * by 0.047 in log-loss).
     */
    @Test
    void germanCreditNativeMatchesOneHotAndScikitLearn() throws IOException {
        Dataset d = credit();
        long cats = d.featureInfo().stream().filter(Dataset.Feature::isCategorical).count();
        assertEquals(13, cats, "credit-g has 13 categorical columns");
        Dataset[] s = split(d);
        // scikit-learn's method: cat_smooth-like support 10, no extra L2, no group minimum, no one-hot mode
        double[] sk = evaluate(HistGradientBoosting.classifier().with("cat_l2", 0.0).with("min_data_per_group", 1)
                .with("max_cat_to_onehot", 1).with("max_cat_threshold", 255), s);
        double[] lgb = evaluate(HistGradientBoosting.classifier(), s);
        double[] hot = evaluate(HistGradientBoosting.classifier(), split(oneHot(d)));
        System.out.printf("credit-g accuracy / log-loss: native (sklearn settings) %.4f / %.4f, native (LightGBM defaults) %.4f / %.4f,"
                + " one-hot %.4f / %.4f; scikit-learn native %.4f / %.4f, one-hot %.4f / %.4f%n", sk[0], sk[1], lgb[0], lgb[1],
                hot[0], hot[1], FX.scalar("credit_acc_native"), FX.scalar("credit_logloss_native"),
                FX.scalar("credit_acc_onehot"), FX.scalar("credit_logloss_onehot"));
        assertEquals(FX.scalar("credit_acc_native"), sk[0], 0.03);
        assertEquals(FX.scalar("credit_logloss_native"), sk[1], 0.04);
        assertEquals(FX.scalar("credit_acc_onehot"), hot[0], 0.03);
        assertEquals(hot[0], lgb[0], 0.03);
        assertTrue(lgb[1] <= hot[1] + 0.04, "native log-loss " + lgb[1] + " vs one-hot " + hot[1]);
    }

    static double rmse(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return Math.sqrt(s / y.length);
    }

    /**
     * Diamonds (53,940 rows; cut, color, clarity categorical with 5, 7, 8 levels, so the sorted-partition
     * mode at the default {@code max_cat_to_onehot} 4), test rows {@code i % 10 < 3} (16,182 rows, price RMSE
     * about 540). Native categorical splits must not lose to one-hot encoding (within 2%), and Derive with
     * scikit-learn's categorical settings must be within 2% of scikit-learn 1.2.1's native RMSE (scikit-learn's
     * own native and one-hot models differ by 1.4%).
     */
    @Test
    void diamondsNativeMatchesOneHotAndScikitLearn() throws IOException {
        Path csv = CREDIT.getParent().getParent().getParent().resolve("large/ggplot2_diamonds.csv.gz");
        Assumptions.assumeTrue(Files.isReadable(csv), "skipped: " + csv + " is absent (the shared data sets are not on this machine)");
        Dataset d = Dataset.from(Csv.read(csv), "price");
        assertEquals(3, d.featureInfo().stream().filter(Dataset.Feature::isCategorical).count());
        int[] test = java.util.stream.IntStream.range(0, d.size()).filter(i -> i % 10 < 3).toArray();
        int[] train = java.util.stream.IntStream.range(0, d.size()).filter(i -> i % 10 >= 3).toArray();
        Dataset h = oneHot(d);
        double[] y = d.subset(test).target();
        double sk = rmse(HistGradientBoosting.regressor().with("cat_l2", 0.0).with("min_data_per_group", 1)
                .with("max_cat_to_onehot", 1).with("max_cat_threshold", 255).fit(d.subset(train)).predict(d.subset(test).features()), y);
        double lgb = rmse(HistGradientBoosting.regressor().fit(d.subset(train)).predict(d.subset(test).features()), y);
        double hot = rmse(HistGradientBoosting.regressor().fit(h.subset(train)).predict(h.subset(test).features()), y);
        System.out.printf("diamonds test RMSE: native (sklearn settings) %.2f, native (LightGBM defaults) %.2f, one-hot %.2f;"
                + " scikit-learn native %.2f, one-hot %.2f%n", sk, lgb, hot, FX.scalar("diamonds_rmse_native"), FX.scalar("diamonds_rmse_onehot"));
        assertEquals(1, sk / FX.scalar("diamonds_rmse_native"), 0.02);
        assertTrue(lgb <= 1.02 * hot, "native " + lgb + " vs one-hot " + hot);
        assertTrue(sk <= 1.02 * hot, "native " + sk + " vs one-hot " + hot);
    }
}
