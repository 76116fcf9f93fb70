package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Split gains and leaf values against hand computation and against an exhaustive exact search. */
class TreeGrowerTest {

    static HistGradientBoosting<HistGradientBoostingRegressorModel> stump() {
        return HistGradientBoosting.regressor().nEstimators(1).learningRate(1).numLeaves(2)
                .with("min_child_samples", 1).with("min_child_weight", 0.0);
    }

    /**
     * x = 1, 2, 3, 4 and y = 1, 1, 3, 5: F_0 = 2.5, g = F_0 - y = (1.5, 1.5, -0.5, -2.5), h = 1, lambda = 1.
     * Splits after x = 1, 2, 3: gains 1.5^2/2 + 1.5^2/4 = 1.6875, 3^2/3 + 3^2/3 = 6, 2.5^2/4 + 2.5^2/2 = 4.6875
     * (the parent term G^2/(H + lambda) is 0 since G = 0). Best: x &lt;= 2.5, leaves -3/3 = -1 and 3/3 = 1.
     * With alpha = 0.5 the gradients sums are soft-thresholded: 2.5^2/3 * 2 = 4.1667, leaves -+2.5/3.
     */
    @Test
    void handComputedSplitGainAndLeafValues() {
        Dataset d = Dataset.regression(Matrix.of(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4}),
                new double[] {1, 1, 3, 5});
        HistGradientBoostingRegressorModel m = stump().with("reg_lambda", 1.0).fit(d);
        HistTree t = m.trees().get(0);
        assertEquals(3, t.nodeCount());
        assertEquals(0, t.feature[0]);
        assertEquals(1, t.thresholdBin[0]);
        assertEquals(2.5, t.threshold[0]);
        assertEquals(6.0, t.gain[0], 1e-14);
        assertEquals(-1.0, t.value[t.left[0]], 1e-15);
        assertEquals(1.0, t.value[t.right[0]], 1e-15);
        assertArrayEquals(new double[] {1.5, 1.5, 3.5, 3.5}, m.predict(d.features()), 1e-15);

        HistTree a = stump().with("reg_lambda", 1.0).with("reg_alpha", 0.5).fit(d).trees().get(0);
        assertEquals(2.5 * 2.5 / 3 * 2, a.gain[0], 1e-14);
        assertEquals(-2.5 / 3, a.value[a.left[0]], 1e-15);
        assertEquals(2.5 / 3, a.value[a.right[0]], 1e-15);

        // max_delta_step 0.5 clips the leaf outputs to -+0.5; the gain is then -(2 T(G) o + (H + lambda) o^2)
        HistTree c = stump().with("reg_lambda", 1.0).with("max_delta_step", 0.5).fit(d).trees().get(0);
        assertEquals(-0.5, c.value[c.left[0]], 1e-15);
        double side = -(2 * 3 * -0.5 + 3 * 0.25);
        assertEquals(2 * side, c.gain[0], 1e-14);

