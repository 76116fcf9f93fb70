package dev.derive.learn;

import dev.derive.data.Dataset;

/**
 * A learning algorithm with its hyper-parameters: immutable, validated at construction, addressed by
 * name so that grid search, the CLI and persistence use the same names. {@link #fit} returns a new,
 * immutable, thread-safe model and never modifies the data.
 *
 * <pre>{@code
 * Learner<RidgeModel> ridge = Ridge.learner().alpha(0.5);
 * RidgeModel model = ridge.fit(train);
 * double[] yhat = model.predict(test.features());
 * }</pre>
 *
 * @param <M> the model type it produces
 */
public interface Learner<M extends Model> {

    /** The registered name, e.g. {@code "ridge"} (the CLI's {@code --model}). */
    String name();

    /** The task it learns: classification, regression or unsupervised. */
    Dataset.Task task();

    /** Its hyper-parameters by name. */
    Params params();

    /** A copy with parameter {@code name} set to {@code value} (validated; an unknown name lists valid ones). */
    Learner<M> with(String name, Object value);

    /**
     * Trains a model. The same data, parameters and seed give a bit-identical model whatever the thread
     * count.
     *
     * @throws IllegalArgumentException for data the learner cannot use (wrong task, missing values it
     *                                  does not support, too few rows or classes), with a message saying why
     */
    M fit(Dataset data);
}
