package dev.derive.learn;

import dev.derive.data.Dataset;
import java.util.Objects;

/**
 * An {@link AbstractLearner} whose {@link #name()} and {@link #task()} are fixed at construction, for learners
 * with one name and one task (a classifier or a regressor only): the subclass passes them to the constructor
 * instead of overriding both methods.
 *
 * @param <L> the concrete learner type (returned by {@code with} and the typed setters)
 * @param <M> the model type
 */
public abstract class NamedLearner<L extends NamedLearner<L, M>, M extends Model> extends AbstractLearner<L, M> {

    private final String name;
    private final Dataset.Task task;

    /**
     * @param name   the learner's name ({@link #name()})
     * @param task   the task it learns ({@link #task()})
     * @param params the validated parameters
     */
    protected NamedLearner(String name, Dataset.Task task, Params params) {
        super(params);
        this.name = Objects.requireNonNull(name, "name");
        this.task = Objects.requireNonNull(task, "task");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Dataset.Task task() {
        return task;
    }
}
