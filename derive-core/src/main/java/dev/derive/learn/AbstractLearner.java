package dev.derive.learn;

import dev.derive.data.Dataset;
import java.util.List;

/**
 * Base class for learners: holds the validated {@link Params}, implements {@link #with} by building a new
 * instance through {@link #create(Params)}, and checks in {@link #fit} that the data suit the learner's
 * task before calling {@link #train}. Subclasses add typed setters ({@code alpha(double)}) that delegate
 * to {@code with}.
 *
 * @param <L> the concrete learner type (returned by {@code with} and the typed setters)
 * @param <M> the model type
 */
public abstract class AbstractLearner<L extends AbstractLearner<L, M>, M extends Model> implements Learner<M> {

    private final Params params;

    protected AbstractLearner(Params params) {
        this.params = params;
    }

    /** The default parameter set from the learner's specs. */
    protected static Params defaults(List<Param<?>> specs) {
        return Params.defaults(specs);
    }

    @Override
    public final Params params() {
        return params;
    }

    @Override
    public final L with(String name, Object value) {
        return create(params.with(name, value));
    }

    /** A new learner of the same class with {@code params}. */
    protected abstract L create(Params params);

    /** Trains on data already checked to suit {@link #task()} and to be non-empty. */
    protected abstract M train(Dataset data);

    @Override
    public final M fit(Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(name() + " cannot be fitted on an empty data set (0 rows)");
        }
        if (data.featureCount() == 0) {
            throw new IllegalArgumentException(name() + " needs at least one feature; the data set has none");
        }
        Dataset.Task task = task();
        if (task == Dataset.Task.CLASSIFICATION && data.task() != Dataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException(name() + " is a classifier but the target"
                    + (data.targetName() == null ? " is absent" : " '" + data.targetName() + "' is " + data.task().name().toLowerCase())
                    + "; use a regression learner or a categorical target");
        }
        if (task == Dataset.Task.REGRESSION && data.task() != Dataset.Task.REGRESSION) {
            throw new IllegalArgumentException(name() + " is a regressor but the target"
                    + (data.targetName() == null ? " is absent" : " '" + data.targetName() + "' is " + data.task().name().toLowerCase())
                    + "; use a classifier or a numeric target");
        }
        if (task == Dataset.Task.CLASSIFICATION) {
            int[] counts = classCounts(data.labels(), data.numClasses());
            int present = 0;
            for (int c : counts) {
                present += c > 0 ? 1 : 0;
            }
            if (present < 2) {
                throw new IllegalArgumentException(name() + " needs at least two classes in the training data; got only "
                        + (present == 0 ? "none" : "'" + data.classes().get(firstNonZero(counts)) + "'"));
            }
        }
        data.sha256InBackground();  // the model's schema records it; hash while training
        return train(data);
    }

    /**
     * The number of rows of each class. A method of its own: inside {@code fit} this loop over every row made C2
     * compile all of {@code fit} on the stack (OSR) in the first fit of a JVM, 8-71 ms of compiler time beside it.
     */
    private static int[] classCounts(int[] labels, int k) {
        int[] counts = new int[k];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    private static int firstNonZero(int[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                return i;
            }
        }
        return -1;
    }

    /** Seconds since {@code startNanos} (from {@link System#nanoTime()}). */
    protected static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public String toString() {
        return name() + params;
    }
}
