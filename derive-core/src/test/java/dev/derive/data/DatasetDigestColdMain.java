package dev.derive.data;

import dev.derive.linalg.Matrix;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;

/**
 * Not a test: measures {@link Dataset#sha256()} of a 200,000 x 100 classification data set (160 MB of features) in a
 * fresh JVM, cold then warm, against a bare SHA-256 of as many bytes fed in 128 KB chunks (the floor), as thread CPU
 * time. Run it in its own JVM, e.g.
 * {@code java -cp derive-core/target/classes:derive-core/target/test-classes dev.derive.data.DatasetDigestColdMain}.
 */
public final class DatasetDigestColdMain {

    private DatasetDigestColdMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = 200_000;
        int p = 100;
        double[] d = new double[n * p];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] chunk = new byte[1 << 17];
        StringBuilder out = new StringBuilder();
        for (int rep = 0; rep < 4; rep++) {
            Dataset ds = Dataset.classification(Matrix.wrap(n, p, d), labels);
            long c0 = threads.getCurrentThreadCpuTime();
            ds.sha256();
            long c1 = threads.getCurrentThreadCpuTime();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (long done = 0; done < 8L * n * p; done += chunk.length) {
                md.update(chunk, 0, chunk.length);
            }
            md.digest();
            long c2 = threads.getCurrentThreadCpuTime();
            out.append(String.format(java.util.Locale.ROOT, "%s: dataset digest %.3f s, bare SHA-256 %.3f s (thread CPU)%n",
                    rep == 0 ? "cold" : "warm", (c1 - c0) / 1e9, (c2 - c1) / 1e9));
        }
        System.out.print(out);
    }
}
