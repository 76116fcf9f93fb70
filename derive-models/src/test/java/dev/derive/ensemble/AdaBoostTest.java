package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * SAMME AdaBoost against scikit-learn 1.2.1 ({@code tools/gen_boost_fixtures.py}, 50 stumps,
 * random_state 0) and against its own definition.
 */
class AdaBoostTest {

    static final Fixtures CART = Fixtures.load("cart_sklearn.txt");
    static final Fixtures FOREST = Fixtures.load("forest_sklearn.txt");
    static final Fixtures FX = Fixtures.load("boost_sklearn.txt");

    static Dataset data(String name) {
        return Dataset.classification(CART.matrix(name + "_X"), Arrays.stream(CART.vector(name + "_y")).mapToInt(d -> (int) d).toArray());
    }

    /**
     * The stumps agree with scikit-learn's (same root feature and threshold, or, on a tie between
     * equally good splits, the same predictions on every training row) over a prefix of at least
     * {@code minPrefix} rounds; over that prefix the estimator weights and errors agree to 1e-10
     * (relative); when every stump agrees, so do the probabilities.
     */
    static int compareStumps(String name, int minPrefix) {
        Dataset d = data(name);
        AdaBoostClassifierModel m = AdaBoost.classifier().fit(d);
        double[] wRef = FX.vector(name + "_ada_weights");
        double[] eRef = FX.vector(name + "_ada_errors");
        double[] fRef = FX.vector(name + "_ada_feature");
        double[] tRef = FX.vector(name + "_ada_threshold");
        double[] w = m.estimatorWeights();
        double[] e = m.estimatorErrors();
        Matrix predRef = FX.matrix(name + "_ada_pred");
        int prefix = 0;
        int sameSplits = 0;
        while (prefix < Math.min(w.length, wRef.length)) {
            var t = m.trees().get(prefix);
            boolean sameSplit = t.feature()[0] == (int) fRef[prefix]
                    && Math.abs(t.threshold()[0] - tRef[prefix]) <= 1e-9 * Math.max(1, Math.abs(tRef[prefix]));
            if (sameSplit) {
                sameSplits++;
            } else {
                // a tie: another split that classifies every training row as scikit-learn's stump does
                double[] x = d.features().toArray();
                for (int i = 0; i < d.size(); i++) {
                    if (AdaBoostClassifierModel.leafClass(t, x, d.size(), i) != (int) predRef.get(i, prefix)) {
                        sameSplit = false;
                        break;
                    }
                    sameSplit = true;
                }
                if (!sameSplit) {
                    break;
                }
            }
            assertEquals(eRef[prefix], e[prefix], 1e-10 * Math.max(1e-3, eRef[prefix]), name + " error of round " + prefix);
            assertEquals(wRef[prefix], w[prefix], 1e-10 * Math.max(1, wRef[prefix]), name + " weight of round " + prefix);
            prefix++;
        }
        System.out.printf("%s: %d of %d (scikit-learn %d) stumps agree, %d with the same split%n", name, prefix, w.length, wRef.length,
                sameSplits);
        assertTrue(prefix >= minPrefix, name + ": only " + prefix + " stumps agree with scikit-learn's");
        if (prefix == wRef.length && prefix == w.length) {
            Matrix pRef = FX.matrix(name + "_ada_proba");
            assertTrue(m.predictProba(d.features()).maxAbsDiff(pRef) < 1e-10, name + " probabilities");
        }
        return prefix;
    }

    @Test
    void irisStumpsMatchScikitLearn() {
        compareStumps("iris", 50);
    }

    @Test
    void wineStumpsMatchScikitLearn() {
        compareStumps("wine", 50);
    }

    @Test
    void breastCancerStumpsMatchScikitLearn() {
        compareStumps("bc", 50);
    }

    static double cv(String name) {
        Dataset all = data(name);
        int[] fold = Arrays.stream(FOREST.vector(name + "_fold")).mapToInt(v -> (int) v).toArray();
        double total = 0;
        for (int f = 0; f < 5; f++) {
            int ff = f;
            Dataset tr = all.subset(IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray());
            Dataset te = all.subset(IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray());
            int[] pred = AdaBoost.classifier().fit(tr).predict(te.features());
            int ok = 0;
            for (int i = 0; i < pred.length; i++) {
                ok += pred[i] == te.labels()[i] ? 1 : 0;
            }
            total += (double) ok / pred.length;
        }
        return total / 5;
    }

