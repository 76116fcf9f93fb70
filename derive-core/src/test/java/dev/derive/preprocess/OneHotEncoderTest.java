package dev.derive.preprocess;

import static dev.derive.preprocess.PreprocessData.FX;
import static dev.derive.preprocess.PreprocessData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link OneHotEncoder} against scikit-learn 1.2.1 ({@code tools/gen_preprocess_fixtures.py}). */
class OneHotEncoderTest {

    /** Penguins with sex present (the rows of oh_rows). */
    private static Dataset complete() {
        return PreprocessData.penguins().subset(PreprocessData.ints("oh_rows"));
    }

    /** Training rows among {@code complete()}: original index % 3 != 0. */
    private static int[] trainPositions() {
        int[] rows = PreprocessData.ints("oh_rows");
        return PreprocessData.rows(rows.length, k -> rows[k] % 3 != 0);
    }

    @Test
    void allDropModesMatchSklearn() {
        Dataset d = complete();
        Dataset train = d.subset(trainPositions());
        for (String drop : List.of("none", "first", "if_binary")) {
            OneHotEncoderModel m = OneHotEncoder.learner().drop(drop).fit(train);
            assertClose(FX.matrix("oh_" + drop + "_out"), m.transform(d.features()), 0, 0, "drop=" + drop);
        }
        OneHotEncoderModel m = OneHotEncoder.learner().fit(train);
        assertEquals(List.of("species=Adelie", "species=Chinstrap", "species=Gentoo", "island=Biscoe", "island=Dream",
                "island=Torgersen", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex=female",
                "sex=male", "year"), m.outputFeatureNames());
        assertTrue(m.outputFeatures().stream().noneMatch(Dataset.Feature::isCategorical));
        OneHotEncoderModel b = OneHotEncoder.learner().drop("if_binary").fit(train);
        assertEquals(Map.of("sex", "female"), b.droppedCategories());
        assertEquals(12, b.outputFeatures().size());
        assertEquals(Map.of("species", PreprocessData.SPECIES, "island", PreprocessData.ISLAND, "sex", PreprocessData.SEX),
                b.categories());
    }

    @Test
    void observedCategoriesWithUnknownIgnoredMatchSklearn() {
        Dataset d = complete();
        int[] rows = PreprocessData.ints("oh_rows");
        int[] pos = PreprocessData.rows(rows.length, k -> rows[k] % 3 != 0 && d.features().get(k, 1) != 2);
        Dataset train = d.subset(pos); // no Torgersen
        OneHotEncoderModel m = OneHotEncoder.learner().categories("observed").handleUnknown("ignore").fit(train);
        assertEquals(List.of("Biscoe", "Dream"), m.categories().get("island"));
        assertClose(FX.matrix("oh_observed_ignore_out"), m.transform(d.features()), 0, 0, "observed, ignore");
        OneHotEncoderModel f = OneHotEncoder.learner().categories("observed").handleUnknown("ignore").drop("first").fit(train);
        assertClose(FX.matrix("oh_observed_first_ignore_out"), f.transform(d.features()), 0, 0, "observed, first, ignore");

        OneHotEncoderModel strict = OneHotEncoder.learner().categories("observed").fit(train);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.transform(d.features()));
        int firstTorgersen = -1;
        for (int i = 0; i < d.size() && firstTorgersen < 0; i++) {
            firstTorgersen = d.features().get(i, 1) == 2 ? i : -1;
        }
        assertEquals("one_hot_encoder: feature 'island' has the unknown category 'Torgersen' (code 2) at row " + firstTorgersen
                + "; categories seen in training: [Biscoe, Dream]; set handle_unknown = ignore to encode unknown categories"
                + " as all zeros", e.getMessage());
    }

    @Test
    void codesOutsideTheLevelsAreUnknown() {
        Dataset d = complete();
        OneHotEncoderModel m = OneHotEncoder.learner().fit(d);
        Matrix x = d.features().block(0, 0, 4, 8).copy();
        x.set(2, 0, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(x));
        assertTrue(e.getMessage().startsWith("one_hot_encoder: feature 'species' has the unknown category code 3 at row 2"),
                e.getMessage());
        Matrix z = OneHotEncoder.learner().handleUnknown("ignore").fit(d).transform(x);
        assertEquals(0, z.get(2, 0) + z.get(2, 1) + z.get(2, 2), "an ignored unknown category is all zeros");
        assertEquals(1, z.get(1, 0) + z.get(1, 1) + z.get(1, 2));
    }

    @Test
    void missingValuesAreRefusedNamingFeatureAndRow() {
        Dataset all = PreprocessData.penguins(); // sex is missing at row 3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneHotEncoder.learner().fit(all));
        assertTrue(e.getMessage().startsWith("one_hot_encoder does not accept missing values: feature 'sex' is missing at row 3;"),
                e.getMessage());
        OneHotEncoderModel m = OneHotEncoder.learner().fit(complete());
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(all.features()));
        assertTrue(e.getMessage().contains("feature 'sex' is missing at row 3"), e.getMessage());
    }

    @Test
    void rowsSumToTheNumberOfCategoricalFeatures() {
        Dataset d = complete();
        OneHotEncoderModel m = OneHotEncoder.learner().fit(d);
        Matrix z = m.transform(d.features());
        int[] numericOut = {6, 7, 8, 9, 12};
        for (int i = 0; i < z.rows(); i++) {
            double s = 0;
            for (int j = 0; j < z.cols(); j++) {
                int jj = j;
                if (Arrays.stream(numericOut).noneMatch(k -> k == jj)) {
                    s += z.get(i, j);
                }
            }
            assertEquals(3.0, s, "row " + i);
        }
    }

    @Test
    void wrongColumnCountNamesBoth() {
        OneHotEncoderModel m = OneHotEncoder.learner().fit(complete());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(Matrix.zeros(2, 7)));
        assertEquals("one_hot_encoder was trained on 8 features (species, island, bill_length_mm, bill_depth_mm,"
                + " flipper_length_mm, body_mass_g, sex, year) but the input has 7 columns", e.getMessage());
    }
}
