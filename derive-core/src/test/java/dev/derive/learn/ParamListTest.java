package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Param#reals}: list-valued real parameters, parsed from lists, arrays, numbers and comma-separated strings. */
class ParamListTest {

    static final Param<List<Double>> P = Param.reals("alphas", new double[] {0.1, 1, 10}, 0, false,
            Double.POSITIVE_INFINITY, false, "grid");

    @Test
    void acceptsListsArraysNumbersAndStrings() {
        List<Double> want = List.of(0.1, 1.0, 10.0);
        assertEquals(want, P.defaultValue());
        assertEquals(want, P.validate("0.1,1,10"));
        assertEquals(want, P.validate(" 0.1 , 1 ,10 "));
        assertEquals(want, P.validate("[0.1, 1.0, 10.0]"));
        assertEquals(want, P.validate(want.toString()));
        assertEquals(want, P.validate(new double[] {0.1, 1, 10}));
        assertEquals(want, P.validate(List.of(0.1, 1, 10L)));
        assertEquals(want, P.validate(new Object[] {"0.1", 1, 10.0}));
        assertEquals(List.of(2.5), P.validate(2.5));
        assertEquals(List.of(2.5), P.validate("2.5"));
        assertEquals(Param.Kind.DOUBLE_LIST, P.kind());
        assertTrue(P.range().contains("list of reals, each in (0, inf)"), P.range());
        assertThrows(UnsupportedOperationException.class, () -> P.validate("1,2").add(3.0));
    }

    @Test
    void rejectsBadElementsNamingTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> P.validate("0.1,-1,10"));
        assertTrue(e.getMessage().startsWith("parameter alphas = '0.1,-1,10' is invalid (element 1 = -1.0 is out of range)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> P.validate("0.1,abc"));
        assertTrue(e.getMessage().contains("element 1 'abc' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> P.validate("0.1,,1"));
        assertTrue(e.getMessage().contains("empty element"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> P.validate(""));
        assertTrue(e.getMessage().contains("the list is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> P.validate(List.of()));
        assertTrue(e.getMessage().contains("the list is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> P.validate(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("[1.0, NaN]") && e.getMessage().contains("element 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> P.validate((Object) null));
        assertThrows(IllegalArgumentException.class, () -> P.validate(true));
    }

    @Test
    void optionalListsAndParamsAccess() {
        Param<List<Double>> opt = Param.optionalReals("l1_ratio", null, 0, false, 1, true, "mix");
        assertNull(opt.validate("none"));
        assertNull(opt.defaultValue());
        Params p = Params.defaults(List.of(P, opt));
        assertArrayEquals(new double[] {0.1, 1, 10}, p.getDoubles("alphas"));
        assertNull(p.getDoubles("l1_ratio"));
        Params q = p.with("l1_ratio", "0.2,1");
        assertArrayEquals(new double[] {0.2, 1}, q.getDoubles("l1_ratio"));
        assertEquals(q, q.with("l1_ratio", q.get("l1_ratio").toString()));
        assertThrows(IllegalArgumentException.class, () -> p.with("l1_ratio", "0.5,1.5"));
        assertEquals("x__alphas", P.renamed("x__alphas").name());
        assertEquals(P.defaultValue(), P.renamed("x__alphas").defaultValue());
    }
}
