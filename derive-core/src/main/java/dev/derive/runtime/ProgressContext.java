package dev.derive.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@link Progress} sink that long-running training on the current thread reports to: a boosting loop
 * reports its rounds, a forest its trees. A caller that wants progress (the CLI's progress bar, a
 * service's logger) wraps the fit in {@link #call}; learners read {@link #current()} once on the calling
 * thread at the start of training and report to what they got, also from worker threads (every
 * {@link Progress} is thread-safe). Outside {@code call}, {@code current()} is {@link Progress#NONE}, so
 * training without a listener costs nothing.
 *
 * <pre>{@code
 * Model m = ProgressContext.call(myProgress, () -> learner.fit(train));
 * }</pre>
 */
public final class ProgressContext {

    private static final ThreadLocal<Progress> CURRENT = new ThreadLocal<>();

    private ProgressContext() {
    }

    /** The sink set by the innermost enclosing {@link #call} on this thread, or {@link Progress#NONE}. */
    public static Progress current() {
        Progress p = CURRENT.get();
        return p == null ? Progress.NONE : p;
    }

    /**
     * Runs {@code work} with {@code progress} as this thread's {@link #current()} sink and restores the
     * previous sink afterwards (also when {@code work} throws).
     */
    public static <T> T call(Progress progress, Supplier<T> work) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(work, "work");
        Progress previous = CURRENT.get();
        CURRENT.set(progress);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Clears this thread's sink and returns it (null: none), for {@link Parallelism}'s caller-run bodies. */
    static Progress detach() {
        Progress p = CURRENT.get();
        if (p != null) {
            CURRENT.remove();
        }
        return p;
    }

    /** Restores a sink returned by {@link #detach()}. */
    static void reattach(Progress p) {
        if (p != null) {
            CURRENT.set(p);
        }
    }
}
