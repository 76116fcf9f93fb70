package dev.derive.preprocess;

import static dev.derive.preprocess.PreprocessData.FX;
import static dev.derive.preprocess.PreprocessData.assertClose;
import static dev.derive.preprocess.PreprocessData.columns;
import static dev.derive.preprocess.PreprocessData.trainRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MinMaxScaler} against scikit-learn 1.2.1 ({@code tools/gen_preprocess_fixtures.py}). */
class MinMaxScalerTest {

    private static final double TOL = 1e-12;

    @Test
    void wineMatchesSklearnIncludingHeldOutRowsAndRanges() {
        Matrix x = FX.matrix("wine_X");
        Dataset train = Dataset.unlabeled(x).subset(trainRows(x.rows()));
        MinMaxScalerModel m = MinMaxScaler.learner().fit(train);
        assertClose(FX.vector("mm_wine_data_min"), m.dataMin(), 0, 0, "data_min");
        assertClose(FX.vector("mm_wine_data_max"), m.dataMax(), 0, 0, "data_max");
        assertClose(FX.vector("mm_wine_scale"), m.scale(), TOL, 0, "scale");
        assertClose(FX.vector("mm_wine_min"), m.min(), TOL, TOL, "min");
        assertClose(FX.matrix("mm_wine_out"), m.transform(x), TOL, TOL, "output");
        MinMaxScalerModel r = MinMaxScaler.learner().featureRange(-1, 2).fit(train);
        assertClose(FX.matrix("mm_wine_range_out"), r.transform(x), TOL, TOL, "feature_range (-1, 2)");
        MinMaxScalerModel c = MinMaxScaler.learner().with("feature_range_min", -1).with("feature_range_max", 2)
                .clip(true).fit(train);
        Matrix clipped = c.transform(x);
        assertClose(FX.matrix("mm_wine_range_clip_out"), clipped, TOL, TOL, "clip");
        assertTrue(clipped.min() >= -1 && clipped.max() <= 2);
        assertTrue(r.transform(x).min() < -1 || r.transform(x).max() > 2, "held-out rows leave the range without clip");
    }

    @Test
    void penguinsWithMissingValuesAndConstantColumnsMatchSklearn() {
        Dataset all = PreprocessData.penguins();
        MinMaxScalerModel m = MinMaxScaler.learner().fit(all.subset(trainRows(all.size())));
        Matrix z = m.transform(all.features());
        assertClose(FX.matrix("mm_penguins_out"), columns(z, PreprocessData.PENGUIN_NUMERIC), TOL, TOL, "penguins");
        int[] cat = PreprocessData.PENGUIN_CATEGORICAL;
        assertClose(columns(all.features(), cat), columns(z, cat), 0, 0, "categorical columns pass through");

        Matrix cx = FX.matrix("const_X");
        MinMaxScalerModel k = MinMaxScaler.learner().fit(Dataset.unlabeled(cx).subset(trainRows(cx.rows())));
        assertClose(FX.vector("mm_const_scale"), k.scale(), TOL, 0, "scale");
        assertClose(FX.matrix("mm_const_out"), k.transform(cx), TOL, TOL, "constant columns");
        assertEquals(List.of("constant features mapped to feature_range_min: x3, x4"), k.report().warnings());
    }

    @Test
    void trainingColumnsLandInTheRange() {
        Matrix x = FX.matrix("diabetes_X");
        Matrix z = MinMaxScaler.learner().featureRange(-3, 0.5).fit(Dataset.unlabeled(x)).transform(x);
        for (int j = 0; j < z.cols(); j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < z.rows(); i++) {
                lo = Math.min(lo, z.get(i, j));
                hi = Math.max(hi, z.get(i, j));
            }
            assertEquals(-3, lo, 1e-15, "min of column " + j);
            assertEquals(0.5, hi, 1e-15, "max of column " + j);
        }
    }

    @Test
    void invalidRangeAndBadInputAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.learner().featureRange(1, 1));
        assertTrue(e.getMessage().contains("feature_range = (1.0, 1.0)"), e.getMessage());
        Matrix x = FX.matrix("wine_X");
        e = assertThrows(IllegalArgumentException.class,
                () -> MinMaxScaler.learner().with("feature_range_min", 5).fit(Dataset.unlabeled(x)));
        assertEquals("min_max_scaler: feature_range_min = 5.0 must be smaller than feature_range_max = 1.0", e.getMessage());
        MinMaxScalerModel m = MinMaxScaler.learner().fit(Dataset.unlabeled(x));
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(Matrix.zeros(2, 14)));
        assertTrue(e.getMessage().contains("trained on 13 features") && e.getMessage().contains("input has 14 columns"),
                e.getMessage());
        Matrix inf = x.copy();
        inf.set(11, 12, Double.NEGATIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(inf));
        assertEquals("min_max_scaler does not accept infinite values: feature 'x12' is -Infinity at row 11", e.getMessage());
    }
}
