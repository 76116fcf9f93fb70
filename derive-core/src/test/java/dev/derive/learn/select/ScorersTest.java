package dev.derive.learn.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.learn.select.TinyLearners.CentroidModel;
import dev.derive.learn.select.TinyLearners.Centroids;
import dev.derive.learn.select.TinyLearners.RidgeModel;
import dev.derive.learn.select.TinyLearners.TinyRidge;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScorersTest {

    @Test
    void namesDirectionsAndDefaults() {
        assertEquals(List.of("accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "f1_micro", "precision_macro",
                "precision_weighted", "recall_macro", "recall_weighted", "log_loss", "roc_auc", "roc_auc_ovr",
                "roc_auc_ovr_weighted", "average_precision", "brier", "r2", "explained_variance", "mse", "rmse", "mae",
                "median_absolute_error"), Scorers.names());
        for (Scorer s : Scorers.all()) {
            assertSame(s, Scorers.byName(s.name()));
            boolean loss = List.of("log_loss", "brier", "mse", "rmse", "mae", "median_absolute_error").contains(s.name());
            assertEquals(!loss, s.greaterIsBetter(), s.name());
        }
        assertEquals(List.of(Scorers.ACCURACY, Scorers.BALANCED_ACCURACY, Scorers.F1_MACRO, Scorers.LOG_LOSS, Scorers.ROC_AUC),
                Scorers.defaultsFor(Dataset.Task.CLASSIFICATION));
        assertEquals(List.of(Scorers.R2, Scorers.RMSE, Scorers.MAE), Scorers.defaultsFor(Dataset.Task.REGRESSION));
        assertThrows(IllegalArgumentException.class, () -> Scorers.defaultsFor(Dataset.Task.UNSUPERVISED));
        List<Scorer> multi = Scorers.applicable(Dataset.Task.CLASSIFICATION, 3);
        assertFalse(multi.contains(Scorers.BRIER) || multi.contains(Scorers.AVERAGE_PRECISION) || multi.contains(Scorers.R2));
        assertTrue(Scorers.applicable(Dataset.Task.CLASSIFICATION, 2).contains(Scorers.BRIER));
        assertEquals(List.of(Scorers.R2, Scorers.EXPLAINED_VARIANCE, Scorers.MSE, Scorers.RMSE, Scorers.MAE, Scorers.MEDIAN_ABSOLUTE_ERROR),
                Scorers.applicable(Dataset.Task.REGRESSION, 0));
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.byName("r_2"));
        assertTrue(e.getMessage().startsWith("unknown scorer 'r_2' (did you mean 'r2'?); valid scorers: accuracy,"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scorers.byName("zzzzzzzzzz"));
        assertTrue(e.getMessage().startsWith("unknown scorer 'zzzzzzzzzz'; valid scorers: "), e.getMessage());
    }

    @Test
    void scikitLearnNegatedNamesReturnTheNegatedLoss() {
        Dataset data = TinyLearners.linear(40, 2, 3);
        RidgeModel m = TinyRidge.learner().fit(data);
        for (String[] pair : new String[][] {{"neg_mean_squared_error", "mse"}, {"neg_root_mean_squared_error", "rmse"},
                {"neg_mean_absolute_error", "mae"}, {"neg_median_absolute_error", "median_absolute_error"}}) {
            Scorer neg = Scorers.byName(pair[0]);
            assertTrue(neg.greaterIsBetter());
            assertEquals(pair[0], neg.name());
            assertEquals(-Scorers.byName(pair[1]).score(m, data), neg.score(m, data));
        }
        Dataset blobs = TinyLearners.blobs(60, 3, 3, 2);
        CentroidModel c = Centroids.learner().fit(blobs);
        assertEquals(-Scorers.LOG_LOSS.score(c, blobs), Scorers.byName("neg_log_loss").score(c, blobs));
        assertFalse(Scorers.byName("neg_brier_score").supports(Dataset.Task.CLASSIFICATION, 3));
    }

    @Test
    void binaryScorersUseTheProbabilityOfClassOne() {
        Dataset data = TinyLearners.blobs(80, 2, 3, 4);
        CentroidModel m = Centroids.learner().fit(data);
        int[] y = data.labels();
        double[] p1 = m.predictProba(data.features()).columnArray(1);
        assertEquals(ClassificationMetrics.rocAuc(y, p1), Scorers.ROC_AUC.score(m, data));
        assertEquals(ClassificationMetrics.brierScore(y, p1), Scorers.BRIER.score(m, data));
        assertEquals(ClassificationMetrics.averagePrecision(y, p1), Scorers.AVERAGE_PRECISION.score(m, data));
        assertEquals(ClassificationMetrics.logLoss(y, m.predictProba(data.features())), Scorers.LOG_LOSS.score(m, data));
        // a single-class test set has no AUC
        Dataset ones = data.subset(IntStream.range(0, data.size()).filter(i -> y[i] == 1).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.ROC_AUC.score(m, ones));
        assertTrue(e.getMessage().contains("Only one class"), e.getMessage());
    }

    @Test
    void sampleWeightsOfTheTestSetWeightTheScore() {
        Dataset data = TinyLearners.blobs(60, 3, 3, 5);
        CentroidModel m = Centroids.learner().fit(data);
        double[] w = IntStream.range(0, 60).mapToDouble(i -> 1 + i % 4).toArray();
        Dataset weighted = data.withWeights(w);
        int[] pred = m.predict(data.features());
        assertEquals(ClassificationMetrics.accuracy(data.labels(), pred, w), Scorers.ACCURACY.score(m, weighted));
        assertEquals(ClassificationMetrics.logLoss(data.labels(), m.predictProba(data.features()), w), Scorers.LOG_LOSS.score(m, weighted));
    }

    @Test
    void classesAreMatchedByName() {
        // the model knows classes a, b, c; the test set was encoded on its own with classes c, a, d
        Dataset train = TinyLearners.blobs(90, 3, 3, 6);
        Dataset named = Dataset.classification(train.features(), train.labels(), List.of("a", "b", "c"));
        CentroidModel m = Centroids.learner().fit(named);
        Dataset probe = TinyLearners.blobs(30, 3, 3, 7);
        int[] original = probe.labels(); // 0 = a, 1 = b, 2 = c; relabel b rows as the unknown class d
        String[] names = {"a", "d", "c"};
        List<String> testClasses = List.of("c", "a", "d");
        int[] coded = IntStream.of(original).map(v -> testClasses.indexOf(names[v])).toArray();
        Dataset test = Dataset.classification(probe.features(), coded, testClasses);

        // expected, in the space a, b, c, d
        int[] truth = IntStream.of(original).map(v -> v == 1 ? 3 : v).toArray();
        int[] pred = m.predict(probe.features());
        Matrix p3 = m.predictProba(probe.features());
        Matrix p4 = Matrix.zeros(30, 4);
        p4.block(0, 0, 30, 3).assign(p3);
        assertEquals(ClassificationMetrics.accuracy(truth, pred), Scorers.ACCURACY.score(m, test));
        assertEquals(ClassificationMetrics.logLoss(truth, p4), Scorers.LOG_LOSS.score(m, test));
        double acc = Scorers.ACCURACY.score(m, test);
        assertTrue(acc <= 2.0 / 3 + 1e-12, "the d rows can never be right: " + acc);

        // the same data with the model's own encoding give the plain metrics
        Dataset same = Dataset.classification(probe.features(), original, List.of("a", "b", "c"));
        assertEquals(ClassificationMetrics.accuracy(original, pred), Scorers.ACCURACY.score(m, same));
    }

    @Test
    void aScorerRefusesAModelOrDataOfTheWrongKind() {
        Dataset blobs = TinyLearners.blobs(30, 3, 3, 8);
        Dataset linear = TinyLearners.linear(30, 3, 8);
        CentroidModel c = Centroids.learner().fit(blobs);
        RidgeModel r = TinyRidge.learner().fit(linear);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.R2.score(c, blobs));
        assertTrue(e.getMessage().contains("scorer 'r2' is for regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scorers.ACCURACY.score(r, blobs));
        assertTrue(e.getMessage().contains("needs a classifier, but model 'tiny_ridge'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scorers.BRIER.score(c, blobs));
        assertTrue(e.getMessage().contains("binary classification"), e.getMessage());
    }
}
