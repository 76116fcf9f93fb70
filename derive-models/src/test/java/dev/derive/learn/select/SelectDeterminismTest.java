package dev.derive.learn.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.KFold;
import dev.derive.data.StratifiedKFold;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LinearModel;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.runtime.Parallelism;
import dev.derive.testing.Fixtures;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Model selection with the real learners (ridge uses OpenBLAS, k-NN parallel neighbour queries): results with
 * 1 and 4 threads must be bit-identical, and the one-call entry points used by the CLI give sensible scores.
 */
class SelectDeterminismTest {

    static final Fixtures FX = Fixtures.load("select_sklearn.txt");

    static <T> T withThreads(int threads, Supplier<T> work) {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(threads);
            return work.get();
        } finally {
            Parallelism.setThreads(before);
        }
    }

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static Dataset classification(String ds) {
        double[] y = FX.vector(ds + "_y");
        return Dataset.classification(FX.matrix(ds + "_X"), IntStream.range(0, y.length).map(i -> (int) y[i]).toArray());
    }

    @Test
    void crossValidationIsIdenticalWithOneAndFourThreads() {
        Dataset d = diabetes();
        Supplier<CvResult> ridge = () -> CrossValidation.run(Ridge.learner().alpha(0.3), d, new KFold(10, true, 5),
                List.of(Scorers.R2, Scorers.RMSE, Scorers.MAE, Scorers.EXPLAINED_VARIANCE), null);
        assertEquals(withThreads(1, ridge), withThreads(4, ridge));
        Dataset wine = classification("wine");
        Supplier<CvResult> knn = () -> CrossValidation.run(KNeighbors.classifier().neighbors(7).weights("distance"), wine,
                new StratifiedKFold(5, true, 9), Scorers.applicable(wine), null);
        CvResult one = withThreads(1, knn);
        CvResult four = withThreads(4, knn);
        assertEquals(one, four);
        assertTrue(java.util.Arrays.deepEquals(one.foldScores(), four.foldScores()));
        Dataset breast = classification("breast");
        Supplier<Matrix> oof = () -> CrossValidation.crossValPredictProba(KNeighbors.classifier().neighbors(9), breast,
                new StratifiedKFold(5, true, 1));
        assertEquals(0, withThreads(1, oof).maxAbsDiff(withThreads(4, oof)));
    }

    @Test
    void searchesAreIdenticalWithOneAndFourThreads() {
        Dataset iris = classification("iris");
        GridSearch g = GridSearch.of(KNeighbors.classifier()).grid("n_neighbors", 1, 5, 15, 30).grid("weights", "uniform", "distance")
                .cv(new StratifiedKFold(5, true, 2)).scoring(Scorers.LOG_LOSS, Scorers.ACCURACY);
        SearchResult one = withThreads(1, () -> g.run(iris));
        SearchResult four = withThreads(4, () -> g.run(iris));
        assertEquals(one.results(), four.results());
        assertEquals(one.bestIndex(), four.bestIndex());
        assertArrayEquals(((dev.derive.learn.Classifier) one.bestModel()).predictProba(iris.features()).toArray(),
                ((dev.derive.learn.Classifier) four.bestModel()).predictProba(iris.features()).toArray());
        Dataset d = diabetes();
        RandomSearch rs = RandomSearch.of(Ridge.learner()).param("alpha", RandomSearch.logUniform(1e-4, 1e2))
                .param("solver", "cholesky", "svd").iterations(8).seed(21).cv(new KFold(5, true, 3)).scoring("rmse");
        SearchResult r1 = withThreads(1, () -> rs.run(d));
        SearchResult r4 = withThreads(4, () -> rs.run(d));
        assertEquals(r1.candidates(), r4.candidates());
        assertEquals(r1.results(), r4.results());
        assertArrayEquals(((LinearModel) r1.bestModel()).coefficients(), ((LinearModel) r4.bestModel()).coefficients());
    }

    @Test
    void oneCallCrossValidationAsTheCliUsesIt() {
        CvResult knn = CrossValidation.run(KNeighbors.classifier(), classification("iris"), 5, 42);
        assertEquals(List.of("accuracy", "balanced_accuracy", "f1_macro", "log_loss", "roc_auc"), knn.scorerNames());
        assertTrue(knn.mean("accuracy") > 0.9 && knn.mean("roc_auc") > 0.95, knn.toString());
        CvResult ridge = CrossValidation.run(Ridge.learner(), diabetes(), 5, 42);
        assertEquals(List.of("r2", "rmse", "mae"), ridge.scorerNames());
        assertTrue(ridge.mean("r2") > 0.4 && ridge.mean("rmse") < 60, ridge.toString());
        // the same seed gives the same folds and scores; another seed other folds
        assertEquals(ridge, CrossValidation.run(Ridge.learner(), diabetes(), 5, 42));
        assertTrue(!ridge.equals(CrossValidation.run(Ridge.learner(), diabetes(), 5, 43)));
    }
}
