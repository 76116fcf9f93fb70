package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Param#choiceOrNumber}: a named choice, a count (integer) or a fraction (real in (0, 1]), as scikit-learn's max_features. */
class ParamChoiceOrNumberTest {

    static final Param<String> P = Param.choiceOrNumber("max_features", "sqrt", List.of("all", "sqrt", "log2"), "features per split");

    @Test
    void acceptsChoicesCountsAndFractions() {
        assertEquals("sqrt", P.defaultValue());
        assertEquals("log2", P.validate(" LOG2 "));
        assertEquals("3", P.validate(3));
        assertEquals("3", P.validate(3L));
        assertEquals("3", P.validate("3"));
        assertEquals("1", P.validate(1));
        assertEquals("1.0", P.validate(1.0));
        assertEquals("0.5", P.validate(0.5));
        assertEquals("0.5", P.validate("0.5"));
        assertEquals("0.25", P.validate(".25"));
        // the stored string form validates to itself (parameters round-trip by name)
        for (String v : List.of("all", "3", "1.0", "0.5")) {
            assertEquals(v, P.validate(P.validate(v)));
        }
        assertEquals(Param.Kind.CHOICE, P.kind());
        assertEquals(List.of("all", "sqrt", "log2"), P.choices());
    }

    @Test
    void rejectsOthersNamingTheRange() {
        for (Object bad : new Object[] {0, -1, 0.0, 1.5, "2.5", "half", "0", Double.NaN, null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> P.validate(bad), String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("parameter max_features = "), e.getMessage());
            assertTrue(e.getMessage().contains("a fraction in (0, 1]"), e.getMessage());
        }
    }

    @Test
    void renamedKeepsNumbers() {
        Param<?> r = P.renamed("rf__max_features");
        assertEquals("rf__max_features", r.name());
        assertEquals("0.5", r.validate(0.5));
        assertEquals("7", r.validate("7"));
        assertEquals("sqrt", r.defaultValue());
    }
}
