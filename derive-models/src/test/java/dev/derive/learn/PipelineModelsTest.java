package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LinearModel;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.neighbors.KNeighborsClassifierModel;
import dev.derive.preprocess.MinMaxScaler;
import dev.derive.preprocess.StandardScaler;
import dev.derive.preprocess.StandardScalerModel;
import dev.derive.testing.Fixtures;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Pipeline} with the first real learners (ridge, k-NN) against scikit-learn 1.2.1's
 * {@code make_pipeline} (fixture from tools/gen_preprocess_fixtures.py; fitted on rows i % 3 != 0,
 * predicting all rows).
 */
class PipelineModelsTest {

    private static final Fixtures FX = Fixtures.load("preprocess_sklearn.txt");

    private static int[] train(int n) {
        return IntStream.range(0, n).filter(i -> i % 3 != 0).toArray();
    }

    private static int[] ints(double[] v) {
        return java.util.Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    private static void assertClose(double[] expected, double[] actual, double rtol, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], rtol * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    @Test
    void scalerRidgeMatchesSklearnAndFittingByHand() {
        Matrix x = FX.matrix("diabetes_X");
        Dataset all = Dataset.regression(x, FX.vector("diabetes_y"));
        Dataset tr = all.subset(train(x.rows()));
        Pipeline<PipelineRegressor> pipe = Pipeline.of(StandardScaler.learner(), Ridge.learner()).regressor();
        assertEquals("[standard_scaler__with_mean, standard_scaler__with_std, ridge__alpha, ridge__fit_intercept, ridge__solver]",
                pipe.params().names().toString());
        PipelineRegressor m = pipe.with("ridge__alpha", 0.1).fit(tr);
        LinearModel ridge = (LinearModel) m.finalModel();
        assertEquals(0.1, ridge.params().getDouble("alpha"), "ridge__alpha reached the inner learner");
        assertClose(FX.vector("pipe_scaler_ridge_coef"), ridge.coefficients(), 1e-10, "coefficients");
        assertClose(FX.vector("pipe_scaler_ridge_pred"), m.predict(x), 1e-10, "predictions");
        // by hand
        StandardScalerModel s = StandardScaler.learner().fit(tr);
        LinearModel r = Ridge.learner().alpha(0.1).fit(s.transform(tr));
        assertArrayEquals(r.predict(s.transform(x)), m.predict(x));
    }

    @Test
    void scalerKnnRegressorMatchesSklearn() {
        Matrix x = FX.matrix("diabetes_X");
        Dataset tr = Dataset.regression(x, FX.vector("diabetes_y")).subset(train(x.rows()));
        PipelineRegressor m = Pipeline.of(StandardScaler.learner(), KNeighbors.regressor())
                .with("knn__n_neighbors", 7).with("knn__weights", "distance").regressor().fit(tr);
        assertClose(FX.vector("pipe_scaler_knn_reg_pred"), m.predict(x), 1e-12, "k-NN regression");
    }

    @Test
    void minMaxKnnClassifierMatchesSklearnAndScalingMatters() {
        Matrix x = FX.matrix("wine_X");
        int[] y = ints(FX.vector("wine_y"));
        Dataset tr = Dataset.classification(x, y).subset(train(x.rows()));
        PipelineClassifier m = Pipeline.of(Pipeline.step("scale", MinMaxScaler.learner()),
                Pipeline.step("knn", KNeighbors.classifier())).classifier().fit(tr);
        int[] pred = m.predict(x);
        assertArrayEquals(ints(FX.vector("pipe_minmax_knn_pred")), pred);
        Matrix proba = m.predictProba(x);
        Matrix expected = FX.matrix("pipe_minmax_knn_proba");
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.get(i, c), proba.get(i, c), 1e-15, "probability (" + i + ", " + c + ")");
            }
        }
        int[] unscaled = KNeighbors.classifier().fit(tr).predict(x);
        assertArrayEquals(ints(FX.vector("knn_unscaled_pred")), unscaled);
        int differ = 0;
        for (int i = 0; i < pred.length; i++) {
            differ += pred[i] != unscaled[i] ? 1 : 0;
        }
        assertTrue(differ > 10, "scaling changes the neighbours of many rows: " + differ);
        assertEquals(5, ((KNeighborsClassifierModel) m.step("knn")).params().getInt("n_neighbors"));
    }
}