        // min_split_gain above the best gain: no split
        assertEquals(1, stump().with("reg_lambda", 1.0).with("min_split_gain", 6.5).fit(d).trees().get(0).nodeCount());
        // learning_rate scales the leaf values
        HistTree s = stump().with("reg_lambda", 1.0).learningRate(0.1).fit(d).trees().get(0);
        assertEquals(-0.1, s.value[s.left[0]], 1e-15);
    }

    /**
     * Missing values: rows (x, y) = (1, 0), (2, 0), (3, 4), (4, 4), (NaN, 4), (NaN, 4). F_0 = 8/3; the NaN rows
     * have the gradients of the large targets, so the best split sends them right with x &gt; 2.5, and
     * the learned default direction is right. The gain is G_L^2/H_L + G_R^2/H_R - G^2/H with G = 0.
     */
    @Test
    void missingValuesLearnTheirDirection() {
        double nan = Double.NaN;
        Dataset d = Dataset.regression(Matrix.of(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4},
                new double[] {nan}, new double[] {nan}), new double[] {0, 0, 4, 4, 4, 4});
        HistGradientBoostingRegressorModel m = stump().fit(d);
        HistTree t = m.trees().get(0);
        assertFalse(t.defaultLeft[0]);
        assertEquals(2.5, t.threshold[0]);
        double f0 = 16.0 / 6;
        double gl = 2 * f0;
        double gr = 4 * (f0 - 4);
        assertEquals(gl * gl / 2 + gr * gr / 4, t.gain[0], 1e-12);
        double[] p = m.predict(d.features());
        assertEquals(4, p[4], 1e-12);
        assertEquals(0, p[0], 1e-12);
        // a NaN row at prediction time follows the same default direction
        assertEquals(4, m.predict(Matrix.of(new double[] {nan}))[0], 1e-12);

        // no missing value in training: NaN goes to the child with more rows
        Dataset e = Dataset.regression(Matrix.of(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4},
                new double[] {5}), new double[] {0, 0, 0, 10, 10});
        HistGradientBoostingRegressorModel me = stump().fit(e);
        assertTrue(me.trees().get(0).defaultLeft[0]);
        assertEquals(me.predict(e.features())[0], me.predict(Matrix.of(new double[] {nan}))[0], 0);
    }

    /** A feature with one value and missing values can still split "values left, missing right". */
    @Test
    void missingVersusPresentSplit() {
        double nan = Double.NaN;
        Dataset d = Dataset.regression(Matrix.of(new double[] {7}, new double[] {7}, new double[] {nan}, new double[] {nan}),
                new double[] {1, 1, 5, 5});
        HistTree t = stump().fit(d).trees().get(0);
        assertEquals(Double.POSITIVE_INFINITY, t.threshold[0]);
        assertFalse(t.defaultLeft[0]);
        // F_0 = 3, g = (2, 2, -2, -2): G_L = 4, G_R = -4, H_L = H_R = 2: gain 16/2 + 16/2 - 0 = 16
        assertEquals(16, t.gain[0], 1e-12);
    }

    /**
     * One stump on diabetes with lambda = 0 and h = 1 (l2): the gain of a split is its exact reduction of
     * the sum of squared residuals, n_L m_L^2 + n_R m_R^2 - n m^2. An exhaustive search over every feature
     * and every bin edge, computing each child's residual sums directly from the raw rows, must find the
     * same split and gain.
     */
    @Test
    void firstSplitIsTheBestExactSplitOnBinnedData() {
        Dataset d = Datasets.dataset("diabetes");
        int n = d.size();
        int f = d.featureCount();
        double[] x = d.features().toArray();
        double[] y = d.target();
        double mean = Arrays.stream(y).average().orElseThrow();
        double bestGain = Double.NEGATIVE_INFINITY;
        int bestF = -1;
        double bestThr = Double.NaN;
        for (int j = 0; j < f; j++) {
            double[] col = Arrays.copyOfRange(x, j * n, (j + 1) * n);
            double[] edges = Binner.edgesOfValues(col.clone(), 255);
            for (double e : edges) {
                double sl = 0;
                double sr = 0;
                int nl = 0;
                for (int i = 0; i < n; i++) {
                    double r = y[i] - mean;
                    if (col[i] <= e) {
                        sl += r;
                        nl++;
                    } else {
                        sr += r;
                    }
                }
                int nr = n - nl;
                if (nl < 20 || nr < 20) {
                    continue;
                }
                double gain = sl * sl / nl + sr * sr / nr;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestF = j;
                    bestThr = e;
                }
            }
        }
        HistTree t = HistGradientBoosting.regressor().nEstimators(1).learningRate(1).numLeaves(2).fit(d).trees().get(0);
        assertEquals(bestF, t.feature[0]);
        assertEquals(bestThr, t.threshold[0]);
        // parent term: G = sum(mean - y) is 0 up to rounding
        assertEquals(bestGain, t.gain[0], 1e-9 * bestGain);
    }
}
