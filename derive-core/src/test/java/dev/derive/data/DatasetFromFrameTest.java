package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dataset.from(Frame, target): feature encoding, task inference, errors. */
class DatasetFromFrameTest {

    private static Frame frame() {
        return Frame.builder()
                .numeric("x", 1.5, Double.NaN, 3, 4)
                .categorical("color", List.of("red", "green", "blue"), "blue", null, "red", "green")
                .bool("flag", true, false, null, true)
                .categorical("species", "b", "a", "b", "c")
                .numeric("price", 10, 20, 30, 40)
                .build();
    }

    @Test
    void encodesFeaturesAndInfersClassification() {
        Dataset d = Dataset.from(frame(), "species");
        assertEquals(Dataset.Task.CLASSIFICATION, d.task());
        assertEquals("species", d.targetName());
        assertEquals(List.of("a", "b", "c"), d.classes());
        assertArrayEquals(new int[] {1, 0, 1, 2}, d.labels());
        assertEquals(List.of("x", "color", "flag", "price"), d.featureNames());
        Matrix x = d.features();
        assertEquals(4, x.rows());
        assertEquals(4, x.cols());
        assertEquals(1.5, x.get(0, 0));
        assertTrue(Double.isNaN(x.get(1, 0)));
        assertEquals(2.0, x.get(0, 1), "blue is level 2");
        assertTrue(Double.isNaN(x.get(1, 1)), "missing category is NaN");
        assertEquals(1.0, x.get(0, 2));
        assertEquals(0.0, x.get(1, 2));
        assertTrue(Double.isNaN(x.get(2, 2)));
        Dataset.Feature color = d.featureInfo().get(1);
        assertTrue(color.isCategorical());
        assertEquals(List.of("red", "green", "blue"), color.levels());
        assertFalse(d.featureInfo().get(0).isCategorical());
        assertFalse(d.featureInfo().get(2).isCategorical(), "booleans are numeric 0/1");
    }

    @Test
    void numericTargetMeansRegressionUnlessOverridden() {
        Dataset r = Dataset.from(frame().drop("species"), "price");
        assertEquals(Dataset.Task.REGRESSION, r.task());
        assertArrayEquals(new double[] {10, 20, 30, 40}, r.target());
        Dataset c = Dataset.from(Frame.builder().numeric("x", 1, 2, 3, 4).numeric("y", 2, 0, 10, 2).build(), "y",
                Dataset.Task.CLASSIFICATION);
        assertEquals(List.of("0", "2", "10"), c.classes());
        assertArrayEquals(new int[] {1, 0, 2, 1}, c.labels());
        Dataset half = Dataset.from(Frame.builder().numeric("x", 1, 2).numeric("y", 0.5, -1).build(), "y",
                Dataset.Task.CLASSIFICATION);
        assertEquals(List.of("-1", "0.5"), half.classes());
    }

    @Test
    void booleanAndStringTargets() {
        Dataset b = Dataset.from(Frame.builder().numeric("x", 1, 2, 3).bool("y", true, false, true).build(), "y");
        assertEquals(List.of("false", "true"), b.classes());
        assertArrayEquals(new int[] {1, 0, 1}, b.labels());
        Dataset s = Dataset.from(Frame.builder().numeric("x", 1, 2, 3).string("y", "spam", "ham", "spam").build(), "y");
        assertEquals(List.of("ham", "spam"), s.classes());
        assertArrayEquals(new int[] {1, 0, 1}, s.labels());
    }

    @Test
    void errors() {
        IllegalArgumentException missingCol = assertThrows(IllegalArgumentException.class,
                () -> Dataset.from(frame(), "speces"));
        assertTrue(missingCol.getMessage().contains("'speces' not found")
                && missingCol.getMessage().contains("[x, color, flag, species, price]"), missingCol.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> Dataset.from(
                frame().withColumn(StringColumn.of("comment", "a", "b", "c", "d")), "species"));
        assertTrue(text.getMessage().contains("[comment]") && text.getMessage().contains("free text"), text.getMessage());
        IllegalArgumentException regCat = assertThrows(IllegalArgumentException.class,
                () -> Dataset.from(frame(), "species", Dataset.Task.REGRESSION));
        assertTrue(regCat.getMessage().contains("regression needs a numeric target"), regCat.getMessage());
        IllegalArgumentException missingTarget = assertThrows(IllegalArgumentException.class,
                () -> Dataset.from(frame(), "color"));
        assertTrue(missingTarget.getMessage().contains("missing in 1 of 4 rows (first: row 1)"), missingTarget.getMessage());
        IllegalArgumentException nanTarget = assertThrows(IllegalArgumentException.class,
                () -> Dataset.from(frame().drop("species"), "x"));
        assertTrue(nanTarget.getMessage().contains("row 1"), nanTarget.getMessage());
    }

    @Test
    void unlabeledAndSubsetKeepEncoding() {
        Dataset u = Dataset.unlabeled(frame().drop("species"));
        assertEquals(Dataset.Task.UNSUPERVISED, u.task());
        assertEquals(4, u.featureCount());
        Dataset d = Dataset.from(frame(), "species");
        Dataset sub = d.subset(new int[] {3, 0});
        assertEquals(d.classes(), sub.classes());
        assertArrayEquals(new int[] {2, 1}, sub.labels());
        assertEquals(1.0, sub.features().get(0, 1), "green");
    }

    @Test
    void digestIsStableAndSensitive() {
        Dataset a = Dataset.from(frame(), "species");
        Dataset b = Dataset.from(frame(), "species");
        assertEquals(a.sha256(), b.sha256());
        assertEquals(64, a.sha256().length());
        Frame changed = frame().withColumn(NumericColumn.of("price", 10, 20, 30, 40.000001));
        assertNotEquals(a.sha256(), Dataset.from(changed, "species").sha256());
        assertNotEquals(a.sha256(), a.withWeights(new double[] {1, 1, 1, 2}).sha256());
    }
}
