package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame construction, typed access, derived frames, describe() and printing. */
class FrameTest {

    private static Frame sample() {
        return Frame.builder()
                .numeric("age", 31, 45, Double.NaN, 22, 60)
                .categorical("city", "Oslo", "Lima", null, "Oslo", "Kyiv")
                .bool("member", true, false, null, true, true)
                .string("note", "a", null, "c", "d", "e")
                .build();
    }

    @Test
    void shapeNamesTypesAndTypedAccess() {
        Frame f = sample();
        assertEquals(5, f.nrows());
        assertEquals(4, f.ncols());
        assertEquals(List.of("age", "city", "member", "note"), f.columnNames());
        assertEquals(List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.BOOLEAN, ColumnType.STRING), f.types());
        assertEquals(45.0, f.numeric("age").get(1));
        assertEquals(45.0, f.numeric(0).get(1));
        assertEquals(List.of("Kyiv", "Lima", "Oslo"), f.categorical("city").levels());
        assertEquals(-1, f.categorical("city").code(2));
        assertEquals(Boolean.FALSE, f.bool("member").get(1));
        assertNull(f.string("note").get(1));
        assertEquals(1, f.numeric("age").missingCount());
        assertEquals(1, f.indexOf("city"));
        assertTrue(f.hasColumn("note"));
    }

    @Test
    void wrongTypeAndUnknownNameErrors() {
        Frame f = sample();
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> f.numeric("city"));
        assertEquals("column 'city' is categorical, not numeric", wrong.getMessage());
        IllegalArgumentException wrong2 = assertThrows(IllegalArgumentException.class, () -> f.string(0));
        assertEquals("column 'age' is numeric, not string", wrong2.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> f.column("agee"));
        assertTrue(missing.getMessage().contains("'agee'") && missing.getMessage().contains("[age, city, member, note]"));
        assertThrows(IndexOutOfBoundsException.class, () -> f.column(4));
    }

    @Test
    void constructionChecks() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Frame.builder().numeric("a", 1, 2).numeric("b", 1).build());
        assertTrue(len.getMessage().contains("'b' has 1 rows but column 'a' has 2"), len.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Frame.builder().numeric("a", 1).string("a", "x").build());
        assertTrue(dup.getMessage().contains("duplicate column name 'a'"), dup.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> CategoricalColumn.of("c", List.of("a", "b"), "a", "z"));
        assertTrue(level.getMessage().contains("'z' is not one of the levels [a, b]"), level.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CategoricalColumn.fromCodes("c", new int[] {0, 2}, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> CategoricalColumn.of("c", List.of("a", "a")));
    }

    @Test
    void columnsAreImmutable() {
        double[] v = {1, 2};
        NumericColumn c = NumericColumn.of("x", v);
        v[0] = 99;
        assertEquals(1.0, c.get(0));
        c.toArray()[1] = 99;
        assertEquals(2.0, c.get(1));
        int[] codes = {0, 1};
        CategoricalColumn cc = CategoricalColumn.fromCodes("c", codes, List.of("a", "b"));
        codes[0] = 1;
        assertEquals(0, cc.code(0));
    }

    @Test
    void selectDropRenameWithColumn() {
        Frame f = sample();
        assertEquals(List.of("note", "age"), f.select("note", "age").columnNames());
        assertEquals(List.of("age", "note"), f.drop("city", "member").columnNames());
        assertThrows(IllegalArgumentException.class, () -> f.drop("nope"));
        Frame r = f.rename("age", "years");
        assertEquals(List.of("years", "city", "member", "note"), r.columnNames());
        assertEquals(45.0, r.numeric("years").get(1));
        Frame w = f.withColumn(NumericColumn.of("age", 1, 2, 3, 4, 5));
        assertEquals(List.of("age", "city", "member", "note"), w.columnNames(), "replaced in place");
        assertEquals(3.0, w.numeric("age").get(2));
        Frame w2 = f.withColumn(StringColumn.of("extra", "1", "2", "3", "4", "5"));
        assertEquals(5, w2.ncols());
        assertThrows(IllegalArgumentException.class, () -> f.withColumn(NumericColumn.of("short", 1)));
        assertEquals(4, f.ncols(), "the original frame is unchanged");
    }

    @Test
    void filterRowsAndHead() {
        Frame f = sample();
        NumericColumn age = f.numeric("age");
        Frame old = f.filter(i -> age.get(i) >= 40);
        assertArrayEquals(new double[] {45, 60}, old.numeric("age").toArray());
        assertEquals(List.of("Lima", "Kyiv"), List.of(old.categorical("city").get(0), old.categorical("city").get(1)));
        assertEquals(f.categorical("city").levels(), old.categorical("city").levels(), "levels are kept");
        Frame picked = f.rows(new int[] {4, 0, 0});
        assertArrayEquals(new double[] {60, 31, 31}, picked.numeric("age").toArray());
        assertEquals("e", picked.string("note").get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> f.rows(new int[] {5}));
        assertEquals(2, f.head(2).nrows());
        assertEquals(5, f.head(100).nrows());
        assertEquals(0, f.head(0).nrows());
    }

    @Test
    void describeMatchesHandComputedStatistics() {
        Frame d = sample().describe();
        assertEquals(4, d.nrows());
        assertEquals(List.of("column", "type", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max",
                "unique", "top", "freq"), d.columnNames());
        // age: 31, 45, 22, 60 -> mean 39.5, sample std, quartiles by linear interpolation (numpy default)
        assertEquals(4.0, d.numeric("count").get(0));
        assertEquals(1.0, d.numeric("missing").get(0));
        assertEquals(39.5, d.numeric("mean").get(0), 1e-12);
        double ss = Math.pow(31 - 39.5, 2) + Math.pow(45 - 39.5, 2) + Math.pow(22 - 39.5, 2) + Math.pow(60 - 39.5, 2);
        assertEquals(Math.sqrt(ss / 3), d.numeric("std").get(0), 1e-12);
        assertEquals(22.0, d.numeric("min").get(0));
        assertEquals(28.75, d.numeric("25%").get(0), 1e-12); // sorted 22 31 45 60: h = 0.75 -> 22 + 0.75 * 9
        assertEquals(38.0, d.numeric("50%").get(0), 1e-12);
        assertEquals(48.75, d.numeric("75%").get(0), 1e-12); // h = 2.25 -> 45 + 0.25 * 15
        assertEquals(60.0, d.numeric("max").get(0));
        assertTrue(d.numeric("unique").isMissing(0));
        // city: Oslo twice
        assertEquals("categorical", d.string("type").get(1));
        assertEquals(3.0, d.numeric("unique").get(1));
        assertEquals("Oslo", d.string("top").get(1));
        assertEquals(2.0, d.numeric("freq").get(1));
        assertTrue(d.numeric("mean").isMissing(1));
        // member: true three times
        assertEquals("true", d.string("top").get(2));
        assertEquals(3.0, d.numeric("freq").get(2));
        // note: all distinct, ties go to the smallest string
        assertEquals(4.0, d.numeric("unique").get(3));
        assertEquals("a", d.string("top").get(3));
    }

    @Test
    void toStringIsAnAlignedTable() {
        String s = sample().toString();
        String[] lines = s.split("\n");
        assertEquals("Frame 5 rows x 4 columns", lines[0]);
        assertTrue(lines[1].contains("age") && lines[1].contains("city") && lines[1].contains("member"), s);
        assertTrue(lines[2].contains("numeric") && lines[2].contains("categorical") && lines[2].contains("boolean"), s);
        assertTrue(lines[5].contains("NA"), "missing shown as NA:\n" + s);
        // numbers right-aligned: the 'age' values end at the same column as the header
        int end = lines[1].indexOf("age") + 3;
        assertEquals('1', lines[3].charAt(end - 1), s);
        assertEquals('5', lines[4].charAt(end - 1), s);
        String head = sample().toString(2);
        assertTrue(head.endsWith("... 3 more rows"), head);
        Frame wide = Frame.of(java.util.stream.IntStream.range(0, 30)
                .mapToObj(j -> (Column) NumericColumn.of("c" + j, j)).toList());
        String w = wide.toString();
        assertTrue(w.contains("...") && w.contains("c29") && !w.contains("c15"), w);
    }

    @Test
    void equalityIsByValue() {
        assertEquals(sample(), sample());
        assertEquals(sample().hashCode(), sample().hashCode());
        assertNotEquals(sample(), sample().rename("age", "x"));
        assertEquals(Frame.builder().numeric("x", Double.NaN).build(), Frame.builder().numeric("x", Double.NaN).build());
    }

    @Test
    void sortLevelsIsNumericWhenAllLevelsAreNumbers() {
        assertEquals(List.of("-1", "2", "10", "1e3"), CategoricalColumn.sortLevels(List.of("10", "2", "1e3", "-1")));
        assertEquals(List.of("10", "2", "a"), CategoricalColumn.sortLevels(List.of("a", "2", "10")));
    }
}
