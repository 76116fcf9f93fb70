package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** eval_metric values (scikit-learn fixture, brute force) and user validation sets (curves, early stopping). */
class EvalMetricsTest {

    @Test
    void aucAndLoglossMatchScikitLearn() {
        Fixtures fx = Fixtures.load("eval_metrics_sklearn.txt");
        double[] y = fx.vector("y");
        double[] f = fx.vector("f");
        double[] w = fx.vector("w");
        Objective bin = Objectives.binary();
        assertEquals(fx.scalar("auc"), EvalMetrics.eval("auc", bin, y, null, f, null, 0), 1e-12);
        assertEquals(fx.scalar("auc_w"), EvalMetrics.eval("auc", bin, y, w, f, null, 0), 1e-12);
        assertEquals(fx.scalar("logloss"), EvalMetrics.eval("logloss", bin, y, null, f, null, 0), 1e-12);
        assertEquals(fx.scalar("logloss_w"), EvalMetrics.eval("logloss", bin, y, w, f, null, 0), 1e-12);
        // brute force over all (positive, negative) pairs, ties 1/2
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    num += w[i] * w[j] * (f[i] > f[j] ? 1 : f[i] == f[j] ? 0.5 : 0);
                    den += w[i] * w[j];
                }
            }
        }
        assertEquals(num / den, EvalMetrics.eval("auc", bin, y, w, f, null, 0), 1e-12);
    }

    @Test
    void regressionMetricsOnThePredictionScale() {
        Objective poisson = Objectives.regression("poisson", 0.9, 1.5);
        double[] y = {1, 2, 4};
        double[] raw = {0, Math.log(3), Math.log(4)};
        assertEquals((0 + 1 + 0) / 3.0, EvalMetrics.eval("l2", poisson, y, null, raw, null, 0), 1e-12);
        assertEquals(Math.sqrt(1 / 3.0), EvalMetrics.eval("rmse", poisson, y, null, raw, null, 0), 1e-12);
        assertEquals(1 / 3.0, EvalMetrics.eval("l1", poisson, y, null, raw, null, 0), 1e-12);
        Objective soft = Objectives.multiclass(3);
        double[] yc = {0, 2};
        double[] rc = {1, 0, 0, 0, 3, 1};
        assertEquals(0.5, EvalMetrics.eval("error", soft, yc, null, rc, null, 0));
    }

    /** A 70/30 split of a data set by row index parity pattern (deterministic). */
    static Dataset[] split(Dataset d) {
        int n = d.size();
        int[] tr = java.util.stream.IntStream.range(0, n).filter(i -> i % 10 >= 3).toArray();
        int[] va = java.util.stream.IntStream.range(0, n).filter(i -> i % 10 < 3).toArray();
        return new Dataset[] {d.subset(tr), d.subset(va)};
    }

    @Test
    void validationCurveIsTheMetricOfTheStagedPredictions() {
        Dataset[] s = split(Datasets.dataset("diabetes"));
        var m = HistGradientBoosting.regressor().nEstimators(20).with("eval_metric", "rmse").validationSet(s[1]).fit(s[0]);
        double[] curve = m.validationCurve();
        assertEquals(20, curve.length);
        assertEquals(20, m.rounds(), "without early stopping every round is kept");
        for (int r = 1; r <= 20; r++) {
            double[] p = m.predict(s[1].features(), r);
            double se = 0;
            for (int i = 0; i < p.length; i++) {
                se += (p[i] - s[1].target()[i]) * (p[i] - s[1].target()[i]);
            }
            assertEquals(Math.sqrt(se / p.length), curve[r - 1], 1e-9, "round " + r);
        }
    }

    @Test
    void earlyStoppingOnAucOfAUserValidationSet() {
        Dataset[] s = split(Datasets.dataset("breast_cancer"));
        var m = HistGradientBoosting.classifier().nEstimators(200).learningRate(0.3).with("eval_metric", "auc")
                .with("early_stopping_rounds", 5).validationSet(s[1]).fit(s[0]);
        double[] curve = m.validationCurve();
        assertTrue(curve.length < 200, "stopped early after " + curve.length + " rounds");
        int best = 0;
        for (int r = 0; r < curve.length; r++) {
            if (curve[r] > curve[best]) {
                best = r;
            }
        }
        assertEquals(best + 1, m.rounds(), "keeps the rounds up to the best (highest) AUC");
        assertEquals(curve.length, best + 1 + 5, "stops 5 rounds after the best");
        assertEquals(curve[best], m.report().extra().get("best_validation_metric"));
        double[] f = m.decisionFunction(s[1].features(), m.rounds());
        double[] y = Arrays.stream(s[1].labels()).asDoubleStream().toArray();
        assertEquals(curve[best], EvalMetrics.auc(y, null, f), 1e-12);
    }

    @Test
    void lambdarankStopsEarlyOnValidationNdcg() {
        Dataset train = LambdaRankTest.rankingData(100, 1);
        Dataset valid = LambdaRankTest.rankingData(40, 3);
        var m = HistGradientBoosting.regressor().with("objective", "lambdarank").with("group_column", 0).with("eval_at", 5)
                .nEstimators(60).with("early_stopping_rounds", 5).validationSet(valid).fit(train);
        double[] curve = m.validationCurve();
        int last = curve.length - 1;
        int[] qid = HistGradientBoosting.queryIds(valid, 0);
        double[] raw = m.rawScores(valid.features(), m.rounds());
        assertEquals(Arrays.stream(curve).max().orElseThrow(), Ranking.ndcg(raw, valid.target(), qid, 5), 1e-12);
        assertTrue(last >= m.rounds() - 1);
    }

    @Test
    void misuseIsRejected() {
        Dataset iris = Datasets.dataset("iris");
        var e = assertThrows(IllegalArgumentException.class,
                () -> HistGradientBoosting.classifier().with("eval_metric", "auc").nEstimators(2).validationSet(iris).fit(iris));
        assertTrue(e.getMessage().contains("auc"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().with("eval_metric", "auc"));
        Dataset d = Datasets.dataset("diabetes");
        Dataset narrow = Dataset.regression(Matrix.wrap(3, 1, new double[] {1, 2, 3}), new double[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().nEstimators(2).validationSet(narrow).fit(d));
        assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.regressor().with("eval_metric", "ndcg").nEstimators(2)
                .validationSet(d).fit(d));
        assertArrayEquals(new double[0], HistGradientBoosting.regressor().nEstimators(2).fit(d).validationCurve());
    }
}
