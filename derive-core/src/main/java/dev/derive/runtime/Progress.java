package dev.derive.runtime;

/**
 * A sink for progress of long work (cross-validation folds, boosting rounds, epochs), so that the CLI can
 * draw a progress bar and a library user can log. Implementations must be thread-safe: parallel work
 * reports from several threads. The library never prints progress itself.
 */
public interface Progress {

    /** Ignores everything. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long steps, String message) {
        }

        @Override
        public void finish() {
        }
    };

    /** A task of {@code total} steps begins ({@code total < 0} if unknown). */
    void start(String task, long total);

    /** {@code steps} more steps are done; {@code message} (may be null) is a short status, e.g. a score. */
    void advance(long steps, String message);

    /** The task is over (called once, also after a failure). */
    void finish();
}
