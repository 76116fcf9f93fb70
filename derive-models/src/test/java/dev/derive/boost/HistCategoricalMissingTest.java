package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The learned direction of missing values at categorical splits: the stump's gain equals an exhaustive
 * search over every two-way partition of the levels and of the missing values (both modes), missing values
 * follow the stored {@code default_left} in training and in prediction, and a missing bin shared with rare
 * levels keeps them right.
 */
class HistCategoricalMissingTest {

    /** {@code per} rows per level with targets {@code means[level]}, then {@code pm} missing rows with target {@code missMean}. */
    static Dataset levelsWithMissing(double[] means, int per, double missMean, int pm) {
        int k = means.length;
        int n = k * per + pm;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (i < k * per) {
                x[i] = i % k;
                y[i] = means[i % k];
            } else {
                x[i] = Double.NaN;
                y[i] = missMean;
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names.add("L" + c);
        }
        return Dataset.regression(Matrix.wrap(n, 1, x), y).withFeatures(List.of(Dataset.Feature.categorical("c", names)));
    }

    /**
     * The best gain of a two-way partition of the k levels and the missing rows (item k), by enumeration of all
     * 2^(k+1) - 2 non-trivial masks; {@code oneVsRest}: only the masks with one level on a side (with or without
     * the missing rows) and the missing rows alone. l2 loss from the mean of all rows: g = mean - y, h = 1.
     */
    static double bruteForce(double[] means, int per, double missMean, int pm, boolean oneVsRest) {
        int k = means.length;
        double total = per * Arrays.stream(means).sum() + pm * missMean;
        double mean = total / (k * per + pm);
        double best = Double.NEGATIVE_INFINITY;
        for (int mask = 1; mask < (1 << (k + 1)) - 1; mask++) {
            int levelsIn = Integer.bitCount(mask & ((1 << k) - 1));
            boolean missIn = (mask >> k & 1) == 1;
            if (oneVsRest && !(levelsIn == 1 || levelsIn == k - 1 || (levelsIn == 0 && missIn) || (levelsIn == k && !missIn))) {
                continue;
            }
            double gl = 0;
            double hl = 0;
            double gr = 0;
            double hr = 0;
            for (int c = 0; c <= k; c++) {
                int cnt = c < k ? per : pm;
                double g = cnt * (mean - (c < k ? means[c] : missMean));
                if ((mask >> c & 1) == 1) {
                    gl += g;
                    hl += cnt;
                } else {
                    gr += g;
                    hr += cnt;
                }
            }
            best = Math.max(best, gl * gl / hl + gr * gr / hr);
        }
        return best;
    }

    @Test
    void sortedScanWithMissingRowsMatchesEnumeration() {
        SplittableRandom rng = new SplittableRandom(11);
        int leftMissing = 0;
        for (int rep = 0; rep < 40; rep++) {
            int k = 5 + rng.nextInt(5);
            double[] means = new double[k];
            for (int c = 0; c < k; c++) {
                means[c] = Math.round(rng.nextDouble() * 200 - 100) / 10.0;
            }
            double missMean = Math.round(rng.nextDouble() * 200 - 100) / 10.0;
            int pm = 3 + rng.nextInt(20);
            Dataset d = levelsWithMissing(means, 10, missMean, pm);
            HistTree t = HistCategoricalTest.stump().with("max_cat_threshold", 64).fit(d).boosted().trees.get(0);
            double want = bruteForce(means, 10, missMean, pm, false);
            String what = "means " + Arrays.toString(means) + ", missing " + missMean + " x " + pm;
            assertEquals(want, t.gain[0], 1e-9 * want, what);
            leftMissing += t.defaultLeft[0] ? 1 : 0;
            // the stored direction is where training sent the missing rows: the left child's count
            int[] set = t.categories(0);
            int expectLeft = 10 * set.length + (t.defaultLeft[0] ? pm : 0);
            assertEquals(expectLeft, t.count[t.left[0]], what);
        }
        assertTrue(leftMissing > 5 && leftMissing < 35, "both directions are chosen: " + leftMissing + " of 40 left");
    }

