package dev.derive.linalg;

import dev.derive.runtime.Parallelism;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: a timing harness for the zero-copy {@link Lapack} wrappers against the copying JavaCPP calls of the
 * same {@code LAPACKE_*} functions ({@code Lapack.*Copying}), alternating the two in rounds in one JVM so that load
 * on a shared machine hits both alike. Prints, per routine and shape, the median over rounds of the calling thread's
 * CPU time per call (with one OpenBLAS thread all the work runs on it), of the wall time, and the Java heap bytes the
 * thread allocated per call. Each call refactors a fresh copy of the same matrix (the refill is timed on both sides).
 * JavaCPP's own native copies (8 bytes per element of every array argument, in and out) are not Java heap and are not
 * in the allocation column.
 *
 * <pre>java -cp derive-core/target/classes:derive-core/target/test-classes:$(deps) \
 *     dev.derive.linalg.LapackCopyTiming [threads] [rounds]</pre>
 */
public final class LapackCopyTiming {

    private LapackCopyTiming() {
    }

    private interface Call {
        int run(boolean zeroCopy, double[] a);
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Parallelism.setThreads(threads);
        System.out.println("# " + Lapack.path() + "; OpenBLAS threads " + Blas.threads() + "; rounds " + rounds);
        com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[][] shapes = {{500, 500}, {2000, 200}};
        for (int[] sh : shapes) {
            int m = sh[0];
            int n = sh[1];
            int k = Math.min(m, n);
            double[] a = Matrix.randn(m, n, new SplittableRandom(m + n)).toArray();
            double[] sym = m == n ? Matrix.wrap(m, n, a).gram().toArray() : null;
            int[] ipiv = new int[k];
            double[] tau = new double[k];
            double[] s = new double[k];
            double[] u = new double[m * k];
            double[] vt = new double[k * n];
            double[] w = new double[n];
            double[] z = new double[n * n];
            int[] found = new int[1];
            int[] isuppz = new int[2 * n];
            double[] lu = a.clone();
            Lapack.dgetrf(m, n, lu, 0, m, ipiv);
            double[] b = Matrix.randn(n, 1, new SplittableRandom(3)).toArray();
            String[] names = {"dgetrf", "dgetrs(1 rhs)", "dgeqrf", "dgesdd(S)", "dsyevr(V)"};
            Call[] calls = {
                (zc, x) -> zc ? Lapack.dgetrf(m, n, x, 0, m, ipiv) : Lapack.dgetrfCopying(m, n, x, 0, m, ipiv),
                m != n ? null : (zc, x) -> {
                    System.arraycopy(b, 0, x, 0, n); // x: the right-hand side
                    return zc ? Lapack.dgetrs('N', n, 1, lu, 0, n, ipiv, x, 0, n)
                            : Lapack.dgetrsCopying('N', n, 1, lu, 0, n, ipiv, x, 0, n);
                },
                (zc, x) -> zc ? Lapack.dgeqrf(m, n, x, 0, m, tau) : Lapack.dgeqrfCopying(m, n, x, 0, m, tau),
                (zc, x) -> zc ? Lapack.dgesdd('S', m, n, x, 0, m, s, u, 0, m, vt, 0, k)
                        : Lapack.dgesddCopying('S', m, n, x, 0, m, s, u, 0, m, vt, 0, k),
                m != n ? null : (zc, x) -> {
                    System.arraycopy(sym, 0, x, 0, sym.length);
                    return zc ? Lapack.dsyevr('V', 'A', 'L', n, x, 0, n, 0, 0, 0, 0, 0, found, w, z, 0, n, isuppz)
                            : Lapack.dsyevrCopying('V', 'A', 'L', n, x, 0, n, 0, 0, 0, 0, 0, found, w, z, 0, n, isuppz);
                },
            };
            for (int c = 0; c < calls.length; c++) {
                if (calls[c] == null) {
                    continue;
                }
                double[] x = new double[a.length];
                long t0 = System.nanoTime();
                System.arraycopy(a, 0, x, 0, a.length);
                calls[c].run(true, x);
                double once = (System.nanoTime() - t0) / 1e9;
                int reps = Math.max(3, (int) Math.min(200, 0.3 / Math.max(once, 1e-6)));
                double[][] cpu = new double[2][rounds];
                double[][] wall = new double[2][rounds];
                double[][] alloc = new double[2][rounds];
                for (int r = -2; r < rounds; r++) {
                    for (int p = 0; p < 2; p++) {
                        int path = (r & 1) == 0 ? p : 1 - p;
                        long a0 = tm.getCurrentThreadAllocatedBytes();
                        long c0 = tm.getCurrentThreadCpuTime();
                        long w0 = System.nanoTime();
                        for (int i = 0; i < reps; i++) {
                            System.arraycopy(a, 0, x, 0, a.length);
                            int info = calls[c].run(path == 0, x);
                            if (info < 0) {
                                throw new IllegalStateException(names[c] + " info " + info);
                            }
                        }
                        long w1 = System.nanoTime();
                        long c1 = tm.getCurrentThreadCpuTime();
                        long a1 = tm.getCurrentThreadAllocatedBytes();
                        if (r >= 0) {
                            cpu[path][r] = (c1 - c0) / 1e6 / reps;
                            wall[path][r] = (w1 - w0) / 1e6 / reps;
                            alloc[path][r] = (double) (a1 - a0) / reps;
                        }
                    }
                }
                double zc = median(cpu[0]);
                double cc = median(cpu[1]);
                System.out.printf(Locale.ROOT, "%-14s %4dx%-4d reps=%3d  zero-copy: cpu %8.3f ms wall %8.3f ms heap %9.0f B"
                                + " | copying: cpu %8.3f ms wall %8.3f ms heap %9.0f B | cpu saved %6.1f%%%n", names[c], m, n,
                        reps, zc, median(wall[0]), median(alloc[0]), cc, median(wall[1]), median(alloc[1]),
                        100 * (cc - zc) / cc);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
