package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BoostedTrees#raw(Matrix, int)}, the prediction path that reads the matrix in 1024-row blocks
 * instead of copying it whole, gives exactly (0 tolerance) the scores of {@link BoostedTrees#raw(double[], int, int)}
 * on the column-major copy: for a multiclass and a binary model, a row count that is not a multiple of the
 * block, a strided view of a larger matrix, missing values, staged rounds, 1 and 3 threads.
 */
class BoostedTreesBlockTest {

    private static Matrix data(int n, int f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, f);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                x.set(i, j, r.nextDouble() < 0.05 ? Double.NaN : r.nextGaussian());
            }
        }
        return x;
    }

    private static int[] labels(Matrix x, int k) {
        int[] y = new int[x.rows()];
        for (int i = 0; i < y.length; i++) {
            double s = Double.isNaN(x.get(i, 0)) ? 0.3 : x.get(i, 0);
            s += Double.isNaN(x.get(i, 1)) ? -0.2 : 0.5 * x.get(i, 1);
            y[i] = Math.floorMod((int) Math.floor(s * 2), k);
        }
        return y;
    }

    @Test
    void blockedScoresEqualTheScoresOfTheCopy() {
        int before = Parallelism.threads();
        try {
            for (int k : new int[] {2, 3}) {
                Matrix x = data(1500, 6, 10 + k);
                var m = HistGradientBoosting.classifier().nEstimators(12).with("num_leaves", 7).with("min_child_samples", 5)
                        .fit(Dataset.classification(x, labels(x, k)));
                BoostedTrees b = m.boosted();
                Matrix big = data(2600, 9, 99);
                Matrix view = big.block(7, 2, 2503, 6);  // strided: 2503 rows (3 blocks, the last partial) of a 2600-row matrix
                for (int threads : new int[] {1, 3}) {
                    Parallelism.setThreads(threads);
                    for (Matrix q : new Matrix[] {x, view}) {
                        for (int rounds : new int[] {0, 5, b.rounds()}) {
                            assertArrayEquals(b.raw(q.toArray(), q.rows(), rounds), b.raw(q, rounds),
                                    k + " classes, " + q.rows() + " rows, " + rounds + " rounds, " + threads + " threads");
                        }
                    }
                }
                assertArrayEquals(b.raw(view.toArray(), view.rows(), b.rounds()), m.decisionFunction(view, b.rounds()));
                assertEquals(0, b.raw(Matrix.zeros(0, 6), b.rounds()).length);
                assertThrows(IllegalArgumentException.class, () -> b.raw(x, b.rounds() + 1));
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
