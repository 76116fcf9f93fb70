package dev.derive.linalg;

import dev.derive.runtime.Parallelism;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: a timing harness for the zero-copy {@link Blas#dpotrfLower} against the copying JavaCPP call of the
 * same {@code LAPACKE_dpotrf} ({@link Blas#dpotrfLowerCopying}), alternating the two in rounds in one JVM so that
 * load on a shared machine hits both alike. Prints, per n, the median over rounds of the CPU time of the calling
 * thread (nanosecond clock; with one OpenBLAS thread all the work runs on it) and of the wall time per call (each call
 * refactors a fresh copy of the same SPD matrix; the refill is timed on both sides).
 *
 * <pre>java -cp derive-core/target/classes:derive-core/target/test-classes:$(deps) \
 *     dev.derive.linalg.CholeskyCopyTiming [threads] [rounds] [n ...]</pre>
 */
public final class CholeskyCopyTiming {

    private CholeskyCopyTiming() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        int[] sizes = {200, 400, 800};
        if (args.length > 2) {
            sizes = new int[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                sizes[i - 2] = Integer.parseInt(args[i]);
            }
        }
        Parallelism.setThreads(threads);
        System.out.println("# " + Blas.backend() + "; OpenBLAS threads " + Blas.threads() + "; rounds " + rounds);
        java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (int n : sizes) {
            Matrix b = Matrix.randn(n + 5, n, new SplittableRandom(n));
            double[] a = b.gram().addi(Matrix.identity(n)).toArray();
            double[] w = new double[a.length];
            int calls = Math.max(3, (int) (4e9 / ((double) n * n * n))); // ~0.1-0.2 s of work per batch
            double[][] cpu = new double[2][rounds];
            double[][] wall = new double[2][rounds];
            for (int r = -2; r < rounds; r++) { // two warm-up rounds
                for (int p = 0; p < 2; p++) {
                    int path = (r & 1) == 0 ? p : 1 - p; // alternate which path goes first
                    long c0 = tm.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    for (int k = 0; k < calls; k++) {
                        System.arraycopy(a, 0, w, 0, a.length);
                        int info = path == 0 ? Blas.dpotrfLower(n, w, 0, n) : Blas.dpotrfLowerCopying(n, w, 0, n);
                        if (info != 0) {
                            throw new IllegalStateException("info " + info);
                        }
                    }
                    long t1 = System.nanoTime();
                    long c1 = tm.getCurrentThreadCpuTime();
                    if (r >= 0) {
                        cpu[path][r] = (c1 - c0) / 1e6 / calls;
                        wall[path][r] = (t1 - t0) / 1e6 / calls;
                    }
                }
            }
            double zc = median(cpu[0]);
            double cc = median(cpu[1]);
            System.out.printf(Locale.ROOT, "n=%d calls/batch=%d  zero-copy: cpu %.3f ms wall %.3f ms | copying: cpu %.3f"
                            + " ms wall %.3f ms | cpu saved %.3f ms/call (%.1f%%)%n", n, calls, zc, median(wall[0]), cc,
                    median(wall[1]), cc - zc, 100 * (cc - zc) / cc);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
