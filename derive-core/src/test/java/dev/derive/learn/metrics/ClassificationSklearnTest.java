package dev.derive.learn.metrics;

import static dev.derive.learn.metrics.Ref.close;
import static dev.derive.learn.metrics.Ref.equal;
import static dev.derive.learn.metrics.Ref.ints;
import static dev.derive.learn.metrics.Ref.matrix;
import static dev.derive.learn.metrics.Ref.scalar;
import static dev.derive.learn.metrics.Ref.vec;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.derive.learn.metrics.ClassificationMetrics.ClassScores;
import dev.derive.learn.metrics.ClassificationMetrics.PrecisionRecallCurve;
import dev.derive.learn.metrics.ClassificationMetrics.RocCurve;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Classification metrics against scikit-learn 1.2.1 on held-out predictions of logistic regression,
 * Gaussian naive Bayes and shallow trees on breast cancer, iris, wine and digits
 * (tools/gen_metrics_fixtures.py), to 1e-12 relative.
 */
class ClassificationSklearnTest {

    private static final String[] BINARY = {"bc_lr", "bc_gnb", "bc_tree"};
    private static final String[] MULTICLASS = {"iris_lr", "iris_gnb", "iris_tree", "wine_lr", "wine_gnb",
        "wine_tree", "digits_lr", "digits_gnb", "digits_tree"};
    private static final String[] ABSENT = {"absent_true", "absent_both"};

    /** F-measure names in the fixture and their beta. */
    private static final String[] F_NAMES = {"f1", "f0.5", "f2"};
    private static final double[] F_BETAS = {1, 0.5, 2};

