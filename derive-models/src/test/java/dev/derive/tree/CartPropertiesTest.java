package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of greedy CART trees on random data. */
class CartPropertiesTest {

    static Matrix randomX(SplittableRandom r, int n, int p, int levels) {
        Matrix x = Matrix.zeros(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x.set(i, j, levels > 0 ? r.nextInt(levels) : r.nextGaussian());
            }
        }
        return x;
    }

    /** A fully grown classification tree on rows with distinct feature vectors reproduces the training labels. */
    @Property(tries = 40, seed = "17")
    void fullyGrownTreeMemorisesDistinctRows(@ForAll @IntRange(min = 2, max = 120) int n, @ForAll @IntRange(min = 1, max = 6) int p,
                                             @ForAll @IntRange(min = 2, max = 4) int k, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = randomX(r, n, p, 0); // continuous: rows are distinct with probability 1
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < k ? i : r.nextInt(k);
        }
        DecisionTreeClassifierModel m = DecisionTree.classifier().criterion(seed % 2 == 0 ? "gini" : "entropy")
                .fit(Dataset.classification(x, y));
        assertArrayEquals(y, m.predict(x));
    }

    /**
     * With all features tried, the split at a node does not depend on max_depth, so a deeper tree refines a
     * shallower one and its training squared error is never larger.
     */
    @Property(tries = 30, seed = "23")
    void deeperTreesFitNoWorse(@ForAll @IntRange(min = 5, max = 150) int n, @ForAll @IntRange(min = 1, max = 5) int p,
                               @ForAll @IntRange(min = 1, max = 6) int depth, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = randomX(r, n, p, 5); // few levels: many ties between values
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x.get(i, 0) * x.get(i, p - 1) + r.nextGaussian();
        }
        Dataset d = Dataset.regression(x, y);
        double shallow = sse(DecisionTree.regressor().maxDepth(depth).fit(d).predict(x), y);
        double deep = sse(DecisionTree.regressor().maxDepth(depth + 1).fit(d).predict(x), y);
        assertTrue(deep <= shallow * (1 + 1e-12) + 1e-12, deep + " > " + shallow);
    }

    static double sse(double[] a, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (a[i] - y[i]) * (a[i] - y[i]);
        }
        return s;
    }
}
