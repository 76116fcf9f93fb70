package dev.derive.cli;

import dev.derive.linalg.Blas;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code derive info}: the version, the Java runtime, the BLAS back end and thread setting, and a quick
 * self-check that times a matrix product on the bundled OpenBLAS.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the runtime, the bundled OpenBLAS back end and a quick dgemm self-check.")
final class InfoCommand extends BaseCommand {

    @Option(names = "--size", defaultValue = "1000", description = "Order of the matrices in the self-check (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--threads", description = "Threads for Derive and OpenBLAS (default: all cores).")
    Integer threads;

    @Override
    int run() {
        if (threads != null) {
            Parallelism.setThreads(threads);
        }
        out().println("derive     " + Main.version());
        out().println("java       " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        out().println("blas       " + Blas.backend());
        out().println("threads    " + Parallelism.threads() + " (OpenBLAS: " + Blas.threads() + ")");
        int n = size;
        SplittableRandom rng = new SplittableRandom(1);
        Matrix a = Matrix.random(n, n, rng);
        Matrix b = Matrix.random(n, n, rng);
        double best = Double.MAX_VALUE;
        Matrix c = null;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            c = a.mmul(b);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        // spot-check one entry against a plain dot product
        double expect = 0;
        for (int k = 0; k < n; k++) {
            expect += a.get(0, k) * b.get(k, 0);
        }
        double err = Math.abs(expect - c.get(0, 0)) / Math.max(1, Math.abs(expect));
        out().printf(Locale.ROOT, "dgemm      n=%d: %.1f GFLOP/s (best of 3), check %s%n",
                n, 2.0 * n * n * n / best / 1e9, err < 1e-12 ? "ok" : "FAILED (" + err + ")");
        return err < 1e-12 ? ExitCode.OK : ExitCode.RUNTIME;
    }
}
