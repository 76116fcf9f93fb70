package dev.derive.preprocess;

import static dev.derive.preprocess.PreprocessData.FX;
import static dev.derive.preprocess.PreprocessData.assertClose;
import static dev.derive.preprocess.PreprocessData.columns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PolynomialFeatures} against scikit-learn 1.2.1 ({@code tools/gen_preprocess_fixtures.py}). */
class PolynomialFeaturesTest {

    /** Products are rounded in a different order than scikit-learn's: a few ulps apart. */
    private static final double TOL = 1e-12;

    @Test
    void valuesAndColumnOrderMatchSklearn() {
        Matrix x = FX.matrix("poly_X");
        PolynomialFeaturesModel d2 = PolynomialFeatures.learner().fit(Dataset.unlabeled(x));
        assertClose(FX.matrix("poly_d2_out"), d2.transform(x), TOL, 0, "degree 2 with bias");
        Matrix x5 = columns(x, 0, 1, 2, 3, 4);
        PolynomialFeaturesModel inter = PolynomialFeatures.learner().degree(3).interactionOnly(true).includeBias(false)
                .fit(Dataset.unlabeled(x5));
        assertClose(FX.matrix("poly_d3_inter_out"), inter.transform(x5), TOL, 0, "degree 3 interactions");
        Matrix x4 = columns(x, 0, 1, 2, 3);
        PolynomialFeaturesModel d3 = PolynomialFeatures.learner().degree(3).includeBias(false).fit(Dataset.unlabeled(x4));
        assertClose(FX.matrix("poly_d3_out"), d3.transform(x4), TOL, 0, "degree 3");
    }

    @Test
    void namesAreSklearns() {
        Dataset d = Dataset.unlabeled(Matrix.of(new double[][]{{1, 2, 3}, {4, 5, 6}})).withFeatureNames(List.of("a", "b", "c"));
        // scikit-learn 1.2.1: PolynomialFeatures(degree=3).get_feature_names_out(["a", "b", "c"])
        assertEquals(List.of("1", "a", "b", "c", "a^2", "a b", "a c", "b^2", "b c", "c^2", "a^3", "a^2 b", "a^2 c",
                "a b^2", "a b c", "a c^2", "b^3", "b^2 c", "b c^2", "c^3"),
                PolynomialFeatures.learner().degree(3).fit(d).outputFeatureNames());
        // PolynomialFeatures(degree=3, interaction_only=True, include_bias=False)
        PolynomialFeaturesModel m = PolynomialFeatures.learner().degree(3).interactionOnly(true).includeBias(false).fit(d);
        assertEquals(List.of("a", "b", "c", "a b", "a c", "b c", "a b c"), m.outputFeatureNames());
        assertArrayEquals(new int[]{1, 0, 1}, m.powers()[4]);
        assertEquals(List.of("x0", "x1", "x0^2", "x0 x1", "x1^2"), PolynomialFeatures.learner().includeBias(false)
                .fit(Dataset.unlabeled(Matrix.zeros(2, 2))).outputFeatureNames());
        assertEquals(List.of("1"), PolynomialFeatures.learner().degree(0).fit(d).outputFeatureNames());
    }

    @Test
    void badInputIsRefused() {
        Dataset d = Dataset.unlabeled(Matrix.of(new double[][]{{1, 2}, {3, Double.NaN}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolynomialFeatures.learner().fit(d));
        assertEquals("polynomial_features does not accept missing values: feature 'x1' is NaN at row 1; impute it first",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialFeatures.learner().degree(0).includeBias(false)
                .fit(Dataset.unlabeled(Matrix.zeros(2, 2))));
        assertTrue(e.getMessage().contains("gives no output column"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialFeatures.learner().fit(PreprocessData.penguins()));
        assertTrue(e.getMessage().contains("does not accept categorical features ('species')"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialFeatures.learner().degree(30)
                .fit(Dataset.unlabeled(Matrix.zeros(2, 100))));
        assertTrue(e.getMessage().contains("output columns, more than the limit"), e.getMessage());
        PolynomialFeaturesModel m = PolynomialFeatures.learner().fit(Dataset.unlabeled(Matrix.zeros(2, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> m.transform(Matrix.zeros(1, 3)));
        assertTrue(e.getMessage().contains("trained on 2 features (x0, x1) but the input has 3 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialFeatures.learner().with("degree", -1));
        assertTrue(e.getMessage().contains("degree = -1"), e.getMessage());
    }
}
