package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.testing.Fixtures;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random forests against scikit-learn 1.2.1 ({@code tools/gen_forest_fixtures.py}): with the same
 * parameters (defaults, 100 trees) and the same 5 fixed folds, the mean cross-validated score over seeds
 * 0, 1, 2 (seed 0 only for the two larger sets, to keep the test fast) is within 2 accuracy points
 * (0.02 R^2 for diabetes) of scikit-learn's mean over its seeds 0, 1, 2. The random streams differ, so
 * only the quality can agree; scikit-learn's own seed-to-seed spread of these means is at most 0.7
 * points (0.006 R^2). Extremely randomised trees are compared the same way against
 * {@code ExtraTrees*}, with seed 0 only on our side.
 */
class RandomForestSklearnTest {

    static final Fixtures CART = Fixtures.load("cart_sklearn.txt");
    static final Fixtures FX = Fixtures.load("forest_sklearn.txt");

    static double cvScore(String data, String tag, long seed) {
        boolean et = tag.equals("et");
        int[] fold = Arrays.stream(FX.vector(data + "_fold")).mapToInt(d -> (int) d).toArray();
        double[] y = CART.vector(data + "_y");
        boolean regression = data.equals("diabetes");
        Dataset all = regression ? Dataset.regression(CART.matrix(data + "_X"), y)
                : Dataset.classification(CART.matrix(data + "_X"), Arrays.stream(y).mapToInt(d -> (int) d).toArray());
        double total = 0;
        for (int f = 0; f < 5; f++) {
            int ff = f;
            int[] train = IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray();
            int[] test = IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray();
            Dataset tr = all.subset(train);
            Dataset te = all.subset(test);
            if (regression) {
                double[] pred = (et ? RandomForest.extraTreesRegressor() : RandomForest.regressor()).seed(seed).fit(tr).predict(te.features());
                double[] yt = te.target();
                double mean = Arrays.stream(yt).average().orElseThrow();
                double ssr = 0;
                double sst = 0;
                for (int i = 0; i < yt.length; i++) {
                    ssr += (yt[i] - pred[i]) * (yt[i] - pred[i]);
                    sst += (yt[i] - mean) * (yt[i] - mean);
                }
                total += 1 - ssr / sst;
            } else {
                int[] pred = (et ? RandomForest.extraTreesClassifier() : RandomForest.classifier()).seed(seed).fit(tr).predict(te.features());
                int[] yt = te.labels();
                int ok = 0;
                for (int i = 0; i < yt.length; i++) {
                    ok += pred[i] == yt[i] ? 1 : 0;
                }
                total += (double) ok / yt.length;
            }
        }
        return total / 5;
    }

    static void compare(String data, double margin, long... seeds) {
        compare(data, "rf", margin, seeds);
    }

    static void compare(String data, String tag, double margin, long... seeds) {
        double ours = Arrays.stream(seeds).mapToDouble(s -> cvScore(data, tag, s)).average().orElseThrow();
        double theirs = Arrays.stream(FX.vector(data + "_" + tag + "_scores")).average().orElseThrow();
        System.out.printf("%s %s: CV score %.4f, scikit-learn %.4f%n", data, tag, ours, theirs);
        assertEquals(theirs, ours, margin, data + ": mean CV score against scikit-learn's");
    }

    @Test
    void iris() {
        compare("iris", 0.02, 0, 1, 2);
    }

    @Test
    void wine() {
        compare("wine", 0.02, 0, 1, 2);
    }

    @Test
    void breastCancer() {
        compare("bc", 0.02, 0);
    }

    @Test
    void diabetes() {
        compare("diabetes", 0.02, 0);
    }

    @Test
    void extraTreesIris() {
        compare("iris", "et", 0.02, 0);
    }

    @Test
    void extraTreesWine() {
        compare("wine", "et", 0.02, 0);
    }

    @Test
    void extraTreesBreastCancer() {
        compare("bc", "et", 0.02, 0);
    }

    /** scikit-learn's seed-to-seed spread is larger here (0.427 to 0.441), so the margin is 0.03 R^2. */
    @Test
    void extraTreesDiabetes() {
        compare("diabetes", "et", 0.03, 0);
    }
}
