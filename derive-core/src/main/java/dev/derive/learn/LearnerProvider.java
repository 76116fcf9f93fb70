package dev.derive.learn;

import dev.derive.data.Dataset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Registers learners under their names for the CLI, grid search by name and {@code derive models}.
 * Implementations are listed in {@code META-INF/services/dev.derive.learn.LearnerProvider} of each module
 * that contributes learners.
 */
public interface LearnerProvider {

    /**
     * One registered learner: a name (the CLI's {@code --model}), a one-line description, and a factory
     * per task it supports (a name such as {@code knn} may have both a classifier and a regressor).
     */
    record Entry(String name, String description, Supplier<? extends Learner<?>> classifier,
                 Supplier<? extends Learner<?>> regressor, Supplier<? extends Learner<?>> unsupervised) {

        public static Entry classifier(String name, String description, Supplier<? extends Learner<?>> f) {
            return new Entry(name, description, f, null, null);
        }

        public static Entry regressor(String name, String description, Supplier<? extends Learner<?>> f) {
            return new Entry(name, description, null, f, null);
        }

        public static Entry both(String name, String description, Supplier<? extends Learner<?>> classifier,
                                 Supplier<? extends Learner<?>> regressor) {
            return new Entry(name, description, classifier, regressor, null);
        }

        public static Entry unsupervised(String name, String description, Supplier<? extends Learner<?>> f) {
            return new Entry(name, description, null, null, f);
        }

        /** The factory for {@code task}, or null if the learner does not support it. */
        public Supplier<? extends Learner<?>> forTask(Dataset.Task task) {
            return switch (task) {
                case CLASSIFICATION -> classifier;
                case REGRESSION -> regressor;
                case UNSUPERVISED -> unsupervised;
            };
        }
    }

    /** The learners this module contributes. */
    List<Entry> learners();
}
