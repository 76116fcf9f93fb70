package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.tree.Tree;
import dev.derive.tree.TreePrediction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The flat prediction layout ({@link dev.derive.tree.FlatForest}) gives, bit for bit, the sums of the
 * trees' own predictions added in tree order, with and without missing values, for row counts that are not
 * multiples of the row groups and blocks.
 */
class ForestPredictionTest {

    private static Matrix withMissing(Matrix x, double share, long seed) {
        Matrix m = x.copy();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (rng.nextDouble() < share) {
                    m.set(i, j, Double.NaN);
                }
            }
        }
        return m;
    }

    @Test
    void classifierSumsAreTheTreesSumsInOrder() {
        for (double share : new double[] {0, 0.1}) {
            Matrix x = withMissing(RandomForestTest.WINE.features(), share, 3);
            Dataset d = Dataset.classification(x, RandomForestTest.WINE.labels());
            RandomForestClassifierModel m = RandomForest.classifier().nEstimators(7).seed(5).fit(d);
            Matrix xs = x.block(0, 0, 173, x.cols()).copy(); // 173 rows: not a multiple of the row groups
            Matrix p = m.predictProba(xs);
            int k = p.cols();
            double[] a = xs.toArray();
            int n = xs.rows();
            double[] want = new double[n * k];
            for (Tree t : m.trees()) {
                for (int i = 0; i < n; i++) {
                    TreePrediction.addProbaRow(t, a, n, i, want, i * k, 1.0);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    assertEquals(want[i * k + c] / m.trees().size(), p.get(i, c), 0.0, "row " + i + " class " + c);
                }
            }
        }
    }

    @Test
    void regressorSumsAreTheTreesSumsInOrder() {
        for (double share : new double[] {0, 0.1}) {
            Matrix x = withMissing(RandomForestTest.DIABETES.features(), share, 4);
            Dataset d = Dataset.regression(x, RandomForestTest.DIABETES.target());
            RandomForestRegressorModel m = RandomForest.regressor().nEstimators(5).seed(2).fit(d);
            double[] got = m.predict(x);
            double[] a = x.toArray();
            int n = x.rows();
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (Tree t : m.trees()) {
                    s += TreePrediction.valueRow(t, a, n, i);
                }
                assertEquals(s / m.trees().size(), got[i], 0.0, "row " + i);
            }
        }
    }

    @Test
    void blockSizeIsBoundedAndShrinksWithFeatures() {
        assertEquals(2048, ForestSupport.blockRows(20));
        assertEquals(4096, ForestSupport.blockRows(1));
        assertEquals(256, ForestSupport.blockRows(10_000));
    }

    @Test
    void severalBlocksGiveTheTreesSumsInOrderWhateverTheThreadCount() {
        // 40 features: 1,024-row blocks, so 2,500 rows make two full blocks and a partial one
        int n = 2500;
        int p = 40;
        SplittableRandom rng = new SplittableRandom(9);
        Matrix x = Matrix.zeros(n, p);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                double v = rng.nextGaussian();
                x.set(i, j, v);
                s += j < 5 ? v : 0;
            }
            y[i] = s + 0.5 * rng.nextGaussian() > 0 ? 1 : 0;
        }
        int saved = dev.derive.runtime.Parallelism.threads();
        try {
            RandomForestClassifierModel m = RandomForest.classifier().nEstimators(4).seed(3)
                    .fit(Dataset.classification(x, y));
            dev.derive.runtime.Parallelism.setThreads(1);
            Matrix one = m.predictProba(x);
            dev.derive.runtime.Parallelism.setThreads(2);
            Matrix two = m.predictProba(x);
            double[] a = x.toArray();
            int k = one.cols();
            double[] want = new double[n * k];
            for (Tree t : m.trees()) {
                for (int i = 0; i < n; i++) {
                    TreePrediction.addProbaRow(t, a, n, i, want, i * k, 1.0);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    assertEquals(want[i * k + c] / m.trees().size(), one.get(i, c), 0.0, "row " + i + " class " + c);
                    assertEquals(one.get(i, c), two.get(i, c), 0.0, "threads, row " + i + " class " + c);
                }
            }
        } finally {
            dev.derive.runtime.Parallelism.setThreads(saved);
        }
    }
}
