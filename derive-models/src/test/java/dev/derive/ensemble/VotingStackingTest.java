package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.Split;
import dev.derive.learn.Learner;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LogisticRegression;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import dev.derive.tree.DecisionTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Voting and stacking against scikit-learn 1.2.1's VotingClassifier/Regressor and
 * StackingClassifier/Regressor ({@code tools/gen_voting_stacking_fixtures.py}) with base learners Derive
 * reproduces (logistic regression converged to the optimum: scikit-learn's newton-cg at tol 1e-10, Derive's Newton
 * at 1e-12; k-NN; shallow CART; on standardised iris and breast cancer features) and fixed folds (row i in
 * test fold i % 5): probabilities and predictions agree to 1e-8; plus the learner contract.
 */
class VotingStackingTest {

    static final Fixtures FX = Fixtures.load("voting_stacking_sklearn.txt");
    static final Fixtures DATA = Fixtures.load("cart_sklearn.txt");
    static final Dataset IRIS = cls("iris");
    static final Dataset BC = cls("bc");
    static final Dataset DIABETES = Dataset.regression(DATA.matrix("diabetes_X"), DATA.vector("diabetes_y"));

    static Dataset cls(String name) {
        // standardised features from this fixture, labels from the CART fixture
        return Dataset.classification(FX.matrix(name + "_X"), Arrays.stream(DATA.vector(name + "_y")).mapToInt(d -> (int) d).toArray());
    }

    /** Row i in test fold i % 5, as the fixture's folds. */
    static final CrossValidator MOD5 = new CrossValidator() {
        @Override
        public int numSplits() {
            return 5;
        }

        @Override
        public List<Split> split(int n, int[] labels, int[] groups) {
            List<Split> s = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                int kk = k;
                s.add(new Split(IntStream.range(0, n).filter(i -> i % 5 != kk).toArray(), IntStream.range(0, n).filter(i -> i % 5 == kk).toArray()));
            }
            return s;
        }
    };

    static LogisticRegression logistic() {
        return LogisticRegression.learner().with("solver", "newton").with("tol", 1e-12).with("max_iter", 1000);
    }

    static List<Learner<?>> clsBases() {
        return List.of(logistic(), KNeighbors.classifier(), DecisionTree.classifier().maxDepth(2));
    }

    static List<Learner<?>> regBases() {
        return List.of(Ridge.learner().alpha(1.0), KNeighbors.regressor(), DecisionTree.regressor().maxDepth(3));
    }

    static void checkProba(String c, Matrix got, double tol) {
        Matrix e = FX.matrix(c + "_proba");
        assertEquals(e.rows(), got.rows());
        assertEquals(e.cols(), got.cols());
        for (int i = 0; i < e.rows(); i++) {
            for (int j = 0; j < e.cols(); j++) {
                assertEquals(e.get(i, j), got.get(i, j), tol, c + ": probability (" + i + ", " + j + ")");
            }
        }
    }

    static void checkLabels(String c, int[] got) {
        assertArrayEquals(Arrays.stream(FX.vector(c + "_pred")).mapToInt(d -> (int) d).toArray(), got, c + ": predictions");
    }

    @Test
    void softVotingMatchesScikitLearn() {
        VotingClassifierModel m = Voting.classifier(clsBases()).voting("soft").weights(2, 1, 1).fit(IRIS);
        checkProba("iris_soft", m.predictProba(IRIS.features()), 1e-8);
        checkLabels("iris_soft", m.predict(IRIS.features()));
    }

    @Test
    void hardVotingMatchesScikitLearn() {
        VotingClassifierModel m = Voting.classifier(clsBases()).weights(1, 2, 1).fit(IRIS);
        checkLabels("iris_hard", m.predict(IRIS.features()));
        Matrix shares = m.predictProba(IRIS.features());
        for (int i = 0; i < shares.rows(); i++) {
            double s = 0;
            for (int j = 0; j < shares.cols(); j++) {
                s += shares.get(i, j);
                assertEquals(0, (shares.get(i, j) * 4) % 1, 1e-12, "vote shares are multiples of 1/4");
            }
            assertEquals(1, s, 1e-12);
        }
    }

    @Test
    void stackingClassifierMatchesScikitLearn() {
        StackingClassifierModel m = Stacking.classifier(clsBases()).finalLearner(logistic()).cv(MOD5).fit(IRIS);
        checkProba("iris_stack", m.predictProba(IRIS.features()), 1e-8);
        checkLabels("iris_stack", m.predict(IRIS.features()));
        StackingClassifierModel mp = Stacking.classifier(clsBases()).finalLearner(logistic()).cv(MOD5).passthrough(true).fit(IRIS);
        checkProba("iris_stack_pass", mp.predictProba(IRIS.features()), 1e-8);
    }

    @Test
    void binaryStackingKeepsOneColumnPerEstimator() {
        StackingClassifierModel m = Stacking.classifier(List.of(logistic(), KNeighbors.classifier()))
                .finalLearner(logistic()).cv(MOD5).fit(BC);
        assertEquals(2, m.finalModel().schema().featureCount());
        checkProba("bc_stack", m.predictProba(BC.features()), 1e-8);
    }

    @Test
    void regressorsMatchScikitLearn() {
        VotingRegressorModel v = Voting.regressor(regBases()).weights(1, 2, 3).fit(DIABETES);
        assertArrayEquals(FX.vector("diabetes_vote_pred"), v.predict(DIABETES.features()), 1e-8);
        StackingRegressorModel s = Stacking.regressor(regBases()).cv(MOD5).fit(DIABETES);
        assertArrayEquals(FX.vector("diabetes_stack_pred"), s.predict(DIABETES.features()), 1e-8);
        StackingRegressorModel sp = Stacking.regressor(regBases()).cv(MOD5).passthrough(true).fit(DIABETES);
        assertArrayEquals(FX.vector("diabetes_stack_pass_pred"), sp.predict(DIABETES.features()), 1e-8);
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Voting.classifier(clsBases()).weights(1, 2));
        assertThrows(IllegalArgumentException.class, () -> Voting.classifier(List.of(Ridge.learner())));
        assertThrows(IllegalArgumentException.class, () -> Voting.classifier(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Stacking.regressor(regBases()).finalLearner(logistic()));
        assertThrows(IllegalArgumentException.class, () -> Voting.classifier(clsBases()).voting("medium"));
    }

    static Dataset small(Dataset d, int n) {
        return d.subset(IntStream.range(0, n).map(i -> i * (d.size() / n)).toArray());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withOrderInvariant(false);
        List<Learner<?>> cb = List.of(LogisticRegression.learner(), KNeighbors.classifier(), DecisionTree.classifier().maxDepth(3));
        return Stream.of(
                LearnerContract.tests(Voting.classifier(cb).voting("soft").weights(1, 2, 1), small(IRIS, 75), o),
                LearnerContract.tests(Voting.classifier(cb), small(IRIS, 75), o),
                LearnerContract.tests(Voting.regressor(regBases()), small(DIABETES, 100), o),
                LearnerContract.tests(Stacking.classifier(cb).cv(3), small(IRIS, 75), o),
                LearnerContract.tests(Stacking.regressor(regBases()).passthrough(true), small(DIABETES, 100), o)).flatMap(s -> s);
    }
}
