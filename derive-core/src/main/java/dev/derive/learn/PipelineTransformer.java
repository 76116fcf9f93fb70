package dev.derive.learn;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted {@link Pipeline} made only of transformers: applies them all in order. Its output features are
 * the last transformer's.
 */
public final class PipelineTransformer extends PipelineModel implements Transformer {

    PipelineTransformer(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models) {
        super(params, schema, report, names, models);
    }

    @Override
    public Matrix transform(Matrix x) {
        Matrix z = preprocess(x);
        return atFinal(((Transformer) finalModel())::transform, z);
    }

    @Override
    public Dataset transform(Dataset data) {
        Dataset z = preprocess(data);
        try {
            return ((Transformer) finalModel()).transform(z);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pipeline step '" + stepNames().get(stepNames().size() - 1) + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<Dataset.Feature> outputFeatures() {
        return ((Transformer) finalModel()).outputFeatures();
    }
}
