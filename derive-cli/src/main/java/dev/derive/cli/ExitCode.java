package dev.derive.cli;

import dev.derive.data.io.MalformedDataException;
import dev.derive.learn.persist.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The exit codes of {@code derive}, which scripts can test: 0 success, 1 runtime failure, 2 usage error
 * (unknown command, option, model, parameter, column, data set or file), 3 bad input data (malformed or
 * unreadable data, data a model cannot use, a corrupted or incompatible model file).
 */
final class ExitCode {

    static final int OK = 0;
    static final int RUNTIME = 1;
    static final int USAGE = 2;
    static final int DATA = 3;

    private ExitCode() {
    }

    /** The exit code for a failure. */
    static int of(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof MalformedDataException || e instanceof ModelFormatException) {
            return DATA;
        }
        if (e instanceof NoSuchFileException) {
            return USAGE;
        }
        if (e instanceof AccessDeniedException) {
            return DATA;
        }
        if (e instanceof picocli.CommandLine.ParameterException) {
            return USAGE;
        }
        return RUNTIME;
    }

    /** A one-line message a person can act on. */
    static String message(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "cannot read " + a.getFile() + " (permission denied)";
        }
        if (e instanceof CliException || e instanceof MalformedDataException || e instanceof ModelFormatException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return "I/O error: " + e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; give the JVM more with DERIVE_JAVA_OPTS=-Xmx8g";
        }
        String m = e.getMessage();
        return "internal error: " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof picocli.CommandLine.ExecutionException)
                && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
