package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import org.junit.jupiter.api.Test;

/** JSON dump and import of hist_gbdt models: a hand-checked stump and bit-identical round trips. */
class HistGradientBoostingJsonTest {

    @Test
    void handCheckedStump() throws Exception {
        // y = 0, 0, 10, 10, 10 at x = 1..5: init 6, g = F - y = (6, 6, -4, -4, -4), h = 1. Splits (G_L^2/H_L + G_R^2/H_R,
        // G = 0): after x=1: 36 + 9 = 45; after 2: 144/2 + 144/3 = 120; after 3: 64/3 + 32 = 53.3; after 4: 16 + 16 = 32.
        // Best: x <= 2.5 (midpoint), gain 120, leaves -12/2 = -6 and 12/3 = 4 (rate 1); no missing rows, so missing values
        // default to the larger child (right): default_left = false.
        Dataset d = Dataset.regression(Matrix.wrap(5, 1, new double[] {1, 2, 3, 4, 5}), new double[] {0, 0, 10, 10, 10});
        var m = HistGradientBoosting.regressor().nEstimators(1).learningRate(1.0).numLeaves(2).with("min_child_samples", 1).fit(d);
        String json = m.dumpJson();
        JsonNode o = new ObjectMapper().readTree(json);
        assertEquals("derive.hist_gbdt", o.get("format").asText());
        assertEquals("hist_gbdt.regressor", o.get("kind").asText());
        assertEquals("l2", o.get("objective").asText());
        assertEquals(6.0, o.get("init_score").get(0).asDouble());
        assertEquals(1.0, o.get("params").get("learning_rate").asDouble());
        JsonNode tree = o.get("trees").get(0);
        assertEquals(0, tree.get("round").asInt());
        assertEquals(0, tree.get("output").asInt());
        assertEquals(2, tree.get("num_leaves").asInt());
        JsonNode nodes = tree.get("nodes");
        assertEquals(3, nodes.size());
        JsonNode root = nodes.get(0);
        assertEquals(0, root.get("feature").asInt());
        assertEquals(d.featureNames().get(0), root.get("feature_name").asText());
        assertEquals(2.5, root.get("threshold").asDouble());
        assertEquals(120.0, root.get("gain").asDouble(), 1e-12);
        assertEquals(5.0, root.get("cover").asDouble());
        assertEquals(5, root.get("count").asInt());
        assertFalse(root.get("default_left").asBoolean());
        JsonNode l = nodes.get(root.get("left").asInt());
        JsonNode r = nodes.get(root.get("right").asInt());
        assertEquals(-6.0, l.get("leaf_value").asDouble(), 1e-12);
        assertEquals(4.0, r.get("leaf_value").asDouble(), 1e-12);
        assertEquals(2, l.get("count").asInt());
        assertEquals(3.0, r.get("cover").asDouble());
        assertFalse(l.has("feature"));
        assertEquals(4.0, m.predict(Matrix.wrap(1, 1, new double[] {Double.NaN}))[0] - 6.0, 1e-12, "NaN goes right");
    }

    static Matrix withMissing(Matrix x) {
        return HistTreeShapTest.withMissing(x, 9);
    }

    @Test
    void regressorRoundTripPredictsIdentically() {
        Dataset d = Datasets.dataset("diabetes");
        Matrix x = withMissing(d.features());
        var m = HistGradientBoosting.regressor().nEstimators(25).with("objective", "poisson").with("early_stopping_rounds", 3)
                .fit(Dataset.regression(x, d.target()));
        var back = assertInstanceOf(HistGradientBoostingRegressorModel.class, HistGradientBoosting.fromJson(m.dumpJson()));
        assertArrayEquals(m.predict(x), back.predict(x));
        assertArrayEquals(m.validationCurve(), back.validationCurve());
        assertEquals(m.params(), back.params());
        assertEquals(m.schema().featureNames(), back.schema().featureNames());
        assertArrayEquals(m.shapValues(x).toArray(), back.shapValues(x).toArray());
        assertEquals(m.dumpJson(), back.dumpJson(), "dump(import(dump)) is the same text");
    }

    @Test
    void classifierRoundTripPredictsIdentically() {
        Dataset iris = Datasets.dataset("iris");
        Matrix x = withMissing(iris.features());
        var m = HistGradientBoosting.classifier().nEstimators(10).fit(Dataset.classification(x, iris.labels(), iris.classes()));
        var back = assertInstanceOf(HistGradientBoostingClassifierModel.class, HistGradientBoosting.fromJson(m.dumpJson()));
        assertArrayEquals(m.decisionFunction(x, m.rounds()), back.decisionFunction(x, back.rounds()));
        assertEquals(m.schema().classes(), back.schema().classes());
        assertArrayEquals(m.predict(x), back.predict(x));
    }

    @Test
    void badDumpsAreRejectedWithTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.fromJson("{\"format\": \"x\"}"));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
        Dataset d = Dataset.regression(Matrix.wrap(4, 1, new double[] {1, 2, 3, 4}), new double[] {0, 0, 10, 10});
        String json = HistGradientBoosting.regressor().nEstimators(1).with("min_child_samples", 1).fit(d).dumpJson();
        var e2 = assertThrows(IllegalArgumentException.class, () -> HistGradientBoosting.fromJson(json.replace("\"leaf_value\"", "\"leaf\"")));
        assertTrue(e2.getMessage().contains("leaf_value"), e2.getMessage());
    }
}
