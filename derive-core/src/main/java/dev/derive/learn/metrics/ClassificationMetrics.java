package dev.derive.learn.metrics;

import dev.derive.linalg.Matrix;
import java.util.Arrays;

/**
 * Classification metrics on plain arrays, each matching the scikit-learn 1.2.1 function it names.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Labels are class indices {@code 0..K-1} in {@code int[]}. Where {@code numClasses} (K) is given,
 *       every label must lie in {@code [0, K)} and every class counts, even one absent from this fold
 *       (scikit-learn's {@code labels=range(K)}). Where it is not given, labels must be {@code >= 0} and the
 *       classes are those present in {@code yTrue} or {@code yPred} (scikit-learn's default), except for
 *       {@link #confusionMatrix(int[], int[])} whose rows are indexed by class ({@code K = 1 + max label}).</li>
 *   <li>Binary metrics from scores or probabilities take labels 0 (negative) and 1 (positive).</li>
 *   <li>{@code sampleWeight} may be {@code null} (every sample weighs 1); otherwise it holds one finite
 *       weight {@code >= 0} per sample, with a positive sum.</li>
 *   <li><b>Zero division</b>: a precision with no predicted samples, a recall with no true samples, or an
 *       F-score whose precision and recall are both 0, is 0 (scikit-learn's default
 *       {@code zero_division="warn"}, which returns 0 and warns; Derive returns 0 without a warning).</li>
 *   <li>Inputs are never modified. Mismatched lengths, empty input, labels out of range, non-finite scores,
 *       probabilities outside [0, 1] or probability rows that do not sum to 1 throw
 *       {@link IllegalArgumentException} naming the offending value and where it is.</li>
 * </ul>
 */
public final class ClassificationMetrics {

    /**
     * The default clipping bound of {@link #logLoss}: {@code np.finfo(np.float64).eps = 2^-52}, the value
     * scikit-learn 1.2's {@code eps="auto"} resolves to for float64 input (it was 1e-15 before 1.2).
     */
    public static final double LOG_LOSS_EPS = Math.ulp(1.0);

    private ClassificationMetrics() {
    }

    /**
     * Per-class precision, recall, F-beta and support (the true count or total true weight of each class),
     * index {@code c} for class {@code c}.
     */
    public record ClassScores(double[] precision, double[] recall, double[] fScore, double[] support) {
    }

