package dev.derive.data.io;

import dev.derive.data.BooleanColumn;
import dev.derive.data.CategoricalColumn;
import dev.derive.data.Column;
import dev.derive.data.ColumnType;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.StringColumn;
import dev.derive.runtime.Parallelism;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The byte-level CSV engine behind {@link CsvReader}. The input is read in blocks that end at a row
 * boundary (found by counting newlines when the block holds no quote character, by a quote-aware scan
 * otherwise); each block is tokenised and its numbers parsed on the shared pool, and the blocks'
 * columns are joined in order. Text columns are dictionary-encoded per block ({@link ByteDict}).
 */
final class CsvParser {

    private static final byte NUM = 0;
    private static final byte TEXT = 1;
    private static final byte SKIP = 2;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final CsvReader opt;
    private final String source;
    private final byte delim;
    private final byte quote;
    private final byte[][] missing;
    private final boolean emptyIsMissing;
    private final boolean numericLookingMissing;

    private String[] names;
    private int ncols;
    private ColumnType[] forced;

    /** One block of whole rows and, after parsing, its columns. */
    private static final class Chunk {
        final byte[] b;
        final int from;
        final int to;
        final long firstLine;
        final int maxRows;
        int rows;
        byte[] kind;
        double[][] num;
        int[][] codes;
        ByteDict[] dict;

        Chunk(byte[] b, int from, int to, long firstLine, int maxRows) {
            this.b = b;
            this.from = from;
            this.to = to;
            this.firstLine = firstLine;
            this.maxRows = maxRows;
        }
    }

    CsvParser(CsvReader opt, String source) {
        this.opt = opt;
        this.source = source;
        this.delim = opt.delimiter;
        this.quote = opt.quote;
        List<byte[]> m = new ArrayList<>();
        boolean empty = false;
        boolean numericLooking = false;
        for (String t : opt.missing) {
            if (t.isEmpty()) {
                empty = true;
            } else {
                byte[] tb = t.getBytes(StandardCharsets.UTF_8);
                m.add(tb);
                long bits = FastDoubleParser.parseBits(tb, 0, tb.length);
                if (bits != FastDoubleParser.FAIL && !Double.isNaN(Double.longBitsToDouble(bits))) {
                    numericLooking = true;
                }
            }
        }
        this.missing = m.toArray(new byte[0][]);
        this.emptyIsMissing = empty;
        this.numericLookingMissing = numericLooking;
    }

    private MalformedDataException error(long line, int col, String detail) {
        String name = col >= 0 && names != null ? names[col] : null;
        return new MalformedDataException(source, line, name, col >= 0 ? col + 1 : 0, detail);
    }

    // ================================================================ driver

