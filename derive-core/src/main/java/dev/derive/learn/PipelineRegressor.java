package dev.derive.learn;

import dev.derive.linalg.Matrix;
import java.util.List;

/** A fitted {@link Pipeline} whose final model is a {@link Regressor}: transformers, then the regressor. */
public final class PipelineRegressor extends PipelineModel implements Regressor {

    PipelineRegressor(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models) {
        super(params, schema, report, names, models);
    }

    @Override
    public double[] predict(Matrix x) {
        Matrix z = preprocess(x);
        return atFinal(((Regressor) finalModel())::predict, z);
    }
}
