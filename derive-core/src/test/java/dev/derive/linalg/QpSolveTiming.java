package dev.derive.linalg;

import dev.derive.data.io.Npy;
import dev.derive.optim.Bounds;
import dev.derive.optim.constrained.InteriorPoint;
import dev.derive.optim.constrained.InteriorPointResult;
import dev.derive.optim.constrained.QuadraticProgram;
import dev.derive.runtime.Parallelism;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: times warm {@link InteriorPoint} solves of a QP written by {@code derive-bench/scripts/lp_problems.py}
 * (a {@code qp_N} directory of {@code .npy} files) on one OpenBLAS thread, so that the CPU time of the calling thread
 * (nanosecond clock) covers the whole solve. Prints the median and the minimum thread CPU per solve over the second
 * half of {@code solves} solves (the first half warms up the JIT). Run it once with {@code -Dderive.lapack.ffm=false}
 * (copying {@code dpotrf}) and once without, alternating, to compare the two paths.
 *
 * <pre>java -cp derive-core/target/classes:derive-core/target/test-classes:$(deps) \
 *     dev.derive.linalg.QpSolveTiming PROBLEM_DIR [solves]</pre>
 */
public final class QpSolveTiming {

    private QpSolveTiming() {
    }

    public static void main(String[] args) throws IOException {
        Path p = Path.of(args[0]);
        int solves = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Parallelism.setThreads(1);
        double[] c = vector(p.resolve("c.npy"));
        Matrix aUb = matrix(p.resolve("A_ub.npy"));
        double[] bUb = vector(p.resolve("b_ub.npy"));
        Matrix aEq = matrix(p.resolve("A_eq.npy"));
        double[] bEq = vector(p.resolve("b_eq.npy"));
        Bounds bounds = new Bounds(vector(p.resolve("lb.npy")), vector(p.resolve("ub.npy")));
        Matrix q = matrix(p.resolve("Q.npy"));
        InteriorPoint ip = InteriorPoint.defaults();
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[solves - solves / 2];
        InteriorPointResult r = null;
        for (int s = 0; s < solves; s++) {
            long c0 = tm.getCurrentThreadCpuTime();
            r = ip.solve(new QuadraticProgram(q, c, aEq, bEq, aUb, bUb, bounds));
            long c1 = tm.getCurrentThreadCpuTime();
            if (s >= solves / 2) {
                cpu[s - solves / 2] = (c1 - c0) / 1e6;
            }
        }
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s lapack_ffm=%s: thread CPU per solve median %.3f ms, min %.3f ms (solves %d-%d);"
                        + " objective %.17g, iterations %d, hash of x %08x; %s%n", p.getFileName(), Blas.lapackZeroCopy(),
                cpu[cpu.length / 2], cpu[0], solves / 2 + 1, solves, r.primalObjective(), r.iterations(),
                Arrays.hashCode(r.x()), Blas.backend());
    }

    private static double[] vector(Path f) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
            return Npy.readDoubles(in, Long.MAX_VALUE);
        }
    }

    private static Matrix matrix(Path f) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
            return Npy.readMatrix(in, Long.MAX_VALUE);
        }
    }
}
