package dev.derive.boost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluation metrics for early stopping and the per-round validation curves ({@code eval_metric}, one name
 * or several separated by commas, {@link #parse}), computed
 * from row-major raw scores {@code raw} ({@code outs} per row), targets {@code y} and optional row weights
 * {@code w} (weighted means; {@code null} = all 1):
 * <ul>
 * <li>{@code l2} = mean (p - y)^2, {@code rmse} = sqrt(l2), {@code l1} = mean |p - y|, with {@code p} the
 *     prediction (the objective's link applied to the raw score);</li>
 * <li>{@code logloss}: binary {@code log(1 + e^F) - y F} (a custom probit objective: {@code -log} of the
 *     probability of the label, clipped to [1e-15, 1 - 1e-15]); multiclass {@code logsumexp(F) - F_y};</li>
 * <li>{@code error}: share of rows whose label ({@code F > 0}, or the arg max) is wrong;</li>
 * <li>{@code auc}: binary ROC AUC, the weighted share of (positive, negative) pairs ordered correctly by
 *     {@code F}, ties counting 1/2 (Mann-Whitney); higher is better;</li>
 * <li>{@code ndcg}: mean NDCG@{@code eval_at} over queries ({@link Ranking}); higher is better;</li>
 * <li>{@code auto}: the objective's own metric ({@link Objective#metric}).</li>
 * </ul>
 */
final class EvalMetrics {

    static final List<String> CLASSIFIER = List.of("auto", "logloss", "error", "auc");
    static final List<String> REGRESSOR = List.of("auto", "l2", "l1", "rmse", "ndcg");

    private EvalMetrics() {
    }

    /**
     * The metric names of an {@code eval_metric} value: one name or several separated by commas (spaces
     * ignored), e.g. {@code "auc,logloss"}, each one of {@code allowed}, none twice, in the given order.
     *
     * @throws IllegalArgumentException for an empty entry, an unknown name or a name given twice
     */
    static List<String> parse(String text, List<String> allowed) {
        String t = text.replaceAll("\\s", "");
        String[] parts = t.split(",", -1);
        List<String> out = new ArrayList<>(parts.length);
        for (String m : parts) {
            if (m.isEmpty()) {
                throw new IllegalArgumentException("eval_metric '" + text + "' has an empty entry; give one or more of "
                        + String.join(", ", allowed) + " separated by commas");
            }
            if (!allowed.contains(m)) {
                throw new IllegalArgumentException("eval_metric: unknown metric '" + m + "' (in '" + text + "'); choose from "
                        + String.join(", ", allowed));
            }
            if (out.contains(m)) {
                throw new IllegalArgumentException("eval_metric '" + text + "' names '" + m + "' twice");
            }
            out.add(m);
        }
        return out;
    }

    static boolean higherIsBetter(String metric) {
        return metric.equals("auc") || metric.equals("ndcg");
    }

    /** Checks that {@code metric} suits the objective (auc: binary; ndcg: lambdarank). */
    static void check(String metric, Objective obj) {
        if (metric.equals("auc") && !obj.binaryClassification()) {
            throw new IllegalArgumentException("eval_metric 'auc' needs the binary objective, not '" + obj.name() + "'");
        }
        if (metric.equals("ndcg") && !obj.name().equals("lambdarank")) {
            throw new IllegalArgumentException("eval_metric 'ndcg' needs objective 'lambdarank', not '" + obj.name() + "'");
        }
    }

    /** The metric's value; {@code queries} (rows per query) is needed by {@code ndcg} only. */
    static double eval(String metric, Objective obj, double[] y, double[] w, double[] raw, int[][] queries, int k) {
        int n = y.length;
        int outs = obj.outputs();
        switch (metric) {
            case "auto":
                return obj.metric(y, w, raw);
            case "ndcg":
                return Ranking.meanNdcg(queries, y, raw, k);
            case "auc":
                return auc(y, w, raw);
            default:
                break;
        }
        double s = 0;
        double sw = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            double v;
            switch (metric) {
                case "l2", "rmse" -> {
                    double d = obj.transform(raw[i]) - y[i];
                    v = d * d;
                }
                case "l1" -> v = Math.abs(obj.transform(raw[i]) - y[i]);
                case "logloss" -> v = outs == 1 ? obj.binaryLogLoss(y[i], raw[i])
                        : Objectives.logSumExp(raw, i * outs, outs) - raw[i * outs + (int) y[i]];
                case "error" -> {
                    int label;
                    if (outs == 1) {
                        label = raw[i] > 0 ? 1 : 0;
                    } else {
                        label = 0;
                        for (int c = 1; c < outs; c++) {
                            if (raw[i * outs + c] > raw[i * outs + label]) {
                                label = c;
                            }
                        }
                    }
                    v = label == (int) y[i] ? 0 : 1;
                }
                default -> throw new IllegalArgumentException("unknown eval_metric '" + metric + "'");
            }
            s += wi * v;
            sw += wi;
        }
        double mean = s / sw;
        return metric.equals("rmse") ? Math.sqrt(mean) : mean;
    }

    /** Weighted ROC AUC of scores {@code f} for labels 0/1: sort by score, ties share half credit. */
    static double auc(double[] y, double[] w, double[] f) {
        int n = y.length;
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        Arrays.sort(o, (a, b) -> Double.compare(f[a], f[b]));
        double negBelow = 0;
        double pos = 0;
        double neg = 0;
        double correct = 0;
        int a = 0;
        while (a < n) {
            int b = a;
            double tp = 0;
            double tn = 0;
            while (b < n && f[o[b]] == f[o[a]]) {
                double wi = w == null ? 1 : w[o[b]];
                if (y[o[b]] == 1) {
                    tp += wi;
                } else {
                    tn += wi;
                }
                b++;
            }
            correct += tp * (negBelow + 0.5 * tn);
            negBelow += tn;
            pos += tp;
            neg += tn;
            a = b;
        }
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("auc needs both classes in the evaluation rows");
        }
        return correct / (pos * neg);
    }
}
