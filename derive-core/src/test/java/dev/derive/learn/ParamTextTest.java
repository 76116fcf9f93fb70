package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Param#text}: trimmed free text, described by its format, no choices listed. */
class ParamTextTest {

    private final Param<String> p = Param.text("monotone_constraints", "", "comma-separated -1, 0 or 1", "monotone constraints");

    @Test
    void keepsTrimmedTextAndItsFormat() {
        assertEquals(Param.Kind.TEXT, p.kind());
        assertEquals("1,0,-1", p.validate("  1,0,-1 "));
        assertEquals("", p.validate(""));
        assertEquals("", p.defaultValue());
        assertEquals("comma-separated -1, 0 or 1", p.range());
        assertEquals(List.of(), p.choices(), "a text parameter lists no choices");
        assertEquals("[0,1]", p.renamed("estimator__monotone_constraints").validate("[0,1]"));
    }

    @Test
    void refusesNonTextAndMissingValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> p.validate(3));
        assertTrue(e.getMessage().contains("monotone_constraints"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.validate(null));
    }
}
