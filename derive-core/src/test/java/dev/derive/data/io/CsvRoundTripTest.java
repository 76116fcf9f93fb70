package dev.derive.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.CategoricalColumn;
import dev.derive.data.ColumnType;
import dev.derive.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link CsvWriter} writes, {@link CsvReader} reads back to the same frame. */
class CsvRoundTripTest {

    @TempDir
    Path dir;

    private static final Map<String, ColumnType> TYPES = Map.of("x", ColumnType.NUMERIC, "s", ColumnType.STRING,
            "c", ColumnType.CATEGORICAL, "b", ColumnType.BOOLEAN);

    @Test
    void trickyValuesSurviveAFileRoundTrip() throws IOException {
        Frame f = Frame.builder()
                .numeric("x", 0.1, -0.0, Double.NaN, 1e-300, Double.POSITIVE_INFINITY, 4.9e-324, 123456789012.5, -7)
                .string("s", "a,b", "say \"hi\"", "two\nlines", "", null, "NA", " padded ", "crlf\r\n")
                .categorical("c", "x", "y", null, "x", "y, z", "\"q\"", "x", "NaN")
                .bool("b", true, false, null, true, true, false, null, false)
                .build();
        for (String name : List.of("t.csv", "t.csv.gz")) {
            Path p = dir.resolve(name);
            Csv.write(f, p);
            Frame back = Csv.reader().types(TYPES).read(p);
            assertEquals(f, back, name);
        }
        String text = Files.readString(dir.resolve("t.csv"));
        assertEquals("x,s,c,b", text.lines().findFirst().orElseThrow());
    }

    @Test
    void otherDelimiter() {
        Frame f = Frame.builder().numeric("x", 1.5, 2).string("s", "a;b", "c,d").build();
        String text = Csv.writer().delimiter(';').toString(f);
        assertEquals(f, Csv.reader().delimiter(';').types(Map.of("s", ColumnType.STRING)).parse(text));
    }

    @Provide
    Arbitrary<Frame> frames() {
        Arbitrary<String> text = Arbitraries.strings().withChars("ab ,\"\n\r;NA?é")
                .ofMinLength(0).ofMaxLength(8).injectNull(0.1);
        Arbitrary<Double> num = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE));
        return Arbitraries.integers().between(0, 40).flatMap(n -> Combinators.combine(
                num.array(double[].class).ofSize(n),
                text.array(String[].class).ofSize(n),
                Arbitraries.of("lo", "mid", "hi").injectNull(0.2).array(String[].class).ofSize(n),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.2).array(Boolean[].class).ofSize(n))
                .as((x, s, c, b) -> Frame.builder().numeric("x", x).string("s", s)
                        .add(CategoricalColumn.of("c", List.of("hi", "lo", "mid"), c)).bool("b", b).build()));
    }

    @Property(tries = 300)
    void randomFramesRoundTrip(@ForAll("frames") Frame f, @ForAll("blockSizes") int block) {
        String text = Csv.writer().toString(f);
        Frame back = Csv.reader().types(TYPES).blockSize(block).parse(text);
        // levels of a read categorical column are the values present; compare through the text values
        assertEquals(f.nrows(), back.nrows());
        for (String col : List.of("x", "s", "b")) {
            assertEquals(f.column(col), back.column(col), col + "\n" + text);
        }
        for (int i = 0; i < f.nrows(); i++) {
            assertEquals(f.categorical("c").get(i), back.categorical("c").get(i));
        }
    }

    @Provide
    Arbitrary<Integer> blockSizes() {
        return Arbitraries.of(1, 2, 3, 7, 16, 64, 1 << 20);
    }
}
