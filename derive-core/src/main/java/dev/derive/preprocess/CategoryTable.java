package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The categories an encoder learned for one categorical feature: either all its declared levels or those
 * observed in the training data, in level order, with a map from training level code to position.
 */
final class CategoryTable {

    /** Level codes of the categories, ascending. */
    final int[] codes;
    /** Position of each training level code in {@link #codes}, or -1 when the level is not a category. */
    final int[] position;
    final Dataset.Feature feature;

    private CategoryTable(Dataset.Feature feature, int[] codes) {
        this.feature = feature;
        this.codes = codes;
        this.position = new int[feature.levels().size()];
        Arrays.fill(position, -1);
        for (int k = 0; k < codes.length; k++) {
            position[codes[k]] = k;
        }
    }

    /**
     * The categories of column {@code j}: all levels, or ({@code observed}) those present in {@code x}.
     * Every non-missing value must be a training level code; missing values are refused unless
     * {@code allowMissing}.
     */
    static CategoryTable fit(String model, Dataset.Feature f, Matrix x, int j, boolean observed, boolean allowMissing,
                             String missingAdvice) {
        int l = f.levels().size();
        boolean[] seen = new boolean[l];
        for (int i = 0; i < x.rows(); i++) {
            double v = x.get(i, j);
            if (Double.isNaN(v)) {
                if (!allowMissing) {
                    throw missing(model, f, i, missingAdvice);
                }
                continue;
            }
            int c = FittedTransformer.category(model, f, v, i);
            if (c < 0) {
                throw FittedTransformer.invalidCode(f.name(), v, i, l);
            }
            seen[c] = true;
        }
        int[] codes = new int[l];
        int k = 0;
        for (int c = 0; c < l; c++) {
            if (!observed || seen[c]) {
                codes[k++] = c;
            }
        }
        return new CategoryTable(f, Arrays.copyOf(codes, k));
    }

    /** A table with the given category codes (ascending), as restored from a saved model. */
    static CategoryTable of(Dataset.Feature f, int[] codes) {
        return new CategoryTable(f, codes.clone());
    }

    static IllegalArgumentException missing(String model, Dataset.Feature f, int row, String advice) {
        return new IllegalArgumentException(model + " does not accept missing values: feature '" + f.name()
                + "' is missing at row " + row + advice);
    }

    /** The position of value {@code v} (not NaN) at row {@code i}, or -1 if it is not a known category. */
    int positionOf(String model, double v, int i) {
        int c = FittedTransformer.category(model, feature, v, i);
        return c < 0 ? -1 : position[c];
    }

    /** The category names, in order. */
    List<String> names() {
        List<String> n = new ArrayList<>(codes.length);
        for (int c : codes) {
            n.add(feature.levels().get(c));
        }
        return n;
    }

    IllegalArgumentException unknown(String model, double v, int row, int j, List<Dataset.Feature> inputFeatures,
                                     String advice) {
        return new IllegalArgumentException(model + ": feature '" + feature.name() + "' has the unknown category "
                + FittedTransformer.describe(feature, inputFeatures, j, v) + " at row " + row
                + "; categories seen in training: " + names() + advice);
    }
}
