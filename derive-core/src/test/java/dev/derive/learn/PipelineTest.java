package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.preprocess.MinMaxScaler;
import dev.derive.preprocess.OneHotEncoder;
import dev.derive.preprocess.OneHotEncoderModel;
import dev.derive.preprocess.SimpleImputer;
import dev.derive.preprocess.SimpleImputerModel;
import dev.derive.preprocess.StandardScaler;
import dev.derive.preprocess.StandardScalerModel;
import dev.derive.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static final Fixtures FX = Fixtures.load("preprocess_sklearn.txt");

    private static Dataset diabetes() {
        Matrix x = FX.matrix("diabetes_X");
        double[] y = new double[x.rows()];
        for (int i = 0; i < y.length; i++) { // a target that depends on the features
            y[i] = 0.5 * x.get(i, 2) - 2 * x.get(i, 3) + 0.01 * x.get(i, 4) + (i % 7);
        }
        return Dataset.regression(x, y);
    }

    /** Penguins: species as the class, island and sex categorical (sex has missing values), numerics with NaN. */
    private static Dataset penguins() {
        Matrix all = FX.matrix("penguins_X");
        int[] labels = new int[all.rows()];
        Matrix x = Matrix.zeros(all.rows(), 7);
        for (int i = 0; i < all.rows(); i++) {
            labels[i] = (int) all.get(i, 0);
            for (int j = 1; j < 8; j++) {
                x.set(i, j - 1, all.get(i, j));
            }
        }
        return Dataset.classification(x, labels, List.of("Adelie", "Chinstrap", "Gentoo")).withFeatures(List.of(
                Dataset.Feature.categorical("island", List.of("Biscoe", "Dream", "Torgersen")),
                Dataset.Feature.numeric("bill_length_mm"),
                Dataset.Feature.numeric("bill_depth_mm"),
                Dataset.Feature.numeric("flipper_length_mm"),
                Dataset.Feature.numeric("body_mass_g"),
                Dataset.Feature.categorical("sex", List.of("female", "male")),
                Dataset.Feature.numeric("year")));
    }

    private static Pipeline<PipelineRegressor> scalerRidge() {
        return Pipeline.of(Pipeline.step("scaler", StandardScaler.learner()),
                Pipeline.step("ridge", TinyRidge.learner())).regressor();
    }

    @Test
    void scalerThenRidgePredictsAsFittingTheTwoByHand() {
        Dataset d = diabetes();
        PipelineRegressor model = scalerRidge().fit(d);
        StandardScalerModel scaler = StandardScaler.learner().fit(d);
        TinyRidge.Fitted ridge = TinyRidge.learner().fit(scaler.transform(d));
        assertArrayEquals(ridge.predict(scaler.transform(d.features())), model.predict(d.features()));
        assertEquals(List.of("scaler", "ridge"), model.stepNames());
        assertInstanceOf(StandardScalerModel.class, model.step("scaler"));
        assertEquals(1, model.transformers().size());
        assertInstanceOf(TinyRidge.Fitted.class, model.finalModel());
        assertEquals("pipeline", model.kind());
        assertEquals(d.featureInfo(), model.schema().features(), "schema: the raw input features");
        assertEquals("y", model.schema().targetName());
        assertArrayEquals(scaler.transform(d.features()).toArray(), model.preprocess(d.features()).toArray());
    }

    @Test
    void stepParametersByNameReachTheInnerLearner() {
        Pipeline<PipelineRegressor> pipe = scalerRidge();
        assertEquals(List.of("scaler__with_mean", "scaler__with_std", "ridge__alpha"), pipe.params().names());
        Pipeline<PipelineRegressor> changed = pipe.with("ridge__alpha", 250.0).with("scaler__with_mean", "false");
        assertEquals(250.0, changed.step("ridge").params().getDouble("alpha"));
        assertEquals(250.0, changed.params().getDouble("ridge__alpha"));
        assertEquals(false, changed.params().getBoolean("scaler__with_mean"));
        assertEquals(1.0, pipe.params().getDouble("ridge__alpha"), "the original is unchanged");
        Dataset d = diabetes();
        PipelineRegressor model = changed.fit(d);
        assertEquals(250.0, model.params().getDouble("ridge__alpha"));
        assertEquals(250.0, model.finalModel().params().getDouble("alpha"));
        StandardScalerModel scaler = StandardScaler.learner().withMean(false).fit(d);
        double[] byHand = TinyRidge.learner().with("alpha", 250.0).fit(scaler.transform(d)).predict(scaler.transform(d.features()));
        assertArrayEquals(byHand, model.predict(d.features()));
        assertNotEquals(pipe.fit(d).predict(d.features())[0], model.predict(d.features())[0]);
    }

    @Test
    void unknownStepsAndParametersListTheValidNames() {
        Pipeline<PipelineRegressor> pipe = scalerRidge();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.with("ridg__alpha", 1));
        assertEquals("unknown pipeline step 'ridg' in parameter 'ridg__alpha'; steps: scaler, ridge; valid parameters:"
                + " scaler__with_mean, scaler__with_std, ridge__alpha", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pipe.with("ridge__alph", 1));
        assertEquals("unknown parameter 'ridge__alph' (did you mean 'ridge__alpha'?); valid parameters: scaler__with_mean,"
                + " scaler__with_std, ridge__alpha", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pipe.with("alpha", 1));
        assertTrue(e.getMessage().startsWith("unknown parameter 'alpha'; pipeline parameters are named step__parameter;"
                + " steps: scaler, ridge"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pipe.with("ridge__alpha", -1));
        assertEquals("parameter ridge__alpha = -1 is invalid; allowed: [0, inf)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pipe.step("lasso"));
        assertEquals("unknown pipeline step 'lasso'; steps: scaler, ridge", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pipe.fit(diabetes()).step("lasso"));
        assertEquals("unknown pipeline step 'lasso'; steps: scaler, ridge", e.getMessage());
    }

    @Test
    void defaultStepNamesAndNameRules() {
        Pipeline<PipelineModel> p = Pipeline.of(StandardScaler.learner(), MinMaxScaler.learner(), StandardScaler.learner(),
                TinyRidge.learner());
        assertEquals(List.of("standard_scaler", "min_max_scaler", "standard_scaler_2", "tiny_ridge"), p.stepNames());
        assertTrue(p.params().names().contains("standard_scaler_2__with_std"));
        assertInstanceOf(PipelineRegressor.class, p.fit(diabetes()));
        assertThrows(IllegalArgumentException.class, () -> Pipeline.step("a__b", TinyRidge.learner()));
        assertThrows(IllegalArgumentException.class, () -> Pipeline.step("Scaler", TinyRidge.learner()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pipeline.of(
                Pipeline.step("s", StandardScaler.learner()), Pipeline.step("s", TinyRidge.learner())));
        assertTrue(e.getMessage().contains("both named 's'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pipeline.of(List.of()));
    }

    @Test
    void aPipelineOfOneLearnerIsThatLearner() {
        Dataset d = diabetes();
        PipelineRegressor m = Pipeline.of(TinyRidge.learner()).regressor().fit(d);
        assertArrayEquals(TinyRidge.learner().fit(d).predict(d.features()), m.predict(d.features()));
        assertEquals(List.of("tiny_ridge__alpha"), m.params().names());
        assertTrue(m.transformers().isEmpty());
    }

    @Test
    void classificationPipelineOnPenguinsWithMissingValuesAndCategories() {
        Dataset d = penguins();
        Pipeline<PipelineClassifier> pipe = Pipeline.of(
                Pipeline.step("impute", SimpleImputer.learner()),
                Pipeline.step("onehot", OneHotEncoder.learner()),
                Pipeline.step("scale", StandardScaler.learner()),
                Pipeline.step("centroid", TinyCentroid.learner())).classifier();
        assertEquals(Dataset.Task.CLASSIFICATION, pipe.task());
        PipelineClassifier m = pipe.fit(d);
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), m.classes());
        // by hand
        SimpleImputerModel imp = SimpleImputer.learner().fit(d);
        Dataset d1 = imp.transform(d);
        OneHotEncoderModel oh = OneHotEncoder.learner().fit(d1);
        Dataset d2 = oh.transform(d1);
        StandardScalerModel sc = StandardScaler.learner().fit(d2);
        Dataset d3 = sc.transform(d2);
        TinyCentroid.Fitted c = TinyCentroid.learner().fit(d3);
        assertArrayEquals(c.predict(d3.features()), m.predict(d.features()));
        assertArrayEquals(c.predictProba(d3.features()).toArray(), m.predictProba(d.features()).toArray());
        assertEquals(d3.featureInfo(), m.finalModel().schema().features());
        int correct = 0;
        int[] pred = m.predict(d.features());
        for (int i = 0; i < pred.length; i++) {
            correct += pred[i] == d.labels()[i] ? 1 : 0;
        }
        assertTrue(correct > 0.9 * pred.length, "nearest centroid on standardised penguins separates species: " + correct);
    }

    @Test
    void transformerOnlyPipelineIsATransformer() {
        Dataset d = penguins();
        PipelineTransformer t = Pipeline.of(SimpleImputer.learner().categoricalStrategy("constant"), OneHotEncoder.learner())
                .transformer().fit(d);
        Dataset byHand = OneHotEncoder.learner().fit(SimpleImputer.learner().categoricalStrategy("constant").fit(d).transform(d))
                .transform(SimpleImputer.learner().categoricalStrategy("constant").fit(d).transform(d));
        assertEquals(byHand.featureInfo(), t.outputFeatures());
        assertTrue(t.outputFeatures().stream().anyMatch(f -> f.name().equals("sex=missing_value")));
        assertArrayEquals(byHand.features().toArray(), t.transform(d.features()).toArray());
        Dataset out = t.transform(d);
        assertEquals(d.classes(), out.classes(), "the target passes through");
        assertArrayEquals(d.labels(), out.labels());
    }

    @Test
    void badStepsAndInputsAreReportedWithTheStepName() {
        Dataset d = diabetes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.of(TinyRidge.learner(), TinyRidge.learner()).fit(d));
        assertTrue(e.getMessage().startsWith("pipeline step 'tiny_ridge' (tiny_ridge) produced a Fitted, which is not a"
                + " Transformer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.of(StandardScaler.learner(), TinyCentroid.learner())
                .regressor());
        assertTrue(e.getMessage().contains("learns classification, so the pipeline is not a regressor"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Pipeline.of(StandardScaler.learner(), TinyRidge.learner()).transformer().fit(d));
        assertTrue(s.getMessage().contains("typed to produce a PipelineTransformer"), s.getMessage());

        PipelineRegressor m = scalerRidge().fit(d);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("pipeline was trained on 10 features (x0, x1") && e.getMessage().contains(
                "but the input has 3 columns"), e.getMessage());
        Matrix inf = d.features().block(0, 0, 3, 10).copy();
        inf.set(2, 4, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(inf));
        assertEquals("pipeline step 'ridge': tiny_ridge cannot predict from NaN: feature 'x4' at row 2 is missing;"
                + " impute it first", e.getMessage());
        inf.set(2, 4, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(inf));
        assertEquals("pipeline step 'scaler': standard_scaler does not accept infinite values: feature 'x4' is Infinity"
                + " at row 2", e.getMessage());
        // fitting errors carry the step name too
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.of(OneHotEncoder.learner(), TinyCentroid.learner())
                .fit(penguins()));
        assertTrue(e.getMessage().startsWith("pipeline step 'one_hot_encoder': one_hot_encoder does not accept missing values"),
                e.getMessage());
    }

    @Test
    void weightsReachEveryStepAndReportsAreCombined() {
        Dataset d = diabetes();
        double[] w = new double[d.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 4;
        }
        Dataset wd = d.withWeights(w);
        PipelineRegressor m = scalerRidge().fit(wd);
        assertArrayEquals(StandardScaler.learner().fit(wd).mean(), ((StandardScalerModel) m.step("scaler")).mean());
        assertEquals(List.of("ridge: a tiny warning"), m.report().warnings());
        assertEquals(10.0, m.report().extra().get("ridge__rank"));
        assertTrue(m.report().seconds() >= 0);
    }

    @Test
    void nestedPipelinesNestTheirParameterNames() {
        Pipeline<PipelineModel> inner = Pipeline.of(Pipeline.step("scaler", StandardScaler.learner()),
                Pipeline.step("minmax", MinMaxScaler.learner()));
        Pipeline<PipelineRegressor> outer = Pipeline.of(Pipeline.step("prep", inner), Pipeline.step("ridge", TinyRidge.learner()))
                .regressor();
        assertTrue(outer.params().names().contains("prep__minmax__feature_range_max"), outer.params().names().toString());
        Pipeline<PipelineRegressor> changed = outer.with("prep__minmax__feature_range_max", 4.0);
        Pipeline<?> innerChanged = (Pipeline<?>) changed.step("prep");
        assertEquals(4.0, innerChanged.step("minmax").params().getDouble("feature_range_max"));
        PipelineRegressor m = changed.fit(diabetes());
        PipelineTransformer prep = (PipelineTransformer) m.step("prep");
        assertEquals(4.0, prep.transform(diabetes().features()).max(), 1e-12, "the inner min-max scaler maps to [0, 4]");
        assertSame(PipelineTransformer.class, prep.getClass());
    }
}
