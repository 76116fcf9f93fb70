package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The early-stopping hold-out is scored from the training matrix's rows (no copy of them): its curve is the
 * metric of the model's staged predictions on exactly those rows, {@link HistGradientBoosting#holdOut} drawn
 * with the first number of the seed's stream, round by round (regression RMSE and multiclass log-loss).
 */
class HistHoldOutCurveTest {

    @Test
    void holdOutCurveIsTheMetricOfTheStagedPredictionsOnTheHeldOutRows() {
        Dataset d = Datasets.dataset("diabetes");
        long seed = 4;
        var m = HistGradientBoosting.regressor().nEstimators(15).learningRate(0.05).with("eval_metric", "rmse")
                .with("early_stopping_rounds", 50).seed(seed).fit(d);
        int[] va = HistGradientBoosting.holdOut(d.size(), null, 0, 0.1, new SplittableRandom(seed).nextLong())[1];
        Dataset v = d.subset(va);
        double[] curve = m.validationCurve();
        assertEquals(15, curve.length);
        for (int r = 1; r <= m.rounds(); r++) {
            double[] p = m.predict(v.features(), r);
            double se = 0;
            for (int i = 0; i < p.length; i++) {
                se += (p[i] - v.target()[i]) * (p[i] - v.target()[i]);
            }
            double rmse = Math.sqrt(se / p.length);
            assertEquals(rmse, curve[r - 1], 1e-12 * rmse, "round " + r);
        }
    }

    @Test
    void multiclassHoldOutCurve() {
        Dataset d = Datasets.dataset("iris");
        long seed = 9;
        var m = HistGradientBoosting.classifier().nEstimators(8).with("min_child_samples", 3)
                .with("early_stopping_rounds", 50).seed(seed).fit(d);
        int[] va = HistGradientBoosting.holdOut(d.size(), d.labels(), d.numClasses(), 0.1, new SplittableRandom(seed).nextLong())[1];
        Dataset v = d.subset(va);
        double[] curve = m.validationCurve();
        assertTrue(m.rounds() >= 1);
        for (int r = 1; r <= m.rounds(); r++) {
            var p = m.predictProba(v.features(), r);
            double ll = 0;
            for (int i = 0; i < va.length; i++) {
                ll -= Math.log(p.get(i, v.labels()[i]));
            }
            ll /= va.length;
            assertEquals(ll, curve[r - 1], 1e-9 * Math.max(1, ll), "round " + r);
        }
    }
}
