package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.Split;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.Classifier;
import dev.derive.learn.LearnerRegistry;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LinearSVC;
import dev.derive.linear.LogisticRegression;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Probability calibration against scikit-learn 1.2.1's CalibratedClassifierCV (tools/gen_calibration_fixtures.py)
 * on standardised breast cancer and iris with scikit-learn's StratifiedKFold(5) folds, plus the optimality of the
 * Platt fit (zero gradient) and of PAV (monotone, block means, prefix condition).
 */
class CalibratedClassifierTest {

    static final Fixtures FX = Fixtures.load("calibration_sklearn.txt");
    static final Dataset BC = VotingStackingTest.BC;
    static final Dataset IRIS = VotingStackingTest.IRIS;

    static LogisticRegression logistic() {
        return VotingStackingTest.logistic();
    }

    /** The fixture's folds: row i is in test fold fold[i]. */
    static CrossValidator folds(String name) {
        double[] fold = FX.vector(name + "_fold");
        return new CrossValidator() {
            @Override
            public int numSplits() {
                return 5;
            }

            @Override
            public List<Split> split(int n, int[] labels, int[] groups) {
                List<Split> s = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    int kk = k;
                    s.add(new Split(IntStream.range(0, n).filter(i -> fold[i] != kk).toArray(),
                            IntStream.range(0, n).filter(i -> fold[i] == kk).toArray()));
                }
                return s;
            }
        };
    }

    static void assertProbaClose(Matrix expected, Matrix got, double tol, String what) {
        assertEquals(expected.rows(), got.rows(), what);
        assertEquals(expected.cols(), got.cols(), what);
        double worst = expected.maxAbsDiff(got);
        assertTrue(worst <= tol, what + ": max |p - p_sklearn| = " + worst + " > " + tol);
    }

    @Test
    void derivesStratifiedFoldsAreScikitLearns() {
        List<Split> ours = new StratifiedKFold(5, false, 0).split(BC.size(), BC.labels(), null);
        List<Split> theirs = folds("bc").split(BC.size(), BC.labels(), null);
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(theirs.get(k).test(), ours.get(k).test(), "fold " + k);
        }
    }

    @Test
    void sigmoidOnLogisticMatchesScikitLearn() {
        // scikit-learn's logistic optimum is reproduced to ~1e-8 and its Platt fit stops at a BFGS gradient of 1e-5, so its
        // (a, b) are within ~1e-7 of the exact optimum (*_tight_ab) and its probabilities within ~1e-7 of the exact ones
        CalibratedClassifierModel m = CalibratedClassifier.of(logistic()).cv(folds("bc")).fit(BC);
        assertTrue(m.hasProbabilities());
        Matrix tight = FX.matrix("bc_logistic_sigmoid_ens_tight_ab");
        for (int t = 0; t < 5; t++) {
            PlattScaling p = (PlattScaling) m.calibrators(t).get(0);
            assertEquals(tight.get(t, 0), p.a(), 1e-6 * Math.abs(tight.get(t, 0)), "a of fold " + t);
            assertEquals(tight.get(t, 1), p.b(), 1e-6 * Math.max(1, Math.abs(tight.get(t, 1))), "b of fold " + t);
        }
        assertProbaClose(FX.matrix("bc_logistic_sigmoid_ens_proba"), m.predictProba(BC.features()), 1e-6, "bc sigmoid ensemble");
        CalibratedClassifierModel one = CalibratedClassifier.of(logistic()).cv(folds("bc")).ensemble(false).fit(BC);
        assertEquals(1, one.members().size());
        assertProbaClose(FX.matrix("bc_logistic_sigmoid_noens_proba"), one.predictProba(BC.features()), 1e-6, "bc sigmoid single");
        CalibratedClassifierModel iris = CalibratedClassifier.of(logistic()).cv(folds("iris")).fit(IRIS);
        assertProbaClose(FX.matrix("iris_logistic_sigmoid_ens_proba"), iris.predictProba(IRIS.features()), 1e-6, "iris sigmoid");
    }

    @Test
    void isotonicOnLogisticMatchesScikitLearn() {
        // isotonic fits are piecewise linear in the scores, which agree with scikit-learn's to ~1e-8
        CalibratedClassifier iso = CalibratedClassifier.of(logistic()).method("isotonic");
        assertProbaClose(FX.matrix("bc_logistic_isotonic_ens_proba"), iso.cv(folds("bc")).fit(BC).predictProba(BC.features()), 1e-6,
                "bc isotonic ensemble");
        assertProbaClose(FX.matrix("bc_logistic_isotonic_noens_proba"),
                iso.cv(folds("bc")).ensemble(false).fit(BC).predictProba(BC.features()), 1e-6, "bc isotonic single");
        assertProbaClose(FX.matrix("iris_logistic_isotonic_ens_proba"), iso.cv(folds("iris")).fit(IRIS).predictProba(IRIS.features()),
                1e-6, "iris isotonic");
    }

    @Test
    void calibratedLinearSvmGivesProbabilitiesLikeScikitLearn() {
        // at tol 1e-10 Derive's dual coordinate descent and liblinear reach the same optimum; the probabilities agree to
        // ~1e-8 (measured 1.2e-8 sigmoid, 9e-11 isotonic)
        CalibratedClassifier c = CalibratedClassifier.learner().with("estimator__tol", 1e-10).with("estimator__max_iter", 1_000_000)
                .cv(folds("bc"));
        assertEquals(LinearSVC.NAME, c.base().name());
        CalibratedClassifierModel m = c.fit(BC);
        assertTrue(m.hasProbabilities());
        assertFalse(((Classifier) m.members().get(0)).hasProbabilities());
        assertProbaClose(FX.matrix("bc_svc_sigmoid_proba"), m.predictProba(BC.features()), 1e-6, "bc linear svm sigmoid");
        assertProbaClose(FX.matrix("bc_svc_isotonic_proba"), c.method("isotonic").fit(BC).predictProba(BC.features()), 1e-6,
                "bc linear svm isotonic");
        assertEquals(LinearSVC.NAME, LearnerRegistry.create(CalibratedClassifier.NAME, Dataset.Task.CLASSIFICATION) instanceof CalibratedClassifier cc
                ? cc.base().name() : "?");
    }

    @Test
    void plattFitHasZeroGradient() {
        double[] f = {-2, -1.5, -0.3, 0.1, 0.4, 1.2, 2.5, -0.8, 0.9, 3};
        boolean[] y = {false, false, true, false, true, true, true, false, false, true};
        double[] w = {1, 2, 1, 0.5, 1, 1, 3, 1, 1, 0.25};
        PlattScaling p = PlattScaling.fit(f, y, w);
        double n1 = 0;
        double n0 = 0;
        for (int i = 0; i < f.length; i++) {
            if (y[i]) {
                n1 += w[i];
            } else {
                n0 += w[i];
            }
        }
        double ga = 0;
        double gb = 0;
        for (int i = 0; i < f.length; i++) {
            double t = y[i] ? (n1 + 1) / (n1 + 2) : 1 / (n0 + 2);
            double r = w[i] * (t - p.predict(f[i]));
            ga += r * f[i];
            gb += r;
        }
        assertEquals(0, ga, 1e-10);
        assertEquals(0, gb, 1e-10);
        assertTrue(p.a() < 0, "larger scores mean the positive class");
        assertThrows(IllegalArgumentException.class, () -> PlattScaling.fit(new double[] {Double.NaN}, new boolean[] {true}, null));
    }

    @Test
    void pavMatchesScikitLearnAndIsOptimal() {
        double[] x = FX.vector("iso_x");
        double[] y = FX.vector("iso_y");
        double[] w = FX.vector("iso_w");
        IsotonicRegression r = IsotonicRegression.fit(x, y, w);
        double[] grid = FX.vector("iso_grid");
        double[] want = FX.vector("iso_pred");
        for (int i = 0; i < grid.length; i++) {
            assertEquals(want[i], r.predict(grid[i]), 1e-12, "at " + grid[i]);
        }
        double[] fitted = FX.vector("iso_fitted");
        for (int i = 0; i < x.length; i++) {
            assertEquals(fitted[i], r.predict(x[i]), 1e-12, "fitted at " + x[i]);
        }
        // optimality on random data: monotone; every block (maximal run of equal values) takes its weighted mean; every
        // prefix of a block has a weighted mean >= the block's value (else splitting it would lower the loss)
        java.util.Random rng = new java.util.Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rng.nextInt(40);
            double[] yy = new double[n];
            double[] ww = new double[n];
            for (int i = 0; i < n; i++) {
                yy[i] = rng.nextGaussian() + 0.05 * i;
                ww[i] = 0.1 + rng.nextDouble();
            }
            double[] g = IsotonicRegression.pav(yy, ww);
            int start = 0;
            while (start < n) {
                int end = start;
                while (end + 1 < n && g[end + 1] == g[start]) {
                    end++;
                }
                if (start > 0) {
                    assertTrue(g[start] > g[start - 1], "monotone");
                }
                double sw = 0;
                double sy = 0;
                for (int i = start; i <= end; i++) {
                    sw += ww[i];
                    sy += ww[i] * yy[i];
                    assertTrue(sy / sw >= g[start] - 1e-12, "prefix mean of block at " + start);
                }
                assertEquals(sy / sw, g[start], 1e-12, "block mean");
                start = end + 1;
            }
        }
    }

    @Test
    void rejectsRegressorsAndNestedTypos() {
        assertThrows(IllegalArgumentException.class,
                () -> CalibratedClassifier.of(LearnerRegistry.create("ridge", Dataset.Task.REGRESSION)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibratedClassifier.learner().with("estimator__cc", 1));
        assertTrue(e.getMessage().contains("estimator__c"), e.getMessage());
        assertEquals(0.1, CalibratedClassifier.learner().with("estimator__c", "0.1").base().params().getDouble("c"));
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options rowOrder = LearnerContract.Options.DEFAULT.withOrderInvariant(false);
        return Stream.of(
                LearnerContract.tests(CalibratedClassifier.learner(), BC, rowOrder),
                LearnerContract.tests(CalibratedClassifier.of(logistic()).method("isotonic").cv(3), IRIS, rowOrder),
                LearnerContract.tests(CalibratedClassifier.of(logistic()).ensemble(false).cv(3), IRIS, rowOrder)).flatMap(s -> s);
    }
}
