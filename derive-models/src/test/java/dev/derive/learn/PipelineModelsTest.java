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
import dev.derive.learn.persist.Models;
import dev.derive.preprocess.OneHotEncoder;
import dev.derive.preprocess.SimpleImputer;
import dev.derive.testing.LearnerContract;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

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
        assertEquals("[standard_scaler__with_mean, standard_scaler__with_std, ridge__alpha, ridge__fit_intercept, ridge__solver, ridge__tol, ridge__max_iter]",
                pipe.params().names().toString());
        PipelineRegressor m = pipe.with("ridge__alpha", 0.1).fit(tr);
        LinearModel ridge = (LinearModel) m.finalModel();
        // the imputer adds the level missing_value to every categorical feature; only sex has such values,
        // and with categories = observed only sex gets a column for it
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

    @TestFactory
    Stream<DynamicTest> pipelinesPassTheLearnerContract() {
        Matrix x = FX.matrix("diabetes_X");
        Dataset diabetes = Dataset.regression(x, FX.vector("diabetes_y"));
        Dataset wine = Dataset.classification(FX.matrix("wine_X"), ints(FX.vector("wine_y")));
        return Stream.concat(
                LearnerContract.tests(Pipeline.of(StandardScaler.learner(), Ridge.learner().alpha(0.1)), diabetes),
                // k-NN breaks distance ties by row index: no row-order check (as in KNeighborsContractTest)
                LearnerContract.tests(Pipeline.of(MinMaxScaler.learner(), KNeighbors.classifier()), wine,
                        LearnerContract.Options.DEFAULT.withOrderInvariant(false)));
    }

    @Test
    void savedPipelinesLoadInANewModelWithIdenticalPredictions(@TempDir Path dir) throws Exception {
        Matrix x = FX.matrix("diabetes_X");
        Dataset tr = Dataset.regression(x, FX.vector("diabetes_y")).subset(train(x.rows()));
        PipelineRegressor ridge = Pipeline.of(StandardScaler.learner(), Ridge.learner()).with("ridge__alpha", 0.1)
                .regressor().fit(tr);
        Models.save(ridge, dir.resolve("ridge.derive"), java.util.Map.of("r2", 0.5));
        Regressor back = Models.load(dir.resolve("ridge.derive"), Regressor.class);
        PipelineRegressor pr = (PipelineRegressor) back;
        assertArrayEquals(ridge.predict(x), back.predict(x));
        assertEquals(0.1, pr.params().getDouble("ridge__alpha"));
        assertEquals(List.of("standard_scaler", "ridge"), pr.stepNames());
        assertEquals(ridge.schema(), pr.schema());

        Matrix wx = FX.matrix("wine_X");
        Dataset wtr = Dataset.classification(wx, ints(FX.vector("wine_y"))).subset(train(wx.rows()));
        PipelineClassifier knn = Pipeline.of(Pipeline.step("scale", MinMaxScaler.learner()),
                Pipeline.step("knn", KNeighbors.classifier().neighbors(3).weights("distance"))).classifier().fit(wtr);
        Models.save(knn, dir.resolve("knn.derive"));
        Classifier cb = Models.load(dir.resolve("knn.derive"), Classifier.class);
        assertArrayEquals(knn.predict(wx), cb.predict(wx));
        assertArrayEquals(knn.predictProba(wx).toArray(), cb.predictProba(wx).toArray());
        assertEquals(knn.classes(), cb.classes());
        assertEquals("distance", cb.params().getString("knn__weights"));
    }

    @Test
    void categoricalPipelineWithRidgeOnPenguinsRoundTrips(@TempDir Path dir) throws Exception {
        // penguins: predict body mass from species, island, sex (missing values) and the bill/flipper sizes
        Matrix p = FX.matrix("penguins_X");
        int[] rows = IntStream.range(0, p.rows()).filter(i -> !Double.isNaN(p.get(i, 5))).toArray();
        Matrix x = Matrix.zeros(rows.length, 6);
        double[] y = new double[rows.length];
        int[] cols = {0, 1, 2, 3, 4, 6};
        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < cols.length; k++) {
                x.set(r, k, p.get(rows[r], cols[k]));
            }
            y[r] = p.get(rows[r], 5);
        }
        Dataset d = Dataset.regression(x, y).withFeatures(List.of(
                Dataset.Feature.categorical("species", List.of("Adelie", "Chinstrap", "Gentoo")),
                Dataset.Feature.categorical("island", List.of("Biscoe", "Dream", "Torgersen")),
                Dataset.Feature.numeric("bill_length_mm"), Dataset.Feature.numeric("bill_depth_mm"),
                Dataset.Feature.numeric("flipper_length_mm"),
                Dataset.Feature.categorical("sex", List.of("female", "male")))).withTargetName("body_mass_g");
        PipelineRegressor m = Pipeline.of(SimpleImputer.learner().categoricalStrategy("constant"),
                OneHotEncoder.learner().categories("observed").drop("first"), StandardScaler.learner(), Ridge.learner()).regressor().fit(d);
        LinearModel ridge = (LinearModel) m.finalModel();
        // the imputer adds the level missing_value to every categorical feature; only sex has such values,
        // and with categories = observed only sex gets a column for it
        assertEquals(List.of("species=Chinstrap", "species=Gentoo", "island=Dream", "island=Torgersen", "bill_length_mm",
                "bill_depth_mm", "flipper_length_mm", "sex=male", "sex=missing_value"), ridge.schema().featureNames());
        double sse = 0;
        double sst = 0;
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double[] pred = m.predict(x);
        for (int i = 0; i < y.length; i++) {
            sse += (y[i] - pred[i]) * (y[i] - pred[i]);
            sst += (y[i] - mean) * (y[i] - mean);
        }
        assertTrue(1 - sse / sst > 0.8, "R^2 of body mass from species, sex and sizes: " + (1 - sse / sst));
        Models.save(m, dir.resolve("penguins.derive"));
        Regressor back = Models.load(dir.resolve("penguins.derive"), Regressor.class);
        assertArrayEquals(pred, back.predict(x));
    }
}
