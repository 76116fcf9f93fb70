package dev.derive.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.BooleanColumn;
import dev.derive.data.CategoricalColumn;
import dev.derive.data.ColumnType;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.StringColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV reading: RFC 4180 quoting, missing values, type inference, malformed input, gzip, block boundaries. */
class CsvReaderTest {

    @TempDir
    Path dir;

    private static Frame parse(String csv) {
        return Csv.reader().parse(csv);
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private MalformedDataException malformed(String name, String content, CsvReader reader) throws IOException {
        Path p = file(name, content);
        return assertThrows(MalformedDataException.class, () -> reader.read(p));
    }

    // ---------------------------------------------------------------- basics and quoting

    @Test
    void readsHeaderTypesAndValues() {
        Frame f = parse("a,b,c\n1,x,true\n2.5,y,false\n-3e2,x,TRUE\n");
        assertEquals(List.of("a", "b", "c"), f.columnNames());
        assertEquals(List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.BOOLEAN), f.types());
        assertArrayEquals(new double[] {1, 2.5, -300}, f.numeric("a").toArray());
        assertEquals(List.of("x", "y"), f.categorical("b").levels());
        assertEquals("y", f.categorical("b").get(1));
        assertEquals(Boolean.TRUE, f.bool("c").get(2));
        assertEquals(3, f.nrows());
    }

