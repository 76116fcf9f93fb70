package dev.derive.preprocess;

import static dev.derive.preprocess.PreprocessData.FX;
import static dev.derive.preprocess.PreprocessData.assertClose;
import static dev.derive.preprocess.PreprocessData.pick;
import static dev.derive.preprocess.PreprocessData.trainRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SimpleImputer} against scikit-learn 1.2.1 ({@code tools/gen_preprocess_fixtures.py}). */
class SimpleImputerTest {

    private static final double TOL = 1e-12;

    @Test
    void numericStrategiesWithMostFrequentLevelsMatchSklearn() {
        Dataset all = PreprocessData.penguins();
        Dataset train = all.subset(trainRows(all.size()));
        for (String strategy : List.of("mean", "median", "most_frequent")) {
            SimpleImputerModel m = SimpleImputer.learner().strategy(strategy).fit(train);
            assertClose(FX.vector("imp_" + strategy + "_statistics"), pick(m.statistics(), PreprocessData.PENGUIN_NUMERIC),
                    TOL, 0, strategy + " statistics");
            Matrix out = m.transform(all.features());
            assertClose(FX.matrix("imp_" + strategy + "_out"), out, TOL, 0, strategy);
            assertTrue(out.isFinite(), "nothing is left missing");
            assertEquals(all.featureInfo(), m.outputFeatures(), "most_frequent keeps the levels");
        }
    }

    @Test
    void constantStrategiesMatchSklearnAndAddAMissingLevel() {
        Dataset all = PreprocessData.penguins();
        SimpleImputerModel m = SimpleImputer.learner().strategy("constant").fillValue(-1.5)
                .categoricalStrategy("constant").fit(all.subset(trainRows(all.size())));
        Dataset out = m.transform(all);
        assertClose(FX.matrix("imp_constant_out"), out.features(), 0, 0, "constant");
        List<String> sex = out.featureInfo().get(6).levels();
        assertEquals(List.of("female", "male", SimpleImputer.MISSING_LEVEL), sex);
        assertEquals(List.of("Biscoe", "Dream", "Torgersen", "missing_value"), m.outputFeatures().get(1).levels());
        assertEquals(-1.5, m.statistics()[2]);
        assertEquals(2, m.statistics()[6]);
    }

    @Test
    void fillsColumnsThatHadNoMissingValuesInTraining() {
        Matrix x = FX.matrix("diabetes_X");
        SimpleImputerModel m = SimpleImputer.learner().strategy("median").fit(Dataset.unlabeled(x));
        Matrix q = x.block(0, 0, 3, 10).copy();
        q.set(1, 5, Double.NaN);
        Matrix out = m.transform(q);
        assertEquals(m.statistics()[5], out.get(1, 5));
        assertEquals(x.get(1, 4), out.get(1, 4));
        assertTrue(Double.isNaN(q.get(1, 5)), "the input is not modified");
    }

    @Test
    void allMissingColumnIsAnErrorUnlessConstant() {
        Matrix x = FX.matrix("diabetes_X").copy();
        for (int i = 0; i < x.rows(); i++) {
            x.set(i, 3, Double.NaN);
        }
        Dataset d = Dataset.unlabeled(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimpleImputer.learner().fit(d));
        assertEquals("simple_imputer: feature 'x3' has no observed value (all 442 rows are missing), so its mean value is"
                + " undefined; drop the column or use strategy=constant", e.getMessage());
        Matrix out = SimpleImputer.learner().strategy("constant").fillValue(7).fit(d).transform(x);
        assertEquals(7, out.get(10, 3));
        // a categorical feature with no observed level
        Matrix p = PreprocessData.penguins().features().copy();
        for (int i = 0; i < p.rows(); i++) {
            p.set(i, 6, Double.NaN);
        }
        Dataset pd = Dataset.unlabeled(p).withFeatures(PreprocessData.penguinFeatures());
        e = assertThrows(IllegalArgumentException.class, () -> SimpleImputer.learner().fit(pd));
        assertTrue(e.getMessage().contains("feature 'sex' has no observed value")
                && e.getMessage().contains("categorical_strategy=constant"), e.getMessage());
    }

    @Test
    void dataSetWithOtherLevelOrderIsRecodedByName() {
        Dataset all = PreprocessData.penguins();
        SimpleImputerModel m = SimpleImputer.learner().fit(all);
        // the same rows, with island levels listed in another order (codes follow that order)
        List<String> reordered = List.of("Torgersen", "Biscoe", "Dream");
        Matrix x = all.features().copy();
        for (int i = 0; i < x.rows(); i++) {
            x.set(i, 1, reordered.indexOf(PreprocessData.ISLAND.get((int) all.features().get(i, 1))));
        }
        List<Dataset.Feature> f = new ArrayList<>(all.featureInfo());
        f.set(1, Dataset.Feature.categorical("island", reordered));
        Dataset other = Dataset.unlabeled(x).withFeatures(f);
        assertClose(m.transform(all.features()), m.transform(other).features(), 0, 0, "recoded by level name");
        // a level the model never saw is an error naming it
        f.set(1, Dataset.Feature.categorical("island", List.of("Torgersen", "Biscoe", "Dream", "Anvers")));
        x.set(4, 1, 3);
        Dataset unknown = Dataset.unlabeled(x).withFeatures(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(unknown));
        assertTrue(e.getMessage().contains("feature 'island' has the unknown category 'Anvers' (code 3 in the data set) at row 4"),
                e.getMessage());
        // a renamed feature is refused
        f.set(1, Dataset.Feature.categorical("isle", reordered));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> m.transform(Dataset.unlabeled(all.features()).withFeatures(f)));
        assertTrue(e2.getMessage().contains("trained with feature 'island' in column 1 but the data set has 'isle'"),
                e2.getMessage());
    }
}
