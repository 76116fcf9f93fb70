package dev.derive.learn;

import dev.derive.data.Dataset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Every learner registered through a {@link LearnerProvider} on the class path, by name. Unknown names get
 * an error that lists the closest registered names.
 */
public final class LearnerRegistry {

    private static final Map<String, LearnerProvider.Entry> ENTRIES = discover();

    private LearnerRegistry() {
    }

    private static Map<String, LearnerProvider.Entry> discover() {
        Map<String, LearnerProvider.Entry> m = new TreeMap<>();
        for (LearnerProvider p : ServiceLoader.load(LearnerProvider.class, LearnerRegistry.class.getClassLoader())) {
            for (LearnerProvider.Entry e : p.learners()) {
                if (m.put(e.name(), e) != null) {
                    throw new IllegalStateException("two learners are registered as '" + e.name() + "'");
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** All entries, sorted by name. */
    public static Collection<LearnerProvider.Entry> entries() {
        return ENTRIES.values();
    }

    /** The entry named {@code name}; an unknown name lists the close ones. */
    public static LearnerProvider.Entry entry(String name) {
        LearnerProvider.Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'" + suggestions(name)
                    + "; run 'derive models' to list them all");
        }
        return e;
    }

    private static String suggestions(String name) {
        List<String> close = new ArrayList<>();
        for (String n : ENTRIES.keySet()) {
            if (Params.editDistance(name, n) <= Math.max(2, name.length() / 3) || n.startsWith(name) || name.startsWith(n)) {
                close.add(n);
            }
        }
        return close.isEmpty() ? " (known: " + String.join(", ", ENTRIES.keySet()) + ")" : " (did you mean " + String.join(", ", close) + "?)";
    }

    /** A new learner named {@code name} for {@code task}, with a clear error when it does not support the task. */
    public static Learner<?> create(String name, Dataset.Task task) {
        LearnerProvider.Entry e = entry(name);
        Supplier<? extends Learner<?>> f = e.forTask(task);
        if (f == null) {
            List<String> tasks = new ArrayList<>();
            for (Dataset.Task t : Dataset.Task.values()) {
                if (e.forTask(t) != null) {
                    tasks.add(t.name().toLowerCase());
                }
            }
            throw new IllegalArgumentException("model '" + name + "' does " + String.join(" and ", tasks) + ", not "
                    + task.name().toLowerCase() + (task == Dataset.Task.CLASSIFICATION
                    ? " (the target is categorical, so this is classification: pick a classifier)"
                    : task == Dataset.Task.REGRESSION ? " (the target is numeric, so this is regression: pick a regressor)" : ""));
        }
        return f.get();
    }
}
