package dev.derive.learn.select;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;

/**
 * A named score of a fitted model on held-out data, as used by {@link CrossValidation}, {@link GridSearch}
 * and {@link RandomSearch}. Built-in scorers are in {@link Scorers}; a user may implement this interface for
 * any other measure.
 *
 * <p>Scores are reported as plain values: a loss such as {@code log_loss} or {@code rmse} is positive and
 * has {@link #greaterIsBetter()} {@code false} (scikit-learn instead negates losses, {@code neg_log_loss};
 * {@link Scorers#byName} accepts those names too and then returns the negated value).
 */
public interface Scorer {

    /** The name, e.g. {@code "accuracy"}; unique among the scorers of one evaluation. */
    String name();

    /** True if a larger score is better (accuracy, R^2), false for losses (log-loss, RMSE). */
    boolean greaterIsBetter();

    /**
     * The score of {@code model} on {@code test}. The test set is data the model has not been trained on;
     * its sample weights, if any, weight the score. Must be safe to call from several threads at once.
     *
     * @throws IllegalArgumentException if the model or the data do not suit this scorer
     */
    double score(Model model, Dataset test);

    /**
     * Whether this scorer is defined for a task with {@code numClasses} classes ({@code 0} for regression):
     * {@code r2} is not defined for classification, {@code brier} only for two classes. Searches and
     * cross-validation check this before fitting anything. The default accepts every task.
     */
    default boolean supports(Dataset.Task task, int numClasses) {
        return true;
    }
}
