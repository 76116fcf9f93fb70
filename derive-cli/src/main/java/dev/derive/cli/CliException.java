package dev.derive.cli;

/** A failure a person can act on, with the message to print and the {@link ExitCode} to return. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage error (exit code 2): unknown model, parameter, column, data set or file. */
    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /** A usage error (exit code 2) caused by {@code cause}, whose message is kept. */
    static CliException usage(Throwable cause) {
        return new CliException(ExitCode.USAGE, cause.getMessage(), cause);
    }

    /** Bad input data (exit code 3). */
    static CliException data(String message) {
        return new CliException(ExitCode.DATA, message);
    }

    /** Bad input data (exit code 3) caused by {@code cause}, whose message is kept. */
    static CliException data(Throwable cause) {
        return new CliException(ExitCode.DATA, cause.getMessage(), cause);
    }

    int exitCode() {
        return exitCode;
    }
}
