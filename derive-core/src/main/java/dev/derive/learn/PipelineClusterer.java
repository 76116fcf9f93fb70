package dev.derive.learn;

import dev.derive.linalg.Matrix;
import java.util.List;

/** A fitted {@link Pipeline} whose final model is a {@link Clusterer}: transformers, then the clusterer. */
public final class PipelineClusterer extends PipelineModel implements Clusterer {

    PipelineClusterer(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models) {
        super(params, schema, report, names, models);
    }

    @Override
    public int[] predict(Matrix x) {
        Matrix z = preprocess(x);
        return atFinal(((Clusterer) finalModel())::predict, z);
    }

    @Override
    public int clusterCount() {
        return ((Clusterer) finalModel()).clusterCount();
    }
}