    @Test
    void oneVersusRestWithMissingRowsMatchesEnumeration() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int rep = 0; rep < 40; rep++) {
            int k = 2 + rng.nextInt(3);  // at most max_cat_to_onehot = 4 levels
            double[] means = new double[k];
            for (int c = 0; c < k; c++) {
                means[c] = Math.round(rng.nextDouble() * 200 - 100) / 10.0;
            }
            double missMean = Math.round(rng.nextDouble() * 200 - 100) / 10.0;
            int pm = 3 + rng.nextInt(20);
            HistTree t = HistCategoricalTest.stump().fit(levelsWithMissing(means, 10, missMean, pm)).boosted().trees.get(0);
            double want = bruteForce(means, 10, missMean, pm, true);
            assertEquals(want, t.gain[0], 1e-9 * want, "means " + Arrays.toString(means) + ", missing " + missMean + " x " + pm);
        }
    }

    @Test
    void missingValuesFollowTheLearnedDirection() {
        // levels a..f with means 3, -1, 4, 0, 5, -2 (best partition {b, d, f} vs {a, c, e}); 20 missing rows
        // with mean -1.5 belong with the low levels {b, d, f}
        double[] means = {3, -1, 4, 0, 5, -2};
        Dataset d = levelsWithMissing(means, 10, -1.5, 20);
        HistGradientBoostingRegressorModel m = HistCategoricalTest.stump().fit(d);
        HistTree t = m.boosted().trees.get(0);
        int[] set = t.categories(0);
        boolean lowLeft = Arrays.equals(set, new int[] {1, 3, 5});
        assertTrue(lowLeft || Arrays.equals(set, new int[] {0, 2, 4}), Arrays.toString(set));
        assertEquals(lowLeft, t.defaultLeft[0], "missing rows go with the low levels");
        // leaves: low side = (10 (-1 - 0 - 2) + 20 (-1.5)) / 50 = -1.2, high side 4
        double[] pred = m.predict(Matrix.wrap(3, 1, new double[] {Double.NaN, 1, 7}));
        assertEquals(-1.2, pred[0], 1e-12);
        assertEquals(-1.2, pred[1], 1e-12);
        double right = lowLeft ? 4 : -1.2;
        assertEquals(right, pred[2], 1e-12, "an unseen level goes right");
        // without the learned direction the missing rows would have gone right (the old behaviour): the gain
        // with them on the low side is larger
        double withLeft = bruteForce(means, 10, -1.5, 20, false);
        assertEquals(withLeft, t.gain[0], 1e-9 * withLeft);
        // saved, loaded and dumped with the direction; TreeSHAP follows it (additivity for missing rows)
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Models.write(m, out, Map.of());
            var back = Models.read(new ByteArrayInputStream(out.toByteArray()), HistGradientBoostingRegressorModel.class, "mem",
                    Models.Limits.DEFAULT);
            assertArrayEquals(pred, back.predict(Matrix.wrap(3, 1, new double[] {Double.NaN, 1, 7})), 0.0);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        var json = (HistGradientBoostingRegressorModel) HistGradientBoosting.fromJson(m.dumpJson());
        assertEquals(lowLeft, json.boosted().trees.get(0).defaultLeft[0]);
        assertTrue(m.dumpJson().contains("\"default_left\" : " + lowLeft) || m.dumpJson().contains("\"default_left\":" + lowLeft));
        Matrix x = Matrix.wrap(3, 1, new double[] {Double.NaN, 1, 7});
        Matrix s = m.shapValues(x);
        for (int i = 0; i < 3; i++) {
            assertEquals(pred[i], s.get(i, 0) + s.get(i, 1), 1e-12, "row " + i);
        }
    }

    @Test
    void aMissingBinSharedWithRareLevelsStaysRight() {
        // 5 levels, max_bins 4: level 4 (fewest rows) shares the missing bin; missing rows and level 4 have
        // a target that would pull them left, but training and prediction must agree, so they stay right
        int n = 130;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 30 ? 0 : i < 60 ? 1 : i < 90 ? 2 : i < 115 ? 3 : i < 120 ? 4 : Double.NaN;
            y[i] = x[i] == 0 || x[i] == 2 || !(x[i] < 4) ? -5 : 5;
        }
        Dataset d = Dataset.regression(Matrix.wrap(n, 1, x), y).withFeatures(List.of(
                Dataset.Feature.categorical("c", List.of("a", "b", "c", "d", "e"))));
        var m = HistCategoricalTest.stump().with("max_bins", 4).with("max_cat_to_onehot", 1).fit(d);
        HistTree t = m.boosted().trees.get(0);
        assertFalse(t.defaultLeft[0], "the missing bin holds level 4 too: missing values go right");
        double[] p = m.predict(Matrix.wrap(2, 1, new double[] {Double.NaN, 4}));
        assertEquals(p[0], p[1], 0.0, "a rare level and a missing value reach the same leaf");
        // the same data with 5 bins: the direction is learned (missing rows join {a, c})
        HistTree t5 = HistCategoricalTest.stump().with("max_cat_to_onehot", 1).fit(d).boosted().trees.get(0);
        int[] set = t5.categories(0);
        assertEquals(Arrays.equals(set, new int[] {0, 2}) || Arrays.equals(set, new int[] {0, 2, 4}), t5.defaultLeft[0],
                "set " + Arrays.toString(set) + ", default left " + t5.defaultLeft[0]);
    }
}
