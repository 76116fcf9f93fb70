package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.learn.persist.Models;
import dev.derive.linear.LogisticRegression;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.testing.LearnerContract;
import dev.derive.tree.DecisionTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Nested parameter names of bagging, voting and stacking ({@code estimator__max_depth}, {@code knn_2__n_neighbors}). */
class NestedParamsTest {

    static final Dataset IRIS = VotingStackingTest.IRIS;
    static final Dataset DIABETES = VotingStackingTest.DIABETES;

    static <M extends Model> M roundTrip(M m, Class<M> type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, java.util.Map.of());
        return Models.read(new ByteArrayInputStream(out.toByteArray()), type, "memory", Models.Limits.DEFAULT);
    }

    @Test
    void baggingExposesTheBaseLearnersParameters() {
        Bagging<BaggingClassifierModel> b = Bagging.classifier().estimators(5).seed(3);
        assertTrue(b.params().names().contains("estimator__max_depth"), b.params().names().toString());
        assertTrue(b.params().names().contains("n_estimators"));
        Bagging<BaggingClassifierModel> deep3 = b.with("estimator__max_depth", "3");
        assertEquals(3, deep3.base().params().getOptionalInt("max_depth"));
        assertEquals(3, deep3.params().getOptionalInt("estimator__max_depth"));
        // the same model as bagging a depth-3 tree given in Java
        BaggingClassifierModel direct = Bagging.classifier(DecisionTree.classifier().with("max_depth", 3)).estimators(5).seed(3).fit(IRIS);
        BaggingClassifierModel nested = deep3.fit(IRIS);
        assertArrayEquals(direct.predictProba(IRIS.features()).toArray(), nested.predictProba(IRIS.features()).toArray());
        assertEquals(direct.params(), nested.params());
        // own parameters still work and keep the nested value
        assertEquals(3, deep3.estimators(7).base().params().getOptionalInt("max_depth"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.with("estimator__max_depht", 3));
        assertTrue(e.getMessage().contains("did you mean 'estimator__max_depth'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.with("estimator__max_depth", 0));
        assertTrue(e.getMessage().startsWith("parameter estimator__max_depth = 0 is invalid"), e.getMessage());
    }

    @Test
    void baggingOfAnyBaseRoundTripsItsNestedParameters() throws IOException {
        Bagging<BaggingRegressorModel> b = Bagging.regressor(KNeighbors.regressor()).estimators(3).with("estimator__n_neighbors", 9);
        assertEquals(9, b.base().params().getInt("n_neighbors"));
        BaggingRegressorModel m = b.fit(DIABETES);
        BaggingRegressorModel back = roundTrip(m, BaggingRegressorModel.class);
        assertEquals(m.params(), back.params());
        assertEquals(9L, ((Number) back.params().get("estimator__n_neighbors")).longValue());
    }

    @Test
    void votingNamesEstimatorsLikeAPipeline() throws IOException {
        Voting<VotingClassifierModel> v = Voting.classifier(List.of(KNeighbors.classifier(), DecisionTree.classifier(),
                KNeighbors.classifier())).voting("soft");
        assertTrue(v.params().names().containsAll(List.of("voting", "knn__n_neighbors", "cart__max_depth", "knn_2__n_neighbors")),
                v.params().names().toString());
        Voting<VotingClassifierModel> changed = v.with("knn_2__n_neighbors", 15).with("cart__max_depth", 2);
        VotingClassifierModel direct = Voting.classifier(List.of(KNeighbors.classifier(), DecisionTree.classifier().with("max_depth", 2),
                KNeighbors.classifier().with("n_neighbors", 15))).voting("soft").fit(IRIS);
        VotingClassifierModel nested = changed.fit(IRIS);
        assertArrayEquals(direct.predictProba(IRIS.features()).toArray(), nested.predictProba(IRIS.features()).toArray());
        assertEquals(5, changed.params().getInt("knn__n_neighbors"));
        VotingClassifierModel back = roundTrip(nested, VotingClassifierModel.class);
        assertEquals(nested.params(), back.params());
        // weights keep the nested values
        assertEquals(15, changed.weights(1, 2, 3).params().getInt("knn_2__n_neighbors"));
    }

    @Test
    void stackingExposesBaseAndFinalEstimators() throws IOException {
        Stacking<StackingRegressorModel> s = Stacking.regressor(List.of(KNeighbors.regressor(), DecisionTree.regressor())).cv(3);
        assertTrue(s.params().names().containsAll(List.of("cv", "knn__n_neighbors", "cart__max_depth", "final_estimator__alpha")),
                s.params().names().toString());
        Stacking<StackingRegressorModel> changed = s.with("final_estimator__alpha", 10.0).with("cart__max_depth", 3);
        StackingRegressorModel direct = Stacking.regressor(List.of(KNeighbors.regressor(), DecisionTree.regressor().with("max_depth", 3)))
                .cv(3).finalLearner(Ridge.learner().alpha(10)).fit(DIABETES);
        StackingRegressorModel nested = changed.fit(DIABETES);
        assertArrayEquals(direct.predict(DIABETES.features()), nested.predict(DIABETES.features()));
        assertEquals(direct.params(), nested.params());
        StackingRegressorModel back = roundTrip(nested, StackingRegressorModel.class);
        assertEquals(nested.params(), back.params());
        // replacing the final learner replaces its nested parameters and keeps the others
        Stacking<StackingRegressorModel> knnFinal = changed.finalLearner(KNeighbors.regressor());
        assertTrue(knnFinal.params().names().contains("final_estimator__n_neighbors"));
        assertEquals(3, knnFinal.params().getOptionalInt("cart__max_depth"));
        assertEquals(3, knnFinal.params().getInt("cv"));
        Stacking<StackingClassifierModel> c = Stacking.classifier(List.of(KNeighbors.classifier())).with("final_estimator__c", 0.5);
        assertEquals(0.5, c.params().getDouble("final_estimator__c"));
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        Learner<?> v = Voting.regressor(List.of(KNeighbors.regressor(), Ridge.learner())).with("ridge__alpha", 3.0);
        return Stream.of(LearnerContract.tests(v, DIABETES),
                LearnerContract.tests(Stacking.classifier(List.<Learner<?>>of(KNeighbors.classifier(), LogisticRegression.learner()))
                        .cv(3).with("knn__n_neighbors", 7), IRIS, LearnerContract.Options.DEFAULT.withOrderInvariant(false)),
                LearnerContract.tests(Bagging.regressor(Ridge.learner()).estimators(3).with("estimator__alpha", 0.5), DIABETES,
                        LearnerContract.Options.DEFAULT.withOrderInvariant(false))).flatMap(x -> x);
    }
}
