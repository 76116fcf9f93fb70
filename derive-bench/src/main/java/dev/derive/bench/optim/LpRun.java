package dev.derive.bench.optim;

import dev.derive.data.io.Npy;
import dev.derive.linalg.Blas;
import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.optim.constrained.InteriorPoint;
import dev.derive.optim.constrained.InteriorPointResult;
import dev.derive.optim.constrained.LinearProgram;
import dev.derive.optim.constrained.QuadraticProgram;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times {@link InteriorPoint} on the problems that {@code scripts/lp_problems.py} wrote (and solved with scipy's
 * HiGHS and cvxopt), printing one JSON line per problem. Every solve builds the problem object from the arrays (as
 * the Python side builds its matrices) and solves it; the files are read and the native BLAS is loaded
 * ({@link Blas#init()}, the counterpart of Python's {@code import}) before any timing of a solve; that load is timed
 * on its own ({@code init_seconds}, {@code init_cpu_seconds} for the process, {@code init_thread_cpu_seconds} for the
 * loading thread; {@code jvm_start_seconds} is the JVM's uptime when {@code main} began), so that a one-shot
 * program's total is {@code jvm_start + init + cold}. Per problem:
 * <ul>
 *   <li><b>cold</b> ({@code cold_seconds}, {@code cold_cpu_seconds}; {@code cold_thread_cpu_seconds}: the CPU time
 *       of the solving thread alone, without the JIT compiler's and OpenBLAS's threads, in ns steps: the steadiest of
 *       the three on a loaded machine): the first solve of the problem in this JVM. Run
 *       with one problem per JVM ({@code scripts/run-lp.sh} does) it is the first solve after start-up: the code runs
 *       in the interpreter and is compiled by the JIT while it runs;</li>
 *   <li><b>warm-up</b>: further solves, not timed, until at least {@value #WARMUP_SOLVES} solves and
 *       {@value #WARMUP_SECONDS} s have passed and the JIT's compilation time over a window of at least
 *       {@value #QUIET_SECONDS} s and {@value #QUIET_SOLVES} solves ({@link CompilationMXBean#getTotalCompilationTime()})
 *       was at most {@value #QUIET_SHARE} of the window (it never stops entirely: rarely used methods of the JDK keep
 *       being compiled), at most
 *       {@value #MAX_SOLVES} solves or {@value #MAX_WARMUP_SECONDS} s ({@code jit_settled} says which). C2 spends
 *       seconds of CPU on the solver: a qp_800 solve took 1.9 s cold and 0.7, 0.5, 0.4 s in the next three, and
 *       after 21 solves in 2 s qp_200 still took 55 ms wall and 114 ms process CPU per solve (12-16 ms warm) at a
 *       load of 5;</li>
 *   <li><b>warm</b> ({@code seconds}): the best wall time of at least {@code repeats} further solves (and as many
 *       more as fit in {@value #TIMED_SECONDS} s, at most {@value #MAX_SOLVES}); {@code cpu_seconds} is the process
 *       CPU time (all threads: BLAS, JIT, GC) of those timed solves divided by their number (a mean: the JVM
 *       reports process CPU time in 10 ms steps, too coarse for a single solve of a few ms).</li>
 * </ul>
 * With {@code repeats} 0 only the cold solve runs (no warm-up, no timed solves; {@code seconds} and
 * {@code cpu_seconds} then repeat the cold solve's): for measuring first solves in many fresh JVMs.
 *
 * <pre>
 * java -cp derive-bench/target/benchmarks.jar dev.derive.bench.optim.LpRun DIR [repeats [problem]]
 * </pre>
 */
public final class LpRun {

    static final int WARMUP_SOLVES = 20;
    static final double WARMUP_SECONDS = 2.0;
    static final double TIMED_SECONDS = 1.0;
    static final int MAX_SOLVES = 300;
    static final double MAX_WARMUP_SECONDS = 60.0;
    static final double QUIET_SECONDS = 2.0;
    static final int QUIET_SOLVES = 5;
    static final double QUIET_SHARE = 0.02;

    private LpRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : null;
        List<Path> problems = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).filter(p -> only == null || p.getFileName().toString().equals(only))
                    .sorted().forEach(problems::add);
        }
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("LpRun: no problem directory" + (only == null ? "" : " named " + only)
                    + " in " + dir);
        }
        // library start-up, reported apart from the solves (init_*): the counterpart of Python's imports
        double jvmStart = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        long i0 = System.nanoTime();
        long ic0 = cpuNanos();
        long it0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Blas.init();
        double init = (System.nanoTime() - i0) / 1e9;
        double initCpu = (cpuNanos() - ic0) / 1e9;
        double initThreadCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - it0) / 1e9;
        for (Path p : problems) {
            double[] c = vector(p.resolve("c.npy"));
            Matrix aUb = matrix(p.resolve("A_ub.npy"));
            double[] bUb = vector(p.resolve("b_ub.npy"));
            Matrix aEq = matrix(p.resolve("A_eq.npy"));
            double[] bEq = vector(p.resolve("b_eq.npy"));
            Bounds bounds = new Bounds(vector(p.resolve("lb.npy")), vector(p.resolve("ub.npy")));
            Matrix q = Files.exists(p.resolve("Q.npy")) ? matrix(p.resolve("Q.npy")) : null;
            InteriorPoint ip = InteriorPoint.defaults();
            InteriorPointResult[] r = new InteriorPointResult[1];
            Runnable solve = () -> r[0] = q != null ? ip.solve(new QuadraticProgram(q, c, aEq, bEq, aUb, bUb, bounds))
                    : ip.solve(new LinearProgram(c, aEq, bEq, aUb, bUb, bounds));
            long c0 = cpuNanos();
            long ct0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            solve.run();
            double cold = (System.nanoTime() - t0) / 1e9;
            double coldCpu = (cpuNanos() - c0) / 1e9;
            double coldThreadCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - ct0) / 1e9;
            int warmup = 0;
            boolean settled = false;
            long w0 = System.nanoTime();
            // windows of >= QUIET_SECONDS and QUIET_SOLVES solves; settled when the JIT compiled for at most
            // QUIET_SHARE of a window (it never stops entirely: rarely used JDK methods keep being compiled)
            long jit0 = jitMillis();
            long win0 = System.nanoTime();
            int winSolves = 0;
            while (repeats > 0 && warmup < MAX_SOLVES && System.nanoTime() - w0 < MAX_WARMUP_SECONDS * 1e9) {
                solve.run();
                warmup++;
                winSolves++;
                long t = System.nanoTime();
                if (winSolves >= QUIET_SOLVES && t - win0 >= QUIET_SECONDS * 1e9) {
                    long jit = jitMillis();
                    settled = jit - jit0 <= QUIET_SHARE * (t - win0) / 1e6;
                    jit0 = jit;
                    win0 = t;
                    winSolves = 0;
                }
                if (settled && warmup >= WARMUP_SOLVES && t - w0 >= WARMUP_SECONDS * 1e9) {
                    break;
                }
            }
            double warmupSeconds = repeats == 0 ? 0 : (System.nanoTime() - w0) / 1e9;
            double best = Double.POSITIVE_INFINITY;
            int timed = 0;
            c0 = cpuNanos();
            for (long t1 = System.nanoTime(); repeats > 0 && timed < MAX_SOLVES
                    && (timed < repeats || System.nanoTime() - t1 < TIMED_SECONDS * 1e9); timed++) {
                t0 = System.nanoTime();
                solve.run();
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double cpu = timed == 0 ? coldCpu : (cpuNanos() - c0) / 1e9 / timed;
            if (timed == 0) {
                best = cold;
            }
            InteriorPointResult res = r[0];
            System.out.printf(Locale.ROOT, "{\"lib\": \"derive\", \"problem\": \"%s\", \"n\": %d, \"seconds\": %.5f, "
                            + "\"cpu_seconds\": %.5f, \"cold_seconds\": %.5f, \"cold_cpu_seconds\": %.5f, "
                            + "\"cold_thread_cpu_seconds\": %.5f, "
                            + "\"warmup_solves\": %d, \"warmup_seconds\": %.2f, \"jit_settled\": %b, \"timed_solves\": %d, "
                            + "\"jvm_start_seconds\": %.3f, \"init_seconds\": %.3f, \"init_cpu_seconds\": %.3f, "
                            + "\"init_thread_cpu_seconds\": %.3f, "
                            + "\"objective\": %.12g, \"status\": \"%s\", "
                            + "\"gap\": %.3g, \"primal_residual\": %.3g, \"dual_residual\": %.3g, \"iterations\": %d}%n",
                    p.getFileName(), c.length, best, cpu, cold, coldCpu, coldThreadCpu, warmup, warmupSeconds, settled, timed,
                    jvmStart, init, initCpu, initThreadCpu,
                    res.primalObjective(),
                    res.status(), res.dualityGap(), res.primalResidual(), res.dualResidual(), res.iterations());
        }
    }

    /** The JIT's accumulated compilation time in ms, or 0 if the JVM does not report it. */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** CPU time of the whole process (all threads, BLAS included), or 0 if the platform does not report it. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
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
