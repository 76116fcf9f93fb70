package dev.derive.linalg;

/**
 * Thrown when an operation needs a non-singular matrix (a solve, an inverse) and the matrix is singular
 * to working precision. The message names the operation, the shape and where the factorisation broke down.
 */
public class SingularMatrixException extends ArithmeticException {
    public SingularMatrixException(String message) {
        super(message);
    }
}