    /**
     * A ROC curve: false and true positive rates at decreasing {@code thresholds}; point {@code i} is the
     * rate when samples with score {@code >= thresholds[i]} are predicted positive. The first point is
     * (0, 0) with threshold {@code max score + 1} (scikit-learn 1.2; later versions use {@code +inf}).
     */
    public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
    }

    /**
     * A precision-recall curve at increasing {@code thresholds} (each distinct score); {@code precision}
     * and {@code recall} have one more entry than {@code thresholds}: the final point (precision 1,
     * recall 0) has no threshold.
     */
    public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {
    }

    // ================================================================ accuracy and confusion

    /**
     * The fraction of correct predictions, {@code (1/n) sum_i [yTrue_i = yPred_i]}
     * (scikit-learn {@code accuracy_score}).
     */
    public static double accuracy(int[] yTrue, int[] yPred) {
        return accuracy(yTrue, yPred, null);
    }

    /**
     * The weighted fraction of correct predictions, {@code sum_i w_i [yTrue_i = yPred_i] / sum_i w_i}
     * (scikit-learn {@code accuracy_score(sample_weight=w)}).
     */
    public static double accuracy(int[] yTrue, int[] yPred, double[] sampleWeight) {
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        Validate.inferClasses(yTrue, yPred);
        Validate.weights(sampleWeight, n);
        if (sampleWeight == null) {
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (yTrue[i] == yPred[i]) {
                    correct++;
                }
            }
            return (double) correct / n;
        }
        double[] hit = new double[n];
        for (int i = 0; i < n; i++) {
            hit[i] = yTrue[i] == yPred[i] ? sampleWeight[i] : 0;
        }
        return Sums.pairwise(hit) / Sums.pairwise(sampleWeight);
    }

    /**
     * The mean of per-class recalls, {@code (1/|C|) sum_{c in C} C[c][c] / sum_j C[c][j]}, over the classes
     * {@code C} with at least one true sample (scikit-learn {@code balanced_accuracy_score}, adjusted=false;
     * classes that occur only in {@code yPred} are skipped, as scikit-learn does with a warning).
     */
    public static double balancedAccuracy(int[] yTrue, int[] yPred) {
        return balancedAccuracy(yTrue, yPred, null);
    }

    /** {@link #balancedAccuracy(int[], int[])} with sample weights: recalls from the weighted confusion matrix. */
    public static double balancedAccuracy(int[] yTrue, int[] yPred, double[] sampleWeight) {
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        int k = Validate.inferClasses(yTrue, yPred);
        Validate.weights(sampleWeight, n);
        double[][] cm = weightedConfusion(yTrue, yPred, k, sampleWeight);
        double[] recalls = new double[k];
        int m = 0;
        for (int c = 0; c < k; c++) {
            double row = Sums.pairwise(cm[c]);
            if (row != 0) {
                recalls[m++] = cm[c][c] / row;
            }
        }
        return Sums.pairwise(recalls, 0, m) / m;
    }

    /**
     * The confusion matrix with {@code K = 1 + max label}: entry {@code [t][p]} counts samples of true class
     * {@code t} predicted as {@code p} (scikit-learn {@code confusion_matrix}; rows = true class).
     */
    public static int[][] confusionMatrix(int[] yTrue, int[] yPred) {
        Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        return confusionMatrix(yTrue, yPred, Validate.inferClasses(yTrue, yPred));
    }

    /** The {@code K x K} confusion matrix (rows = true class, columns = predicted class). */
    public static int[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        checkLabels(yTrue, yPred, numClasses);
        int[][] cm = new int[numClasses][numClasses];
        for (int i = 0; i < n; i++) {
            cm[yTrue[i]][yPred[i]]++;
        }
        return cm;
    }

    /**
     * The weighted {@code K x K} confusion matrix: entry {@code [t][p]} is the total weight of samples of true
     * class {@code t} predicted as {@code p} (scikit-learn {@code confusion_matrix(sample_weight=w)}).
     */
    public static double[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses, double[] sampleWeight) {
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        checkLabels(yTrue, yPred, numClasses);
        Validate.weights(sampleWeight, n);
        return weightedConfusion(yTrue, yPred, numClasses, sampleWeight);
    }

    private static double[][] weightedConfusion(int[] yTrue, int[] yPred, int k, double[] w) {
        double[][] cm = new double[k][k];
        for (int i = 0; i < yTrue.length; i++) {
            cm[yTrue[i]][yPred[i]] += w == null ? 1 : w[i];
        }
        return cm;
    }

    private static void checkLabels(int[] yTrue, int[] yPred, int numClasses) {
        Validate.numClasses(numClasses);
        Validate.labels(yTrue, numClasses, "yTrue");
        Validate.labels(yPred, numClasses, "yPred");
    }

    // ================================================================ precision, recall, F

    /**
     * Precision {@code tp / (tp + fp)}, averaged as {@code average} says, over the classes present in
     * {@code yTrue} or {@code yPred} (scikit-learn {@code precision_score}); 0 when nothing is predicted
     * positive.
     */
    public static double precision(int[] yTrue, int[] yPred, Average average) {
        return precision(yTrue, yPred, average, null);
    }

    /** Weighted {@link #precision(int[], int[], Average)} (sample weights may be null). */
    public static double precision(int[] yTrue, int[] yPred, Average average, double[] sampleWeight) {
        return prf(yTrue, yPred, -1, 1, average, sampleWeight, PRECISION);
    }

    /** Precision over the classes {@code 0..numClasses-1} (scikit-learn {@code labels=range(K)}). */
    public static double precision(int[] yTrue, int[] yPred, int numClasses, Average average, double[] sampleWeight) {
        Validate.numClasses(numClasses);
        return prf(yTrue, yPred, numClasses, 1, average, sampleWeight, PRECISION);
    }

    /**
     * Recall {@code tp / (tp + fn)}, averaged as {@code average} says, over the classes present in
     * {@code yTrue} or {@code yPred} (scikit-learn {@code recall_score}); 0 for a class with no true sample.
     */
    public static double recall(int[] yTrue, int[] yPred, Average average) {
        return recall(yTrue, yPred, average, null);
    }

    /** Weighted {@link #recall(int[], int[], Average)} (sample weights may be null). */
    public static double recall(int[] yTrue, int[] yPred, Average average, double[] sampleWeight) {
        return prf(yTrue, yPred, -1, 1, average, sampleWeight, RECALL);
    }

    /** Recall over the classes {@code 0..numClasses-1}. */
    public static double recall(int[] yTrue, int[] yPred, int numClasses, Average average, double[] sampleWeight) {
        Validate.numClasses(numClasses);
        return prf(yTrue, yPred, numClasses, 1, average, sampleWeight, RECALL);
    }

    /**
     * F1, the harmonic mean {@code 2 P R / (P + R)} of precision and recall per class, then averaged
     * (scikit-learn {@code f1_score}); 0 when {@code P + R = 0}.
     */
    public static double f1(int[] yTrue, int[] yPred, Average average) {
        return f1(yTrue, yPred, average, null);
    }

    /** Weighted {@link #f1(int[], int[], Average)} (sample weights may be null). */
    public static double f1(int[] yTrue, int[] yPred, Average average, double[] sampleWeight) {
        return prf(yTrue, yPred, -1, 1, average, sampleWeight, FSCORE);
    }

    /** F1 over the classes {@code 0..numClasses-1}. */
    public static double f1(int[] yTrue, int[] yPred, int numClasses, Average average, double[] sampleWeight) {
        Validate.numClasses(numClasses);
        return prf(yTrue, yPred, numClasses, 1, average, sampleWeight, FSCORE);
    }

    /**
     * F-beta {@code (1 + b^2) P R / (b^2 P + R)} per class, then averaged (scikit-learn {@code fbeta_score});
     * {@code beta < 1} favours precision, {@code beta > 1} recall, {@code beta = +inf} gives recall.
     *
     * @throws IllegalArgumentException if {@code beta} is negative or NaN
     */
    public static double fBeta(int[] yTrue, int[] yPred, double beta, Average average) {
        return fBeta(yTrue, yPred, beta, average, null);
    }

    /** Weighted {@link #fBeta(int[], int[], double, Average)} (sample weights may be null). */
    public static double fBeta(int[] yTrue, int[] yPred, double beta, Average average, double[] sampleWeight) {
        return prf(yTrue, yPred, -1, beta, average, sampleWeight, FSCORE);
    }

    /** F-beta over the classes {@code 0..numClasses-1}. */
    public static double fBeta(int[] yTrue, int[] yPred, int numClasses, double beta, Average average,
                               double[] sampleWeight) {
        Validate.numClasses(numClasses);
        return prf(yTrue, yPred, numClasses, beta, average, sampleWeight, FSCORE);
    }

    /**
     * Per-class precision, recall, F-beta and support for classes {@code 0..numClasses-1}
     * (scikit-learn {@code precision_recall_fscore_support(labels=range(K), average=None)}); this is what
     * {@link Average#NONE} means.
     */
    public static ClassScores classScores(int[] yTrue, int[] yPred, int numClasses, double beta, double[] sampleWeight) {
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        checkLabels(yTrue, yPred, numClasses);
        Validate.weights(sampleWeight, n);
        checkBeta(beta);
        double[][] s = counts(yTrue, yPred, numClasses, sampleWeight);
        double[] tp = s[0];
        double[] pred = s[1];
        double[] tru = s[2];
        double[] p = divide(tp, pred);
        double[] r = divide(tp, tru);
        return new ClassScores(p, r, fScores(p, r, beta), tru.clone());
    }

    private static final int PRECISION = 0;
    private static final int RECALL = 1;
    private static final int FSCORE = 2;

    private static void checkBeta(double beta) {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("beta must be >= 0 in the F-beta score, got " + beta);
        }
    }

    /** tp, predicted and true sums per class (weighted), indexed by class. */
    private static double[][] counts(int[] yTrue, int[] yPred, int k, double[] w) {
        double[] tp = new double[k];
        double[] pred = new double[k];
        double[] tru = new double[k];
        for (int i = 0; i < yTrue.length; i++) {
            double wi = w == null ? 1 : w[i];
            if (yTrue[i] == yPred[i]) {
                tp[yTrue[i]] += wi;
            }
            pred[yPred[i]] += wi;
            tru[yTrue[i]] += wi;
        }
        return new double[][] {tp, pred, tru};
    }

    private static double[] divide(double[] num, double[] den) {
        double[] r = new double[num.length];
        for (int c = 0; c < num.length; c++) {
            r[c] = den[c] == 0 ? 0 : num[c] / den[c];
        }
        return r;
    }

    private static double[] fScores(double[] p, double[] r, double beta) {
        double[] f = new double[p.length];
        if (beta == Double.POSITIVE_INFINITY) {
            System.arraycopy(r, 0, f, 0, r.length);
            return f;
        }
        double b2 = beta * beta;
        for (int c = 0; c < p.length; c++) {
            double denom = b2 * p[c] + r[c];
            if (denom == 0) {
                denom = 1;
            }
            f[c] = (1 + b2) * p[c] * r[c] / denom;
        }
        return f;
    }

    /**
     * precision / recall / F-beta with scikit-learn's {@code precision_recall_fscore_support} semantics.
     * {@code numClasses < 0} means: classes present in yTrue or yPred.
     */
    private static double prf(int[] yTrue, int[] yPred, int numClasses, double beta, Average average,
                              double[] w, int which) {
        if (average == null) {
            throw new IllegalArgumentException("average must not be null; use Average.MACRO, MICRO, WEIGHTED or BINARY");
        }
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        Validate.weights(w, n);
        checkBeta(beta);
        int k;
        if (numClasses >= 0) {
            checkLabels(yTrue, yPred, numClasses);
            k = numClasses;
        } else {
            k = Validate.inferClasses(yTrue, yPred);
        }
        if (average.kind() == Average.Kind.NONE) {
            String name = which == PRECISION ? "precision" : which == RECALL ? "recall" : "F-score";
            throw new IllegalArgumentException("Average.NONE gives one " + name
                    + " per class; call classScores(yTrue, yPred, numClasses, beta, sampleWeight) for the per-class values");
        }
        boolean[] present = new boolean[k];
        int nPresent = 0;
        for (int i = 0; i < n; i++) {
            if (!present[yTrue[i]]) {
                present[yTrue[i]] = true;
                nPresent++;
            }
            if (!present[yPred[i]]) {
                present[yPred[i]] = true;
                nPresent++;
            }
        }
        int[] labels;
        if (average.kind() == Average.Kind.BINARY) {
            int pos = average.positiveLabel();
            if (nPresent > 2) {
                throw new IllegalArgumentException("the labels take " + nPresent
                        + " values but average is BINARY, which needs at most two; use MICRO, MACRO, WEIGHTED or NONE");
            }
            if (numClasses >= 0 && pos >= numClasses) {
                throw new IllegalArgumentException("positive label " + pos + " is not a class index in [0, "
                        + numClasses + ")");
            }
            if (nPresent == 2 && (pos >= k || !present[pos])) {
                throw new IllegalArgumentException("positive label " + pos + " is not a valid label; it should be one of "
                        + Arrays.toString(presentLabels(present)));
            }
            labels = new int[] {pos};
            k = Math.max(k, pos + 1);
        } else if (numClasses >= 0) {
            labels = new int[k];
            for (int c = 0; c < k; c++) {
                labels[c] = c;
            }
        } else {
            labels = presentLabels(present);
        }
        double[][] s = counts(yTrue, yPred, k, w);
        int m = labels.length;
        double[] tp = new double[m];
        double[] pred = new double[m];
        double[] tru = new double[m];
        for (int j = 0; j < m; j++) {
            tp[j] = s[0][labels[j]];
            pred[j] = s[1][labels[j]];
            tru[j] = s[2][labels[j]];
        }
        if (average.kind() == Average.Kind.MICRO) {
            tp = new double[] {Sums.pairwise(tp)};
            pred = new double[] {Sums.pairwise(pred)};
            tru = new double[] {Sums.pairwise(tru)};
        }
        double[] p = divide(tp, pred);
        double[] r = divide(tp, tru);
        double[] v = switch (which) {
            case PRECISION -> p;
            case RECALL -> r;
            default -> fScores(p, r, beta);
        };
        if (average.kind() == Average.Kind.WEIGHTED) {
            if (Sums.pairwise(tru) == 0) {
                return 0; // scikit-learn's zero-division value
            }
            return Sums.average(v, tru);
        }
        return Sums.mean(v);
    }

    private static int[] presentLabels(boolean[] present) {
        int m = 0;
        for (boolean b : present) {
            if (b) {
                m++;
            }
        }
        int[] labels = new int[m];
        int j = 0;
        for (int c = 0; c < present.length; c++) {
            if (present[c]) {
                labels[j++] = c;
            }
        }
        return labels;
    }

    // ================================================================ ranking: ROC and PR

    /** Cumulative false and true positives at each distinct score, scores decreasing. */
    private record ClfCurve(double[] fps, double[] tps, double[] thresholds) {
    }

    /**
     * scikit-learn's {@code _binary_clf_curve}: drop zero-weight samples, sort by decreasing score, and
     * accumulate the (weighted) positives and negatives at the last index of each run of equal scores.
     */
    private static ClfCurve clfCurve(int[] yTrue, double[] score, double[] w, String metric) {
        int n0 = Validate.pair(yTrue.length, score.length, "yTrue", "score");
        Validate.binaryLabels(yTrue, "yTrue");
        Validate.finite(score, "score");
        Validate.weights(w, n0);
        boolean hasPos = false;
        boolean hasNeg = false;
        for (int y : yTrue) {
            hasPos |= y == 1;
            hasNeg |= y == 0;
        }
        if (!(hasPos && hasNeg) && metric != null) {
            throw new IllegalArgumentException("Only one class (" + (hasPos ? 1 : 0) + ") present in yTrue; "
                    + metric + " is not defined in that case");
        }
        int[] y = yTrue;
        double[] s = score;
        double[] wt = w;
        if (w != null) {
            int m = 0;
            for (double v : w) {
                if (v != 0) {
                    m++;
                }
            }
            if (m < n0) {
                y = new int[m];
                s = new double[m];
                wt = new double[m];
                int j = 0;
                for (int i = 0; i < n0; i++) {
                    if (w[i] != 0) {
                        y[j] = yTrue[i];
                        s[j] = score[i];
                        wt[j] = w[i];
                        j++;
                    }
                }
            }
        }
        int n = y.length;
        int[] asc = Sorting.argsortStable(s);
        int nThr = 1;
        for (int i = 0; i + 1 < n; i++) {
            if (s[asc[n - 1 - i]] != s[asc[n - 2 - i]]) {
                nThr++;
            }
        }
        double[] tps = new double[nThr];
        double[] fps = new double[nThr];
        double[] thr = new double[nThr];
        double tp = 0;
        double fp = 0;
        int t = 0;
        for (int i = 0; i < n; i++) {
            int idx = asc[n - 1 - i];
            if (wt == null) {
                tp += y[idx];
            } else {
                tp += y[idx] * wt[idx];
                fp += (1 - y[idx]) * wt[idx];
            }
            if (i == n - 1 || s[idx] != s[asc[n - 2 - i]]) {
                tps[t] = tp;
                fps[t] = wt == null ? 1 + i - tp : fp;
                thr[t] = s[idx];
                t++;
            }
        }
        return new ClfCurve(fps, tps, thr);
    }

    /**
     * The ROC curve of binary labels (1 = positive) against scores, with collinear intermediate points
     * dropped (scikit-learn {@code roc_curve(drop_intermediate=True)}): a point is kept when the second
     * difference of the false or the true positive counts is non-zero there.
     *
     * @throws IllegalArgumentException if {@code yTrue} holds only one class (the curve is undefined)
     */
    public static RocCurve rocCurve(int[] yTrue, double[] score) {
        return rocCurve(yTrue, score, null);
    }

    /** Weighted {@link #rocCurve(int[], double[])}; samples of weight 0 are dropped first, as scikit-learn does. */
    public static RocCurve rocCurve(int[] yTrue, double[] score, double[] sampleWeight) {
        return roc(yTrue, score, sampleWeight, "the ROC curve");
    }

    private static RocCurve roc(int[] yTrue, double[] score, double[] w, String metric) {
        ClfCurve c = clfCurve(yTrue, score, w, metric);
        double[] fps = c.fps;
        double[] tps = c.tps;
        double[] thr = c.thresholds;
        int m = fps.length;
        int[] keep;
        int nk;
        if (m > 2) {
            keep = new int[m];
            nk = 0;
            keep[nk++] = 0;
            for (int i = 1; i < m - 1; i++) {
                double dfp = (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1]);
                double dtp = (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1]);
                if (dfp != 0 || dtp != 0) {
                    keep[nk++] = i;
                }
            }
            keep[nk++] = m - 1;
        } else {
            nk = m;
            keep = new int[m];
            for (int i = 0; i < m; i++) {
                keep[i] = i;
            }
        }
        double[] fpr = new double[nk + 1];
        double[] tpr = new double[nk + 1];
        double[] th = new double[nk + 1];
        double fpTotal = fps[m - 1];
        double tpTotal = tps[m - 1];
        if (!(fpTotal > 0)) {
            throw new IllegalArgumentException("no negative sample with positive weight in yTrue; " + metric
                    + " is not defined (the false positive rate would be 0/0)");
        }
        if (!(tpTotal > 0)) {
            throw new IllegalArgumentException("no positive sample with positive weight in yTrue; " + metric
                    + " is not defined (the true positive rate would be 0/0)");
        }
        th[0] = thr[0] + 1;
        for (int j = 0; j < nk; j++) {
            fpr[j + 1] = fps[keep[j]] / fpTotal;
            tpr[j + 1] = tps[keep[j]] / tpTotal;
            th[j + 1] = thr[keep[j]];
        }
        return new RocCurve(fpr, tpr, th);
    }

    /**
     * The area under the ROC curve of binary labels (1 = positive) against scores, by the trapezoidal rule
     * on {@link #rocCurve}: {@code sum_i (fpr_{i+1} - fpr_i)(tpr_{i+1} + tpr_i) / 2} (scikit-learn
     * {@code roc_auc_score}). A run of tied scores is one point of the curve, so ties count one half:
     * the value equals {@code P(s+ > s-) + P(s+ = s-)/2} over positive-negative pairs.
     *
     * @throws IllegalArgumentException if {@code yTrue} holds only one class ("Only one class present in
     *     y_true. ROC AUC score is not defined in that case.")
     */
    public static double rocAuc(int[] yTrue, double[] score) {
        return rocAuc(yTrue, score, null);
    }

    /** Weighted {@link #rocAuc(int[], double[])} (sample weights may be null). */
    public static double rocAuc(int[] yTrue, double[] score, double[] sampleWeight) {
        RocCurve c = roc(yTrue, score, sampleWeight, "ROC AUC");
        return trapezoid(c.fpr, c.tpr);
    }

    private static double trapezoid(double[] x, double[] y) {
        double[] terms = new double[x.length - 1];
        for (int i = 0; i + 1 < x.length; i++) {
            terms[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
        }
        return Sums.pairwise(terms);
    }

    /**
     * Multiclass ROC AUC, one class against the rest (scikit-learn
     * {@code roc_auc_score(multi_class="ovr")}): for each class {@code c}, the binary AUC of
     * {@code [yTrue = c]} against column {@code c} of {@code proba}; then {@link Average#MACRO} (mean),
     * {@link Average#WEIGHTED} (weighted by each class's true count or weight) or {@link Average#MICRO}
     * (one binary AUC over all {@code n K} (sample, class) pairs). {@code proba} is {@code n x K} with rows
     * of class probabilities summing to 1; every class must occur in {@code yTrue}. With K = 2 this also
     * works (scikit-learn would ask for a 1-D score instead).
     */
    public static double rocAucOvr(int[] yTrue, Matrix proba, Average average) {
        return rocAucOvr(yTrue, proba, average, null);
    }

    /** Weighted {@link #rocAucOvr(int[], Matrix, Average)} (sample weights may be null). */
    public static double rocAucOvr(int[] yTrue, Matrix proba, Average average, double[] sampleWeight) {
        if (average == null || (average.kind() != Average.Kind.MACRO && average.kind() != Average.Kind.WEIGHTED
                && average.kind() != Average.Kind.MICRO)) {
            throw new IllegalArgumentException("one-vs-rest ROC AUC takes average MACRO, WEIGHTED or MICRO, got " + average);
        }
        int n = Validate.pair(yTrue.length, proba.rows(), "yTrue", "rows of proba");
        int k = proba.cols();
        if (k < 2) {
            throw new IllegalArgumentException("proba has " + k + " column; one-vs-rest ROC AUC needs K >= 2 classes");
        }
        Validate.labels(yTrue, k, "yTrue");
        Validate.probabilityRows(proba, "proba");
        Validate.weights(sampleWeight, n);
        int[] count = new int[k];
        for (int y : yTrue) {
            count[y]++;
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                throw new IllegalArgumentException("class " + c + " does not occur in yTrue; its one-vs-rest ROC AUC is "
                        + "undefined (scikit-learn: number of classes in y_true not equal to the number of columns in y_score)");
            }
        }
        double[] a = proba.toArray(); // column-major: column c at [c * n, (c + 1) * n)
        if (average.kind() == Average.Kind.MICRO) {
            int[] yy = new int[n * k];
            double[] ss = new double[n * k];
            double[] ww = sampleWeight == null ? null : new double[n * k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    int j = i * k + c;
                    yy[j] = yTrue[i] == c ? 1 : 0;
                    ss[j] = a[c * n + i];
                    if (ww != null) {
                        ww[j] = sampleWeight[i];
                    }
                }
            }
            return rocAuc(yy, ss, ww);
        }
        double[] scores = new double[k];
        double[] classWeight = new double[k];
        int[] yc = new int[n];
        double[] sc = new double[n];
        for (int c = 0; c < k; c++) {
            double cw = 0;
            for (int i = 0; i < n; i++) {
                yc[i] = yTrue[i] == c ? 1 : 0;
                cw += yc[i] * (sampleWeight == null ? 1 : sampleWeight[i]);
            }
            classWeight[c] = cw;
            if (average.kind() == Average.Kind.WEIGHTED && cw == 0) {
                scores[c] = 0; // scikit-learn forces classes of zero weight to 0 before averaging
                continue;
            }
            System.arraycopy(a, c * n, sc, 0, n);
            scores[c] = rocAuc(yc, sc, sampleWeight);
        }
        return average.kind() == Average.Kind.WEIGHTED ? Sums.average(scores, classWeight) : Sums.mean(scores);
    }

    /**
     * The precision-recall curve of binary labels (1 = positive) against scores (scikit-learn
     * {@code precision_recall_curve}): at each distinct score {@code t}, in increasing order, precision
     * {@code tp/(tp + fp)} and recall {@code tp/P} of predicting {@code score >= t} positive, then the point
     * (precision 1, recall 0).
     *
     * @throws IllegalArgumentException if {@code yTrue} has no positive sample (recall would be 0/0;
     *     scikit-learn warns and sets recall to 1)
     */
    public static PrecisionRecallCurve precisionRecallCurve(int[] yTrue, double[] score) {
        return precisionRecallCurve(yTrue, score, null);
    }

    /** Weighted {@link #precisionRecallCurve(int[], double[])}; samples of weight 0 are dropped first. */
    public static PrecisionRecallCurve precisionRecallCurve(int[] yTrue, double[] score, double[] sampleWeight) {
        ClfCurve c = clfCurve(yTrue, score, sampleWeight, null);
        int m = c.tps.length;
        double total = c.tps[m - 1];
        if (!(total > 0)) {
            throw new IllegalArgumentException("no positive sample with positive weight in yTrue; recall and the "
                    + "precision-recall curve are not defined");
        }
        double[] precision = new double[m + 1];
        double[] recall = new double[m + 1];
        double[] thr = new double[m];
        for (int i = 0; i < m; i++) {
            int j = m - 1 - i;
            double ps = c.tps[i] + c.fps[i];
            precision[j] = ps != 0 ? c.tps[i] / ps : 0;
            recall[j] = c.tps[i] / total;
            thr[j] = c.thresholds[i];
        }
        precision[m] = 1;
        recall[m] = 0;
        return new PrecisionRecallCurve(precision, recall, thr);
    }

    /**
     * Average precision, the step-wise area under the precision-recall curve,
     * {@code AP = sum_n (R_n - R_{n-1}) P_n} over decreasing thresholds with {@code R_0 = 0}
     * (scikit-learn {@code average_precision_score}; no trapezoidal interpolation, which would be
     * optimistic).
     *
     * @throws IllegalArgumentException if {@code yTrue} has no positive sample
     */
    public static double averagePrecision(int[] yTrue, double[] score) {
        return averagePrecision(yTrue, score, null);
    }

    /** Weighted {@link #averagePrecision(int[], double[])} (sample weights may be null). */
    public static double averagePrecision(int[] yTrue, double[] score, double[] sampleWeight) {
        PrecisionRecallCurve c = precisionRecallCurve(yTrue, score, sampleWeight);
        double[] r = c.recall;
        double[] p = c.precision;
        double[] terms = new double[r.length - 1];
        for (int j = 0; j + 1 < r.length; j++) {
            terms[j] = (r[j + 1] - r[j]) * p[j];
        }
        return -Sums.pairwise(terms);
    }

    // ================================================================ probabilistic losses

    /**
     * Binary log loss (cross-entropy) of labels 0/1 against {@code p = P(class 1)}:
     * {@code -(1/n) sum_i [y_i log q_i + (1 - y_i) log(1 - q_i)]}, natural log, with {@code q = p} clipped
     * to {@code [eps, 1 - eps]}, {@code eps = }{@link #LOG_LOSS_EPS}, and each pair {@code (1 - q, q)} divided
     * by its sum as scikit-learn 1.2.1 {@code log_loss} does. Labels are taken as {0, 1} even if only one
     * occurs (scikit-learn {@code labels=[0, 1]}).
     */
    public static double logLoss(int[] yTrue, double[] p) {
        return logLoss(yTrue, p, null);
    }

    /** Weighted {@link #logLoss(int[], double[])}: {@code sum_i w_i l_i / sum_i w_i}. */
    public static double logLoss(int[] yTrue, double[] p, double[] sampleWeight) {
        return logLoss(yTrue, p, sampleWeight, LOG_LOSS_EPS);
    }

    /**
     * {@link #logLoss(int[], double[])} with an explicit clipping bound {@code eps} in {@code [0, 0.5)} (use
     * 1e-15 for scikit-learn before 1.2).
     */
    public static double logLoss(int[] yTrue, double[] p, double[] sampleWeight, double eps) {
        checkEps(eps);
        int n = Validate.pair(yTrue.length, p.length, "yTrue", "p");
        Validate.binaryLabels(yTrue, "yTrue");
        Validate.probabilities(p, "p");
        Validate.weights(sampleWeight, n);
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            double q = Math.min(Math.max(p[i], eps), 1 - eps);
            double q0 = 1 - q;
            double s = q0 + q;
            loss[i] = -Math.log((yTrue[i] == 1 ? q : q0) / s);
        }
        return Sums.average(loss, sampleWeight);
    }

    /**
     * Multiclass log loss {@code -(1/n) sum_i log q_{i, y_i}} of an {@code n x K} matrix of class
     * probabilities (rows summing to 1), each entry clipped to {@code [eps, 1 - eps]} and each row then
     * divided by its sum (scikit-learn 1.2.1 {@code log_loss(labels=range(K))}, {@code eps="auto"}). Unlike
     * scikit-learn 1.2.1, which renormalises silently, rows that do not sum to 1 are rejected.
     */
    public static double logLoss(int[] yTrue, Matrix proba) {
        return logLoss(yTrue, proba, null, LOG_LOSS_EPS);
    }

    /** Weighted {@link #logLoss(int[], Matrix)} (sample weights may be null). */
    public static double logLoss(int[] yTrue, Matrix proba, double[] sampleWeight) {
        return logLoss(yTrue, proba, sampleWeight, LOG_LOSS_EPS);
    }

    /**
     * {@link #logLoss(int[], Matrix)} with an explicit clipping bound {@code eps} in {@code [0, 0.5)} (use
     * 1e-15 for scikit-learn before 1.2).
     */
    public static double logLoss(int[] yTrue, Matrix proba, double[] sampleWeight, double eps) {
        checkEps(eps);
        int n = Validate.pair(yTrue.length, proba.rows(), "yTrue", "rows of proba");
        int k = proba.cols();
        if (k < 2) {
            throw new IllegalArgumentException("proba has " + k + " column; log loss needs K >= 2 classes");
        }
        Validate.labels(yTrue, k, "yTrue");
        Validate.probabilityRows(proba, "proba");
        Validate.weights(sampleWeight, n);
        double[] a = proba.toArray();
        double[] row = new double[k];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                row[c] = Math.min(Math.max(a[c * n + i], eps), 1 - eps);
            }
            double s = Sums.pairwise(row);
            loss[i] = -Math.log(row[yTrue[i]] / s);
        }
        return Sums.average(loss, sampleWeight);
    }

    private static void checkEps(double eps) {
        if (!(eps >= 0 && eps < 0.5)) {
            throw new IllegalArgumentException("eps must be in [0, 0.5), got " + eps);
        }
    }

    /**
     * The Brier score of binary labels 0/1 against {@code p = P(class 1)}: {@code (1/n) sum_i (y_i - p_i)^2}
     * (scikit-learn {@code brier_score_loss}).
     */
    public static double brierScore(int[] yTrue, double[] p) {
        return brierScore(yTrue, p, null);
    }

    /** Weighted {@link #brierScore(int[], double[])}: {@code sum_i w_i (y_i - p_i)^2 / sum_i w_i}. */
    public static double brierScore(int[] yTrue, double[] p, double[] sampleWeight) {
        int n = Validate.pair(yTrue.length, p.length, "yTrue", "p");
        Validate.binaryLabels(yTrue, "yTrue");
        Validate.probabilities(p, "p");
        Validate.weights(sampleWeight, n);
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double d = yTrue[i] - p[i];
            sq[i] = d * d;
        }
        return Sums.average(sq, sampleWeight);
    }

    /**
     * The multiclass Brier score of Brier (1950), {@code (1/n) sum_i sum_c ([y_i = c] - p_ic)^2}, in
     * {@code [0, 2]}; for K = 2 it is twice the binary {@link #brierScore(int[], double[])}. scikit-learn
     * 1.2.1 has no multiclass Brier score; the reference is the formula.
     */
    public static double brierScore(int[] yTrue, Matrix proba) {
        return brierScore(yTrue, proba, null);
    }

    /** Weighted {@link #brierScore(int[], Matrix)} (sample weights may be null). */
    public static double brierScore(int[] yTrue, Matrix proba, double[] sampleWeight) {
        int n = Validate.pair(yTrue.length, proba.rows(), "yTrue", "rows of proba");
        int k = proba.cols();
        if (k < 2) {
            throw new IllegalArgumentException("proba has " + k + " column; the Brier score needs K >= 2 classes");
        }
        Validate.labels(yTrue, k, "yTrue");
        Validate.probabilityRows(proba, "proba");
        Validate.weights(sampleWeight, n);
        double[] a = proba.toArray();
        double[] row = new double[k];
        double[] per = new double[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double d = (yTrue[i] == c ? 1 : 0) - a[c * n + i];
                row[c] = d * d;
            }
            per[i] = Sums.pairwise(row);
        }
        return Sums.average(per, sampleWeight);
    }
}
