package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.linalg.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The data digest recorded in saved models is stable: these values were produced by the earlier
 * element-by-element implementation (big-endian {@code doubleToLongBits} of every value), and the bulk
 * implementation must reproduce them, including NaNs with a non-canonical payload, -0.0, more than one
 * 1024-value chunk per column, and the target.
 */
class DatasetDigestTest {

    private static final double ODD_NAN = Double.longBitsToDouble(0x7ff0000000000123L);

    @Test
    void digestsAreThoseOfTheElementwiseDefinition() {
        assertEquals("f2ed27da467fca6f92edce34bf86c3a60709e4d4a024249f1a050b75ddc3b3c1", Datasets.dataset("iris").sha256());

        Matrix x = Matrix.of(new double[] {1.5, Double.NaN}, new double[] {ODD_NAN, -0.0}, new double[] {3, 4});
        assertEquals("6ad5c578d53ed30d76f1894d786b7544ad5054f6a92fae33a7a22f6d1ee1f8d2",
                Dataset.regression(x, new double[] {1, -0.0, 2}).sha256());

        int n = 2500;
        double[][] rows = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {Math.sin(i), i % 7 == 0 ? ODD_NAN : Math.cos(i)};
            y[i] = i % 11 == 0 ? -0.0 : i * 0.1;
        }
        assertEquals("ae5a33f5185fa0d16e73c1802e278bca0857440b50ffe450f08ce86111b21947",
                Dataset.regression(Matrix.of(rows), y).sha256());
    }

    @Test
    void backgroundDigestEqualsTheDirectOne() {
        int n = 70_000;
        double[][] rows = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {Math.sin(i), i % 13 == 0 ? Double.NaN : Math.cos(i)};
            y[i] = i * 0.25;
        }
        Dataset a = Dataset.regression(Matrix.of(rows), y);
        Dataset b = Dataset.regression(Matrix.of(rows), y);
        b.sha256InBackground();
        b.sha256InBackground();  // a second call is a no-op
        assertEquals(a.sha256(), b.sha256());
        assertEquals(a.sha256(), b.sha256());
    }
}
