package dev.derive.cli;

import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.LearnerProvider;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds learners from the command line ({@code --model}, {@code --set}, {@code --seed}) and trains them. */
final class Learners {

    private Learners() {
    }

    /**
     * The learner {@code name} for {@code data}'s task with the {@code --set} values applied (validated by
     * {@link Learner#with}, so an unknown name lists the valid ones) and, if it has a {@code seed}
     * parameter not set explicitly, {@code seed}.
     */
    static Learner<?> create(String name, Dataset data, String dataLabel, Map<String, String> sets, Long seed) {
        LearnerProvider.Entry entry;
        try {
            entry = LearnerRegistry.entry(name);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e);
        }
        Dataset.Task task = data.task();
        if (entry.forTask(task) == null) {
            List<String> tasks = new ArrayList<>();
            for (Dataset.Task t : Dataset.Task.values()) {
                if (entry.forTask(t) != null) {
                    tasks.add(ModelsCommand.taskName(t));
                }
            }
            String target = "the target '" + data.targetName() + "' of " + dataLabel + " is "
                    + (task == Dataset.Task.CLASSIFICATION ? "categorical (classification, " + data.numClasses() + " classes)"
                    : "numeric (regression)");
            String hint = task == Dataset.Task.CLASSIFICATION
                    ? "; choose a classifier (derive models) or a numeric --target"
                    : "; choose a regressor (derive models), or use --task classification if its values are class labels";
            throw CliException.usage("model '" + name + "' does " + String.join(" and ", tasks) + ", but " + target + hint);
        }
        Learner<?> l = entry.forTask(task).get();
        for (Map.Entry<String, String> s : sets.entrySet()) {
            try {
                l = l.with(s.getKey(), s.getValue());
            } catch (IllegalArgumentException e) {
                throw CliException.usage(name + ": " + e.getMessage());
            }
        }
        if (seed != null && l.params().names().contains("seed") && !sets.containsKey("seed")) {
            l = l.with("seed", seed);
        }
        return l;
    }

    /** Trains {@code learner}; data it cannot use is a {@link CliException} with exit code 3. */
    static Model fit(Learner<?> learner, Dataset data) {
        try {
            return learner.fit(data);
        } catch (IllegalArgumentException e) {
            throw CliException.data("cannot train " + learner.name() + ": " + e.getMessage());
        }
    }

    /** The parameters as {@code name=value, ...}. */
    static String describe(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
