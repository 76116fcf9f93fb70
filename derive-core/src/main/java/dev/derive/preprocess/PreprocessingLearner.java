package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Params;

/**
 * Base of the preprocessing learners: unsupervised (any target is ignored, so they fit on classification,
 * regression or unlabeled data alike) and producing a {@link dev.derive.learn.Transformer}.
 */
abstract class PreprocessingLearner<L extends PreprocessingLearner<L, M>, M extends FittedTransformer>
        extends AbstractLearner<L, M> {

    PreprocessingLearner(Params params) {
        super(params);
    }

    @Override
    public final Dataset.Task task() {
        return Dataset.Task.UNSUPERVISED;
    }
}
