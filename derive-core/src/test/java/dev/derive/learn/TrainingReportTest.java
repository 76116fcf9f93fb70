package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named per-iteration curves of {@link TrainingReport}: defensive copies, order, the old constructor. */
class TrainingReportTest {

    @Test
    void curvesAreCopiedAndKeepTheirOrder() {
        Map<String, double[]> in = new LinkedHashMap<>();
        double[] a = {3, 2, 1};
        in.put("train_loss", a);
        in.put("valid_auc", new double[] {0.5, 0.7, 0.6});
        TrainingReport r = new TrainingReport(3, true, "done", a, 0.1, List.of(), Map.of(), in);
        a[0] = 99;
        in.put("later", new double[0]);
        assertEquals(List.of("train_loss", "valid_auc"), List.copyOf(r.curves().keySet()));
        assertArrayEquals(new double[] {3, 2, 1}, r.curve("train_loss"));
        r.curves().get("valid_auc")[0] = -1;
        r.curve("valid_auc")[1] = -1;
        assertArrayEquals(new double[] {0.5, 0.7, 0.6}, r.curve("valid_auc"));
        assertNull(r.curve("nope"));
        assertThrows(UnsupportedOperationException.class, () -> r.curves().put("x", new double[0]));
    }

    @Test
    void theOldConstructorHasNoCurves() {
        TrainingReport r = new TrainingReport(2, false, "max_iter", new double[] {1, 0.5}, 1, null, null);
        assertTrue(r.curves().isEmpty());
        assertTrue(TrainingReport.closedForm(0, List.of(), Map.of()).curves().isEmpty());
        Map<String, double[]> bad = new LinkedHashMap<>();
        bad.put("x", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingReport(1, true, "", null, 0, null, null, bad));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
    }
}
