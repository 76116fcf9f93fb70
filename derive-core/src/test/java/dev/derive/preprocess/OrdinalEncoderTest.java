package dev.derive.preprocess;

import static dev.derive.preprocess.PreprocessData.FX;
import static dev.derive.preprocess.PreprocessData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OrdinalEncoder} against scikit-learn 1.2.1 ({@code tools/gen_preprocess_fixtures.py}). */
class OrdinalEncoderTest {

    @Test
    void observedCategoriesWithEncodedUnknownMatchSklearn() {
        Dataset all = PreprocessData.penguins();
        Dataset train = all.subset(PreprocessData.ints("ord_observed_rows"));
        OrdinalEncoderModel m = OrdinalEncoder.learner().categories("observed").handleUnknown("use_encoded_value")
                .unknownValue(-1).fit(train);
        assertClose(FX.matrix("ord_observed_out"), m.transform(all.features()), 0, 0, "ordinal");
        assertEquals(List.of("Biscoe", "Dream"), m.categories().get("island"));
        assertTrue(m.outputFeatures().stream().noneMatch(Dataset.Feature::isCategorical), "outputs are numeric");
        assertEquals(all.featureNames(), m.outputFeatureNames());
    }

    @Test
    void defaultKeepsCodesAsNumbersAndMissingStaysMissing() {
        Dataset all = PreprocessData.penguins();
        OrdinalEncoderModel m = OrdinalEncoder.learner().fit(all);
        Matrix z = m.transform(all.features());
        assertClose(all.features(), z, 0, 0, "codes unchanged");
        assertTrue(Double.isNaN(z.get(3, 6)));
    }

    @Test
    void unknownPolicies() {
        Dataset all = PreprocessData.penguins();
        Dataset train = all.subset(PreprocessData.ints("ord_observed_rows"));
        Matrix x = all.features().block(0, 0, 3, 8); // row 0 is a Torgersen penguin
        OrdinalEncoderModel strict = OrdinalEncoder.learner().categories("observed").fit(train);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.transform(x));
        assertTrue(e.getMessage().startsWith("ordinal_encoder: feature 'island' has the unknown category 'Torgersen' (code 2)"
                + " at row 0; categories seen in training: [Biscoe, Dream]"), e.getMessage());
        Matrix z = OrdinalEncoder.learner().categories("observed").handleUnknown("missing").fit(train).transform(x);
        assertTrue(Double.isNaN(z.get(0, 1)));
        e = assertThrows(IllegalArgumentException.class, () -> OrdinalEncoder.learner().categories("observed")
                .handleUnknown("use_encoded_value").unknownValue(1).fit(train));
        assertTrue(e.getMessage().contains("unknown_value = 1.0 is already the encoding of category"), e.getMessage());
    }
}
