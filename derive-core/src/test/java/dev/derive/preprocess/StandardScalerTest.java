package dev.derive.preprocess;

import static dev.derive.preprocess.PreprocessData.FX;
import static dev.derive.preprocess.PreprocessData.assertClose;
import static dev.derive.preprocess.PreprocessData.columns;
import static dev.derive.preprocess.PreprocessData.pick;
import static dev.derive.preprocess.PreprocessData.trainRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StandardScaler} against scikit-learn 1.2.1 ({@code tools/gen_preprocess_fixtures.py}). */
class StandardScalerTest {

    /** Standardised values are of order 1: compared to 1e-12 relative with a 1e-12 floor. */
    private static final double TOL = 1e-12;

    @Test
    void penguinsWithMissingValuesAndCategoricalPassThroughMatchSklearn() {
        Dataset all = PreprocessData.penguins();
        StandardScalerModel m = StandardScaler.learner().fit(all.subset(trainRows(all.size())));
        int[] num = PreprocessData.PENGUIN_NUMERIC;
        assertClose(FX.vector("ss_penguins_mean"), pick(m.mean(), num), TOL, 0, "mean");
        assertClose(FX.vector("ss_penguins_var"), pick(m.variance(), num), TOL, 0, "variance");
        assertClose(FX.vector("ss_penguins_scale"), pick(m.scale(), num), TOL, 0, "scale");
        Matrix z = m.transform(all.features());
        assertClose(FX.matrix("ss_penguins_out"), columns(z, num), TOL, TOL, "output");
        // categorical codes (and their missing values) pass through untouched
        int[] cat = PreprocessData.PENGUIN_CATEGORICAL;
        assertClose(columns(all.features(), cat), columns(z, cat), 0, 0, "categorical columns");
        assertEquals(all.featureInfo(), m.outputFeatures());
        Dataset out = m.transform(all);
        assertEquals(all.featureInfo(), out.featureInfo());
        assertClose(z, out.features(), 0, 0, "transform(Dataset)");
        assertTrue(Double.isNaN(m.mean()[0]) && Double.isNaN(m.scale()[6]), "categorical statistics are NaN");
    }

    @Test
    void weightedMatchesSklearnSampleWeight() {
        Matrix x = FX.matrix("diabetes_X");
        int[] tr = trainRows(x.rows());
        double[] w = pick(FX.vector("diabetes_w"), tr);
        Dataset train = Dataset.unlabeled(x).subset(tr).withWeights(w);
        StandardScalerModel m = StandardScaler.learner().fit(train);
        assertClose(FX.vector("ss_diabetes_weighted_mean"), m.mean(), TOL, 0, "weighted mean");
        assertClose(FX.vector("ss_diabetes_weighted_var"), m.variance(), TOL, 0, "weighted variance");
        assertClose(FX.vector("ss_diabetes_weighted_scale"), m.scale(), TOL, 0, "weighted scale");
        assertClose(FX.matrix("ss_diabetes_weighted_out"), m.transform(x), TOL, TOL, "weighted output");
    }

    @Test
    void withoutMeanOrWithoutStdMatchSklearn() {
        Matrix x = FX.matrix("diabetes_X");
        Dataset train = Dataset.unlabeled(x).subset(trainRows(x.rows()));
        StandardScalerModel noMean = StandardScaler.learner().withMean(false).fit(train);
        assertClose(FX.vector("ss_diabetes_nomean_scale"), noMean.scale(), TOL, 0, "scale");
        assertClose(FX.matrix("ss_diabetes_nomean_out"), noMean.transform(x), TOL, TOL, "with_mean=false");
        StandardScalerModel noStd = StandardScaler.learner().withStd(false).fit(train);
        assertClose(FX.vector("ss_diabetes_nostd_mean"), noStd.mean(), TOL, 0, "mean");
        // centred values keep the data's scale (tens to hundreds): relative comparison with a 1e-12 floor
        assertClose(FX.matrix("ss_diabetes_nostd_out"), noStd.transform(x), TOL, TOL, "with_std=false");
        assertArrayEquals(new double[10], zerosWhereNaN(noStd.variance()));
    }

    private static double[] zerosWhereNaN(double[] v) {
        double[] o = v.clone();
        for (int i = 0; i < o.length; i++) {
            assertTrue(Double.isNaN(o[i]), "variance is not computed when with_std = false");
            o[i] = 0;
        }
        return o;
    }

