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
 * A fitted {@link OrdinalEncoder}: each categorical feature becomes a numeric feature of the same name
 * holding its category's position; numeric features pass through. Immutable and thread-safe.
 */
public final class OrdinalEncoderModel extends FittedTransformer {

    private final CategoryTable[] tables;
    private final boolean unknownIsError;
    private final double unknownValue;

    OrdinalEncoderModel(Params params, ModelSchema schema, TrainingReport report, CategoryTable[] tables,
                        boolean unknownIsError, double unknownValue) {
        super(OrdinalEncoder.NAME, params, schema, report, outputs(schema.features()));
        this.tables = tables.clone();
        this.unknownIsError = unknownIsError;
        this.unknownValue = unknownValue;
    }

    private static List<Dataset.Feature> outputs(List<Dataset.Feature> in) {
        List<Dataset.Feature> out = new ArrayList<>(in.size());
        for (Dataset.Feature f : in) {
            out.add(Dataset.Feature.numeric(f.name()));
        }
        return out;
    }

    /** The categories of each categorical feature (position = encoding), by feature name in column order. */
    public Map<String, List<String>> categories() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (CategoryTable t : tables) {
            if (t != null) {
                m.put(t.feature.name(), t.names());
            }
        }
        return m;
    }

    CategoryTable[] tables() {
        return tables.clone();
    }

    @Override
    Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures) {
        Matrix out = x.copy();
        for (int j = 0; j < x.cols(); j++) {
            CategoryTable t = tables[j];
            if (t == null) {
                continue;
            }
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isNaN(v)) {
                    continue;
                }
                int k = t.positionOf(kind(), v, i);
                if (k < 0) {
                    if (unknownIsError) {
                        throw t.unknown(kind(), v, i, j, inputFeatures, "; set handle_unknown = use_encoded_value or"
                                + " missing to encode unknown categories");
                    }
                    out.set(i, j, unknownValue);
                } else {
                    out.set(i, j, k);
                }
            }
        }
        return out;
    }
}
