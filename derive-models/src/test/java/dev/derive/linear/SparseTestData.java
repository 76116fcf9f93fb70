package dev.derive.linear;

import dev.derive.data.io.Csv;
import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Sparse test designs shared by the sparse-input tests: a tall CSR matrix too large to densify, and the real
 * digits data (8x8 images, about half the pixels zero) held as CSR.
 */
final class SparseTestData {

    /** Rows and columns of {@link #tall}: {@code ROWS * COLS > 2^31 - 1}, so the matrix cannot be densified. */
    static final int ROWS = 110_000;
    static final int COLS = 20_000;

    private SparseTestData() {
    }

    /**
     * A tall sparse design, {@link #ROWS} x {@link #COLS}: column 0 in every row (uniform in [0, 2)), column 1 in every
     * row (1 or 2), and 1..3 more columns drawn uniformly from {@code 2 .. COLS - 1} with values 1 or 2. The target is
     * {@code y = 1 + 3 x0 - 2 x1 + noise}, noise uniform in [-0.05, 0.05] (plus {@code outliers} of the rows shifted by
     * +50 when asked). About 4.5 stored entries per row.
     */
    static Dataset tall(long seed, double outlierFraction) {
        return tall(seed, outlierFraction, 0.1);
    }

    /** {@link #tall(long, double)} with the noise uniform in {@code [-noise/2, noise/2]}. */
    static Dataset tall(long seed, double outlierFraction, double noise) {
        return tall(ROWS, COLS, seed, outlierFraction, noise);
    }

    /** {@link #tall(long, double, double)} with {@code rows x cols} (the extra columns drawn from {@code 2 .. cols - 1}). */
    static Dataset tall(int rows, int cols, long seed, double outlierFraction, double noise) {
        final int ROWS = rows;
        final int COLS = cols;
        SplittableRandom r = new SplittableRandom(seed);
        int[] ptr = new int[ROWS + 1];
        int[] col = new int[ROWS * 5];
        double[] val = new double[ROWS * 5];
        double[] y = new double[ROWS];
        int e = 0;
        for (int i = 0; i < ROWS; i++) {
            TreeMap<Integer, Double> row = new TreeMap<>();
            double x0 = 2 * r.nextDouble();
            double x1 = 1 + r.nextInt(2);
            row.put(0, x0);
            row.put(1, x1);
            int extra = 1 + r.nextInt(3);
            for (int k = 0; k < extra; k++) {
                row.put(2 + r.nextInt(COLS - 2), (double) (1 + r.nextInt(2)));
            }
            for (var en : row.entrySet()) {
                col[e] = en.getKey();
                val[e] = en.getValue();
                e++;
            }
            ptr[i + 1] = e;
            y[i] = 1 + 3 * x0 - 2 * x1 + noise * (r.nextDouble() - 0.5);
            if (r.nextDouble() < outlierFraction) {
                y[i] += 50;
            }
        }
        SparseMatrix x = SparseMatrix.ofCsr(ROWS, COLS, ptr, java.util.Arrays.copyOf(col, e), java.util.Arrays.copyOf(val, e));
        return Dataset.regression(x, y);
    }

    /**
     * The digits data ({@code small/digits_8x8.csv}, 1797 x 64 pixels in 0..16, about half of them 0) as CSR features
     * scaled to [0, 1], with the regression target {@code digit} (its label as a number); skips the test when the
     * shared data sets are absent.
     */
    static Dataset digits(boolean sparse) throws java.io.IOException {
        Path csv = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"), "small/digits_8x8.csv");
        Assumptions.assumeTrue(Files.exists(csv), csv + " (shared data sets) is absent: skipped");
        Frame f = Csv.read(csv);
        int n = f.nrows();
        Matrix x = Matrix.zeros(n, 64);
        for (int j = 0; j < 64; j++) {
            double[] c = f.numeric("pixel_" + (j / 8) + "_" + (j % 8)).toArray();
            for (int i = 0; i < n; i++) {
                x.set(i, j, c[i] / 16);
            }
        }
        double[] y = f.numeric("digit").toArray();
        return sparse ? Dataset.regression(SparseMatrix.fromDense(x), y) : Dataset.regression(x, y);
    }
}
