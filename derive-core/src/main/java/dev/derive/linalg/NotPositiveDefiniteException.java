package dev.derive.linalg;

/**
 * Thrown by a Cholesky factorisation when the matrix is not (numerically) symmetric positive definite.
 * The message names the shape, the leading minor that failed and any jitter that was tried.
 */
public class NotPositiveDefiniteException extends ArithmeticException {
    private final int failedMinor;

    public NotPositiveDefiniteException(String message, int failedMinor) {
        super(message);
        this.failedMinor = failedMinor;
    }

    /** The order (1-based) of the leading minor that was not positive definite. */
    public int failedMinor() {
        return failedMinor;
    }
}
