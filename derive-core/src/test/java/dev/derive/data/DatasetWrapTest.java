package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.derive.linalg.Matrix;
import org.junit.jupiter.api.Test;

/**
 * {@link Dataset#wrapRegression} and {@link Dataset#wrapClassification} hold the caller's arrays without copies
 * and otherwise make the same data set as the copying factories (same content, classes, digest, checks).
 */
class DatasetWrapTest {

    private static final Matrix X = Matrix.of(new double[] {1, 2}, new double[] {3, Double.NaN}, new double[] {5, 6});

    @Test
    void wrappedRegressionSharesTheArraysAndEqualsTheCopy() {
        double[] y = {0.5, -1, 2};
        Dataset w = Dataset.wrapRegression(X, y);
        Dataset c = Dataset.regression(X, y);
        assertSame(X, w.features());
        assertNotSame(X, c.features());
        assertArrayEquals(c.target(), w.target());
        assertEquals(c.sha256(), w.sha256());
        assertEquals(c.task(), w.task());
        assertEquals(c.featureNames(), w.featureNames());
    }

    @Test
    void wrappedClassificationSharesTheArraysAndEqualsTheCopy() {
        int[] labels = {0, 2, 1};
        Dataset w = Dataset.wrapClassification(X, labels);
        Dataset c = Dataset.classification(X, labels);
        assertSame(X, w.features());
        assertArrayEquals(c.labels(), w.labels());
        assertEquals(c.classes(), w.classes());
        assertEquals(c.sha256(), w.sha256());
    }

    @Test
    void wrappedDataAreCheckedAsCopiedOnes() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.wrapRegression(X, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Dataset.wrapClassification(X, new int[] {0, -1, 1}));
    }
}
