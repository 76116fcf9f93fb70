package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.learn.persist.Models;
import dev.derive.runtime.ProgressContext;
import dev.derive.testing.RecordingProgress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-round evaluation log in {@code report().curves()} and the progress messages. */
class HistEvalLogTest {

    @Test
    void reportCurvesAreTheTrainingAndValidationMetricsPerRound() throws IOException {
        Dataset[] s = EvalMetricsTest.split(Datasets.dataset("breast_cancer"));
        RecordingProgress rec = new RecordingProgress();
        List<String> messages = rec.messages;
        var m = ProgressContext.call(rec, () -> HistGradientBoosting.classifier().nEstimators(200).learningRate(0.3)
                .with("eval_metric", "auc").with("early_stopping_rounds", 5).validationSet(s[1]).fit(s[0]));
        int run = m.report().extra().get("rounds_run").intValue();
        Map<String, double[]> curves = m.report().curves();
        assertEquals(List.of(HistGradientBoosting.TRAIN_CURVE, "valid_auc"), List.copyOf(curves.keySet()));
        assertArrayEquals(m.report().lossCurve(), curves.get("train_loss"), 0.0);
        assertArrayEquals(m.validationCurve(), curves.get("valid_auc"), 0.0);
        assertEquals(run, curves.get("valid_auc").length);
        assertTrue(run < 200, "stopped early");
        // the progress message of round r shows the training loss and the validation AUC of that round
        assertEquals(run, messages.size());
        for (int r : new int[] {0, run / 2, run - 1}) {
            String want = String.format(java.util.Locale.ROOT, "train %.5g valid auc %.5g",
                    curves.get("train_loss")[r], curves.get("valid_auc")[r]);
            assertEquals(want, messages.get(r));
        }
        // saved with the model
        assertCurvesSaved(m, curves);
    }

    /** The model file keeps every curve of {@code m}'s report, in order, bit for bit. */
    static void assertCurvesSaved(HistGradientBoostingClassifierModel m, Map<String, double[]> curves) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Models.write(m, out, Map.of());
            var back = Models.read(new ByteArrayInputStream(out.toByteArray()), HistGradientBoostingClassifierModel.class,
                    "mem", Models.Limits.DEFAULT);
            assertEquals(List.copyOf(curves.keySet()), List.copyOf(back.report().curves().keySet()));
            for (String k : curves.keySet()) {
                assertArrayEquals(curves.get(k), back.report().curve(k), 0.0, k);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withoutValidationOnlyTheTrainingCurve() {
        Dataset d = Datasets.dataset("diabetes");
        RecordingProgress rec = new RecordingProgress();
        List<String> messages = rec.messages;
        var m = ProgressContext.call(rec, () -> HistGradientBoosting.regressor().nEstimators(7).fit(d));
        assertEquals(List.of("train_loss"), List.copyOf(m.report().curves().keySet()));
        assertEquals(7, m.report().curve("train_loss").length);
        assertTrue(messages.get(6).startsWith("train ") && !messages.get(6).contains("valid"), messages.get(6));
        // early stopping on a hold-out logs the objective's own metric as valid_auto
        var es = HistGradientBoosting.regressor().nEstimators(30).with("early_stopping_rounds", 3).fit(d);
        assertArrayEquals(es.validationCurve(), es.report().curve("valid_auto"), 0.0);
    }
}