    @Test
    void constantColumnsAreCentredButNotScaledAsSklearn() {
        Matrix x = FX.matrix("const_X");
        Dataset train = Dataset.unlabeled(x).subset(trainRows(x.rows()));
        StandardScalerModel m = StandardScaler.learner().fit(train);
        double[] expectedVar = FX.vector("ss_const_var");
        double[] var = m.variance();
        assertClose(pick(expectedVar, 0, 1, 2), pick(var, 0, 1, 2), TOL, 0, "variance");
        // the constant columns: variance 0 up to rounding of the mean (|var| <= (n eps mean)^2)
        for (int j = 3; j < 5; j++) {
            double mean = m.mean()[j];
            double bound = Math.pow(train.size() * Math.ulp(1.0) * mean, 2);
            assertTrue(Math.abs(var[j] - expectedVar[j]) <= bound, "variance of constant column " + j + ": " + var[j]);
        }
        assertClose(FX.vector("ss_const_scale"), m.scale(), TOL, 0, "scale");
        assertEquals(1.0, m.scale()[3]);
        assertEquals(1.0, m.scale()[4]);
        assertClose(FX.matrix("ss_const_out"), m.transform(x), TOL, TOL, "output");
        assertEquals(List.of("constant features left unscaled (zero variance): x3, x4"), m.report().warnings());
    }

    @Test
    void standardisedColumnsHaveMeanZeroAndUnitVariance() {
        Matrix x = FX.matrix("wine_X");
        Matrix z = StandardScaler.learner().fit(Dataset.unlabeled(x)).transform(x);
        for (int j = 0; j < z.cols(); j++) {
            double s = 0;
            double ss = 0;
            for (int i = 0; i < z.rows(); i++) {
                s += z.get(i, j);
                ss += z.get(i, j) * z.get(i, j);
            }
            assertEquals(0, s / z.rows(), 1e-13, "mean of column " + j);
            assertEquals(1, ss / z.rows(), 1e-13, "variance of column " + j);
        }
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        Matrix x = FX.matrix("diabetes_X");
        StandardScalerModel m = StandardScaler.learner().fit(Dataset.unlabeled(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(x.block(0, 0, 5, 9)));
        assertTrue(e.getMessage().contains("trained on 10 features") && e.getMessage().contains("input has 9 columns"),
                e.getMessage());
        Matrix inf = x.copy();
        inf.set(7, 2, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(inf));
        assertEquals("standard_scaler does not accept infinite values: feature 'x2' is Infinity at row 7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StandardScaler.learner().fit(Dataset.unlabeled(inf)));
        assertTrue(e.getMessage().contains("feature 'x2' is Infinity at row 7"), e.getMessage());
        Matrix allMissing = x.copy();
        for (int i = 0; i < x.rows(); i++) {
            allMissing.set(i, 4, Double.NaN);
        }
        e = assertThrows(IllegalArgumentException.class, () -> StandardScaler.learner().fit(Dataset.unlabeled(allMissing)));
        assertTrue(e.getMessage().contains("feature 'x4' has no observed value"), e.getMessage());
        // a categorical code that is not a training level
        Dataset pg = PreprocessData.penguins();
        StandardScalerModel pm = StandardScaler.learner().fit(pg);
        Matrix bad = pg.features().copy();
        bad.set(3, 1, 5);
        e = assertThrows(IllegalArgumentException.class, () -> pm.transform(bad));
        assertTrue(e.getMessage().contains("feature 'island' has the unknown category code 5 at row 3"), e.getMessage());
        bad.set(3, 1, 0.5);
        e = assertThrows(IllegalArgumentException.class, () -> pm.transform(bad));
        assertTrue(e.getMessage().contains("'island' holds 0.5 at row 3"), e.getMessage());
    }

    @Test
    void parametersByNameAndTask() {
        StandardScaler s = StandardScaler.learner().with("with_mean", "false");
        assertEquals(false, s.params().getBoolean("with_mean"));
        assertEquals(Dataset.Task.UNSUPERVISED, s.task());
        assertEquals("standard_scaler", s.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.with("with_mea", true));
        assertTrue(e.getMessage().contains("did you mean 'with_mean'"), e.getMessage());
    }
}
