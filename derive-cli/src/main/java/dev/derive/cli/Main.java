package dev.derive.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code derive} command: dispatches to the sub-commands and turns failures into
 * one-line messages and the exit codes documented in {@link ExitCode}.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Machine learning for the JVM, derived and verified.",
        subcommands = {DatasetsCommand.class, ModelsCommand.class, FitCommand.class, PredictCommand.class,
                EvaluateCommand.class, InspectCommand.class, PlotCommand.class, InfoCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  derive fit --data iris --model knn --cv 5",
                "  derive fit --data diabetes --model ridge --set alpha=0.1 --out ridge.derive",
                "  derive predict --model ridge.derive --data new.csv --out predictions.csv",
                "  derive plot boundary --data iris --model knn \\",
                "      --x petal_length_cm --y petal_width_cm --out knn.png",
                "",
                "Every command takes --debug (stack traces) and --quiet (no progress bar).",
                "Details: docs/cli.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
                "1:runtime failure (a bug, out of memory, an I/O error writing output)",
                "2:usage error: unknown command, option, model, parameter, column or data set",
                "3:bad input data: unreadable or malformed file, data a model cannot use, corrupted model file"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line on the process's standard streams and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            return execute(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs the command line writing results to {@code out} and messages to {@code err}, and returns the
     * exit code ({@link ExitCode}). Used by tests to run commands in-process.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ExitCode::of);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Object cmd = commandLine.getCommand();
            boolean debug = cmd instanceof BaseCommand b && b.common.debug;
            PrintWriter e = commandLine.getErr();
            e.println(commandLine.getCommandSpec().qualifiedName() + ": error: " + ExitCode.message(ex));
            if (debug) {
                ex.printStackTrace(e);
            } else if (ExitCode.of(ex) == ExitCode.RUNTIME) {
                e.println("(run again with --debug for the stack trace)");
            }
            e.flush();
            return ExitCode.of(ex);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println(c.getCommandSpec().qualifiedName() + ": error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            e.flush();
            return ExitCode.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        // library warnings (java.util.logging) as one plain line on stderr, like the CLI's own
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "warning: %5$s%n");
        }
        System.exit(execute(args));
    }

    /** Reports the library version from the jar manifest (or "dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"derive " + version()};
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? dev.derive.runtime.Version.get() : v;
    }
}
