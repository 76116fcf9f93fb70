package dev.derive.data.io;

import dev.derive.data.Column;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link Frame} as CSV that {@link CsvReader} reads back to the same values: a header row,
 * numbers in their shortest round-trip form (integral values without {@code .0}, infinities as
 * {@code inf}/{@code -inf}), missing values as an empty field, booleans as {@code true}/{@code false}.
 * A text value is quoted (RFC 4180, quotes doubled) when it contains the delimiter, a quote or a line
 * break, starts or ends with a space, is empty, or equals one of the reader's default missing-value
 * tokens ({@code NA}, {@code ?}, {@code NaN}), so that it is not read back as missing. Lines end with
 * {@code \n}. Instances are immutable.
 */
public final class CsvWriter {

    private final char delimiter;
    private final boolean header;

    private CsvWriter(char delimiter, boolean header) {
        this.delimiter = delimiter;
        this.header = header;
    }

    /** Comma-separated with a header row. */
    public static CsvWriter defaults() {
        return new CsvWriter(',', true);
    }

    /** The field delimiter (an ASCII character other than the quote, CR and LF). */
    public CsvWriter delimiter(char c) {
        if (c == 0 || c > 127 || c == '"' || c == '\n' || c == '\r') {
            throw new IllegalArgumentException("delimiter must be an ASCII character other than '\"', CR and LF, got "
                    + (int) c);
        }
        return new CsvWriter(c, header);
    }

    /** Whether to write the header row (default true). */
    public CsvWriter header(boolean writeHeader) {
        return new CsvWriter(delimiter, writeHeader);
    }

    /** Writes to a file; a name ending in {@code .gz} is gzip-compressed. */
    public void write(Frame frame, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                    write(frame, gz);
                }
            } else {
                write(frame, out);
            }
        }
    }

    /** Writes UTF-8 to a stream (flushed, not closed). */
    public void write(Frame frame, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        write(frame, w);
        w.flush();
    }

    /** Writes to a character stream (flushed, not closed). */
    public void write(Frame frame, Writer w) throws IOException {
        List<Column> cols = frame.columns();
        int m = cols.size();
        if (header) {
            for (int j = 0; j < m; j++) {
                if (j > 0) {
                    w.write(delimiter);
                }
                writeText(w, cols.get(j).name());
            }
            w.write('\n');
        }
        int n = frame.nrows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (j > 0) {
                    w.write(delimiter);
                }
                Column c = cols.get(j);
                String s = c.format(i);
                if (s == null) {
                    continue;
                }
                if (c instanceof NumericColumn) {
                    w.write(s);
                } else {
                    writeText(w, s);
                }
            }
            w.write('\n');
        }
        w.flush();
    }

    /** The CSV text of {@code frame}. */
    public String toString(Frame frame) {
        StringWriter sw = new StringWriter();
        try {
            write(frame, sw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private void writeText(Writer w, String s) throws IOException {
        if (needsQuotes(s)) {
            w.write('"');
            w.write(s.replace("\"", "\"\""));
            w.write('"');
        } else {
            w.write(s);
        }
    }

    private boolean needsQuotes(String s) {
        if (s.isEmpty() || CsvReader.DEFAULT_MISSING.contains(s)) {
            return true;
        }
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ' || s.charAt(0) == '"') {
            return true;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
