package dev.derive.data;

/**
 * Thrown by {@link Dataset#features()} when a sparse data set's dense form would exceed the dense limit
 * (2^31 - 9 entries, or a quarter of the heap): the data do not suit a learner that needs dense features.
 * An {@link IllegalArgumentException}, so a fit or a cross-validation reports it as unsuitable data.
 */
public final class TooLargeToDensifyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** With the message naming the sizes and what to do instead. */
    public TooLargeToDensifyException(String message) {
        super(message);
    }
}
