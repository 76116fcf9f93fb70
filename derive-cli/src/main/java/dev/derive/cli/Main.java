package dev.derive.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code derive} command: dispatches to the sub-commands. */
@Command(name = "derive", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Machine learning for the JVM, derived and verified.",
        subcommands = {InfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns the exit code (0 success, 1 failure, 2 usage error). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    public static void main(String[] args) {
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
        return v == null ? "dev" : v;
    }
}
