package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.runtime.Parallelism;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeGrower#addLeafValues} (the training scores updated from the leaves' row ranges, split between the
 * threads by row number) against its definition: every row that grew the tree gains the value of the leaf the tree
 * sends it to, exactly once, and every other row is unchanged; on 1, 2 and 3 threads, with all rows and with a bag,
 * for a single output and for the second of three interleaved outputs.
 */
class TreeGrowerScoresTest {

    private static final int N = 70_000;  // from 65,536 rows the update is split into 4 parts per thread
    private static final int F = 5;

    @Test
    void everyRowOfTheTreeGainsItsLeafValueOnce() {
        SplittableRandom r = new SplittableRandom(9);
        double[] x = new double[N * F];
        for (int i = 0; i < N * F; i++) {
            x[i] = r.nextDouble() < 0.03 ? Double.NaN : r.nextGaussian();
        }
        BinnedData d = Binner.bin(x, N, F, 63, N, 3);
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = x[i] + 0.5 * x[N + i] * x[2 * N + i] + 0.1 * r.nextGaussian();  // column-major: features 0, 1, 2
            g[i] = Double.isNaN(g[i]) ? 0.3 : g[i];
            h[i] = 0.5 + r.nextDouble();
        }
        boolean[] active = {true, true, true, true, true};
        int[] all = IntStream.range(0, N).toArray();
        int[] bag = IntStream.range(0, N).filter(i -> (i * 7 + 3) % 10 < 7).toArray();
        int before = Parallelism.threads();
        try {
            for (int t = 1; t <= 3; t++) {
                Parallelism.setThreads(t);
                for (int[] rows : new int[][] {all, bag}) {
                    for (int stride : new int[] {1, 3}) {
                        TreeGrower grower = new TreeGrower(d,
                                new TreeGrower.Settings(31, -1, 20, 1e-3, 0, 0, 0, 0, 0.1, false));
                        HistTree tree = grower.grow(g, h, 0, rows, rows.length, active);
                        int c = stride - 1;  // the last output of each row
                        double[] raw = new double[N * stride];
                        for (int k = 0; k < raw.length; k++) {
                            raw[k] = 0.25 * (k % 11);
                        }
                        double[] expected = raw.clone();
                        for (int i : rows) {
                            expected[i * stride + c] += tree.predict(x, N, i);
                        }
                        grower.addLeafValues(tree, raw, stride, c);
                        String what = "threads " + t + ", rows " + rows.length + ", stride " + stride;
                        for (int k = 0; k < raw.length; k++) {
                            assertEquals(expected[k], raw[k], 0.0, what + ", score " + k);
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
