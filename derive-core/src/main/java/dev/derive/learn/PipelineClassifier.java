package dev.derive.learn;

import dev.derive.linalg.Matrix;
import java.util.List;

/** A fitted {@link Pipeline} whose final model is a {@link Classifier}: transformers, then the classifier. */
public final class PipelineClassifier extends PipelineModel implements Classifier {

    PipelineClassifier(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models) {
        super(params, schema, report, names, models);
    }

    @Override
    public int[] predict(Matrix x) {
        Matrix z = preprocess(x);
        return atFinal(((Classifier) finalModel())::predict, z);
    }

    @Override
    public Matrix predictProba(Matrix x) {
        Matrix z = preprocess(x);
        return atFinal(((Classifier) finalModel())::predictProba, z);
    }

    /** The final classifier's class names. */
    @Override
    public List<String> classes() {
        return ((Classifier) finalModel()).classes();
    }
}
