package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private final Params defaults = Params.defaults(List.of(
            Param.nonNegative("alpha", 1.0, "L2 penalty"),
            Param.integer("max_iter", 100, 1, 1_000_000, "iteration cap"),
            Param.optionalInteger("max_depth", null, 1, 1000, "depth limit, none for unlimited"),
            Param.flag("fit_intercept", true, "fit an intercept"),
            Param.choice("solver", "auto", List.of("auto", "svd", "cholesky"), "solver"),
            Param.seed(0)));

    @Test
    void defaultsAndConversionsFromStrings() {
        assertEquals(1.0, defaults.getDouble("alpha"));
        assertNull(defaults.getOptionalInt("max_depth"));
        Params p = defaults.withAll(Map.of("alpha", "0.25", "max_iter", "50", "fit_intercept", "false",
                "solver", "SVD", "seed", "42", "max_depth", 7));
        assertEquals(0.25, p.getDouble("alpha"));
        assertEquals(50, p.getInt("max_iter"));
        assertEquals(false, p.getBoolean("fit_intercept"));
        assertEquals("svd", p.getString("solver"));
        assertEquals(42L, p.getLong("seed"));
        assertEquals(7, p.getOptionalInt("max_depth"));
        assertNull(p.with("max_depth", "none").getOptionalInt("max_depth"));
        // the original is unchanged
        assertEquals(1.0, defaults.getDouble("alpha"));
        assertEquals(List.of("alpha", "max_iter", "max_depth", "fit_intercept", "solver", "seed"), defaults.names());
    }

    @Test
    void outOfRangeValuesNameParameterValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> defaults.with("alpha", -1));
        assertEquals("parameter alpha = -1 is invalid; allowed: [0, inf)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.with("max_iter", 0));
        assertTrue(e.getMessage().contains("max_iter = 0") && e.getMessage().contains("[1, 1000000]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.with("max_iter", 2.5));
        assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.with("alpha", "abc"));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.with("alpha", Double.NaN));
        assertTrue(e.getMessage().contains("alpha = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.with("solver", "qr"));
        assertTrue(e.getMessage().contains("one of [auto, svd, cholesky]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> defaults.with("max_iter", null));
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }

    @Test
    void unknownNamesListValidOnesAndSuggest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> defaults.with("alpah", 1));
        assertTrue(e.getMessage().contains("did you mean 'alpha'"), e.getMessage());
        assertTrue(e.getMessage().contains("valid parameters: alpha, max_iter, max_depth, fit_intercept, solver, seed"), e.getMessage());
    }

    @Test
    void specsMustBeWellFormed() {
        assertThrows(IllegalArgumentException.class, () -> Param.nonNegative("Alpha", 1, "bad name"));
        assertThrows(IllegalArgumentException.class, () -> Param.positive("alpha", 0, "default outside range"));
        assertThrows(IllegalArgumentException.class, () -> Params.defaults(List.of(
                Param.flag("a", true, "x"), Param.flag("a", false, "y"))));
    }

    @Test
    void editDistance() {
        assertEquals(0, Params.editDistance("ridge", "ridge"));
        assertEquals(1, Params.editDistance("ridge", "ridg"));
        assertEquals(2, Params.editDistance("knn", "kmn1"));
        assertEquals(3, Params.editDistance("", "abc"));
    }
}
