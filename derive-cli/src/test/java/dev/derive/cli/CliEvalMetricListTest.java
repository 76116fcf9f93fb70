package dev.derive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code --set eval_metric=auc,logloss} (a list of metrics) reaches hist_gbdt: one curve per metric. */
class CliEvalMetricListTest {

    @Test
    void aMetricListGivesOneCurvePerMetric() throws IOException {
        CliTest.Run r = CliTest.ok("fit", "--data", "breast_cancer", "--model", "hist_gbdt", "--set", "n_estimators=9",
                "--set", "early_stopping_rounds=50", "--set", "eval_metric=auc,logloss", "--json");
        JsonNode curves = CliTest.JSON.readTree(r.out()).path("curves");
        assertEquals(9, curves.path("valid_auc").size(), r::toString);
        assertEquals(9, curves.path("valid_logloss").size(), r::toString);
        assertTrue(r.err().contains("curve     valid_logloss: 9 iterations, first "), r::toString);
        CliTest.Run bad = CliTest.run("fit", "--data", "breast_cancer", "--model", "hist_gbdt", "--set", "eval_metric=auc,nope");
        assertTrue(bad.code() != 0 && bad.err().contains("unknown metric 'nope'"), bad::toString);
    }
}
