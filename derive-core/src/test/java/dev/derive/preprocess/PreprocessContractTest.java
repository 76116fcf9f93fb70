package dev.derive.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.learn.Pipeline;
import dev.derive.learn.PipelineTransformer;
import dev.derive.learn.Transformer;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.testing.LearnerContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner contract (determinism, persistence round trip, shapes, concurrency, row order, bad input)
 * for every preprocessing learner and a transformer pipeline, and file round trips of their models.
 */
class PreprocessContractTest {

    /** Penguins with categorical features, missing values in numeric and categorical columns. */
    private static Dataset penguins() {
        return PreprocessData.penguins();
    }

    /** Penguins without missing categorical values (what the one-hot encoder accepts). */
    private static Dataset completeCategories() {
        return PreprocessData.penguins().subset(PreprocessData.ints("oh_rows"));
    }

    /**
     * Penguins without any missing value: for transformers that pass missing values through, because the
     * contract's row-order check compares outputs with a tolerance scaled by their largest magnitude,
     * which a NaN output makes NaN.
     */
    private static Dataset completeCases() {
        Dataset pg = PreprocessData.penguins();
        return pg.subset(PreprocessData.rows(pg.size(), i -> {
            for (int j = 0; j < pg.featureCount(); j++) {
                if (Double.isNaN(pg.features().get(i, j))) {
                    return false;
                }
            }
            return true;
        }));
    }

    private static Dataset diabetes() {
        return Dataset.unlabeled(PreprocessData.FX.matrix("diabetes_X"));
    }

    private static final LearnerContract.Options MISSING_OK = LearnerContract.Options.DEFAULT.withSupportsMissing(true);

    @TestFactory
    Stream<DynamicTest> contract() {
        Pipeline<PipelineTransformer> prep = Pipeline.of(SimpleImputer.learner().categoricalStrategy("constant"),
                OneHotEncoder.learner().drop("if_binary"), StandardScaler.learner()).transformer();
        return Stream.of(
                LearnerContract.tests(StandardScaler.learner(), completeCases(), MISSING_OK),
                LearnerContract.tests(StandardScaler.learner().withMean(false), diabetes().withWeights(weights(442)), MISSING_OK),
                LearnerContract.tests(MinMaxScaler.learner().featureRange(-1, 1).clip(true), completeCases(), MISSING_OK),
                LearnerContract.tests(SimpleImputer.learner().strategy("median"), penguins(), MISSING_OK),
                LearnerContract.tests(SimpleImputer.learner().strategy("constant").categoricalStrategy("constant"), penguins(),
                        MISSING_OK),
                LearnerContract.tests(OneHotEncoder.learner().drop("first").handleUnknown("ignore"), completeCategories()),
                LearnerContract.tests(OneHotEncoder.learner().categories("observed"), completeCategories()),
                LearnerContract.tests(OrdinalEncoder.learner().categories("observed").handleUnknown("use_encoded_value"),
                        completeCases(), MISSING_OK),
                LearnerContract.tests(PolynomialFeatures.learner().degree(3).interactionOnly(true), diabetes()),
                LearnerContract.tests(prep, penguins(), MISSING_OK)
        ).flatMap(s -> s);
    }

    private static double[] weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
        }
        return w;
    }

    @Test
    void savedFilesLoadWithIdenticalOutputsAndFeatures(@TempDir Path dir) throws Exception {
        Dataset pg = penguins();
        Transformer[] models = {
            StandardScaler.learner().fit(pg),
            MinMaxScaler.learner().fit(pg),
            SimpleImputer.learner().categoricalStrategy("constant").fit(pg),
            OneHotEncoder.learner().drop("if_binary").fit(completeCategories()),
            OrdinalEncoder.learner().categories("observed").handleUnknown("missing").fit(pg),
            PolynomialFeatures.learner().degree(2).fit(diabetes()),
            Pipeline.of(SimpleImputer.learner(), OneHotEncoder.learner(), PolynomialFeatures.learner().includeBias(false))
                    .transformer().fit(pg),
        };
        for (Transformer m : models) {
            Path file = dir.resolve(m.kind() + ".derive");
            Models.save(m, file);
            Transformer back = Models.load(file, Transformer.class);
            assertEquals(m.getClass(), back.getClass());
            assertEquals(m.outputFeatures(), back.outputFeatures(), m.kind());
            assertEquals(m.params(), back.params());
            assertEquals(m.report().warnings(), back.report().warnings());
            Matrix x = m.schema().featureCount() == 10 ? diabetes().features() : completeCategories().features();
            assertArrayEquals(m.transform(x).toArray(), back.transform(x).toArray(), m.kind());
        }
        PipelineTransformer p = Models.load(dir.resolve("pipeline.derive"), PipelineTransformer.class);
        assertEquals(java.util.List.of("simple_imputer", "one_hot_encoder", "polynomial_features"), p.stepNames());
        assertEquals("mean", p.params().getString("simple_imputer__strategy"));
        assertInstanceOf(OneHotEncoderModel.class, p.step("one_hot_encoder"));
        assertEquals(java.util.List.of("pipeline", "simple_imputer", "one_hot_encoder", "polynomial_features"),
                java.util.List.of(p.kind(), p.stepModels().get(0).kind(), p.stepModels().get(1).kind(),
                        p.stepModels().get(2).kind()));
    }

    @Test
    void aCorruptedStepInsideAPipelineFileIsRefused() throws Exception {
        Dataset pg = penguins();
        Model m = Pipeline.of(SimpleImputer.learner(), StandardScaler.learner()).fit(pg);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        byte[] b = out.toByteArray();
        // the stored steps are whole model files: flip a byte inside the nested scaler's mean array so
        // that its own SHA-256 check fails (the outer checksum is recomputed to pass)
        byte[] tampered = PreprocessFiles.tamperNestedStep(b, 1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.read(new ByteArrayInputStream(tampered),
                Model.class, "tampered.derive", Models.Limits.DEFAULT));
        assertTrue(e.getMessage().startsWith("tampered.derive: the pipeline model's state is inconsistent: pipeline step"
                + " 'standard_scaler'") && e.getMessage().contains("SHA-256"), e.getMessage());
    }
}