    Frame read(InputStream in) throws IOException {
        int block = opt.blockSize;
        byte[] buf = new byte[Math.max(block, 1024)];
        int len = 0;
        boolean eof = false;
        long line = 1;
        int start = 0;
        boolean first = true;
        List<Chunk> chunks = new ArrayList<>();
        List<Future<Chunk>> futures = new ArrayList<>();
        ForkJoinPool pool = Parallelism.threads() > 1 ? Parallelism.pool() : null;
        try {
            while (true) {
                while (len < buf.length && !eof) {
                    int r = in.read(buf, len, buf.length - len);
                    if (r < 0) {
                        eof = true;
                    } else {
                        len += r;
                    }
                }
                if (first) {
                    if (len >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                        start = 3;
                    }
                    // skip blank lines before the header
                    while (start < len && (buf[start] == '\n' || buf[start] == '\r')) {
                        if (buf[start] == '\n') {
                            line++;
                        }
                        start++;
                    }
                    int end = recordEnd(buf, start, len, eof);
                    if (end < 0) {
                        buf = grow(buf, start, len);
                        len -= start;
                        start = 0;
                        continue;
                    }
                    if (start >= len) {
                        throw new MalformedDataException(source, line, null, "empty input, expected a header row");
                    }
                    String[] fields = splitRecord(buf, start, end, line);
                    setColumns(fields, line);
                    if (opt.header) {
                        line += countNewlines(buf, start, end);
                        start = end;
                    }
                    first = false;
                }
                int cut;
                if (eof) {
                    cut = len;
                    checkClosedQuotes(buf, start, len, line);
                } else {
                    cut = cutPoint(buf, start, len);
                    if (cut < 0) {
                        buf = grow(buf, start, len);
                        len -= start;
                        start = 0;
                        continue;
                    }
                }
                if (cut > start) {
                    int lines = countNewlines(buf, start, cut);
                    Chunk c = new Chunk(buf, start, cut, line, lines + 1);
                    chunks.add(c);
                    if (pool != null) {
                        futures.add(pool.submit(() -> parseChunk(c)));
                    } else {
                        parseChunk(c);
                    }
                    line += lines;
                }
                if (eof) {
                    break;
                }
                int rem = len - cut;
                byte[] nb = new byte[Math.max(block, 2 * rem + 1024)];
                System.arraycopy(buf, cut, nb, 0, rem);
                buf = nb;
                len = rem;
                start = 0;
            }
            for (Future<Chunk> f : futures) {
                f.get();
            }
        } catch (MalformedDataException e) {
            // an earlier block's error comes first in the file
            for (Future<Chunk> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException x) {
                    throw unwrap(x);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading " + source, x);
                }
            }
            throw e;
        } catch (ExecutionException e) {
            for (Future<Chunk> f : futures) {
                f.cancel(false);
            }
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + source, e);
        }
        return assemble(chunks);
    }

    private static IOException unwrap(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof IOException io) {
            return io;
        }
        if (c instanceof RuntimeException r) {
            throw r;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new IOException(c);
    }

    private static byte[] grow(byte[] buf, int start, int len) {
        byte[] nb = new byte[Math.max(2 * buf.length, 1024)];
        System.arraycopy(buf, start, nb, 0, len - start);
        return nb;
    }

    private void setColumns(String[] fields, long line) throws MalformedDataException {
        ncols = fields.length;
        names = new String[ncols];
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < ncols; j++) {
            String n = opt.header ? fields[j] : "col" + (j + 1);
            if (n.isEmpty()) {
                n = "Unnamed: " + j;
            }
            Integer prev = seen.put(n, j);
            if (prev != null) {
                throw new MalformedDataException(source, line, null, "duplicate column name '" + n + "' (fields "
                        + (prev + 1) + " and " + (j + 1) + "); column names must be unique");
            }
            names[j] = n;
        }
        forced = new ColumnType[ncols];
        for (Map.Entry<String, ColumnType> e : opt.types.entrySet()) {
            Integer j = seen.get(e.getKey());
            if (j == null) {
                throw new IllegalArgumentException("a type was declared for column '" + e.getKey() + "' but "
                        + source + " has no such column; columns are " + Arrays.toString(names));
            }
            forced[j] = e.getValue();
        }
    }

    // ================================================================ scanning for row boundaries

    /** The end (after the line break) of the record starting at {@code from}, or -1 if it is incomplete. */
    private int recordEnd(byte[] b, int from, int to, boolean eof) {
        boolean inQuote = false;
        boolean fieldStart = true;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (inQuote) {
                if (c == quote) {
                    if (p + 1 < to && b[p + 1] == quote) {
                        p++;
                    } else if (p + 1 >= to && !eof) {
                        return -1;
                    } else {
                        inQuote = false;
                    }
                }
            } else if (c == '\n') {
                return p + 1;
            } else if (c == delim) {
                fieldStart = true;
                continue;
            } else if (c == quote && fieldStart) {
                inQuote = true;
            }
            fieldStart = false;
        }
        return eof ? to : -1;
    }

    /**
     * The end of the last complete record in {@code b[from, to)} (just after its line break), or -1 when
     * there is none. Without quote characters this is just after the last newline; with them a
     * quote-aware scan decides which newlines end records.
     */
    private int cutPoint(byte[] b, int from, int to) {
        if (!containsByte(b, from, to, quote)) {
            for (int p = to - 1; p >= from; p--) {
                if (b[p] == '\n') {
                    return p + 1;
                }
            }
            return -1;
        }
        int last = -1;
        boolean inQuote = false;
        boolean fieldStart = true;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (inQuote) {
                if (c == quote) {
                    if (p + 1 < to && b[p + 1] == quote) {
                        p++;
                    } else if (p + 1 >= to) {
                        return last; // cannot tell yet whether this quote is doubled
                    } else {
                        inQuote = false;
                    }
                }
                fieldStart = false;
            } else if (c == '\n') {
                last = p + 1;
                fieldStart = true;
            } else if (c == delim) {
                fieldStart = true;
            } else {
                if (c == quote && fieldStart) {
                    inQuote = true;
                }
                fieldStart = false;
            }
        }
        return last;
    }

    /** At the end of the input: fails when a quoted field is still open. */
    private void checkClosedQuotes(byte[] b, int from, int to, long line) throws MalformedDataException {
        if (!containsByte(b, from, to, quote)) {
            return;
        }
        boolean inQuote = false;
        boolean fieldStart = true;
        long openedAt = -1;
        int openedField = 0;
        int field = 0;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (inQuote) {
                if (c == quote) {
                    if (p + 1 < to && b[p + 1] == quote) {
                        p++;
                    } else {
                        inQuote = false;
                    }
                } else if (c == '\n') {
                    line++;
                }
                fieldStart = false;
            } else if (c == '\n') {
                line++;
                fieldStart = true;
                field = 0;
            } else if (c == delim) {
                fieldStart = true;
                field++;
            } else {
                if (c == quote && fieldStart) {
                    inQuote = true;
                    openedAt = line;
                    openedField = field;
                }
                fieldStart = false;
            }
        }
        if (inQuote) {
            throw error(openedAt, openedField < ncols ? openedField : -1,
                    "unterminated quoted field: the quote opened on line " + openedAt + " is never closed");
        }
    }

    private static boolean containsByte(byte[] b, int from, int to, byte x) {
        long pattern = (x & 0xffL) * 0x0101010101010101L;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long v = (long) LONGS.get(b, p) ^ pattern;
            if (((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0) {
                return true;
            }
        }
        for (; p < to; p++) {
            if (b[p] == x) {
                return true;
            }
        }
        return false;
    }

    static int countNewlines(byte[] b, int from, int to) {
        int n = 0;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long v = (long) LONGS.get(b, p) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (v & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
            t = ~(t | v | 0x7F7F7F7F7F7F7F7FL);
            n += Long.bitCount(t);
        }
        for (; p < to; p++) {
            if (b[p] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The fields of one record (the header), unescaped. */
    private String[] splitRecord(byte[] b, int from, int to, long line) throws MalformedDataException {
        List<String> out = new ArrayList<>();
        int p = from;
        while (true) {
            if (p < to && b[p] == quote) {
                p++;
                StringBuilder sb = new StringBuilder();
                int s = p;
                while (true) {
                    if (p >= to) {
                        throw error(line, -1, "unterminated quoted field in the first row");
                    }
                    if (b[p] == quote) {
                        sb.append(new String(b, s, p - s, StandardCharsets.UTF_8));
                        if (p + 1 < to && b[p + 1] == quote) {
                            sb.append((char) quote);
                            p += 2;
                            s = p;
                            continue;
                        }
                        p++;
                        break;
                    }
                    p++;
                }
                out.add(sb.toString());
                if (p < to && b[p] == '\r') {
                    p++;
                }
                if (p >= to || b[p] == '\n') {
                    break;
                }
                if (b[p] != delim) {
                    throw error(line, -1, "expected a delimiter or the end of the line after the closing quote of field "
                            + out.size() + " in the first row, found '" + (char) b[p] + "'");
                }
                p++;
            } else {
                int s = p;
                while (p < to && b[p] != delim && b[p] != '\n') {
                    p++;
                }
                int e = p;
                if (e > s && b[e - 1] == '\r') {
                    e--;
                }
                out.add(new String(b, s, e - s, StandardCharsets.UTF_8));
                if (p >= to || b[p] == '\n') {
                    break;
                }
                p++;
            }
        }
        return out.toArray(new String[0]);
    }

    // ================================================================ block parsing

    private Chunk parseChunk(Chunk c) throws MalformedDataException {
        c.kind = new byte[ncols];
        c.num = new double[ncols][];
        c.codes = new int[ncols][];
        c.dict = new ByteDict[ncols];
        for (int j = 0; j < ncols; j++) {
            if (forced[j] == null || forced[j] == ColumnType.NUMERIC) {
                c.kind[j] = NUM;
                c.num[j] = new double[c.maxRows];
            } else {
                c.kind[j] = TEXT;
                c.codes[j] = new int[c.maxRows];
                c.dict[j] = new ByteDict();
            }
        }
        int[] textFrom = new int[ncols];
        Arrays.fill(textFrom, -1);
        c.rows = (int) scan(c, c.kind.clone(), Integer.MAX_VALUE, textFrom)[0];
        // columns that turned to text part-way: fill in the rows before the switch
        byte[] re = new byte[ncols];
        Arrays.fill(re, SKIP);
        int limit = 0;
        for (int j = 0; j < ncols; j++) {
            if (textFrom[j] > 0) {
                re[j] = TEXT;
                limit = Math.max(limit, textFrom[j]);
            }
        }
        if (limit > 0) {
            scan(c, re, limit, null);
        }
        for (int j = 0; j < ncols; j++) {
            if (textFrom[j] >= 0) {
                c.num[j] = null;
            }
        }
        return c;
    }

    /**
     * Tokenises up to {@code rowLimit} rows of the block, storing each field as {@code kind[j]} says.
     * With {@code textFrom} non-null, a numeric column whose value does not parse switches to text there
     * (recorded in {@code textFrom[j]} and in {@code kind}). Returns {rows, line after the last row}.
     */
    private long[] scan(Chunk c, byte[] kind, int rowLimit, int[] textFrom) throws MalformedDataException {
        final byte[] b = c.b;
        final int to = c.to;
        final int n = ncols;
        final byte d = delim;
        final byte q = quote;
        int p = c.from;
        long line = c.firstLine;
        int row = 0;
        byte[] scratch = null;
        while (p < to) {
            byte ch = b[p];
            if (ch == '\n') {
                p++;
                line++;
                continue;
            }
            if (ch == '\r' && (p + 1 == to || b[p + 1] == '\n')) {
                p++;
                continue;
            }
            if (row >= rowLimit) {
                break;
            }
            long recordLine = line;
            for (int j = 0; j < n; j++) {
                int fs;
                int fe;
                boolean quoted = false;
                boolean escaped = false;
                long fieldLine = line;
                if (p < to && b[p] == q) {
                    quoted = true;
                    p++;
                    fs = p;
                    while (true) {
                        if (p >= to) {
                            throw error(fieldLine, j, "unterminated quoted field: the quote opened on line "
                                    + fieldLine + " is never closed");
                        }
                        byte x = b[p];
                        if (x == q) {
                            if (p + 1 < to && b[p + 1] == q) {
                                escaped = true;
                                p += 2;
                                continue;
                            }
                            break;
                        }
                        if (x == '\n') {
                            line++;
                        }
                        p++;
                    }
                    fe = p;
                    p++;
                    if (p < to) {
                        byte x = b[p];
                        if (x != d && x != '\n' && !(x == '\r' && (p + 1 == to || b[p + 1] == '\n'))) {
                            throw error(line, j, "expected a delimiter or the end of the line after a closing quote, found '"
                                    + printable(x) + "'");
                        }
                    }
                } else {
                    fs = p;
                    while (p < to) {
                        byte x = b[p];
                        if (x == d || x == '\n') {
                            break;
                        }
                        p++;
                    }
                    fe = p;
                    if (fe > fs && b[fe - 1] == '\r') {
                        fe--;
                    }
                }
                switch (kind[j]) {
                    case NUM -> {
                        long bits = number(b, fs, fe, escaped);
                        if (bits != FastDoubleParser.FAIL) {
                            c.num[j][row] = Double.longBitsToDouble(bits);
                        } else {
                            if (textFrom == null || forced[j] == ColumnType.NUMERIC) {
                                throw error(fieldLine, j, "expected a number" + (forced[j] == ColumnType.NUMERIC
                                        ? " (the column was declared numeric)" : "") + ", found '"
                                        + fieldText(b, fs, fe, escaped) + "'");
                            }
                            kind[j] = TEXT;
                            c.kind[j] = TEXT;
                            textFrom[j] = row;
                            c.codes[j] = new int[c.maxRows];
                            c.dict[j] = new ByteDict();
                            scratch = text(c, j, row, b, fs, fe, quoted, escaped, scratch);
                        }
                    }
                    case TEXT -> scratch = text(c, j, row, b, fs, fe, quoted, escaped, scratch);
                    default -> {
                    }
                }
                if (j < n - 1) {
                    if (p < to && b[p] == d) {
                        p++;
                    } else {
                        throw error(recordLine, -1, "expected " + n + " fields, found " + (j + 1));
                    }
                }
            }
            if (p < to) {
                if (b[p] == '\r') {
                    p++;
                }
                if (p < to) {
                    if (b[p] == d) {
                        throw error(recordLine, -1, "expected " + n + " fields, found " + countFields(b, c.from, to, recordLine, c.firstLine));
                    }
                    p++; // '\n'
                    line++;
                }
            }
            row++;
        }
        return new long[] {row, line};
    }

    private static final long MISSING_BITS = Double.doubleToRawLongBits(Double.NaN);

    /** The bits of the number in the field, NaN bits when it is missing, FAIL when it is neither. */
    private long number(byte[] b, int fs, int fe, boolean escaped) {
        if (escaped) {
            return FastDoubleParser.FAIL;
        }
        int s = fs;
        int e = fe;
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        if (s == e) {
            return MISSING_BITS;
        }
        if (numericLookingMissing && isMissingToken(b, fs, fe)) {
            return MISSING_BITS;
        }
        long bits = FastDoubleParser.parseBits(b, s, e);
        if (bits != FastDoubleParser.FAIL) {
            return bits;
        }
        return isMissingToken(b, fs, fe) ? MISSING_BITS : FastDoubleParser.FAIL;
    }

    private boolean isMissingToken(byte[] b, int fs, int fe) {
        int len = fe - fs;
        if (len == 0) {
            return emptyIsMissing;
        }
        for (byte[] t : missing) {
            if (t.length == len && Arrays.equals(t, 0, len, b, fs, fe)) {
                return true;
            }
        }
        return false;
    }

    private byte[] text(Chunk c, int j, int row, byte[] b, int fs, int fe, boolean quoted, boolean escaped, byte[] scratch) {
        if (!quoted && isMissingToken(b, fs, fe)) {
            c.codes[j][row] = -1;
            return scratch;
        }
        if (!escaped) {
            c.codes[j][row] = c.dict[j].code(b, fs, fe);
            return scratch;
        }
        if (scratch == null || scratch.length < fe - fs) {
            scratch = new byte[Math.max(64, fe - fs)];
        }
        int k = 0;
        for (int p = fs; p < fe; p++) {
            scratch[k++] = b[p];
            if (b[p] == quote) {
                p++; // skip the second quote of a doubled pair
            }
        }
        c.codes[j][row] = c.dict[j].code(scratch, 0, k);
        return scratch;
    }

    private String fieldText(byte[] b, int fs, int fe, boolean escaped) {
        String s = new String(b, fs, fe - fs, StandardCharsets.UTF_8);
        if (escaped) {
            String q = String.valueOf((char) quote);
            s = s.replace(q + q, q);
        }
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** Number of fields on the record that starts on {@code recordLine} (for the too-many-fields message). */
    private int countFields(byte[] b, int from, int to, long recordLine, long firstLine) {
        // find the start of the record line
        int p = from;
        long line = firstLine;
        boolean inQuote = false;
        while (p < to && line < recordLine) {
            byte c = b[p];
            if (c == quote) {
                inQuote = !inQuote;
            } else if (c == '\n') {
                line++;
            }
            p++;
        }
        int fields = 1;
        inQuote = false;
        for (; p < to; p++) {
            byte c = b[p];
            if (c == quote) {
                inQuote = !inQuote;
            } else if (!inQuote && c == delim) {
                fields++;
            } else if (!inQuote && c == '\n') {
                break;
            }
        }
        return fields;
    }

    private static String printable(byte x) {
        return x >= 32 && x < 127 ? String.valueOf((char) x) : String.format(Locale.ROOT, "\\x%02x", x & 0xff);
    }

    // ================================================================ joining blocks into columns

    private Frame assemble(List<Chunk> chunks) throws MalformedDataException {
        int total = 0;
        for (Chunk c : chunks) {
            total += c.rows;
        }
        List<Column> cols = new ArrayList<>(ncols);
        for (int j = 0; j < ncols; j++) {
            boolean allNum = forced[j] == null || forced[j] == ColumnType.NUMERIC;
            for (Chunk c : chunks) {
                allNum &= c.kind[j] == NUM;
            }
            if (allNum) {
                double[] v = new double[total];
                int off = 0;
                for (Chunk c : chunks) {
                    System.arraycopy(c.num[j], 0, v, off, c.rows);
                    off += c.rows;
                    c.num[j] = null;
                }
                cols.add(NumericColumn.wrap(names[j], v));
                continue;
            }
            // text: re-read the blocks that were numeric in this column, then merge the dictionaries
            Map<String, Integer> global = new HashMap<>();
            List<String> values = new ArrayList<>();
            int[] codes = new int[total];
            int off = 0;
            int[] chunkStart = new int[chunks.size()];
            for (int k = 0; k < chunks.size(); k++) {
                Chunk c = chunks.get(k);
                chunkStart[k] = off;
                if (c.kind[j] == NUM) {
                    c.kind[j] = TEXT;
                    c.codes[j] = new int[Math.max(c.rows, 1)];
                    c.dict[j] = new ByteDict();
                    c.num[j] = null;
                    byte[] re = new byte[ncols];
                    Arrays.fill(re, SKIP);
                    re[j] = TEXT;
                    scan(c, re, Integer.MAX_VALUE, null);
                }
                String[] local = c.dict[j].strings();
                int[] map = new int[local.length];
                for (int t = 0; t < local.length; t++) {
                    Integer g = global.get(local[t]);
                    if (g == null) {
                        g = values.size();
                        global.put(local[t], g);
                        values.add(local[t]);
                    }
                    map[t] = g;
                }
                int[] lc = c.codes[j];
                for (int i = 0; i < c.rows; i++) {
                    codes[off + i] = lc[i] < 0 ? -1 : map[lc[i]];
                }
                off += c.rows;
                c.codes[j] = null;
                c.dict[j] = null;
            }
            cols.add(textColumn(j, codes, values, total, chunks, chunkStart));
        }
        return Frame.of(cols);
    }

    private Column textColumn(int j, int[] codes, List<String> values, int total, List<Chunk> chunks, int[] chunkStart)
            throws MalformedDataException {
        ColumnType t = forced[j];
        if (t == null) {
            boolean allBool = !values.isEmpty();
            for (String v : values) {
                allBool &= v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            }
            if (allBool) {
                t = ColumnType.BOOLEAN;
            } else if (values.size() <= Math.max(opt.maxLevels, opt.maxLevelFraction * total)) {
                t = ColumnType.CATEGORICAL;
            } else {
                t = ColumnType.STRING;
            }
        }
        switch (t) {
            case BOOLEAN -> {
                Boolean[] map = new Boolean[values.size()];
                for (int k = 0; k < map.length; k++) {
                    map[k] = booleanWord(values.get(k));
                    if (map[k] == null) {
                        int row = firstRowWith(codes, k);
                        throw error(lineOf(row, chunks, chunkStart), j, "expected a boolean (true/false, yes/no, y/n, t/f, 1/0)"
                                + " in a column declared boolean, found '" + values.get(k) + "'");
                    }
                }
                Boolean[] out = new Boolean[total];
                for (int i = 0; i < total; i++) {
                    out[i] = codes[i] < 0 ? null : map[codes[i]];
                }
                return BooleanColumn.of(names[j], out);
            }
            case CATEGORICAL -> {
                List<String> levels = CategoricalColumn.sortLevels(new HashSet<>(values));
                Map<String, Integer> pos = new HashMap<>();
                for (int k = 0; k < levels.size(); k++) {
                    pos.put(levels.get(k), k);
                }
                int[] map = new int[values.size()];
                for (int k = 0; k < map.length; k++) {
                    map[k] = pos.get(values.get(k));
                }
                for (int i = 0; i < total; i++) {
                    if (codes[i] >= 0) {
                        codes[i] = map[codes[i]];
                    }
                }
                return CategoricalColumn.wrap(names[j], codes, levels);
            }
            case STRING -> {
                String[] out = new String[total];
                for (int i = 0; i < total; i++) {
                    out[i] = codes[i] < 0 ? null : values.get(codes[i]);
                }
                return StringColumn.wrap(names[j], out);
            }
            default -> throw new AssertionError(t);
        }
    }

    static Boolean booleanWord(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static int firstRowWith(int[] codes, int code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    /** The line on which data row {@code row} (0-based over the whole input) starts. */
    private long lineOf(int row, List<Chunk> chunks, int[] chunkStart) throws MalformedDataException {
        for (int k = chunks.size() - 1; k >= 0; k--) {
            if (row >= chunkStart[k]) {
                Chunk c = chunks.get(k);
                byte[] skip = new byte[ncols];
                Arrays.fill(skip, SKIP);
                long[] r = scan(c, skip, row - chunkStart[k], null);
                return r[1];
            }
        }
        return -1;
    }
}
