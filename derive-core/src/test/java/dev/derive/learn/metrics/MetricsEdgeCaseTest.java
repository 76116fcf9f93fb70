package dev.derive.learn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.learn.metrics.ClassificationMetrics.ClassScores;
import dev.derive.learn.metrics.ClassificationMetrics.RocCurve;
import dev.derive.linalg.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hand-computed values, scikit-learn's documented examples, conventions for degenerate input, and errors. */
class MetricsEdgeCaseTest {

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private static void contains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "message '" + message + "' should mention '" + p + "'");
        }
    }

    // ---------------------------------------------------------------- documented examples

    @Test
    void scikitLearnDocstringExamples() {
        // roc_auc_score / average_precision_score docstrings: y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8]
        int[] y = {0, 0, 1, 1};
        double[] s = {0.1, 0.4, 0.35, 0.8};
        assertEquals(0.75, ClassificationMetrics.rocAuc(y, s), 1e-15);
        assertEquals(0.8333333333333333, ClassificationMetrics.averagePrecision(y, s), 1e-15);
        RocCurve roc = ClassificationMetrics.rocCurve(y, s);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.fpr(), 0);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.tpr(), 0);
        assertArrayEquals(new double[] {1.8, 0.8, 0.4, 0.35, 0.1}, roc.thresholds(), 1e-15);
        // log_loss docstring: (["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) = 0.21616...
        assertEquals(0.21616187468057912, ClassificationMetrics.logLoss(new int[] {1, 0, 0, 1},
                new double[] {.9, .1, .2, .65}), 1e-15);
        // f1_score docstring: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]
        int[] yt = {0, 1, 2, 0, 1, 2};
        int[] yp = {0, 2, 1, 0, 0, 1};
        assertEquals(0.26666666666666666, ClassificationMetrics.f1(yt, yp, Average.MACRO), 1e-15);
        assertEquals(0.3333333333333333, ClassificationMetrics.f1(yt, yp, Average.MICRO), 1e-15);
        assertEquals(0.26666666666666666, ClassificationMetrics.f1(yt, yp, Average.WEIGHTED), 1e-15);
        assertArrayEquals(new double[] {0.8, 0, 0}, ClassificationMetrics.classScores(yt, yp, 3, 1, null).fScore(), 1e-15);
        // adjusted_rand_score docstring: ([0, 0, 1, 2], [0, 0, 1, 1]) = 0.57...
        assertEquals(0.5714285714285714, ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), 1e-15);
        assertEquals(-0.5, ClusteringMetrics.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
    }

    @Test
    void rocAucCountsTiedPairsAsOneHalf() {
        // positives {0.5, 0.8}, negatives {0.5, 0.2}: 3 pairs ordered correctly, 1 tie -> (3 + 0.5) / 4
        assertEquals(0.875, ClassificationMetrics.rocAuc(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.8}), 0);
        // all scores tied: the diagonal
        assertEquals(0.5, ClassificationMetrics.rocAuc(new int[] {0, 1, 1, 0, 1}, new double[] {3, 3, 3, 3, 3}), 0);
    }

    @Test
    void logLossClipsCertainMistakes() {
        // p = 0 for a positive: clipped to eps = 2^-52, loss = -log(eps) = 52 ln 2
        assertEquals(52 * Math.log(2), ClassificationMetrics.logLoss(new int[] {1}, new double[] {0}), 1e-13);
        Matrix p = Matrix.of(new double[] {1, 0, 0});
        double expected = -Math.log(ClassificationMetrics.LOG_LOSS_EPS / (1 - ClassificationMetrics.LOG_LOSS_EPS
                + 2 * ClassificationMetrics.LOG_LOSS_EPS));
        assertEquals(expected, ClassificationMetrics.logLoss(new int[] {2}, p), 1e-13);
        // sklearn < 1.2 default
        assertEquals(-Math.log(1e-15 / (1 - 1e-15 + 2e-15)), ClassificationMetrics.logLoss(new int[] {2}, p, null, 1e-15), 1e-12);
        assertEquals(-Math.log(1e-15), ClassificationMetrics.logLoss(new int[] {1}, new double[] {0}, null, 1e-15), 1e-12);
        contains(message(() -> ClassificationMetrics.logLoss(new int[] {1}, new double[] {0}, null, 0.5)), "eps", "0.5");
    }

    @Test
    void zeroDivisionGivesZero() {
        int[] yt = {0, 0, 1, 1};
        int[] yp = {0, 0, 0, 0}; // class 1 never predicted
        assertEquals(0.0, ClassificationMetrics.precision(yt, yp, Average.BINARY));
        assertEquals(0.0, ClassificationMetrics.f1(yt, yp, Average.BINARY));
        ClassScores s = ClassificationMetrics.classScores(yt, yp, 3, 1, null); // class 2 absent everywhere
        assertArrayEquals(new double[] {0.5, 0, 0}, s.precision(), 0);
        assertArrayEquals(new double[] {1, 0, 0}, s.recall(), 0);
        assertArrayEquals(new double[] {2, 2, 0}, s.support(), 0);
        // K = 3 counts the absent class in the macro mean; inferred K does not
        assertEquals((2.0 / 3) / 3, ClassificationMetrics.f1(yt, yp, 3, Average.MACRO, null), 1e-15);
        assertEquals((2.0 / 3) / 2, ClassificationMetrics.f1(yt, yp, Average.MACRO), 1e-15);
        assertEquals(0.5, ClassificationMetrics.recall(yt, yp, Average.MACRO), 0);
    }

    @Test
    void balancedAccuracySkipsClassesOnlyPredicted() {
        // class 2 is predicted but never true: recalls of classes 0 and 1 only
        int[] yt = {0, 0, 1, 1};
        int[] yp = {0, 2, 1, 1};
        assertEquals((0.5 + 1) / 2, ClassificationMetrics.balancedAccuracy(yt, yp), 1e-15);
    }

    @Test
    void fBetaLimits() {
        int[] yt = {0, 1, 1, 1, 0, 1};
        int[] yp = {1, 1, 0, 1, 0, 1};
        double r = ClassificationMetrics.recall(yt, yp, Average.BINARY);
        double p = ClassificationMetrics.precision(yt, yp, Average.BINARY);
        assertEquals(r, ClassificationMetrics.fBeta(yt, yp, Double.POSITIVE_INFINITY, Average.BINARY), 0);
        assertEquals(p, ClassificationMetrics.fBeta(yt, yp, 0, Average.BINARY), 1e-15);
        assertEquals(2 * p * r / (p + r), ClassificationMetrics.f1(yt, yp, Average.BINARY), 1e-15);
    }

    @Test
    void regressionConventionsForConstantTargets() {
        double[] y = {3, 3, 3};
        assertEquals(1.0, RegressionMetrics.r2(y, new double[] {3, 3, 3}));
        assertEquals(0.0, RegressionMetrics.r2(y, new double[] {3, 4, 3}));
        assertEquals(1.0, RegressionMetrics.explainedVariance(y, new double[] {3, 3, 3}));
        assertEquals(0.0, RegressionMetrics.explainedVariance(y, new double[] {3, 4, 3}));
        // explained variance ignores a constant bias, R^2 does not
        double[] t = {1, 2, 3, 4};
        double[] shifted = {2, 3, 4, 5};
        assertEquals(1.0, RegressionMetrics.explainedVariance(t, shifted));
        assertEquals(1 - 4.0 / 5, RegressionMetrics.r2(t, shifted), 1e-15);
        assertEquals(2.5, RegressionMetrics.medianAbsoluteError(new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 9}));
        // weighted median is the lower weighted median: no averaging of the two middle values
        assertEquals(2.0, RegressionMetrics.medianAbsoluteError(new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 9},
                new double[] {1, 1, 1, 1}));
        assertEquals(9.0, RegressionMetrics.maxError(new double[] {0, 0, 0, 0}, new double[] {1, -9, 3, 2}));
        assertEquals(Math.sqrt(RegressionMetrics.mse(t, shifted)), RegressionMetrics.rmse(t, shifted), 0);
    }

    @Test
    void clusteringConventions() {
        int[] one = {5, 5, 5, 5};
        int[] two = {0, 1, 0, 1};
        assertEquals(1.0, ClusteringMetrics.normalizedMutualInfo(one, new int[] {7, 7, 7, 7}));
        assertEquals(0.0, ClusteringMetrics.normalizedMutualInfo(one, two));
        assertEquals(0.0, ClusteringMetrics.mutualInfo(one, two));
        assertEquals(1.0, ClusteringMetrics.homogeneity(one, two)); // H(C) = 0
        assertEquals(0.0, ClusteringMetrics.completeness(one, two));
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(one, new int[] {-1, -1, -1, -1}));
        assertEquals(Math.log(2), ClusteringMetrics.mutualInfo(two, new int[] {-3, 8, -3, 8}), 1e-15);
    }

    @Test
    void silhouetteOfTwoTightClustersAndASingleton() {
        Matrix x = Matrix.of(new double[] {0, 0}, new double[] {0, 1}, new double[] {10, 0}, new double[] {10, 1},
                new double[] {50, 50});
        int[] lab = {0, 0, 1, 1, 2};
        double[] s = ClusteringMetrics.silhouetteSamples(x, lab);
        // sample 0: a = 1, b = mean(10, sqrt(101)) to cluster 1
        double b0 = (10 + Math.sqrt(101)) / 2;
        assertEquals((b0 - 1) / b0, s[0], 1e-15);
        assertEquals(0.0, s[4], "a sample alone in its cluster has silhouette 0");
        assertEquals((s[0] + s[1] + s[2] + s[3]) / 5, ClusteringMetrics.silhouetteScore(x, lab), 1e-15);
    }

    @Test
    void silhouetteBlockwiseMatchesDirectComputationAtN5000() {
        int n = 5000;
        int d = 3;
        int k = 6;
        Random rng = new Random(11);
        Matrix x = Matrix.zeros(n, d);
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                x.set(i, j, 100 + 3 * lab[i] * (j + 1) + rng.nextGaussian()); // far from the origin: cancellation
            }
        }
        double[] s = ClusteringMetrics.silhouetteSamples(x, lab);
        double[][] rows = x.toRowArrays();
        int[] count = new int[k];
        for (int c : lab) {
            count[c]++;
        }
        for (int i = 0; i < n; i += 97) { // direct O(n) check of every 97th sample
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) {
                double t = 0;
                for (int f = 0; f < d; f++) {
                    double v = rows[i][f] - rows[j][f];
                    t += v * v;
                }
                sum[lab[j]] += Math.sqrt(t);
            }
            double a = sum[lab[i]] / (count[lab[i]] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != lab[i]) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            double expected = (b - a) / Math.max(a, b);
            assertEquals(expected, s[i], 1e-9 * Math.abs(expected), "sample " + i);
        }
    }

    @Test
    void informationCriteriaByHand() {
        assertEquals(2 * 3 - 2 * -10.0, InformationCriteria.aic(-10, 3), 0);
        assertEquals(3 * Math.log(50) + 20, InformationCriteria.bic(-10, 3, 50), 1e-13);
        assertEquals(26 + 2.0 * 3 * 4 / (50 - 3 - 1), InformationCriteria.aicc(-10, 3, 50), 1e-13);
        contains(message(() -> InformationCriteria.aicc(-10, 3, 4)), "n > k + 1", "n = 4", "k = 3");
        contains(message(() -> InformationCriteria.aic(Double.NaN, 3)), "log-likelihood", "NaN");
        contains(message(() -> InformationCriteria.aic(-1, -2)), "k must be >= 0", "-2");
        contains(message(() -> InformationCriteria.bic(-1, 2, 0)), "n must be >= 1");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void mismatchedLengthsNameBothLengths() {
        contains(message(() -> ClassificationMetrics.accuracy(new int[] {0, 1, 1}, new int[] {0, 1})), "length 3", "length 2");
        contains(message(() -> ClassificationMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1, 0.2, 0.3})),
                "length 2", "length 3");
        contains(message(() -> RegressionMetrics.mse(new double[4], new double[5])), "length 4", "length 5");
        contains(message(() -> ClusteringMetrics.adjustedRandIndex(new int[4], new int[3])), "length 4", "length 3");
        contains(message(() -> ClassificationMetrics.accuracy(new int[] {0, 1}, new int[] {0, 1}, new double[] {1})),
                "sampleWeight has length 1", "length 2");
        contains(message(() -> ClassificationMetrics.logLoss(new int[] {0, 1}, Matrix.of(new double[] {0.5, 0.5}))),
                "length 2", "length 1");
    }

    @Test
    void emptyInputIsAnError() {
        contains(message(() -> ClassificationMetrics.accuracy(new int[0], new int[0])), "empty");
        contains(message(() -> RegressionMetrics.r2(new double[0], new double[0])), "empty");
        contains(message(() -> ClusteringMetrics.normalizedMutualInfo(new int[0], new int[0])), "empty");
        contains(message(() -> ClassificationMetrics.rocAuc(new int[0], new double[0])), "empty");
    }

    @Test
    void labelsOutOfRangeNameValueAndIndex() {
        contains(message(() -> ClassificationMetrics.confusionMatrix(new int[] {0, 1, 3}, new int[] {0, 1, 1}, 3)),
                "yTrue[2] = 3", "[0, 3)");
        contains(message(() -> ClassificationMetrics.accuracy(new int[] {0, 1}, new int[] {0, -1})), "yPred[1] = -1");
        contains(message(() -> ClassificationMetrics.rocAuc(new int[] {0, 2, 1}, new double[] {0.1, 0.2, 0.3})),
                "yTrue[1] = 2", "0 (negative) and 1 (positive)");
        contains(message(() -> ClassificationMetrics.logLoss(new int[] {0, 3}, Matrix.of(new double[] {0.5, 0.5},
                new double[] {0.5, 0.5}))), "yTrue[1] = 3", "[0, 2)");
        contains(message(() -> ClusteringMetrics.inertia(Matrix.zeros(2, 2), new int[] {0, 2}, Matrix.zeros(2, 2))),
                "labels[1] = 2");
    }

    @Test
    void badProbabilitiesAreRejected() {
        contains(message(() -> ClassificationMetrics.logLoss(new int[] {0, 1}, new double[] {0.5, 1.2})), "p[1] = 1.2",
                "[0, 1]");
        contains(message(() -> ClassificationMetrics.brierScore(new int[] {0, 1}, new double[] {-0.1, 0.5})), "p[0] = -0.1");
        contains(message(() -> ClassificationMetrics.logLoss(new int[] {0, 1}, new double[] {0.5, Double.NaN})), "p[1] = NaN");
        Matrix notSummingToOne = Matrix.of(new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.3, 0.4});
        contains(message(() -> ClassificationMetrics.logLoss(new int[] {0, 1}, notSummingToOne)), "row 1", "sums to 0.9");
        contains(message(() -> ClassificationMetrics.rocAucOvr(new int[] {0, 1}, notSummingToOne, Average.MACRO)), "row 1");
        Matrix outside = Matrix.of(new double[] {1.5, -0.5}, new double[] {0.5, 0.5});
        contains(message(() -> ClassificationMetrics.brierScore(new int[] {0, 1}, outside)), "proba(0, 0) = 1.5");
        // within numpy's allclose tolerance: accepted
        Matrix almost = Matrix.of(new double[] {0.5, 0.5 + 5e-9}, new double[] {0.5, 0.5});
        ClassificationMetrics.logLoss(new int[] {0, 1}, almost);
        contains(message(() -> ClassificationMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1, Double.POSITIVE_INFINITY})),
                "score[1] = Infinity", "not finite");
        contains(message(() -> RegressionMetrics.mae(new double[] {1, Double.NaN}, new double[] {1, 2})), "yTrue[1] = NaN");
    }

    @Test
    void singleClassWhereTwoAreNeeded() {
        contains(message(() -> ClassificationMetrics.rocAuc(new int[] {1, 1, 1}, new double[] {0.1, 0.2, 0.3})),
                "Only one class (1) present", "ROC AUC is not defined");
        contains(message(() -> ClassificationMetrics.rocCurve(new int[] {0, 0}, new double[] {0.1, 0.2})), "Only one class (0)");
        contains(message(() -> ClassificationMetrics.averagePrecision(new int[] {0, 0}, new double[] {0.1, 0.2})),
                "no positive sample");
        contains(message(() -> ClassificationMetrics.rocAucOvr(new int[] {0, 0, 2},
                Matrix.of(new double[] {1, 0, 0}, new double[] {1, 0, 0}, new double[] {0, 0, 1}), Average.MACRO)),
                "class 1 does not occur in yTrue");
        // all positives carry zero weight
        contains(message(() -> ClassificationMetrics.rocAuc(new int[] {0, 1, 0}, new double[] {0.1, 0.2, 0.3},
                new double[] {1, 0, 1})), "no positive sample with positive weight");
        contains(message(() -> ClusteringMetrics.silhouetteScore(Matrix.zeros(3, 2), new int[] {4, 4, 4})),
                "number of clusters is 1", "2 to n_samples - 1");
        contains(message(() -> ClusteringMetrics.silhouetteScore(Matrix.zeros(3, 2), new int[] {0, 1, 2})),
                "number of clusters is 3");
        contains(message(() -> RegressionMetrics.r2(new double[] {1}, new double[] {1})), "fewer than two samples");
    }

    @Test
    void averagingMisuse() {
        int[] yt = {0, 1, 2, 1};
        int[] yp = {0, 2, 2, 1};
        contains(message(() -> ClassificationMetrics.precision(yt, yp, Average.NONE)), "classScores");
        contains(message(() -> ClassificationMetrics.f1(yt, yp, Average.BINARY)), "3 values", "BINARY");
        contains(message(() -> ClassificationMetrics.recall(new int[] {0, 2}, new int[] {2, 0}, Average.BINARY)),
                "positive label 1 is not a valid label", "[0, 2]");
        assertEquals(1.0, ClassificationMetrics.recall(new int[] {0, 2}, new int[] {2, 2}, Average.binary(2)));
        contains(message(() -> ClassificationMetrics.rocAucOvr(yt, Matrix.constant(4, 3, 1.0 / 3), Average.BINARY)),
                "MACRO, WEIGHTED or MICRO");
        contains(message(() -> ClassificationMetrics.fBeta(yt, yp, -1, Average.MACRO)), "beta must be >= 0");
        contains(message(() -> Average.binary(-1)), "positive label");
        contains(message(() -> ClassificationMetrics.precision(yt, yp, 0, Average.MACRO, null)), "numClasses must be >= 1");
    }

    @Test
    void badSampleWeights() {
        int[] y = {0, 1};
        contains(message(() -> ClassificationMetrics.accuracy(y, y, new double[] {1, -1})), "sampleWeight[1] = -1.0");
        contains(message(() -> ClassificationMetrics.accuracy(y, y, new double[] {0, 0})), "sum to 0.0");
        contains(message(() -> RegressionMetrics.mse(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, Double.NaN})),
                "sampleWeight[1] = NaN");
    }

    @Test
    void inputsAreNotModified() {
        int[] yt = {1, 0, 1, 0, 1};
        double[] s = {0.9, 0.1, 0.4, 0.4, 0.3};
        double[] w = {1, 0, 2, 1, 1};
        int[] ytCopy = yt.clone();
        double[] sCopy = s.clone();
        double[] wCopy = w.clone();
        ClassificationMetrics.rocAuc(yt, s, w);
        ClassificationMetrics.averagePrecision(yt, s, w);
        RegressionMetrics.medianAbsoluteError(s, new double[5], w);
        ClusteringMetrics.normalizedMutualInfo(yt, new int[] {3, 3, 1, 1, 0});
        assertArrayEquals(ytCopy, yt);
        assertArrayEquals(sCopy, s);
        assertArrayEquals(wCopy, w);
    }
}
