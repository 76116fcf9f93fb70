package dev.derive.bench.optim;

import dev.derive.linalg.Blas;
import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.optim.constrained.InteriorPoint;
import dev.derive.optim.constrained.InteriorPointResult;
import dev.derive.optim.constrained.LinearProgram;
import dev.derive.optim.constrained.QuadraticProgram;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where the first {@link InteriorPoint} solve of a fresh JVM spends its time: one problem of {@code
 * scripts/lp_problems.py}'s layout ({@code DIR/NAME/{c,A_ub,b_ub,A_eq,b_eq,lb,ub[,Q]}.npy}) solved {@code solves}
 * times, each line giving the wall time, the CPU time of the solving thread (the steadiest figure on a loaded
 * machine), the process CPU time, the JIT's compilation time ({@code CompilationMXBean}, accounted when a compile
 * ends) and the classes loaded during the solve, with the iterations, the objective and a hash of x (equal hashes:
 * bit-identical solutions). Modes, for a breakdown of the one-time costs:
 * <ul>
 *   <li>{@code init}: {@link Blas#init()} first (as {@link LpRun} does), timed on its own;</li>
 *   <li>{@code noinit}: no {@code Blas.init()}: a one-shot program's cost; OpenBLAS is loaded inside the solve if
 *       the solve uses it (a problem above {@code InteriorPoint}'s pure-Java size threshold);</li>
 *   <li>{@code routines}: {@code init}, then the first call of each BLAS/LAPACK routine the solver uses ({@code
 *       dgemv, dsyrk, dtrsm, dpotrf}, the thread switch) on 4 x 4 operands, each timed, twice;</li>
 *   <li>{@code tiny}: {@code init}, then the problem {@code DIR/lp_010} or {@code DIR/qp_010} (whichever matches the
 *       problem's kind; must exist) solved first, absorbing the one-time costs of any first solve.</li>
 * </ul>
 * The kernel path is chosen by {@code -Dderive.optim.ip.javaSize} (0: OpenBLAS for every problem).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp derive-bench/target/benchmarks.jar dev.derive.bench.optim.IpColdProbe \
 *     DIR NAME [init|noinit|routines|tiny] [solves]
 * </pre>
 */
public final class IpColdProbe {

    private IpColdProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("IpColdProbe: usage DIR NAME [init|noinit|routines|tiny] [solves]");
        }
        Path dir = Path.of(args[0]);
        String name = args[1];
        String mode = args.length > 2 ? args[2] : "init";
        int solves = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        if (!mode.equals("init") && !mode.equals("noinit") && !mode.equals("routines") && !mode.equals("tiny")) {
            throw new IllegalArgumentException("IpColdProbe: mode must be init, noinit, routines or tiny, got " + mode);
        }
        Path p = dir.resolve(name);
        boolean quadratic = Files.exists(p.resolve("Q.npy"));
        Problem problem = Problem.read(p);
        StringBuilder out = new StringBuilder();
        if (!mode.equals("noinit")) {
            long t0 = System.nanoTime();
            long c0 = threadCpu();
            int k0 = classes();
            Blas.init();
            out.append(String.format(Locale.ROOT, "init wall %.1f ms thread %.1f ms classes %d%n",
                    (System.nanoTime() - t0) / 1e6, (threadCpu() - c0) / 1e6, classes() - k0));
        }
        if (mode.equals("routines")) {
            routines(out);
        }
        InteriorPoint ip = InteriorPoint.defaults();
        if (mode.equals("tiny")) {
            Problem tiny = Problem.read(dir.resolve(quadratic ? "qp_010" : "lp_010"));
            long t0 = System.nanoTime();
            long c0 = threadCpu();
            int k0 = classes();
            tiny.solve(ip);
            out.append(String.format(Locale.ROOT, "tiny wall %.1f ms thread %.1f ms classes %d%n",
                    (System.nanoTime() - t0) / 1e6, (threadCpu() - c0) / 1e6, classes() - k0));
        }
        for (int rep = 1; rep <= solves; rep++) {
            long t0 = System.nanoTime();
            long c0 = threadCpu();
            long pc0 = processCpu();
            long j0 = LpRun.jitMillis();
            int k0 = classes();
            InteriorPointResult r = problem.solve(ip);
            out.append(String.format(Locale.ROOT, "solve%d %s wall %.1f ms thread %.1f ms process %.0f ms jit %d ms"
                            + " classes %d it %d obj %.12g xhash %d%n", rep, name, (System.nanoTime() - t0) / 1e6,
                    (threadCpu() - c0) / 1e6, (processCpu() - pc0) / 1e6, LpRun.jitMillis() - j0, classes() - k0,
                    r.iterations(), r.primalObjective(), Arrays.hashCode(r.x())));
        }
        System.out.print(out);
    }

    /** The first and second call of each routine the solver uses, on 4 x 4 operands. */
    private static void routines(StringBuilder out) {
        double[] m4 = {4, 1, 1, 1, 0, 4, 1, 1, 0, 0, 4, 1, 0, 0, 0, 4};
        double[] x = new double[4];
        double[] y = new double[4];
        double[] w = new double[16];
        String[] names = {"dgemv", "dsyrk", "dtrsm", "dpotrf", "singleThreaded"};
        for (int call = 1; call <= 2; call++) {
            for (String routine : names) {
                long t0 = System.nanoTime();
                long c0 = threadCpu();
                int k0 = classes();
                switch (routine) {
                    case "dgemv" -> Blas.dgemv(false, 4, 4, 1, m4, 0, 4, x, 0, 0, y, 0);
                    case "dsyrk" -> Blas.dsyrkLower(true, 4, 4, 1, m4, 0, 4, 0, w, 0, 4);
                    case "dtrsm" -> Blas.dtrsm(true, true, false, false, 4, 1, 1, m4, 0, 4, x, 0, 4);
                    case "dpotrf" -> Blas.dpotrfLower(4, m4.clone(), 0, 4);
                    default -> Blas.singleThreaded(() -> { });
                }
                out.append(String.format(Locale.ROOT, "call%d %s wall %.2f ms thread %.2f ms classes %d%n", call,
                        routine, (System.nanoTime() - t0) / 1e6, (threadCpu() - c0) / 1e6, classes() - k0));
            }
        }
    }

    /** One problem's arrays; each solve builds the problem object from them, as {@link LpRun} does. */
    private record Problem(Matrix q, double[] c, Matrix aEq, double[] bEq, Matrix aUb, double[] bUb, Bounds bounds) {

        static Problem read(Path p) throws java.io.IOException {
            Matrix q = Files.exists(p.resolve("Q.npy")) ? LpRun.matrix(p.resolve("Q.npy")) : null;
            return new Problem(q, LpRun.vector(p.resolve("c.npy")), LpRun.matrix(p.resolve("A_eq.npy")),
                    LpRun.vector(p.resolve("b_eq.npy")), LpRun.matrix(p.resolve("A_ub.npy")),
                    LpRun.vector(p.resolve("b_ub.npy")),
                    new Bounds(LpRun.vector(p.resolve("lb.npy")), LpRun.vector(p.resolve("ub.npy"))));
        }

        InteriorPointResult solve(InteriorPoint ip) {
            return q != null ? ip.solve(new QuadraticProgram(q, c, aEq, bEq, aUb, bUb, bounds))
                    : ip.solve(new LinearProgram(c, aEq, bEq, aUb, bUb, bounds));
        }
    }

    private static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpu() {
        return LpRun.cpuNanos();
    }

    private static int classes() {
        return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }
}
