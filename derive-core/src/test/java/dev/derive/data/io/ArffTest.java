package dev.derive.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.CategoricalColumn;
import dev.derive.data.ColumnType;
import dev.derive.data.Frame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARFF: attribute types, quoting, comments, missing values, sparse rows, errors and round trips. */
class ArffTest {

    @TempDir
    Path dir;

    private static Frame read(String text) throws IOException {
        return Arff.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.arff");
    }

    private static MalformedDataException bad(String text) {
        return assertThrows(MalformedDataException.class, () -> read(text));
    }

    private static final String WEATHER = """
            % The weather data (Weka), with comments, quoting and missing values
            @RELATION weather

            @ATTRIBUTE outlook {sunny, overcast, rainy}
            @attribute temperature REAL
            @attribute 'relative humidity' numeric
            @attribute windy {TRUE, FALSE}
            @attribute "note" string
            @attribute day date "yyyy-MM-dd"
            @attribute play {yes,no}

            @data
            sunny,85,85,FALSE,'hot, dry',2024-01-01,no
            % a comment inside the data
            overcast,83,?,TRUE,"it's fine",2024-01-02,yes
            rainy , 70 , 96 , FALSE , plain , ? , yes
            'sunny',?,70,?,'?',2024-01-04,?
            """;

    @Test
    void readsTypesValuesQuotingAndMissing() throws IOException {
        Frame f = read(WEATHER);
        assertEquals(List.of("outlook", "temperature", "relative humidity", "windy", "note", "day", "play"), f.columnNames());
        assertEquals(List.of(ColumnType.CATEGORICAL, ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.CATEGORICAL,
                ColumnType.STRING, ColumnType.STRING, ColumnType.CATEGORICAL), f.types());
        CategoricalColumn outlook = f.categorical("outlook");
        assertEquals(List.of("sunny", "overcast", "rainy"), outlook.levels(), "declared order kept");
        assertArrayEquals(new int[] {0, 1, 2, 0}, outlook.codes());
        assertEquals(4, f.nrows());
        assertTrue(f.numeric("relative humidity").isMissing(1));
        assertTrue(f.numeric("temperature").isMissing(3));
        assertEquals(70.0, f.numeric("temperature").get(2));
        assertEquals("hot, dry", f.string("note").get(0));
        assertEquals("it's fine", f.string("note").get(1));
        assertEquals("plain", f.string("note").get(2));
        assertEquals("?", f.string("note").get(3), "a quoted ? is a value");
        assertNull(f.string("day").get(2));
        assertNull(f.categorical("play").get(3));
        assertNull(f.categorical("windy").get(3));
    }

    @Test
    void sparseRowsAndEscapes() throws IOException {
        Frame f = read("""
                @relation s
                @attribute a numeric
                @attribute b {x, 'y z'}
                @attribute c numeric
                @attribute d string
                @data
                {0 1.5, 3 'p, q'}
                {1 'y z', 2 -2, 3 "line\\nbreak \\\\ \\'q\\'"}
                {3 ''}
                """);
        assertArrayEquals(new double[] {1.5, 0, 0}, f.numeric("a").toArray());
        assertEquals("x", f.categorical("b").get(0), "omitted nominal value = first level");
        assertEquals("x", f.categorical("b").get(2));
        assertEquals("y z", f.categorical("b").get(1));
        assertArrayEquals(new double[] {0, -2, 0}, f.numeric("c").toArray());
        assertEquals("p, q", f.string("d").get(0));
        assertEquals("line\nbreak \\ 'q'", f.string("d").get(1));
        assertEquals("", f.string("d").get(2));
    }

    @Test
    void errorsNameTheLineAndAttribute() {
        MalformedDataException nominal = bad("@relation r\n@attribute c {a,b}\n@data\na\nz\n");
        assertTrue(nominal.getMessage().startsWith("test.arff:5:") && nominal.getMessage().contains("column 'c'")
                && nominal.getMessage().contains("'z' is not one of the declared values [a, b]"), nominal.getMessage());
        MalformedDataException number = bad("@relation r\n@attribute x numeric\n@data\n1\nabc\n");
        assertTrue(number.getMessage().startsWith("test.arff:5:") && number.getMessage().contains("expected a number"),
                number.getMessage());
        MalformedDataException count = bad("@relation r\n@attribute x numeric\n@attribute y numeric\n@data\n1,2\n3\n");
        assertTrue(count.getMessage().contains("test.arff:6:") && count.getMessage().contains("expected 2 values, found 1"),
                count.getMessage());
        assertTrue(bad("").getMessage().contains("empty input"));
        assertTrue(bad("@relation r\n@attribute x numeric\n").getMessage().contains("no @data"));
        assertTrue(bad("@relation r\n@attribute x numeric\n@attribute x numeric\n@data\n").getMessage().contains("duplicate"));
        assertTrue(bad("@relation r\n@attribute x blob\n@data\n").getMessage().contains("unknown attribute type 'blob'"));
        assertTrue(bad("@relation r\n@attribute x relational\n@data\n").getMessage().contains("relational"));
        assertTrue(bad("@relation r\n@attribute x numeric\n@data\n1,{2}\n").getMessage().contains("weights"));
        assertTrue(bad("@relation r\n@attribute s string\n@data\n'open\n").getMessage().contains("unterminated"));
        assertTrue(bad("hello\n").getMessage().contains("expected @relation"));
    }

    @Test
    void roundTrip() throws IOException {
        Frame f = Frame.builder()
                .numeric("x", 1.5, Double.NaN, -1e-300, 7)
                .categorical("color", List.of("red", "dark blue", "it's"), "red", null, "dark blue", "it's")
                .string("text name", "a, b", "?", null, "tab\there\nnewline \\ %")
                .build();
        Path p = dir.resolve("f.arff");
        Arff.write(f, p);
        assertEquals(f, Arff.read(p));
        Path gz = dir.resolve("f.arff.gz");
        Arff.write(f, gz);
        assertEquals(f, Arff.read(gz));
        String text = Files.readString(p);
        assertTrue(text.contains("@attribute 'text name' string"), text);
        assertTrue(text.contains("@attribute color {red,'dark blue','it\\'s'}"), text);
    }

    @Test
    void manyRowsOfEveryKind() throws IOException {
        StringBuilder sb = new StringBuilder("@relation big\n@attribute x numeric\n@attribute c {a,b}\n@attribute s string\n@data\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i).append(',').append(i % 3 == 0 ? "a" : "b").append(",'s").append(i).append("'\n");
        }
        Frame f = read(sb.toString());
        assertEquals(1000, f.nrows());
        assertEquals(999.0, f.numeric("x").get(999));
        assertEquals("a", f.categorical("c").get(999));
        assertEquals("s999", f.string("s").get(999));
    }

    @Test
    void booleansAreWrittenAsNominal() throws IOException {
        Frame f = Frame.builder().bool("b", true, null, false).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arff.write(f, out, "bools");
        Frame back = Arff.read(new ByteArrayInputStream(out.toByteArray()), "bools");
        assertEquals(List.of("false", "true"), back.categorical("b").levels());
        assertArrayEquals(new int[] {1, -1, 0}, back.categorical("b").codes());
    }
}
