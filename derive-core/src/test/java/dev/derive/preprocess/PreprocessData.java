package dev.derive.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The inputs of {@code fixtures/preprocess_sklearn.txt} (written by {@code tools/gen_preprocess_fixtures.py})
 * as data sets, and comparisons to the references.
 */
final class PreprocessData {

    static final Fixtures FX = Fixtures.load("preprocess_sklearn.txt");

    static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
    static final List<String> ISLAND = List.of("Biscoe", "Dream", "Torgersen");
    static final List<String> SEX = List.of("female", "male");
    /** The numeric columns of penguins_X. */
    static final int[] PENGUIN_NUMERIC = {2, 3, 4, 5, 7};
    static final int[] PENGUIN_CATEGORICAL = {0, 1, 6};

    private PreprocessData() {
    }

    static List<Dataset.Feature> penguinFeatures() {
        return List.of(
                Dataset.Feature.categorical("species", SPECIES),
                Dataset.Feature.categorical("island", ISLAND),
                Dataset.Feature.numeric("bill_length_mm"),
                Dataset.Feature.numeric("bill_depth_mm"),
                Dataset.Feature.numeric("flipper_length_mm"),
                Dataset.Feature.numeric("body_mass_g"),
                Dataset.Feature.categorical("sex", SEX),
                Dataset.Feature.numeric("year"));
    }

    /** All penguins, unlabeled, with categorical features as codes. */
    static Dataset penguins() {
        return Dataset.unlabeled(FX.matrix("penguins_X")).withFeatures(penguinFeatures());
    }

    /** Rows {@code i} with {@code keep(i)}. */
    static int[] rows(int n, IntPredicate keep) {
        return java.util.stream.IntStream.range(0, n).filter(keep).toArray();
    }

    /** Training rows of the fixtures: {@code i % 3 != 0}. */
    static int[] trainRows(int n) {
        return rows(n, i -> i % 3 != 0);
    }

    static int[] ints(String entry) {
        double[] v = FX.vector(entry);
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
        }
        return r;
    }

    /** Columns {@code cols} of {@code m}. */
    static Matrix columns(Matrix m, int... cols) {
        Matrix out = Matrix.zeros(m.rows(), cols.length);
        for (int k = 0; k < cols.length; k++) {
            for (int i = 0; i < m.rows(); i++) {
                out.set(i, k, m.get(i, cols[k]));
            }
        }
        return out;
    }

    static double[] pick(double[] v, int... idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    static List<String> names(String... n) {
        return new ArrayList<>(List.of(n));
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol |expected|} element-wise, NaN only where expected
     * is NaN.
     */
    static void assertClose(Matrix expected, Matrix actual, double rtol, double atol, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": columns");
        for (int j = 0; j < expected.cols(); j++) {
            for (int i = 0; i < expected.rows(); i++) {
                check(expected.get(i, j), actual.get(i, j), rtol, atol, what + " (" + i + ", " + j + ")");
            }
        }
    }

    static void assertClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            check(expected[i], actual[i], rtol, atol, what + " [" + i + "]");
        }
    }

    private static void check(double e, double a, double rtol, double atol, String where) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            if (Double.isNaN(e) != Double.isNaN(a)) {
                fail(where + ": expected " + e + " but got " + a);
            }
            return;
        }
        if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
            fail(where + ": expected " + e + " but got " + a + " (difference " + Math.abs(a - e) + ")");
        }
    }
}
