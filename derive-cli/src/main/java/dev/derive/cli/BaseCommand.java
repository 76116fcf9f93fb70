package dev.derive.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * Base of the sub-commands: the shared {@code --debug} and {@code --quiet} options and the output
 * streams (results on {@link #out()}, messages on {@link #err()}).
 */
abstract class BaseCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard output: results (tables, CSV, JSON). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error: progress, notes and warnings. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A note for the user on standard error (suppressed by {@code --quiet}). */
    void note(String message) {
        if (!common.quiet) {
            err().println(message);
            err().flush();
        }
    }

    /** A warning on standard error (always shown). */
    void warn(String message) {
        err().println("warning: " + message);
        err().flush();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Runs the command; returns the exit code. */
    abstract int run() throws Exception;

    /** The options every command takes. */
    static final class CommonOptions {
        @CommandLine.Option(names = "--debug", description = "Print stack traces of errors.")
        boolean debug;

        @CommandLine.Option(names = {"-q", "--quiet"}, description = "No progress bar and no notes on stderr.")
        boolean quiet;
    }
}
