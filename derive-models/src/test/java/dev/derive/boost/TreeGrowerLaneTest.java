package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.runtime.Parallelism;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The histogram passes against their definition: for 1 to 9 active features on 1, 2 and 3 threads (lanes of quads,
 * triples, pairs and singles, split among the tasks), on all rows in order and on a leaf's rows, count-free or
 * not, every bin's gradient and hessian sums equal the sums over its rows in row order (so bit for bit), and its
 * row count the number of its rows; with the passes' blocks of {@link TreeGrower#BLOCK} rows and of 1,000 (each
 * kernel call adds a block to the sums the previous block left).
 */
class TreeGrowerLaneTest {

    private static final int N = 12_000;  // N * features >= PARALLEL_PASS (16,384) from 2 features: the passes split into tasks
    private static final int F = 9;

    @Test
    void everyLaneAddsEachBinsRowsInOrder() {
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[N * F];
        for (int i = 0; i < N * F; i++) {
            x[i] = i % F == 2 ? r.nextInt(5) : r.nextDouble() < 0.05 ? Double.NaN : r.nextGaussian();
        }
        BinnedData d = Binner.bin(x, N, F, 63, N, 3);
        double[] g = new double[N];
        double[] h = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = r.nextGaussian();
            h[i] = 0.1 + r.nextDouble();
        }
        int[] all = IntStream.range(0, N).toArray();
        int[] leaf = IntStream.range(0, N).filter(i -> i % 3 != 0).toArray();
        int before = Parallelism.threads();
        try {
            for (int t = 1; t <= 3; t++) {
                Parallelism.setThreads(t);
                for (int k = 1; k <= F; k++) {
                    boolean[] active = new boolean[F];
                    for (int j = 0; j < k; j++) {
                        active[(j * 4) % F] = true;  // spread over the columns, not only the first k
                    }
                    for (int[] rows : new int[][] {all, leaf}) {
                        for (boolean countFree : new boolean[] {true, false}) {
                            for (int block : new int[] {TreeGrower.BLOCK, 1_000}) {
                                TreeGrower grower = new TreeGrower(d,
                                        new TreeGrower.Settings(31, -1, 20, 1e-3, 0, 0, 0, 0, 0.1, false));
                                grower.chunkRows = Integer.MAX_VALUE / 4;  // the lanes' passes, not the chunked ones
                                grower.blockRows = block;  // one or two blocks, and many
                                double[] hist = grower.histogram(g, h, rows, active, countFree);
                                check(d, g, h, rows, active, countFree, grower, hist, "threads " + t + ", features " + k
                                        + ", rows " + rows.length + ", count-free " + countFree + ", block " + block);
                            }
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    private static void check(BinnedData d, double[] g, double[] h, int[] rows, boolean[] active, boolean countFree,
                              TreeGrower grower, double[] hist, String what) {
        int slots = hist.length / 3;
        for (int j = 0; j < F; j++) {
            if (!active[j]) {
                continue;
            }
            int bins = d.numBins(j) + 1;  // the missing bin too
            double[] sg = new double[bins];
            double[] sh = new double[bins];
            double[] c = new double[bins];
            for (int i : rows) {
                int b = d.bin(i, j);
                sg[b] += g[i];
                sh[b] += h[i];
                c[b] += 1;
            }
            int s = grower.slot(j);
            for (int b = 0; b < bins; b++) {
                assertEquals(sg[b], hist[2 * (s + b)], 0.0, what + ": feature " + j + " bin " + b + " gradient");
                assertEquals(sh[b], hist[2 * (s + b) + 1], 0.0, what + ": feature " + j + " bin " + b + " hessian");
                if (!countFree) {
                    assertEquals(c[b], hist[2 * slots + s + b], 0.0, what + ": feature " + j + " bin " + b + " count");
                }
            }
        }
    }
}
