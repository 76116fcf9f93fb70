package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.ProgressContext;
import dev.derive.testing.RecordingProgress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Several named validation sets and several {@code eval_metric}s at once: every curve {@code <set>_<metric>}
 * equals the metric recomputed (by its formula, not through {@link EvalMetrics}) from the staged raw scores of
 * the model on that set; early stopping follows the first metric of the last set; bad input names the set.
 */
class HistMultiEvalTest {

    /** Rows i with i % 10 in [lo, hi). */
    static Dataset part(Dataset d, int lo, int hi) {
        return d.subset(IntStream.range(0, d.size()).filter(i -> i % 10 >= lo && i % 10 < hi).toArray());
    }

    static Map<String, Dataset> sets(Object... nameAndSet) {
        Map<String, Dataset> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSet.length; i += 2) {
            m.put((String) nameAndSet[i], (Dataset) nameAndSet[i + 1]);
        }
        return m;
    }

    // --- the metrics by their formulas (binary: raw = log-odds; multiclass: row-major K scores) ---

    static double logloss(int[] y, double[] raw, int k) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            if (k == 2) {
                double f = raw[i];
                s += Math.log1p(Math.exp(-Math.abs(f))) + Math.max(f, 0) - y[i] * f;
            } else {
                double mx = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    mx = Math.max(mx, raw[i * k + c]);
                }
                double z = 0;
                for (int c = 0; c < k; c++) {
                    z += Math.exp(raw[i * k + c] - mx);
                }
                s += mx + Math.log(z) - raw[i * k + y[i]];
            }
        }
        return s / y.length;
    }

    static double error(int[] y, double[] raw, int k) {
        int wrong = 0;
        for (int i = 0; i < y.length; i++) {
            int label;
            if (k == 2) {
                label = raw[i] > 0 ? 1 : 0;
            } else {
                label = 0;
                for (int c = 1; c < k; c++) {
                    label = raw[i * k + c] > raw[i * k + label] ? c : label;
                }
            }
            wrong += label == y[i] ? 0 : 1;
        }
        return (double) wrong / y.length;
    }

    /** AUC by brute force over all (positive, negative) pairs, ties 1/2. */
    static double auc(int[] y, double[] f) {
        double good = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    good += f[i] > f[j] ? 1 : f[i] == f[j] ? 0.5 : 0;
                }
            }
        }
        return good / pairs;
    }

    static double classifierMetric(String metric, int[] y, double[] raw, int k) {
        return switch (metric) {
            case "logloss" -> logloss(y, raw, k);
            case "error" -> error(y, raw, k);
            case "auc" -> auc(y, raw);
            default -> throw new AssertionError(metric);
        };
    }

    @Test
    void binaryCurvesAreEachMetricOfEachSetFromTheStagedScores() {
        Dataset d = Datasets.dataset("breast_cancer");
        Dataset train = part(d, 0, 6);
        Dataset a = part(d, 6, 8);
        Dataset b = part(d, 8, 10);
        int rounds = 15;
        var m = HistGradientBoosting.classifier().nEstimators(rounds).learningRate(0.3).with("eval_metric", "auc, logloss,error")
                .validationSets(sets("a", a, "b", b)).fit(train);
        Map<String, double[]> curves = m.report().curves();
        assertEquals(List.of("train_loss", "a_auc", "a_logloss", "a_error", "b_auc", "b_logloss", "b_error"),
                List.copyOf(curves.keySet()));
        for (String set : List.of("a", "b")) {
            Dataset v = set.equals("a") ? a : b;
            for (int r = 1; r <= rounds; r++) {
                double[] raw = m.decisionFunction(v.features(), r);
                for (String metric : List.of("auc", "logloss", "error")) {
                    assertEquals(classifierMetric(metric, v.labels(), raw, 2), curves.get(set + "_" + metric)[r - 1], 1e-12,
                            set + "_" + metric + " round " + r);
                }
            }
        }
        // no early stopping: the model's validation curve is the first metric of the last set
        assertArrayEquals(curves.get("b_auc"), m.validationCurve(), 0.0);
        // evaluating does not change the trees
        var plain = HistGradientBoosting.classifier().nEstimators(rounds).learningRate(0.3).fit(train);
        assertArrayEquals(plain.decisionFunction(d.features(), rounds), m.decisionFunction(d.features(), rounds), 0.0);
        // the curves are saved with the model
        HistEvalLogTest.assertCurvesSaved(m, curves);
    }

    @Test
    void multiclassAndRegressionCurves() {
        Dataset iris = Datasets.dataset("iris");
        Dataset tr = part(iris, 0, 6);
        Dataset va = part(iris, 6, 8);
        Dataset vb = part(iris, 8, 10);
        var mc = HistGradientBoosting.classifier().nEstimators(8).with("min_child_samples", 5).with("eval_metric", "error,logloss")
                .addValidationSet("first", va).addValidationSet("second", vb).fit(tr);
        assertEquals(List.of("train_loss", "first_error", "first_logloss", "second_error", "second_logloss"),
                List.copyOf(mc.report().curves().keySet()));
        for (int r = 1; r <= 8; r++) {
            for (String set : List.of("first", "second")) {
                Dataset v = set.equals("first") ? va : vb;
                double[] raw = mc.decisionFunction(v.features(), r);
                assertEquals(logloss(v.labels(), raw, 3), mc.report().curve(set + "_logloss")[r - 1], 1e-12);
                assertEquals(error(v.labels(), raw, 3), mc.report().curve(set + "_error")[r - 1], 1e-12);
            }
        }

        Dataset dia = Datasets.dataset("diabetes");
        Dataset rt = part(dia, 0, 7);
        Dataset r1 = part(dia, 7, 9);
        Dataset r2 = part(dia, 9, 10);
        var reg = HistGradientBoosting.regressor().nEstimators(10).with("eval_metric", "l1,rmse,auto")
                .validationSets(sets("x", r1, "y", r2)).fit(rt);
        assertEquals(List.of("train_loss", "x_l1", "x_rmse", "x_auto", "y_l1", "y_rmse", "y_auto"),
                List.copyOf(reg.report().curves().keySet()));
        for (int r = 1; r <= 10; r++) {
            for (String set : List.of("x", "y")) {
                Dataset v = set.equals("x") ? r1 : r2;
                double[] p = reg.predict(v.features(), r);
                double ae = 0;
                double se = 0;
                for (int i = 0; i < p.length; i++) {
                    double e = p[i] - v.target()[i];
                    ae += Math.abs(e);
                    se += e * e;
                }
                int n = p.length;
                assertEquals(ae / n, reg.report().curve(set + "_l1")[r - 1], 1e-9, set + " l1 round " + r);
                assertEquals(Math.sqrt(se / n), reg.report().curve(set + "_rmse")[r - 1], 1e-9, set + " rmse round " + r);
                // auto = the l2 objective's metric, the mean squared error
                assertEquals(se / n, reg.report().curve(set + "_auto")[r - 1], 1e-9 * (se / n), set + " auto round " + r);
            }
        }
    }

    /** The round (0-based) the rule stops after, and the best round: strict improvement, patience esr. */
    static int[] expectedStop(double[] curve, boolean higher, int esr, int rounds) {
        int best = -1;
        double bestKey = Double.POSITIVE_INFINITY;
        for (int m = 0; m < rounds; m++) {
            double key = higher ? -curve[m] : curve[m];
            if (key < bestKey) {
                bestKey = key;
                best = m;
            } else if (m - best >= esr) {
                return new int[] {m + 1, best + 1};
            }
        }
        return new int[] {rounds, best + 1};
    }

    @Test
    void earlyStoppingWatchesTheFirstMetricOfTheLastSet() {
        Dataset d = Datasets.dataset("breast_cancer");
        Dataset train = part(d, 0, 5);
        Dataset a = part(d, 5, 7);
        Dataset b = part(d, 7, 10);
        int rounds = 150;
        int esr = 4;
        for (String metrics : List.of("logloss,auc", "auc,logloss")) {
            for (boolean abOrder : new boolean[] {true, false}) {
                String last = abOrder ? "b" : "a";
                Map<String, Dataset> s = abOrder ? sets("a", a, "b", b) : sets("b", b, "a", a);
                var m = HistGradientBoosting.classifier().nEstimators(rounds).learningRate(0.5).with("eval_metric", metrics)
                        .with("early_stopping_rounds", esr).validationSets(s).fit(train);
                String first = metrics.split(",")[0];
                double[] watched = m.report().curve(last + "_" + first);
                int run = m.report().extra().get("rounds_run").intValue();
                assertEquals(run, watched.length);
                // the full curve over all rounds: from a run without early stopping (same trees, same seed)
                var full = HistGradientBoosting.classifier().nEstimators(rounds).learningRate(0.5).with("eval_metric", metrics)
                        .validationSets(s).fit(train);
                double[] fullCurve = full.report().curve(last + "_" + first);
                assertArrayEquals(Arrays.copyOf(fullCurve, run), watched, 0.0);
                int[] want = expectedStop(fullCurve, first.equals("auc"), esr, rounds);
                assertEquals(want[0], run, metrics + " last set " + last + ": rounds run");
                assertEquals(want[1], m.rounds(), metrics + " last set " + last + ": rounds kept");
                assertTrue(run < rounds, "stopped early");
                assertArrayEquals(watched, m.validationCurve(), 0.0);
                assertEquals(watched[m.rounds() - 1], m.report().extra().get("best_validation_metric"), 0.0);
                assertEquals(m.rounds(), m.report().extra().get("best_validation_round").intValue());
                assertTrue(m.report().stopReason().contains(last + " " + first), m.report().stopReason());
            }
        }
    }

    @Test
    void lambdarankStopsOnTheNdcgOfTheLastSet() {
        Dataset train = LambdaRankTest.rankingData(100, 1);
        Dataset a = LambdaRankTest.rankingData(30, 2);
        Dataset b = LambdaRankTest.rankingData(40, 3);
        var m = HistGradientBoosting.regressor().with("objective", "lambdarank").with("group_column", 0).with("eval_at", 5)
                .with("eval_metric", "auto,l2").nEstimators(60).with("early_stopping_rounds", 5)
                .validationSets(sets("a", a, "b", b)).fit(train);
        assertEquals(List.of("train_loss", "a_ndcg", "a_l2", "b_ndcg", "b_l2"), List.copyOf(m.report().curves().keySet()));
        double[] watched = m.report().curve("b_ndcg");
        assertArrayEquals(watched, m.validationCurve(), 0.0);
        int run = watched.length;
        for (String set : List.of("a", "b")) {
            Dataset v = set.equals("a") ? a : b;
            int[] qid = HistGradientBoosting.queryIds(v, 0);
            for (int r = 1; r <= m.rounds(); r += 2) {  // the model keeps the rounds up to the best one
                double[] raw = m.rawScores(v.features(), r);
                assertEquals(Ranking.ndcg(raw, v.target(), qid, 5), m.report().curve(set + "_ndcg")[r - 1], 1e-12, set + " round " + r);
                double se = 0;
                for (int i = 0; i < raw.length; i++) {
                    se += (raw[i] - v.target()[i]) * (raw[i] - v.target()[i]);
                }
                assertEquals(se / raw.length, m.report().curve(set + "_l2")[r - 1], 1e-9 * (1 + se / raw.length), set + " round " + r);
            }
        }
        int[] want = expectedStop(watched, true, 5, run);  // on the rounds run: stops at the last one, or runs all 60
        assertEquals(want[0], run, "stops where the rule says on b_ndcg");
        assertEquals(want[1], m.rounds(), "keeps the rounds up to the best b_ndcg");
    }

    @Test
    void oneSetOneMetricKeepsTheOldNamesAndMessages() {
        Dataset d = Datasets.dataset("breast_cancer");
        Dataset train = part(d, 0, 7);
        Dataset v = part(d, 7, 10);
        var single = HistGradientBoosting.classifier().nEstimators(6).with("eval_metric", "auc").validationSet(v).fit(train);
        var named = HistGradientBoosting.classifier().nEstimators(6).with("eval_metric", "auc")
                .validationSets(Map.of(HistGradientBoosting.DEFAULT_VALIDATION_NAME, v)).fit(train);
        assertEquals(List.of("train_loss", "valid_auc"), List.copyOf(single.report().curves().keySet()));
        assertArrayEquals(single.report().curve("valid_auc"), named.report().curve("valid_auc"), 0.0);
        // the progress bar shows the first metric of the first set
        RecordingProgress rec = new RecordingProgress();
        List<String> messages = rec.messages;
        var m = ProgressContext.call(rec, () -> HistGradientBoosting.classifier().nEstimators(3).with("eval_metric", "error,auc")
                .validationSets(sets("hold", v, "other", train)).fit(train));
        assertEquals(String.format(java.util.Locale.ROOT, "train %.5g hold error %.5g", m.report().curve("train_loss")[2],
                m.report().curve("hold_error")[2]), messages.get(2));
        // validationSet(null) and an empty map remove the sets
        var none = HistGradientBoosting.classifier().nEstimators(2).validationSets(sets("a", v)).validationSet(null);
        assertTrue(none.validationSets().isEmpty());
        assertTrue(none.validationSets(Map.of()).validationSets().isEmpty());
    }

    @Test
    void badInputIsRejectedNamingTheSetOrMetric() {
        Dataset d = Datasets.dataset("breast_cancer");
        Dataset train = part(d, 0, 7);
        Dataset v = part(d, 7, 10);
        var base = HistGradientBoosting.classifier().nEstimators(2);

        var e = assertThrows(IllegalArgumentException.class, () -> base.with("eval_metric", "auc,foo"));
        assertTrue(e.getMessage().contains("'foo'") && e.getMessage().contains("logloss"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.with("eval_metric", "auc,,error"));
        assertTrue(e.getMessage().contains("empty entry"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.with("eval_metric", "auc,error,auc"));
        assertTrue(e.getMessage().contains("'auc' twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().with("eval_metric", "l2,auc"));
        assertTrue(e.getMessage().contains("'auc'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> base.addValidationSet("a", v).addValidationSet("a", train));
        assertTrue(e.getMessage().contains("'a' is used twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.addValidationSet("my set", v));
        assertTrue(e.getMessage().contains("'my set'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.validationSets(sets("ok", v, "gone", null)));
        assertTrue(e.getMessage().contains("'gone' is null"), e.getMessage());
        Dataset empty = v.subset(new int[0]);
        e = assertThrows(IllegalArgumentException.class, () -> base.validationSets(sets("ok", v, "none", empty)));
        assertTrue(e.getMessage().contains("validation set 'none' is empty"), e.getMessage());

        // a second set with the wrong feature count
        Matrix x = v.features();
        Matrix narrow = Matrix.zeros(x.rows(), x.cols() - 1);
        for (int j = 0; j < x.cols() - 1; j++) {
            for (int i = 0; i < x.rows(); i++) {
                narrow.set(i, j, x.get(i, j));
            }
        }
        Dataset bad = Dataset.classification(narrow, v.labels(), v.classes());
        e = assertThrows(IllegalArgumentException.class, () -> base.validationSets(sets("fine", v, "second", bad)).fit(train));
        assertTrue(e.getMessage().contains("validation set 'second' has " + (x.cols() - 1) + " features"), e.getMessage());
        // other classes
        Dataset iris = Datasets.dataset("iris");
        e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.classifier().nEstimators(2)
                .validationSets(sets("fine", part(iris, 0, 5), "flowers", part(iris, 5, 10)))
                .fit(Dataset.classification(Matrix.zeros(4, 4), new int[] {0, 1, 0, 1})));
        assertTrue(e.getMessage().contains("validation set 'fine'"), e.getMessage());
        // a regression set given to a classifier
        Dataset dia = Datasets.dataset("diabetes");
        e = assertThrows(IllegalArgumentException.class, () -> base.validationSets(sets("v", v, "reg", dia)).fit(train));
        assertTrue(e.getMessage().contains("validation set 'reg'"), e.getMessage());
        // lambdarank: auto is ndcg, so auto,ndcg names it twice
        Dataset rank = LambdaRankTest.rankingData(20, 1);
        e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().with("objective", "lambdarank")
                .with("group_column", 0).with("eval_metric", "auto,ndcg").nEstimators(2).fit(rank));
        assertTrue(e.getMessage().contains("'ndcg' twice"), e.getMessage());
    }
}
