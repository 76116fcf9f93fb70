package dev.derive.cli;

import dev.derive.runtime.Progress;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A {@link Progress} that draws a text progress bar (me.tongfei progressbar) on standard error. Thread
 * safe: parallel work may report from several threads. {@link #create} returns {@link Progress#NONE}
 * when asked to be quiet or when standard error is not a terminal, so that logs and pipes stay clean.
 */
final class ProgressBars implements Progress {

    private final PrintStream stream;
    private ProgressBar bar;

    private ProgressBars(PrintStream stream) {
        this.stream = stream;
    }

    /** A progress bar on {@code System.err}, or {@link Progress#NONE} if {@code quiet} or stderr is not a terminal. */
    static Progress create(boolean quiet) {
        return quiet || !stderrIsTerminal() ? Progress.NONE : new ProgressBars(System.err);
    }

    /**
     * True when there is a console ({@link System#console()} non-null and, on JDK 22+, a terminal) and, where
     * the OS shows it ({@code /proc/self/fd/2} on Linux), standard error itself is a terminal device.
     */
    static boolean stderrIsTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal"); // JDK 22+
            if (!(Boolean) isTerminal.invoke(c)) {
                return false;
            }
        } catch (ReflectiveOperationException e) {
            // JDK 21: a non-null console already means a terminal
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // not Linux, or not allowed to look: trust the console
        }
        return true;
    }

    @Override
    public synchronized void start(String task, long total) {
        if (bar != null) {
            bar.close();
        }
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public synchronized void advance(long steps, String message) {
        if (bar != null) {
            bar.stepBy(steps);
            if (message != null) {
                bar.setExtraMessage(message);
            }
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
