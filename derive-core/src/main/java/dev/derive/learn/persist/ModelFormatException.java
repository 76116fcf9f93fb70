package dev.derive.learn.persist;

import java.io.IOException;

/**
 * A model file that cannot be loaded: truncated, corrupted, tampered with (checksum or size mismatch),
 * larger than the load limits allow, written by a newer Derive, or of a kind this build does not know.
 * The message says which, and names the file.
 */
public class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
