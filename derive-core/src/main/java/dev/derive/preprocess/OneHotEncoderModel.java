package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link OneHotEncoder}: each categorical feature becomes indicator columns {@code feature=level}
 * in place; numeric features pass through. Immutable and thread-safe.
 */
public final class OneHotEncoderModel extends FittedTransformer {

    private final CategoryTable[] tables;
    private final int[] dropped;
    private final int[] start;
    private final boolean ignoreUnknown;

    OneHotEncoderModel(Params params, ModelSchema schema, TrainingReport report, CategoryTable[] tables, int[] dropped,
                       boolean ignoreUnknown) {
        super(OneHotEncoder.NAME, params, schema, report, outputs(schema.features(), tables, dropped));
        this.tables = tables.clone();
        this.dropped = dropped.clone();
        this.ignoreUnknown = ignoreUnknown;
        this.start = new int[tables.length];
        int c = 0;
        for (int j = 0; j < tables.length; j++) {
            start[j] = c;
            c += tables[j] == null ? 1 : tables[j].codes.length - (dropped[j] >= 0 ? 1 : 0);
        }
    }

    private static List<Dataset.Feature> outputs(List<Dataset.Feature> in, CategoryTable[] tables, int[] dropped) {
        List<Dataset.Feature> out = new ArrayList<>();
        for (int j = 0; j < in.size(); j++) {
            if (tables[j] == null) {
                out.add(in.get(j));
                continue;
            }
            List<String> names = tables[j].names();
            for (int k = 0; k < names.size(); k++) {
                if (k != dropped[j]) {
                    out.add(Dataset.Feature.numeric(in.get(j).name() + "=" + names.get(k)));
                }
            }
        }
        return out;
    }

    /** The categories of each categorical feature, by feature name in column order. */
    public Map<String, List<String>> categories() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (CategoryTable t : tables) {
            if (t != null) {
                m.put(t.feature.name(), t.names());
            }
        }
        return m;
    }

    /** The category whose column was dropped, by feature name (features with no dropped column are absent). */
    public Map<String, String> droppedCategories() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int j = 0; j < tables.length; j++) {
            if (tables[j] != null && dropped[j] >= 0) {
                m.put(tables[j].feature.name(), tables[j].names().get(dropped[j]));
            }
        }
        return m;
    }

    CategoryTable[] tables() {
        return tables.clone();
    }

    int[] dropped() {
        return dropped.clone();
    }

    @Override
    Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures) {
        Matrix out = Matrix.zeros(x.rows(), outputFeatures().size());
        for (int j = 0; j < x.cols(); j++) {
            CategoryTable t = tables[j];
            if (t == null) {
                for (int i = 0; i < x.rows(); i++) {
                    out.set(i, start[j], x.get(i, j));
                }
                continue;
            }
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isNaN(v)) {
                    throw CategoryTable.missing(kind(), t.feature, i, OneHotEncoder.MISSING_ADVICE);
                }
                int k = t.positionOf(kind(), v, i);
                if (k < 0) {
                    if (ignoreUnknown) {
                        continue;
                    }
                    throw t.unknown(kind(), v, i, j, inputFeatures, "; set handle_unknown = ignore to encode unknown"
                            + " categories as all zeros");
                }
                if (k == dropped[j]) {
                    continue;
                }
                out.set(i, start[j] + (dropped[j] >= 0 && k > dropped[j] ? k - 1 : k), 1.0);
            }
        }
        return out;
    }
}
