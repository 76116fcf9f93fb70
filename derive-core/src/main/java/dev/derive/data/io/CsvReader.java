package dev.derive.data.io;

import dev.derive.data.ColumnType;
import dev.derive.data.Frame;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads CSV (RFC 4180) into a {@link Frame}. Instances are immutable; each option method returns a
 * changed copy, so one configured reader can be shared.
 *
 * <h2>Format</h2>
 * <ul>
 * <li>A header row names the columns ({@link #header(boolean) header(false)} names them {@code col1},
 * {@code col2}, ...). An empty header name becomes {@code Unnamed: j} (0-based {@code j}, as pandas);
 * duplicate names are an error.</li>
 * <li>Fields are separated by the delimiter (default {@code ,}). A field that starts with a quote
 * (default {@code "}) is quoted: it may contain delimiters and line breaks, and a doubled quote stands
 * for one quote; after the closing quote comes a delimiter or the end of the line. A quote inside an
 * unquoted field is an ordinary character.</li>
 * <li>Lines end with {@code \n} or {@code \r\n}; the last line may lack one. Blank lines are skipped
 * (as pandas does). Input is UTF-8; a leading byte-order mark is skipped. Gzip input is decompressed
 * transparently: by the {@code .gz} extension for files, by its magic bytes for streams.</li>
 * <li>Every row must have as many fields as the header.</li>
 * </ul>
 *
 * <h2>Missing values</h2>
 * An unquoted field equal to one of the missing-value tokens (default: empty, {@code NA}, {@code ?},
 * {@code NaN}) is missing. A quoted field is always a literal value in a text column (so the string
 * {@code "NA"} survives a round trip); in a numeric column a quoted token still means missing, since it
 * cannot be a number there.
 *
 * <h2>Type inference</h2>
 * Each column without an explicit {@link #type(String, ColumnType) type} gets, in order:
 * <ol>
 * <li>{@code NUMERIC} when every non-missing value parses as a decimal number ({@code [+-]digits.digits
 * e[+-]digits}, with {@code inf}, {@code infinity} and {@code nan} in any case; surrounding spaces
 * allowed) - also when every value is missing;</li>
 * <li>{@code BOOLEAN} when every non-missing value is {@code true} or {@code false} in any case
 * ({@code yes}/{@code no}, {@code t}/{@code f} and {@code 0}/{@code 1} are not inferred as booleans, so
 * class labels such as {@code yes}/{@code no} keep their names);</li>
 * <li>{@code CATEGORICAL} when the number of distinct values is at most
 * {@code max(maxLevels, maxLevelFraction * rows)} (default {@code max(20, 5% of rows)}), with levels in
 * natural order ({@link dev.derive.data.CategoricalColumn#sortLevels});</li>
 * <li>{@code STRING} otherwise.</li>
 * </ol>
 * A column declared {@code NUMERIC} whose value does not parse is an error; one declared
 * {@code BOOLEAN} also accepts {@code yes/no, y/n, t/f, 1/0} (any case).
 *
 * <h2>Errors and speed</h2>
 * Malformed input (ragged row, unterminated quote, unparsable value in a numeric column, empty input,
 * duplicate header) throws {@link MalformedDataException} naming the file, the line and the column.
 * The parser works on bytes, parses numbers with an exact parser that agrees bit for bit with
 * {@link Double#parseDouble}, and parses blocks of whole rows in parallel on
 * {@link dev.derive.runtime.Parallelism#pool()} (blocks are cut at row ends found by a quote-aware scan).
 * The input bytes are kept until the whole input is read (a column that turns out to hold text is
 * re-read from them), so reading a numeric file briefly needs about twice its size plus the columns.
 */
public final class CsvReader {

    static final List<String> DEFAULT_MISSING = List.of("", "NA", "?", "NaN");

    final byte delimiter;
    final byte quote;
    final boolean header;
    final List<String> missing;
    final Map<String, ColumnType> types;
    final int maxLevels;
    final double maxLevelFraction;
    final int blockSize;

    private CsvReader(byte delimiter, byte quote, boolean header, List<String> missing,
                      Map<String, ColumnType> types, int maxLevels, double maxLevelFraction, int blockSize) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.header = header;
        this.missing = missing;
        this.types = types;
        this.maxLevels = maxLevels;
        this.maxLevelFraction = maxLevelFraction;
        this.blockSize = blockSize;
    }

    /** The default reader: comma, double quote, header row, missing tokens {@code "", NA, ?, NaN}. */
    public static CsvReader defaults() {
        return new CsvReader((byte) ',', (byte) '"', true, DEFAULT_MISSING, Map.of(), 20, 0.05, 8 << 20);
    }

    private CsvReader copy(byte delimiter, byte quote, boolean header, List<String> missing,
                           Map<String, ColumnType> types, int maxLevels, double maxLevelFraction, int blockSize) {
        return new CsvReader(delimiter, quote, header, missing, types, maxLevels, maxLevelFraction, blockSize);
    }

    /** The field delimiter, an ASCII character other than the quote, CR and LF (e.g. {@code ';'}, {@code '\t'}). */
    public CsvReader delimiter(char c) {
        return copy(asciiOption("delimiter", c), quote, header, missing, types, maxLevels, maxLevelFraction, blockSize);
    }

    /** The quote character, an ASCII character other than the delimiter, CR and LF. */
    public CsvReader quote(char c) {
        return copy(delimiter, asciiOption("quote", c), header, missing, types, maxLevels, maxLevelFraction, blockSize);
    }

    private byte asciiOption(String what, char c) {
        if (c == 0 || c > 127 || c == '\n' || c == '\r') {
            throw new IllegalArgumentException(what + " must be an ASCII character other than CR and LF, got "
                    + (int) c);
        }
        if ((what.equals("delimiter") && c == quote) || (what.equals("quote") && c == delimiter)) {
            throw new IllegalArgumentException("delimiter and quote must differ, both are '" + c + "'");
        }
        return (byte) c;
    }

    /** Whether the first row names the columns (default true); without it columns are {@code col1, col2, ...}. */
    public CsvReader header(boolean hasHeader) {
        return copy(delimiter, quote, hasHeader, missing, types, maxLevels, maxLevelFraction, blockSize);
    }

    /** The unquoted field values that mean "missing" (replaces the default {@code "", NA, ?, NaN}). */
    public CsvReader missingValues(String... tokens) {
        for (String t : tokens) {
            if (t == null) {
                throw new IllegalArgumentException("missing-value tokens must not be null");
            }
        }
        return copy(delimiter, quote, header, List.of(tokens), types, maxLevels, maxLevelFraction, blockSize);
    }

    /** Declares the type of column {@code name} instead of inferring it. */
    public CsvReader type(String name, ColumnType type) {
        Map<String, ColumnType> t = new LinkedHashMap<>(types);
        t.put(name, type);
        return copy(delimiter, quote, header, missing, Collections.unmodifiableMap(t), maxLevels, maxLevelFraction,
                blockSize);
    }

    /** Declares the types of several columns. */
    public CsvReader types(Map<String, ColumnType> columnTypes) {
        Map<String, ColumnType> t = new LinkedHashMap<>(types);
        t.putAll(columnTypes);
        return copy(delimiter, quote, header, missing, Collections.unmodifiableMap(t), maxLevels, maxLevelFraction,
                blockSize);
    }

    /**
     * The categorical inference limit: a text column is categorical when it has at most
     * {@code max(maxLevels, maxLevelFraction * rows)} distinct values (default 20 and 0.05).
     */
    public CsvReader categoricalLimit(int maxLevels, double maxLevelFraction) {
        if (maxLevels < 0 || !(maxLevelFraction >= 0 && maxLevelFraction <= 1)) {
            throw new IllegalArgumentException("categoricalLimit needs maxLevels >= 0 and maxLevelFraction in [0, 1], got "
                    + maxLevels + ", " + maxLevelFraction);
        }
        return copy(delimiter, quote, header, missing, types, maxLevels, maxLevelFraction, blockSize);
    }

    /** Block size in bytes for parallel parsing (tests use small blocks to exercise block boundaries). */
    CsvReader blockSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("block size must be >= 1");
        }
        return copy(delimiter, quote, header, missing, types, maxLevels, maxLevelFraction, bytes);
    }

    /** Reads a CSV file; a name ending in {@code .gz} is decompressed. */
    public Frame read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream s = file.getFileName().toString().endsWith(".gz")
                    ? new GZIPInputStream(in, 1 << 16) : in;
            return new CsvParser(this, file.toString()).read(s);
        }
    }

    /**
     * Reads CSV from a stream (gzip detected by its magic bytes); {@code source} names the input in error
     * messages. The stream is not closed.
     */
    public Frame read(InputStream in, String source) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int b0 = b.read();
        int b1 = b.read();
        b.reset();
        InputStream s = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
        return new CsvParser(this, source).read(s);
    }

    /**
     * Reads CSV text held in a string (source {@code <string>} in messages). Malformed text throws an
     * {@link IllegalArgumentException} whose cause is the {@link MalformedDataException}.
     */
    public Frame parse(String text) {
        try {
            return new CsvParser(this, "<string>").read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (MalformedDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
