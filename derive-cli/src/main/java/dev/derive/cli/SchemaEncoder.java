package dev.derive.cli;

import dev.derive.data.BooleanColumn;
import dev.derive.data.Column;
import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.learn.ModelSchema;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a table into the numbers a saved model expects, matching columns BY NAME to the model's
 * schema: the feature matrix in the schema's column order (extra columns, such as the target, are
 * ignored), categorical features coded by the training levels, and class labels by the model's class
 * names. Missing columns, unseen categories and unparsable numbers are {@link CliException}s (exit 3)
 * that name the column, the value and the row.
 */
final class SchemaEncoder {

    private SchemaEncoder() {
    }

    /** The {@code n x p} feature matrix of {@code f}, read from {@code d}, for {@code schema}. */
    static Matrix features(Frame f, ModelSchema schema, DataSource.Loaded d) {
        return features(f, schema, d.label(), d.sparse());
    }

    /**
     * The {@code n x p} feature matrix for {@code schema} (missing values as NaN). With {@code sparse}
     * (LibSVM input) an absent numeric feature column {@code f<index>} is all zeros, as LibSVM means.
     */
    static Matrix features(Frame f, ModelSchema schema, String source, boolean sparse) {
        List<String> missing = new ArrayList<>();
        for (Dataset.Feature feat : schema.features()) {
            if (!f.hasColumn(feat.name()) && !(sparse && !feat.isCategorical() && LibSvmInput.isFeatureName(feat.name()))) {
                missing.add(feat.name());
            }
        }
        if (!missing.isEmpty()) {
            throw CliException.data(source + " lacks " + (missing.size() == 1 ? "column " : missing.size() + " columns ")
                    + "the model was trained on: " + shortList(missing) + " (the model needs: "
                    + shortList(schema.featureNames()) + "; " + source + " has: " + shortList(f.columnNames()) + ")");
        }
        int n = f.nrows();
        int p = schema.featureCount();
        double[] data = new double[Math.multiplyExact(n, p)];
        for (int j = 0; j < p; j++) {
            Dataset.Feature feat = schema.features().get(j);
            int off = j * n;
            if (!f.hasColumn(feat.name())) {
                continue; // an absent LibSVM feature: zeros
            }
            Column c = f.column(feat.name());
            if (feat.isCategorical()) {
                Map<String, Integer> code = new HashMap<>();
                for (int k = 0; k < feat.levels().size(); k++) {
                    code.put(feat.levels().get(k), k);
                }
                for (int i = 0; i < n; i++) {
                    if (c.isMissing(i)) {
                        data[off + i] = Double.NaN;
                        continue;
                    }
                    String s = c.format(i);
                    Integer k = code.get(s);
                    if (k == null) {
                        throw CliException.data(source + ": column '" + feat.name() + "' has the value '" + s + "' at row " + i
                                + ", a category the model did not see in training (known: " + shortList(feat.levels()) + ")");
                    }
                    data[off + i] = k;
                }
            } else {
                switch (c) {
                    case NumericColumn nc -> {
                        for (int i = 0; i < n; i++) {
                            data[off + i] = nc.get(i);
                        }
                    }
                    case BooleanColumn bc -> {
                        for (int i = 0; i < n; i++) {
                            data[off + i] = bc.isMissing(i) ? Double.NaN : bc.isTrue(i) ? 1 : 0;
                        }
                    }
                    default -> {
                        for (int i = 0; i < n; i++) {
                            data[off + i] = c.isMissing(i) ? Double.NaN : number(c.format(i), feat.name(), i, source);
                        }
                    }
                }
            }
        }
        return Matrix.wrap(n, p, data);
    }

    /** The class index of every row's {@code target}, by the model's class names (no missing values allowed). */
    static int[] labels(Frame f, String target, List<String> classes, String source) {
        Map<String, Integer> code = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            code.put(classes.get(k), k);
        }
        Column c = f.column(target);
        int[] y = new int[f.nrows()];
        for (int i = 0; i < y.length; i++) {
            String s = c.format(i);
            Integer k = s == null ? null : code.get(s);
            if (k == null) {
                throw CliException.data(source + ": the target '" + target + "' is "
                        + (s == null ? "missing" : "'" + s + "', a class the model does not know,") + " at row " + i
                        + " (the model's classes: " + shortList(classes) + ")");
            }
            y[i] = k;
        }
        return y;
    }

    /** The real-valued {@code target} of every row (no missing values allowed). */
    static double[] values(Frame f, String target, String source) {
        Column c = f.column(target);
        double[] y = new double[f.nrows()];
        for (int i = 0; i < y.length; i++) {
            if (c.isMissing(i)) {
                throw CliException.data(source + ": the target '" + target + "' is missing at row " + i);
            }
            y[i] = switch (c) {
                case NumericColumn nc -> nc.get(i);
                case BooleanColumn bc -> bc.isTrue(i) ? 1 : 0;
                default -> number(c.format(i), target, i, source);
            };
        }
        return y;
    }

    private static double number(String s, String column, int row, String source) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw CliException.data(source + ": column '" + column + "' must be numeric (it was in training) but holds '"
                    + s + "' at row " + row);
        }
    }

    /** At most 12 names, then "... (N in all)". */
    static String shortList(List<String> names) {
        if (names.size() <= 12) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
    }
}