    @Test
    void quotedFieldsHoldDelimitersDoubledQuotesAndNewlines() {
        Frame f = Csv.reader().type("s", ColumnType.STRING).parse(
                "id,s\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\n5,plain\n");
        StringColumn s = f.string("s");
        assertEquals("a,b", s.get(0));
        assertEquals("say \"hi\"", s.get(1));
        assertEquals("two\nlines", s.get(2));
        assertEquals("", s.get(3), "a quoted empty field is an empty string, not missing");
        assertEquals("plain", s.get(4));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, f.numeric("id").toArray());
    }

    @Test
    void crlfBomBlankLinesAndMissingFinalNewline() {
        Frame f = parse("\uFEFFx,y\r\n1,a\r\n\r\n2,\"b\"\r\n\n3,c");
        assertEquals(List.of("x", "y"), f.columnNames());
        assertArrayEquals(new double[] {1, 2, 3}, f.numeric("x").toArray());
        assertEquals(List.of("a", "b", "c"), f.categorical("y").levels());
    }

    @Test
    void quotedHeaderNamesAndEmptyNames() {
        Frame f = parse("\"a,b\",,\"c\"\"d\"\n1,2,3\n");
        assertEquals(List.of("a,b", "Unnamed: 1", "c\"d"), f.columnNames());
    }

    @Test
    void otherDelimitersAndNoHeader() {
        Frame f = Csv.reader().delimiter(';').parse("a;b\n1,5;x\n");
        assertEquals("1,5", f.categorical("a").get(0));
        Frame t = Csv.reader().delimiter('\t').header(false).parse("1\t2\n3\t4\n");
        assertEquals(List.of("col1", "col2"), t.columnNames());
        assertArrayEquals(new double[] {2, 4}, t.numeric("col2").toArray());
    }

    @Test
    void headerOnlyGivesZeroRows() {
        Frame f = parse("a,b\n");
        assertEquals(0, f.nrows());
        assertEquals(List.of("a", "b"), f.columnNames());
    }

    // ---------------------------------------------------------------- missing values

    @Test
    void defaultMissingTokens() {
        Frame f = parse("x,s\n1,a\n,NA\nNA,?\n?,b\nNaN,\n4,\"NA\"\n");
        NumericColumn x = f.numeric("x");
        assertEquals(4, x.missingCount());
        assertEquals(4.0, x.get(5));
        CategoricalColumn s = f.categorical("s");
        assertNull(s.get(1));
        assertNull(s.get(2));
        assertNull(s.get(4));
        assertEquals("NA", s.get(5), "a quoted NA is the string NA");
        assertEquals(List.of("NA", "a", "b"), s.levels());
    }

    @Test
    void customMissingTokensIncludingANumber() {
        Frame f = Csv.reader().missingValues("", "-999", "n/a").parse("x,s\n1,a\n-999,n/a\n-999.5,NA\n");
        NumericColumn x = f.numeric("x");
        assertTrue(x.isMissing(1));
        assertEquals(-999.5, x.get(2));
        assertEquals("NA", f.categorical("s").get(2), "NA is not a missing token any more");
        assertNull(f.categorical("s").get(1));
    }

    @Test
    void quotedNumbersAndQuotedMissingInNumericColumns() {
        Frame f = parse("x\n\"1.5\"\n\"\"\n\"NA\"\n 2 \n");
        assertEquals(ColumnType.NUMERIC, f.types().get(0));
        double[] v = f.numeric("x").toArray();
        assertEquals(1.5, v[0]);
        assertTrue(Double.isNaN(v[1]) && Double.isNaN(v[2]));
        assertEquals(2.0, v[3], "spaces around a number are allowed");
    }

    // ---------------------------------------------------------------- type inference

    @Test
    void numericInferenceAcceptsInfinitiesAndNan() {
        Frame f = parse("x\ninf\n-Infinity\nnan\n1e308\n");
        double[] v = f.numeric("x").toArray();
        assertEquals(Double.POSITIVE_INFINITY, v[0]);
        assertEquals(Double.NEGATIVE_INFINITY, v[1]);
        assertTrue(Double.isNaN(v[2]));
    }

    @Test
    void allMissingColumnIsNumeric() {
        Frame f = parse("a,b\n1,\n2,NA\n");
        assertEquals(ColumnType.NUMERIC, f.types().get(1));
        assertEquals(2, f.numeric("b").missingCount());
    }

    @Test
    void booleansOnlyForTrueFalse() {
        Frame f = parse("a,b,c\ntrue,yes,1\nFalse,no,0\nTRUE,yes,1\n,no,\n");
        assertEquals(ColumnType.BOOLEAN, f.types().get(0));
        assertNull(f.bool("a").get(3));
        assertEquals(ColumnType.CATEGORICAL, f.types().get(1), "yes/no stays categorical so class names survive");
        assertEquals(ColumnType.NUMERIC, f.types().get(2));
    }

    @Test
    void categoricalLimitIsMaxOf20AndFivePercent() {
        StringBuilder sb = new StringBuilder("s\n");
        for (int i = 0; i < 100; i++) {
            sb.append("v").append(i % 20).append('\n');
        }
        assertEquals(ColumnType.CATEGORICAL, parse(sb.toString()).types().get(0), "20 distinct values");
        sb = new StringBuilder("s\n");
        for (int i = 0; i < 100; i++) {
            sb.append("v").append(i % 21).append('\n');
        }
        assertEquals(ColumnType.STRING, parse(sb.toString()).types().get(0), "21 distinct in 100 rows");
        sb = new StringBuilder("s\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("v").append(i % 50).append('\n');
        }
        assertEquals(ColumnType.CATEGORICAL, parse(sb.toString()).types().get(0), "50 distinct <= 5% of 1000");
        assertEquals(ColumnType.STRING, Csv.reader().categoricalLimit(10, 0.01).parse(sb.toString()).types().get(0));
    }

    @Test
    void levelsAreSortedNaturally() {
        Frame f = Csv.reader().type("n", ColumnType.CATEGORICAL).parse("n,s\n10,b\n2,a\n1,C\n2,b\n");
        assertEquals(List.of("1", "2", "10"), f.categorical("n").levels(), "numeric levels in numeric order");
        assertEquals(List.of("C", "a", "b"), f.categorical("s").levels(), "text levels in String order");
        assertArrayEquals(new int[] {2, 1, 0, 1}, f.categorical("n").codes());
    }

    @Test
    void overridesPerColumn() {
        Frame f = Csv.reader()
                .types(Map.of("a", ColumnType.STRING, "b", ColumnType.BOOLEAN, "c", ColumnType.NUMERIC))
                .parse("a,b,c\n1.50,yes,3\n2,N,\n");
        assertEquals("1.50", f.string("a").get(0), "text kept as written");
        assertEquals(Boolean.TRUE, f.bool("b").get(0));
        assertEquals(Boolean.FALSE, f.bool("b").get(1));
        assertTrue(f.numeric("c").isMissing(1));
    }

    @Test
    void unknownOverrideColumnIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.reader().type("zz", ColumnType.STRING).parse("a,b\n1,2\n"));
        assertTrue(e.getMessage().contains("'zz'") && e.getMessage().contains("[a, b]"), e.getMessage());
    }

    @Test
    void columnThatTurnsTextLateKeepsEarlierTextExactly() {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 2000; i++) {
            sb.append(i).append(',').append(i == 1500 ? "oops" : i % 3 == 0 ? "1.50" : "2").append('\n');
        }
        for (int block : new int[] {64, 1000, 1 << 20}) {
            Frame f = Csv.reader().blockSize(block).parse(sb.toString());
            assertEquals(ColumnType.CATEGORICAL, f.types().get(1), "block " + block);
            assertEquals("1.50", f.categorical("v").get(0));
            assertEquals("2", f.categorical("v").get(1));
            assertEquals("oops", f.categorical("v").get(1500));
            assertEquals(List.of("1.50", "2", "oops"), f.categorical("v").levels());
            assertEquals(1999.0, f.numeric("id").get(1999));
        }
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void raggedRowNamesFileAndLine() throws IOException {
        MalformedDataException e = malformed("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n", Csv.reader());
        assertTrue(e.getMessage().contains("ragged.csv:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 3 fields, found 2"), e.getMessage());
        assertEquals(3, e.line());
        MalformedDataException more = malformed("more.csv", "a,b\n1,2\n3,4\n5,6,7\n", Csv.reader());
        assertTrue(more.getMessage().contains("more.csv:4:") && more.getMessage().contains("expected 2 fields, found 3"),
                more.getMessage());
    }

    @Test
    void lineNumbersCountNewlinesInsideQuotes() throws IOException {
        MalformedDataException e = malformed("q.csv", "a,b\n1,\"x\ny\nz\"\n2\n", Csv.reader());
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("q.csv:5:"), e.getMessage());
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItOpened() throws IOException {
        MalformedDataException e = malformed("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", Csv.reader());
        assertTrue(e.getMessage().contains("open.csv:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
        assertEquals("b", e.column());
        // the same with many small blocks, so the open quote spans block boundaries
        MalformedDataException small = assertThrows(MalformedDataException.class, () -> Csv.reader().blockSize(4)
                .read(dir.resolve("open.csv")));
        assertEquals(3, small.line(), small.getMessage());
    }

    @Test
    void textAfterClosingQuote() throws IOException {
        MalformedDataException e = malformed("after.csv", "a,b\n1,\"x\"y\n", Csv.reader());
        assertTrue(e.getMessage().contains("after.csv:2:") && e.getMessage().contains("after a closing quote"),
                e.getMessage());
    }

    @Test
    void declaredNumericColumnWithTextNamesFileLineAndColumn() throws IOException {
        StringBuilder sb = new StringBuilder("id,price\n");
        for (int i = 0; i < 500; i++) {
            sb.append(i).append(',').append(i == 321 ? "12,5" : "3.5").append('\n');
        }
        // "12,5" unquoted is two fields: ragged row on line 323
        MalformedDataException ragged = malformed("r.csv", sb.toString(), Csv.reader());
        assertEquals(323, ragged.line());
        String text = sb.toString().replace("12,5", "twelve");
        MalformedDataException e = malformed("price.csv", text, Csv.reader().type("price", ColumnType.NUMERIC).blockSize(256));
        assertTrue(e.getMessage().contains("price.csv:323:"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'price'") && e.getMessage().contains("field 2"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a number") && e.getMessage().contains("'twelve'"), e.getMessage());
        assertEquals("price", e.column());
    }

    @Test
    void declaredBooleanColumnWithOtherValue() throws IOException {
        MalformedDataException e = malformed("b.csv", "x,flag\n1,yes\n\n2,maybe\n", Csv.reader().type("flag", ColumnType.BOOLEAN));
        assertTrue(e.getMessage().contains("b.csv:4:") && e.getMessage().contains("'maybe'"), e.getMessage());
    }

    @Test
    void emptyFileAndDuplicateHeader() throws IOException {
        MalformedDataException empty = malformed("empty.csv", "", Csv.reader());
        assertTrue(empty.getMessage().contains("empty.csv") && empty.getMessage().contains("empty input"), empty.getMessage());
        MalformedDataException blank = malformed("blank.csv", "\n\n", Csv.reader());
        assertTrue(blank.getMessage().contains("empty input"), blank.getMessage());
        MalformedDataException dup = malformed("dup.csv", "a,b,a\n1,2,3\n", Csv.reader());
        assertTrue(dup.getMessage().contains("dup.csv:1:") && dup.getMessage().contains("duplicate column name 'a'")
                && dup.getMessage().contains("fields 1 and 3"), dup.getMessage());
    }

    @Test
    void earliestErrorWinsAcrossBlocks() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 3000; i++) {
            sb.append(i == 700 || i == 2500 ? "1\n" : "1,2\n");
        }
        MalformedDataException e = malformed("two.csv", sb.toString(), Csv.reader().blockSize(100));
        assertEquals(702, e.line(), e.getMessage());
    }

    // ---------------------------------------------------------------- gzip, streams, blocks

    @Test
    void gzipByExtensionAndByMagicBytes() throws IOException {
        String csv = "a,b\n1,x\n2,y\n";
        Path gz = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        Frame expected = parse(csv);
        assertEquals(expected, Csv.read(gz));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(expected, Csv.reader().read(new ByteArrayInputStream(bytes.toByteArray()), "stream"));
        Path plain = file("plain.csv", csv);
        assertEquals(expected, Csv.read(plain));
    }

    @Test
    void everyBlockSizeGivesTheSameFrame() {
        StringBuilder sb = new StringBuilder("id,text,x,flag\r\n");
        for (int i = 0; i < 120; i++) {
            String text = switch (i % 5) {
                case 0 -> "\"multi\nline, with comma\"";
                case 1 -> "\"quote \"\" inside\"";
                case 2 -> "";
                case 3 -> "plain" + i;
                default -> "\"\"";
            };
            sb.append(i).append(',').append(text).append(',').append(i * 0.25).append(',')
                    .append(i % 2 == 0 ? "true" : "false").append(i % 7 == 0 ? "\n" : "\r\n");
            if (i % 13 == 0) {
                sb.append('\n');
            }
        }
        String csv = sb.toString();
        Frame reference = Csv.reader().blockSize(1 << 20).parse(csv);
        assertEquals(120, reference.nrows());
        assertEquals("multi\nline, with comma", reference.column("text").format(0));
        for (int block = 1; block <= 70; block += 3) {
            assertEquals(reference, Csv.reader().blockSize(block).parse(csv), "block size " + block);
        }
    }

    @Test
    void quoteCharacterInsideUnquotedFieldIsLiteral() {
        Frame f = Csv.reader().type("s", ColumnType.STRING).parse("s,n\n5\" pipe,1\nab\"c,2\n");
        assertEquals("5\" pipe", f.string("s").get(0));
        assertEquals("ab\"c", f.string("s").get(1));
    }

    @Test
    void utf8Text() {
        Frame f = parse("name,v\nZürich,1\n東京,2\n\"naïve, café\",3\n");
        assertEquals(List.of("Zürich", "naïve, café", "東京"), f.categorical("name").levels());
    }

    @Test
    void booleanColumnsRoundTripMissing() {
        Frame f = Frame.builder().bool("b", true, null, false).numeric("x", 1, 2, 3).build();
        Frame back = parse(Csv.writer().toString(f));
        assertEquals(f, back);
        BooleanColumn b = back.bool("b");
        assertTrue(b.isMissing(1));
    }
}
