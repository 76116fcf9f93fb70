package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LinearModel;
import dev.derive.linear.LinearRegression;
import dev.derive.linear.LinearSVC;
import dev.derive.linear.LogisticModel;
import dev.derive.linear.LogisticRegression;
import dev.derive.neighbors.KNeighbors;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import dev.derive.tree.DecisionTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AdaBoost (SAMME, SAMME.R) and AdaBoost.R2 over any base learner: a CART base reproduces the built-in tree path
 * (bit for bit for the classifier), logistic / least-squares bases match scikit-learn 1.2.1
 * ({@code tools/gen_adaboost_estimator_fixtures.py}), persistence round-trips, the learner contract holds, and bases
 * that cannot be boosted are refused with a clear message.
 */
class AdaBoostEstimatorTest {

    static final Fixtures CART = Fixtures.load("cart_sklearn.txt");
    static final Fixtures FX = Fixtures.load("adaboost_estimator_sklearn.txt");

    static int[] ints(double[] v) {
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    static Dataset cart(String name) {
        return Dataset.classification(CART.matrix(name + "_X"), ints(CART.vector(name + "_y")));
    }

    static final Dataset DIABETES = Dataset.regression(CART.matrix("diabetes_X"), CART.vector("diabetes_y"));
    static final Dataset BC = Dataset.classification(FX.matrix("bc_X"), ints(FX.vector("bc_y")));

    /** The tight logistic regression the fixture's scikit-learn base matches (C = 100, Newton, tolerance 1e-12). */
    static LogisticRegression logistic() {
        return LogisticRegression.learner().c(100.0).solver("newton").tol(1e-12).maxIter(200);
    }

    static void assertSameClassifier(AdaBoostClassifierModel a, AdaBoostClassifierModel b, Matrix x) {
        assertArrayEquals(a.estimatorWeights(), b.estimatorWeights());
        assertArrayEquals(a.estimatorErrors(), b.estimatorErrors());
        assertEquals(0.0, a.decisionFunction(x).maxAbsDiff(b.decisionFunction(x)));
        assertEquals(0.0, a.predictProba(x).maxAbsDiff(b.predictProba(x)));
        assertArrayEquals(a.predict(x), b.predict(x));
    }

    /** (a) A CART base of depth 1 (or deeper) gives the built-in trees' ensemble bit for bit, SAMME and SAMME.R, weighted or not. */
    @Test
    void cartBaseIsTheBuiltInPathBitForBit() {
        for (String name : new String[] {"wine", "bc", "iris"}) {
            Dataset d = cart(name);
            double[] sw = new double[d.size()];
            for (int i = 0; i < sw.length; i++) {
                sw[i] = 1 + (i % 3);
            }
            for (String algorithm : new String[] {"samme", "samme.r"}) {
                AdaBoostClassifierModel builtIn = AdaBoost.classifier().algorithm(algorithm).seed(3).fit(d);
                AdaBoostClassifierModel any = AdaBoost.classifier(DecisionTree.classifier().maxDepth(1)).algorithm(algorithm).seed(3).fit(d);
                assertEquals(builtIn.trees().size(), any.models().size(), name + " " + algorithm);
                assertSameClassifier(builtIn, any, d.features());
                AdaBoostClassifierModel deepBuiltIn = AdaBoost.classifier().maxDepth(3).learningRate(0.5).algorithm(algorithm).nEstimators(15)
                        .fit(d.withWeights(sw));
                AdaBoostClassifierModel deepAny = AdaBoost.classifier(DecisionTree.classifier().maxDepth(3)).learningRate(0.5).algorithm(algorithm)
                        .nEstimators(15).fit(d.withWeights(sw));
                assertSameClassifier(deepBuiltIn, deepAny, d.features());
            }
        }
    }

    /**
     * AdaBoost.R2 with a CART regression base against the built-in trees: the same draws, and trees grown on repeated
     * rows instead of draw-count weights; the same splits, so estimator weights and predictions agree to rounding.
     */
    @Test
    void cartRegressionBaseAgreesWithTheBuiltInPath() {
        AdaBoostRegressorModel builtIn = AdaBoostR2.regressor().nEstimators(20).seed(5).fit(DIABETES);
        AdaBoostRegressorModel any = AdaBoostR2.regressor(DecisionTree.regressor().maxDepth(3)).nEstimators(20).seed(5).fit(DIABETES);
        double[] a = builtIn.estimatorWeights();
        double[] b = any.estimatorWeights();
        assertEquals(a.length, b.length);
        for (int m = 0; m < a.length; m++) {
            assertEquals(a[m], b[m], 1e-9 * Math.abs(a[m]), "weight of round " + m);
        }
        double[] pa = builtIn.predict(DIABETES.features());
        double[] pb = any.predict(DIABETES.features());
        for (int i = 0; i < pa.length; i++) {
            assertEquals(pa[i], pb[i], 1e-9 * Math.max(1, Math.abs(pa[i])), "prediction of row " + i);
        }
    }

    /** The base fits' intercepts then coefficients (class-major), as the fixture stores scikit-learn's. */
    static double[] coef(Model m) {
        if (m instanceof LogisticModel l) {
            Matrix c = l.coefficients();
            double[] out = new double[l.intercepts().length + c.rows() * c.cols()];
            System.arraycopy(l.intercepts(), 0, out, 0, l.intercepts().length);
            int k = l.intercepts().length;
            for (int r = 0; r < c.rows(); r++) {
                for (int j = 0; j < c.cols(); j++) {
                    out[k++] = c.get(r, j);
                }
            }
            return out;
        }
        LinearModel lm = (LinearModel) m;
        double[] out = new double[lm.coefficients().length + 1];
        out[0] = lm.intercept();
        System.arraycopy(lm.coefficients(), 0, out, 1, lm.coefficients().length);
        return out;
    }

    static double maxRel(double[] expected, double[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
        }
        return worst;
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }

    static void compareClassifier(String name, Dataset d, String algorithm, double coefTol, double outTol) {
        AdaBoostClassifierModel m = AdaBoost.classifier(logistic()).algorithm(algorithm).nEstimators(10).fit(d);
        Matrix coefRef = FX.matrix(name + "_coef");
        assertEquals(coefRef.rows(), m.models().size(), name + " rounds");
        double worst = 0;
        for (int t = 0; t < coefRef.rows(); t++) {
            double[] ours = coef(m.models().get(t));
            double[] ref = coefRef.rowArray(t);
            for (int j = 0; j < ref.length; j++) {
                worst = Math.max(worst, Math.abs(ours[j] - ref[j]) / Math.max(1, Math.abs(ref[j])));
            }
        }
        System.out.printf("%s: base coefficients within %.2e (relative)%n", name, worst);
        for (Classifier c : m.models()) { // every base fit is the exact optimum of its weighted objective
            double kkt = c.report().extra().get("kkt_residual");
            assertTrue(kkt < 1e-10, name + " base KKT residual " + kkt);
        }
        for (int t = 0; t < coefRef.rows(); t++) {
            assertClose(coefRef.rowArray(t), coef(m.models().get(t)), coefTol, name + " coefficients of round " + t);
        }
        assertClose(FX.vector(name + "_weights"), m.estimatorWeights(), outTol, name + " estimator weights");
        assertClose(FX.vector(name + "_errors"), m.estimatorErrors(), outTol, name + " estimator errors");
        double proba = m.predictProba(d.features()).maxAbsDiff(FX.matrix(name + "_proba"));
        assertTrue(proba < outTol, name + " probabilities differ by " + proba);
        assertArrayEquals(ints(FX.vector(name + "_pred")), m.predict(d.features()), name + " predictions");
        System.out.printf("%s: %d rounds; base coefficients within %.2e (relative), probabilities within %.2e of scikit-learn%n", name,
                coefRef.rows(), worst, proba);
    }

    /** (b) SAMME over logistic regression on breast cancer (binary) and iris (K = 3) as scikit-learn's. */
    @Test
    void sammeOverLogisticMatchesScikitLearn() {
        compareClassifier("bc_samme", BC, "samme", 1e-9, 1e-9);
        // scikit-learn 1.2's multinomial solvers stop short of the optimum on these weights (newton-cg: 1000 iterations, largest
        // gradient component ~9e-8), so its iris base fits are ~6e-5 (relative) from ours, which satisfy the KKT conditions
        compareClassifier("iris_samme", cart("iris"), "samme", 1e-4, 1e-9);
    }

    /** (b) SAMME.R over logistic regression on breast cancer as scikit-learn's. */
    @Test
    void sammeROverLogisticMatchesScikitLearn() {
        compareClassifier("bc_sammer", BC, "samme.r", 1e-9, 1e-9);
    }

    /** (b) AdaBoost.R2 over least squares on diabetes, replaying scikit-learn's bootstrap draws. */
    @Test
    void r2OverLeastSquaresMatchesScikitLearn() {
        for (String loss : new String[] {"linear", "square"}) {
            String name = "diab_" + loss;
            Matrix draws = FX.matrix(name + "_draws");
            AdaBoostR2 learner = AdaBoostR2.regressor(LinearRegression.learner()).loss(loss).nEstimators(10);
            AdaBoostRegressorModel m = learner.fitWithDraws(DIABETES, (w, rng, round) -> ints(draws.rowArray(round)));
            Matrix coefRef = FX.matrix(name + "_coef");
            assertEquals(coefRef.rows(), m.models().size(), name + " rounds");
            for (int t = 0; t < coefRef.rows(); t++) {
                assertClose(coefRef.rowArray(t), coef(m.models().get(t)), 1e-8, name + " coefficients of round " + t);
            }
            assertClose(FX.vector(name + "_weights"), m.estimatorWeights(), 1e-9, name + " estimator weights");
            assertClose(FX.vector(name + "_errors"), m.estimatorErrors(), 1e-9, name + " estimator errors");
            assertClose(FX.vector(name + "_pred"), m.predict(DIABETES.features()), 1e-9, name + " predictions");
            System.out.printf("%s: %d rounds; weights within %.2e, predictions within %.2e (relative) of scikit-learn%n", name, m.models().size(),
                    maxRel(FX.vector(name + "_weights"), m.estimatorWeights()), maxRel(FX.vector(name + "_pred"), m.predict(DIABETES.features())));
        }
    }

    /** The R2 recursion over any base: with the built-in sampler the model replays its own draws. */
    @Test
    void r2DefaultSamplerIsTheSeededInverseCdf() {
        AdaBoostR2 learner = AdaBoostR2.regressor(LinearRegression.learner()).nEstimators(5).seed(9);
        AdaBoostRegressorModel a = learner.fit(DIABETES);
        AdaBoostRegressorModel b = learner.fitWithDraws(DIABETES, AdaBoostEstimators::inverseCdfDraws);
        assertArrayEquals(a.estimatorWeights(), b.estimatorWeights());
        assertArrayEquals(a.predict(DIABETES.features()), b.predict(DIABETES.features()));
    }

    @Test
    void persistenceRoundTripKeepsKindAndOutputs() throws Exception {
        Dataset wine = cart("wine");
        AdaBoostClassifierModel c = AdaBoost.classifier(logistic().c(10.0)).nEstimators(4).fit(BC);
        AdaBoostClassifierModel c2 = (AdaBoostClassifierModel) roundTrip(c);
        assertEquals(AdaBoost.ESTIMATOR_CLASSIFIER_KIND, c2.kind());
        assertEquals("logistic", c2.estimator());
        assertEquals(c.params(), c2.params());
        assertSameClassifier(c, c2, BC.features());
        AdaBoostClassifierModel stumps = AdaBoost.classifier(DecisionTree.classifier().maxDepth(1)).algorithm("samme.r").nEstimators(5).fit(wine);
        assertSameClassifier(stumps, (AdaBoostClassifierModel) roundTrip(stumps), wine.features());
        AdaBoostRegressorModel r = AdaBoostR2.regressor(LinearRegression.learner()).nEstimators(4).fit(DIABETES);
        AdaBoostRegressorModel r2 = (AdaBoostRegressorModel) roundTrip(r);
        assertEquals(AdaBoostRegressorModel.ESTIMATOR_KIND, r2.kind());
        assertArrayEquals(r.estimatorWeights(), r2.estimatorWeights());
        assertArrayEquals(r.predict(DIABETES.features()), r2.predict(DIABETES.features()));
        // the built-in tree models keep their kinds and layout
        assertEquals(AdaBoost.CLASSIFIER_KIND, AdaBoost.classifier().nEstimators(2).fit(wine).kind());
        assertNull(AdaBoost.classifier().nEstimators(2).fit(wine).estimator());
        assertEquals(AdaBoostRegressorModel.KIND, AdaBoostR2.regressor().nEstimators(2).fit(DIABETES).kind());
    }

    static Model roundTrip(Model m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, java.util.Map.of());
        return Models.read(new ByteArrayInputStream(out.toByteArray()), Model.class, "round trip", Models.Limits.DEFAULT);
    }