    @TestFactory
    List<DynamicTest> binaryCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : BINARY) {
            int[] yt = ints(c + ".y_true");
            int[] yp = ints(c + ".y_pred");
            double[] p = vec(c + ".p");
            double[] w = vec(c + ".w");
            tests.add(dynamicTest(c + " accuracy, balanced accuracy, confusion", () -> {
                close(c + ".accuracy", ClassificationMetrics.accuracy(yt, yp));
                close(c + ".accuracy.w", ClassificationMetrics.accuracy(yt, yp, w));
                close(c + ".balanced_accuracy", ClassificationMetrics.balancedAccuracy(yt, yp));
                close(c + ".balanced_accuracy.w", ClassificationMetrics.balancedAccuracy(yt, yp, w));
                equal(c + ".confusion", ClassificationMetrics.confusionMatrix(yt, yp));
                close(c + ".confusion.w", ClassificationMetrics.confusionMatrix(yt, yp, 2, w));
            }));
            tests.add(dynamicTest(c + " precision/recall/F binary with positive label 1 and 0", () -> {
                for (int pos : new int[] {1, 0}) {
                    Average avg = pos == 1 ? Average.BINARY : Average.binary(0);
                    for (String sfx : new String[] {"", ".w"}) {
                        double[] ww = sfx.isEmpty() ? null : w;
                        close(c + ".precision.binary" + pos + sfx, ClassificationMetrics.precision(yt, yp, avg, ww));
                        close(c + ".recall.binary" + pos + sfx, ClassificationMetrics.recall(yt, yp, avg, ww));
                        close(c + ".f1.binary" + pos + sfx, ClassificationMetrics.f1(yt, yp, avg, ww));
                        for (int f = 0; f < F_NAMES.length; f++) {
                            close(c + "." + F_NAMES[f] + ".binary" + pos + sfx,
                                    ClassificationMetrics.fBeta(yt, yp, F_BETAS[f], avg, ww));
                        }
                    }
                }
            }));
            tests.add(dynamicTest(c + " precision/recall/F micro, macro, weighted, per class", () ->
                    prfChecks(c, c, yt, yp, -1, 2, w)));
            tests.add(dynamicTest(c + " ROC curve and AUC (ties: " + (int) scalar(c + ".n_distinct_p")
                    + " distinct scores of " + p.length + ")", () -> {
                for (String sfx : new String[] {"", ".w"}) {
                    double[] ww = sfx.isEmpty() ? null : w;
                    close(c + ".roc_auc" + sfx, ClassificationMetrics.rocAuc(yt, p, ww));
                    RocCurve roc = ClassificationMetrics.rocCurve(yt, p, ww);
                    close(c + ".roc_fpr" + sfx, roc.fpr());
                    close(c + ".roc_tpr" + sfx, roc.tpr());
                    close(c + ".roc_thresholds" + sfx, roc.thresholds());
                }
            }));
            tests.add(dynamicTest(c + " precision-recall curve and average precision", () -> {
                for (String sfx : new String[] {"", ".w"}) {
                    double[] ww = sfx.isEmpty() ? null : w;
                    close(c + ".average_precision" + sfx, ClassificationMetrics.averagePrecision(yt, p, ww));
                    PrecisionRecallCurve pr = ClassificationMetrics.precisionRecallCurve(yt, p, ww);
                    close(c + ".pr_precision" + sfx, pr.precision());
                    close(c + ".pr_recall" + sfx, pr.recall());
                    close(c + ".pr_thresholds" + sfx, pr.thresholds());
                }
            }));
            tests.add(dynamicTest(c + " log loss and Brier score", () -> {
                close(c + ".log_loss", ClassificationMetrics.logLoss(yt, p));
                close(c + ".log_loss.w", ClassificationMetrics.logLoss(yt, p, w));
                close(c + ".brier", ClassificationMetrics.brierScore(yt, p));
                close(c + ".brier.w", ClassificationMetrics.brierScore(yt, p, w));
                // the two-column matrix form agrees with the 1-D form
                Matrix two = Matrix.zeros(p.length, 2);
                for (int i = 0; i < p.length; i++) {
                    two.set(i, 0, 1 - p[i]);
                    two.set(i, 1, p[i]);
                }
                close(scalar(c + ".log_loss"), ClassificationMetrics.logLoss(yt, two), 1e-12, c + " log loss (matrix)");
                close(2 * scalar(c + ".brier"), ClassificationMetrics.brierScore(yt, two), 1e-12,
                        c + " multiclass Brier = 2 x binary");
            }));
            if (c.equals("bc_lr")) {
                double[] dec = vec(c + ".decision");
                tests.add(dynamicTest(c + " ROC AUC and AP from unbounded decision scores", () -> {
                    close(c + ".roc_auc_decision", ClassificationMetrics.rocAuc(yt, dec));
                    close(c + ".average_precision_decision", ClassificationMetrics.averagePrecision(yt, dec));
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> multiclassCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : MULTICLASS) {
            int[] yt = ints(c + ".y_true");
            int[] yp = ints(c + ".y_pred");
            Matrix proba = matrix(c + ".proba");
            double[] w = vec(c + ".w");
            int k = (int) scalar(c + ".K");
            tests.add(dynamicTest(c + " accuracy, balanced accuracy, confusion", () -> {
                close(c + ".accuracy", ClassificationMetrics.accuracy(yt, yp));
                close(c + ".accuracy.w", ClassificationMetrics.accuracy(yt, yp, w));
                close(c + ".balanced_accuracy", ClassificationMetrics.balancedAccuracy(yt, yp));
                close(c + ".balanced_accuracy.w", ClassificationMetrics.balancedAccuracy(yt, yp, w));
                equal(c + ".confusion", ClassificationMetrics.confusionMatrix(yt, yp, k));
                close(c + ".confusion.w", ClassificationMetrics.confusionMatrix(yt, yp, k, w));
            }));
            tests.add(dynamicTest(c + " precision/recall/F", () -> prfChecks(c, c, yt, yp, k, k, w)));
            tests.add(dynamicTest(c + " one-vs-rest ROC AUC", () -> {
                for (String sfx : new String[] {"", ".w"}) {
                    double[] ww = sfx.isEmpty() ? null : w;
                    close(c + ".roc_auc_ovr.macro" + sfx, ClassificationMetrics.rocAucOvr(yt, proba, Average.MACRO, ww));
                    close(c + ".roc_auc_ovr.weighted" + sfx,
                            ClassificationMetrics.rocAucOvr(yt, proba, Average.WEIGHTED, ww));
                    close(c + ".roc_auc_ovr.micro" + sfx, ClassificationMetrics.rocAucOvr(yt, proba, Average.MICRO, ww));
                }
            }));
            tests.add(dynamicTest(c + " log loss and multiclass Brier", () -> {
                close(c + ".log_loss", ClassificationMetrics.logLoss(yt, proba));
                close(c + ".log_loss.w", ClassificationMetrics.logLoss(yt, proba, w));
                close(c + ".np_brier_multi", ClassificationMetrics.brierScore(yt, proba));
                close(c + ".np_brier_multi.w", ClassificationMetrics.brierScore(yt, proba, w));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> foldWithAbsentClass() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : ABSENT) {
            int[] yt = ints(c + ".y_true");
            int[] yp = ints(c + ".y_pred");
            Matrix proba = matrix(c + ".proba");
            double[] w = vec(c + ".w");
            tests.add(dynamicTest(c + ": class 1 absent, K = 3 given explicitly", () -> {
                for (int y : yt) {
                    assertTrue(y != 1, "fixture: class 1 must be absent from y_true");
                }
                close(c + ".accuracy", ClassificationMetrics.accuracy(yt, yp));
                close(c + ".balanced_accuracy", ClassificationMetrics.balancedAccuracy(yt, yp));
                close(c + ".balanced_accuracy.w", ClassificationMetrics.balancedAccuracy(yt, yp, w));
                equal(c + ".confusion", ClassificationMetrics.confusionMatrix(yt, yp, 3));
                prfChecks(c, c, yt, yp, 3, 3, w);
                close(c + ".log_loss", ClassificationMetrics.logLoss(yt, proba));
                close(c + ".log_loss.w", ClassificationMetrics.logLoss(yt, proba, w));
            }));
            tests.add(dynamicTest(c + ": classes inferred from the labels present", () -> {
                close(c + ".present.precision.macro", ClassificationMetrics.precision(yt, yp, Average.MACRO));
                close(c + ".present.precision.weighted", ClassificationMetrics.precision(yt, yp, Average.WEIGHTED));
                close(c + ".present.precision.micro", ClassificationMetrics.precision(yt, yp, Average.MICRO));
                close(c + ".present.recall.macro", ClassificationMetrics.recall(yt, yp, Average.MACRO));
                close(c + ".present.recall.weighted", ClassificationMetrics.recall(yt, yp, Average.WEIGHTED));
                close(c + ".present.recall.micro", ClassificationMetrics.recall(yt, yp, Average.MICRO));
                close(c + ".present.f1.macro", ClassificationMetrics.f1(yt, yp, Average.MACRO));
                close(c + ".present.f1.weighted", ClassificationMetrics.f1(yt, yp, Average.WEIGHTED));
                close(c + ".present.f1.micro", ClassificationMetrics.f1(yt, yp, Average.MICRO));
            }));
        }
        return tests;
    }

    /**
     * precision/recall/F for micro, macro, weighted (classes 0..k-1 when k > 0, else those present) and per
     * class, with and without weights.
     */
    private static void prfChecks(String c, String prefix, int[] yt, int[] yp, int k, int kAll, double[] w) {
        Average[] avgs = {Average.MICRO, Average.MACRO, Average.WEIGHTED};
        String[] names = {"micro", "macro", "weighted"};
        for (String sfx : new String[] {"", ".w"}) {
            double[] ww = sfx.isEmpty() ? null : w;
            for (int a = 0; a < avgs.length; a++) {
                String base = "." + names[a] + sfx;
                if (k > 0) {
                    close(prefix + ".precision" + base, ClassificationMetrics.precision(yt, yp, k, avgs[a], ww));
                    close(prefix + ".recall" + base, ClassificationMetrics.recall(yt, yp, k, avgs[a], ww));
                    close(prefix + ".f1" + base, ClassificationMetrics.f1(yt, yp, k, avgs[a], ww));
                    for (int f = 0; f < F_NAMES.length; f++) {
                        close(prefix + "." + F_NAMES[f] + base,
                                ClassificationMetrics.fBeta(yt, yp, k, F_BETAS[f], avgs[a], ww));
                    }
                } else {
                    close(prefix + ".precision" + base, ClassificationMetrics.precision(yt, yp, avgs[a], ww));
                    close(prefix + ".recall" + base, ClassificationMetrics.recall(yt, yp, avgs[a], ww));
                    close(prefix + ".f1" + base, ClassificationMetrics.f1(yt, yp, avgs[a], ww));
                    for (int f = 0; f < F_NAMES.length; f++) {
                        close(prefix + "." + F_NAMES[f] + base, ClassificationMetrics.fBeta(yt, yp, F_BETAS[f], avgs[a], ww));
                    }
                }
            }
            for (int f = 0; f < F_NAMES.length; f++) {
                ClassScores s = ClassificationMetrics.classScores(yt, yp, kAll, F_BETAS[f], ww);
                close(prefix + "." + F_NAMES[f] + ".none" + sfx, s.fScore());
                if (f == 0) {
                    close(prefix + ".precision.none" + sfx, s.precision());
                    close(prefix + ".recall.none" + sfx, s.recall());
                }
            }
        }
    }
}