    /** Cross-validated accuracy on scikit-learn's folds within 2 points of scikit-learn's. */
    @Test
    void accuracyAsScikitLearn() {
        for (String name : new String[] {"iris", "wine", "bc"}) {
            double ours = cv(name);
            double theirs = FX.scalar(name + "_ada_cv");
            System.out.printf("%s: AdaBoost CV accuracy %.4f, scikit-learn %.4f%n", name, ours, theirs);
            assertEquals(theirs, ours, 0.02, name);
        }
    }

    /** Recomputes the SAMME weights from the trees: err_m from the reweighted rows, alpha_m from err_m. */
    @Test
    void weightsFollowTheSammeRecursion() {
        Dataset d = data("wine");
        double rate = 0.5;
        AdaBoostClassifierModel m = AdaBoost.classifier().nEstimators(10).learningRate(rate).maxDepth(2).fit(d);
        int n = d.size();
        int k = 3;
        double[] x = d.features().toArray();
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        for (int t = 0; t < m.trees().size(); t++) {
            double bad = 0;
            boolean[] wrong = new boolean[n];
            for (int i = 0; i < n; i++) {
                wrong[i] = AdaBoostClassifierModel.leafClass(m.trees().get(t), x, n, i) != d.labels()[i];
                bad += wrong[i] ? w[i] : 0;
            }
            assertEquals(bad, m.estimatorErrors()[t], 1e-12, "error of tree " + t);
            double alpha = rate * (Math.log((1 - bad) / bad) + Math.log(k - 1));
            assertEquals(alpha, m.estimatorWeights()[t], 1e-10, "weight of tree " + t);
            double s = 0;
            for (int i = 0; i < n; i++) {
                w[i] *= wrong[i] ? Math.exp(alpha) : 1;
                s += w[i];
            }
            for (int i = 0; i < n; i++) {
                w[i] /= s;
            }
        }
        // probabilities are softmax(f / (K - 1)) with f the normalised weighted votes
        Matrix f = m.decisionFunction(d.features());
        Matrix p = m.predictProba(d.features());
        for (int i = 0; i < 5; i++) {
            assertEquals(1.0, f.row(i).sum(), 1e-12);
            double z = 0;
            for (int c = 0; c < k; c++) {
                z += Math.exp(f.get(i, c) / (k - 1));
            }
            for (int c = 0; c < k; c++) {
                assertEquals(Math.exp(f.get(i, c) / (k - 1)) / z, p.get(i, c), 1e-12);
            }
        }
    }

    @Test
    void perfectTreeStopsBoosting() {
        Dataset d = Dataset.classification(Matrix.columnVector(new double[] {0, 1, 2, 3, 4, 5}), new int[] {0, 0, 0, 1, 1, 1});
        AdaBoostClassifierModel m = AdaBoost.classifier().fit(d);
        assertEquals(1, m.trees().size());
        assertArrayEquals(new double[] {1.0}, m.estimatorWeights());
        assertArrayEquals(new double[] {0.0}, m.estimatorErrors());
        assertArrayEquals(d.labels(), m.predict(d.features()));
    }

    @Test
    void stagedPredictionsEndAtTheFullModel() {
        Dataset d = data("iris");
        AdaBoostClassifierModel m = AdaBoost.classifier().nEstimators(20).fit(d);
        assertArrayEquals(m.predict(d.features()), m.predict(d.features(), m.trees().size()));
        assertThrows(IllegalArgumentException.class, () -> m.predict(d.features(), 0));
        assertThrows(IllegalArgumentException.class, () -> AdaBoost.classifier().learningRate(0));
        assertThrows(IllegalArgumentException.class, () -> AdaBoost.classifier().nEstimators(0));
    }

    @Test
    void registered() {
        assertEquals(AdaBoost.NAME, LearnerRegistry.create("adaboost", Dataset.Task.CLASSIFICATION).name());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true);
        return LearnerContract.tests(AdaBoost.classifier().nEstimators(15).maxDepth(2).seed(3), data("wine"), o);
    }
}
