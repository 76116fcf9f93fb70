package dev.derive.bench.optim;

import dev.derive.data.io.Npy;
import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.optim.constrained.InteriorPoint;
import dev.derive.optim.constrained.InteriorPointResult;
import dev.derive.optim.constrained.LinearProgram;
import dev.derive.optim.constrained.QuadraticProgram;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times {@link InteriorPoint} on the problems that {@code scripts/lp_problems.py} wrote (and solved with
 * scipy's HiGHS and SLSQP): best of N solves after one warm-up solve, printing one JSON line per problem with
 * the wall seconds, the process CPU seconds of the same (best) solve, the objective, the duality gap, the primal/dual
 * residuals and the iterations.
 *
 * <pre>
 * java -cp derive-bench/target/benchmarks.jar dev.derive.bench.optim.LpRun DIR [repeats]
 * </pre>
 */
public final class LpRun {

    private LpRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> problems = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).sorted().forEach(problems::add);
        }
        for (Path p : problems) {
            double[] c = vector(p.resolve("c.npy"));
            Matrix aUb = matrix(p.resolve("A_ub.npy"));
            double[] bUb = vector(p.resolve("b_ub.npy"));
            Matrix aEq = matrix(p.resolve("A_eq.npy"));
            double[] bEq = vector(p.resolve("b_eq.npy"));
            Bounds bounds = new Bounds(vector(p.resolve("lb.npy")), vector(p.resolve("ub.npy")));
            Matrix q = Files.exists(p.resolve("Q.npy")) ? matrix(p.resolve("Q.npy")) : null;  // read before the timing
            InteriorPoint ip = InteriorPoint.defaults();
            InteriorPointResult r = null;
            double best = Double.POSITIVE_INFINITY;
            double bestCpu = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= repeats; k++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                r = q != null ? ip.solve(new QuadraticProgram(q, c, aEq, bEq, aUb, bUb, bounds))
                        : ip.solve(new LinearProgram(c, aEq, bEq, aUb, bUb, bounds));
                double s = (System.nanoTime() - t0) / 1e9;
                double cs = (cpuNanos() - c0) / 1e9;
                if (k > 0) {
                    best = Math.min(best, s);
                    bestCpu = Math.min(bestCpu, cs);
                }
            }
            System.out.printf(Locale.ROOT, "{\"lib\": \"derive\", \"problem\": \"%s\", \"n\": %d, \"seconds\": %.5f, "
                            + "\"cpu_seconds\": %.5f, \"objective\": %.12g, \"status\": \"%s\", \"gap\": %.3g, \"primal_residual\": %.3g, "
                            + "\"dual_residual\": %.3g, \"iterations\": %d}%n", p.getFileName(), c.length, best, bestCpu,
                    r.primalObjective(), r.status(), r.dualityGap(), r.primalResidual(), r.dualResidual(), r.iterations());
        }
    }

    /** CPU time of the whole process (all threads, BLAS included), or 0 if the platform does not report it. */
    static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    static double[] vector(Path p) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            return Npy.readDoubles(in, Long.MAX_VALUE);
        }
    }

    static Matrix matrix(Path p) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            return Npy.readMatrix(in, Long.MAX_VALUE);
        }
    }
}