    @Test
    void nestedParametersReachTheBase() {
        AdaBoost a = AdaBoost.classifier(LogisticRegression.learner()).with("estimator__c", 10.0).with("n_estimators", 3);
        assertEquals(10.0, a.base().params().getDouble("c"));
        assertEquals(10.0, a.params().getDouble("estimator__c"));
        AdaBoostClassifierModel m = a.fit(BC);
        assertEquals(10.0, m.models().get(0).params().getDouble("c"));
        AdaBoostR2 r = AdaBoostR2.regressor(DecisionTree.regressor()).with("estimator__max_depth", 2);
        assertEquals(2, r.base().params().getInt("max_depth"));
        assertNull(AdaBoost.classifier().base());
        // the tree parameters belong to the built-in path only
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaBoost.classifier(LogisticRegression.learner()).maxDepth(2));
        assertTrue(e.getMessage().contains("max_depth"), e.getMessage());
    }

    @Test
    void basesThatCannotBeBoostedAreRefused() {
        IllegalArgumentException knn = assertThrows(IllegalArgumentException.class, () -> AdaBoost.classifier(KNeighbors.classifier()));
        assertTrue(knn.getMessage().contains("ignores sample weights"), knn.getMessage());
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class, () -> AdaBoost.classifier(LinearRegression.learner()));
        assertTrue(task.getMessage().contains("same task"), task.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdaBoostR2.regressor(LogisticRegression.learner()));
        IllegalArgumentException svm = assertThrows(IllegalArgumentException.class,
                () -> AdaBoost.classifier(LinearSVC.learner()).algorithm("samme.r").nEstimators(3).fit(BC));
        assertTrue(svm.getMessage().contains("samme.r") && svm.getMessage().contains("probabilities"), svm.getMessage());
        // SAMME only needs predicted classes: a margin classifier is fine
        AdaBoostClassifierModel m = AdaBoost.classifier(LinearSVC.learner()).nEstimators(3).fit(BC);
        assertTrue(m.models().size() >= 1);
        assertEquals(BC.size(), m.predict(BC.features()).length);
    }

    /** SAMME with a base that honours weights: the reweighting changes the base fits (the first two rounds differ). */
    @Test
    void roundsSeeTheReweightedRows() {
        AdaBoostClassifierModel m = AdaBoost.classifier(logistic()).nEstimators(3).fit(BC);
        assertTrue(m.models().size() >= 2);
        double[] c0 = coef(m.models().get(0));
        double[] c1 = coef(m.models().get(1));
        double diff = 0;
        for (int j = 0; j < c0.length; j++) {
            diff = Math.max(diff, Math.abs(c0[j] - c1[j]));
        }
        assertTrue(diff > 1e-3, "round 2's model equals round 1's: the weights were not used");
        // and round 1 is the base fitted on the uniform weights 1/n
        double[] w = new double[BC.size()];
        Arrays.fill(w, 1.0 / BC.size());
        assertClose(coef(logistic().fit(BC.withWeights(w))), c0, 0, "round 1");
    }

    static Dataset small(Dataset d, int n) {
        return d.subset(IntStream.range(0, n).map(i -> (int) ((long) i * d.size() / n)).toArray());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.concat(
                LearnerContract.tests(AdaBoost.classifier(logistic()).nEstimators(5), small(BC, 150),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                Stream.concat(
                        LearnerContract.tests(AdaBoost.classifier(logistic()).algorithm("samme.r").nEstimators(4), small(cart("wine"), 90),
                                LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                        LearnerContract.tests(AdaBoostR2.regressor(LinearRegression.learner()).nEstimators(5), small(DIABETES, 120),
                                LearnerContract.Options.DEFAULT.withOrderInvariant(false))));
    }

    /** A seeded, internally parallel base (a small random forest): the same model for 1 and 2 threads, and a new seed changes it. */
    @Test
    void bitIdenticalWhateverTheThreadCount() {
        Dataset wine = cart("wine");
        AdaBoost learner = AdaBoost.classifier(RandomForest.classifier().with("n_estimators", 4).with("max_depth", 2)).nEstimators(4).seed(7);
        int saved = dev.derive.runtime.Parallelism.threads();
        try {
            dev.derive.runtime.Parallelism.setThreads(1);
            AdaBoostClassifierModel one = learner.fit(wine);
            dev.derive.runtime.Parallelism.setThreads(2);
            AdaBoostClassifierModel two = learner.fit(wine);
            assertSameClassifier(one, two, wine.features());
            AdaBoostClassifierModel other = learner.seed(8).fit(wine);
            assertTrue(one.predictProba(wine.features()).maxAbsDiff(other.predictProba(wine.features())) > 0, "the seed reaches the base");
        } finally {
            dev.derive.runtime.Parallelism.setThreads(saved);
        }
    }

    /** A base fit that stops short of convergence is reported as a warning of the ensemble. */
    @Test
    void unconvergedBaseFitsAreWarned() {
        AdaBoostClassifierModel m = AdaBoost.classifier(LogisticRegression.learner().maxIter(1)).nEstimators(2).fit(BC);
        assertTrue(m.report().warnings().stream().anyMatch(s -> s.contains("estimator 0 (logistic) did not converge")),
                m.report().warnings().toString());
        assertTrue(AdaBoost.classifier(logistic()).nEstimators(2).fit(BC).report().warnings().isEmpty());
    }

    /** Sanity: the models are what they claim. */
    @Test
    void modelsAreOfTheBaseKind() {
        AdaBoostClassifierModel m = AdaBoost.classifier(logistic()).nEstimators(2).fit(BC);
        for (Classifier c : m.models()) {
            assertEquals("logistic", c.kind());
        }
        AdaBoostRegressorModel r = AdaBoostR2.regressor(LinearRegression.learner()).nEstimators(2).fit(DIABETES);
        for (Regressor c : r.models()) {
            assertEquals(LinearRegression.NAME, c.kind());
        }
        assertTrue(m.trees().isEmpty() && r.trees().isEmpty());
    }
}
