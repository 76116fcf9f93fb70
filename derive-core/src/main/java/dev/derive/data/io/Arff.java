package dev.derive.data.io;

import dev.derive.data.BooleanColumn;
import dev.derive.data.CategoricalColumn;
import dev.derive.data.Column;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.StringColumn;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes Weka's ARFF format: {@code @relation}, one {@code @attribute name type} line per
 * column, then {@code @data} rows. Keywords are case-insensitive; {@code %} starts a comment line; names
 * and values may be quoted with {@code '} or {@code "} (backslash escapes {@code \n \t \r}, and any other
 * character stands for itself).
 *
 * <p>Attribute types map to columns as follows: {@code numeric}, {@code real} and {@code integer} to
 * {@link NumericColumn}; nominal {@code {a, b, c}} to {@link CategoricalColumn} with the levels in the
 * declared order; {@code string} to {@link StringColumn}; {@code date} to a {@link StringColumn} holding
 * the text as written. Relational attributes and instance weights are refused with a message. An
 * unquoted {@code ?} is missing. Sparse rows ({@code {index value, ...}}, 0-based indices) are read
 * with omitted values equal to 0 for numeric attributes and the first level for nominal ones, as Weka
 * does; string attributes must then be listed explicitly.
 *
 * <p>The writer emits {@code numeric}, nominal (boolean columns as {@code {false,true}}, read back as
 * categorical) and {@code string} attributes, quoting names and values with {@code '} where needed.
 */
public final class Arff {

    private Arff() {
    }

    private enum Kind { NUMERIC, NOMINAL, STRING }

    private record Attribute(String name, Kind kind, List<String> levels, Map<String, Integer> index) {
    }

    private record Tok(String text, boolean quoted) {
    }

    // ================================================================ reading

    /** Reads an ARFF file ({@code .gz} decompressed). */
    public static Frame read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream s = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
            return read(s, file.toString());
        }
    }

    /** Reads ARFF from a stream (UTF-8, not closed); {@code source} names it in error messages. */
    public static Frame read(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        List<Attribute> attrs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long lineNo = 0;
        String line;
        boolean inData = false;
        boolean sawRelation = false;
        while (!inData && (line = r.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (lineNo == 1 && t.startsWith("\uFEFF")) {
                t = t.substring(1).strip();
            }
            if (t.isEmpty() || t.startsWith("%")) {
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.startsWith("@relation")) {
                sawRelation = true;
            } else if (lower.startsWith("@attribute")) {
                Attribute a = attribute(t.substring("@attribute".length()), source, lineNo);
                if (!names.add(a.name)) {
                    throw new MalformedDataException(source, lineNo, a.name, "duplicate attribute name");
                }
                attrs.add(a);
            } else if (lower.startsWith("@data")) {
                inData = true;
            } else if (lower.startsWith("@end")) {
                throw new MalformedDataException(source, lineNo, null, "relational attributes (@end) are not supported");
            } else {
                throw new MalformedDataException(source, lineNo, null, "expected @relation, @attribute or @data, found '"
                        + abbreviate(t) + "'");
            }
        }
        if (!inData) {
            throw new MalformedDataException(source, lineNo, null, lineNo == 0 ? "empty input, expected an ARFF header"
                    : "no @data section" + (sawRelation ? "" : " (and no @relation: is this an ARFF file?)"));
        }
        if (attrs.isEmpty()) {
            throw new MalformedDataException(source, lineNo, null, "no @attribute declarations before @data");
        }
        int m = attrs.size();
        Sink[] sinks = new Sink[m];
        for (int j = 0; j < m; j++) {
            sinks[j] = new Sink(attrs.get(j));
        }
        while ((line = r.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("%")) {
                continue;
            }
            if (t.startsWith("{")) {
                sparseRow(t, attrs, sinks, source, lineNo);
                continue;
            }
            List<Tok> toks = split(t, ',', source, lineNo);
            if (toks.size() == m + 1 && toks.get(m).text.startsWith("{") && !toks.get(m).quoted) {
                throw new MalformedDataException(source, lineNo, null, "instance weights are not supported");
            }
            if (toks.size() != m) {
                throw new MalformedDataException(source, lineNo, null, "expected " + m + " values, found " + toks.size());
            }
            for (int j = 0; j < m; j++) {
                sinks[j].add(toks.get(j), source, lineNo);
            }
        }
        List<Column> cols = new ArrayList<>(m);
        for (Sink s : sinks) {
            cols.add(s.build());
        }
        return Frame.of(cols);
    }

    private static void sparseRow(String t, List<Attribute> attrs, Sink[] sinks, String source, long lineNo)
            throws MalformedDataException {
        int close = t.lastIndexOf('}');
        if (close < 0) {
            throw new MalformedDataException(source, lineNo, null, "sparse row without a closing '}'");
        }
        String rest = t.substring(close + 1).strip();
        if (!rest.isEmpty()) {
            throw new MalformedDataException(source, lineNo, null, rest.startsWith(",")
                    ? "instance weights are not supported" : "unexpected text after a sparse row: '" + abbreviate(rest) + "'");
        }
        Tok[] row = new Tok[attrs.size()];
        String body = t.substring(1, close).strip();
        if (!body.isEmpty()) {
            for (String pair : rawSplit(body)) {
                String p = pair.strip();
                int sp = indexOfSpace(p);
                if (sp < 0) {
                    throw new MalformedDataException(source, lineNo, null, "sparse entry '" + p + "' is not 'index value'");
                }
                int idx;
                try {
                    idx = Integer.parseInt(p.substring(0, sp));
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(source, lineNo, null, "sparse index '" + p.substring(0, sp)
                            + "' is not an integer");
                }
                if (idx < 0 || idx >= row.length) {
                    throw new MalformedDataException(source, lineNo, null, "sparse index " + idx + " outside [0, "
                            + row.length + ")");
                }
                List<Tok> v = split(p.substring(sp + 1).strip(), '\u0000', source, lineNo);
                row[idx] = v.get(0);
            }
        }
        for (int j = 0; j < row.length; j++) {
            Tok v = row[j];
            if (v == null) {
                Attribute a = attrs.get(j);
                v = switch (a.kind) {
                    case NUMERIC -> new Tok("0", false);
                    case NOMINAL -> new Tok(a.levels.get(0), true);
                    case STRING -> throw new MalformedDataException(source, lineNo, a.name,
                            "string value omitted in a sparse row");
                };
            }
            sinks[j].add(v, source, lineNo);
        }
    }

    /** Splits at commas outside quotes, keeping the quotes (for sparse rows, whose entries are 'index value'). */
    private static List<String> rawSplit(String s) {
        List<String> out = new ArrayList<>();
        char q = 0;
        int start = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (q != 0) {
                if (c == '\\') {
                    k++;
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '\'' || c == '"') {
                q = c;
            } else if (c == ',') {
                out.add(s.substring(start, k));
                start = k + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static int indexOfSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    private static Attribute attribute(String rest, String source, long lineNo) throws MalformedDataException {
        String s = rest.strip();
        if (s.isEmpty()) {
            throw new MalformedDataException(source, lineNo, null, "@attribute without a name");
        }
        String name;
        int p;
        if (s.charAt(0) == '\'' || s.charAt(0) == '"') {
            StringBuilder sb = new StringBuilder();
            p = unquote(s, 0, sb, source, lineNo);
            name = sb.toString();
        } else {
            p = 0;
            while (p < s.length() && !Character.isWhitespace(s.charAt(p)) && s.charAt(p) != '{') {
                p++;
            }
            name = s.substring(0, p);
        }
        String type = s.substring(p).strip();
        if (type.isEmpty()) {
            throw new MalformedDataException(source, lineNo, name, "@attribute without a type");
        }
        if (type.startsWith("{")) {
            int close = type.lastIndexOf('}');
            if (close < 0) {
                throw new MalformedDataException(source, lineNo, name, "nominal values lack a closing '}'");
            }
            List<String> levels = new ArrayList<>();
            Map<String, Integer> index = new HashMap<>();
            String body = type.substring(1, close).strip();
            if (!body.isEmpty()) {
                for (Tok tok : split(body, ',', source, lineNo)) {
                    if (index.putIfAbsent(tok.text, levels.size()) != null) {
                        throw new MalformedDataException(source, lineNo, name, "nominal value '" + tok.text + "' declared twice");
                    }
                    levels.add(tok.text);
                }
            }
            if (levels.isEmpty()) {
                throw new MalformedDataException(source, lineNo, name, "nominal attribute without values");
            }
            return new Attribute(name, Kind.NOMINAL, List.copyOf(levels), index);
        }
        String kw = type.split("\\s+")[0].toLowerCase(Locale.ROOT);
        return switch (kw) {
            case "numeric", "real", "integer" -> new Attribute(name, Kind.NUMERIC, null, null);
            case "string", "date" -> new Attribute(name, Kind.STRING, null, null);
            case "relational" -> throw new MalformedDataException(source, lineNo, name, "relational attributes are not supported");
            default -> throw new MalformedDataException(source, lineNo, name, "unknown attribute type '" + type
                    + "' (expected numeric, real, integer, string, date or {nominal values})");
        };
    }

    /** Reads a quoted token starting at {@code s.charAt(p)}; appends its text; returns the index after it. */
    private static int unquote(String s, int p, StringBuilder out, String source, long lineNo) throws MalformedDataException {
        char q = s.charAt(p++);
        while (p < s.length()) {
            char c = s.charAt(p++);
            if (c == q) {
                return p;
            }
            if (c == '\\' && p < s.length()) {
                char e = s.charAt(p++);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                out.append(c);
            }
        }
        throw new MalformedDataException(source, lineNo, null, "unterminated quote " + q);
    }

    /** Splits at {@code sep} outside quotes; tokens are trimmed and unquoted. */
    private static List<Tok> split(String s, char sep, String source, long lineNo) throws MalformedDataException {
        List<Tok> out = new ArrayList<>();
        int p = 0;
        int n = s.length();
        while (true) {
            while (p < n && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            if (p < n && (s.charAt(p) == '\'' || s.charAt(p) == '"')) {
                StringBuilder sb = new StringBuilder();
                p = unquote(s, p, sb, source, lineNo);
                while (p < n && Character.isWhitespace(s.charAt(p))) {
                    p++;
                }
                out.add(new Tok(sb.toString(), true));
                if (p < n && s.charAt(p) != sep) {
                    throw new MalformedDataException(source, lineNo, null, "expected '" + sep + "' after a quoted value, found '"
                            + s.charAt(p) + "'");
                }
            } else {
                int start = p;
                while (p < n && s.charAt(p) != sep) {
                    p++;
                }
                out.add(new Tok(s.substring(start, p).strip(), false));
            }
            if (p >= n) {
                return out;
            }
            p++; // separator
        }
    }

    private static final class Sink {
        final Attribute a;
        double[] num = new double[16];
        int[] codes = new int[16];
        String[] text = new String[16];
        int n;
        int capacity = 16;

        Sink(Attribute a) {
            this.a = a;
        }

        void add(Tok t, String source, long lineNo) throws MalformedDataException {
            if (n == capacity) {
                int cap = n * 2;
                capacity = cap;
                if (a.kind == Kind.NUMERIC) {
                    num = Arrays.copyOf(num, cap);
                } else if (a.kind == Kind.NOMINAL) {
                    codes = Arrays.copyOf(codes, cap);
                } else {
                    text = Arrays.copyOf(text, cap);
                }
            }
            boolean missing = !t.quoted && t.text.equals("?");
            switch (a.kind) {
                case NUMERIC -> {
                    if (missing) {
                        num[n] = Double.NaN;
                    } else {
                        try {
                            num[n] = FastDoubleParser.parse(t.text);
                        } catch (NumberFormatException e) {
                            throw new MalformedDataException(source, lineNo, a.name, "expected a number, found '"
                                    + abbreviate(t.text) + "'");
                        }
                    }
                }
                case NOMINAL -> {
                    if (missing) {
                        codes[n] = -1;
                    } else {
                        Integer c = a.index.get(t.text);
                        if (c == null) {
                            throw new MalformedDataException(source, lineNo, a.name, "value '" + abbreviate(t.text)
                                    + "' is not one of the declared values " + a.levels);
                        }
                        codes[n] = c;
                    }
                }
                case STRING -> text[n] = missing ? null : t.text;
            }
            n++;
        }

        Column build() {
            return switch (a.kind) {
                case NUMERIC -> NumericColumn.wrap(a.name, Arrays.copyOf(num, n));
                case NOMINAL -> CategoricalColumn.wrap(a.name, Arrays.copyOf(codes, n), a.levels);
                case STRING -> StringColumn.wrap(a.name, Arrays.copyOf(text, n));
            };
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    // ================================================================ writing

    /** Writes {@code frame} as ARFF with relation name {@code data} ({@code .gz} compressed). */
    public static void write(Frame frame, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    write(frame, gz, "data");
                }
            } else {
                write(frame, out, "data");
            }
        }
    }

    /** Writes {@code frame} as ARFF (UTF-8; flushed, not closed). */
    public static void write(Frame frame, OutputStream out, String relation) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("@relation " + quote(relation) + "\n\n");
        List<Column> cols = frame.columns();
        for (Column c : cols) {
            w.write("@attribute " + quote(c.name()) + " ");
            if (c instanceof NumericColumn) {
                w.write("numeric");
            } else if (c instanceof CategoricalColumn cc) {
                if (cc.levels().isEmpty()) {
                    throw new IllegalArgumentException("column '" + c.name() + "' has no levels; ARFF nominal attributes need at least one");
                }
                w.write("{");
                for (int k = 0; k < cc.levels().size(); k++) {
                    w.write((k > 0 ? "," : "") + quote(cc.levels().get(k)));
                }
                w.write("}");
            } else if (c instanceof BooleanColumn) {
                w.write("{false,true}");
            } else {
                w.write("string");
            }
            w.write('\n');
        }
        w.write("\n@data\n");
        int n = frame.nrows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols.size(); j++) {
                if (j > 0) {
                    w.write(',');
                }
                Column c = cols.get(j);
                String s = c.format(i);
                if (s == null) {
                    w.write('?');
                } else if (c instanceof NumericColumn) {
                    w.write(s);
                } else {
                    w.write(quote(s));
                }
            }
            w.write('\n');
        }
        w.flush();
    }

    /** The value as written: in single quotes with backslash escapes when it needs them. */
    static String quote(String s) {
        boolean need = s.isEmpty() || s.equals("?");
        for (int k = 0; k < s.length() && !need; k++) {
            char c = s.charAt(k);
            need = Character.isWhitespace(c) || c == ',' || c == '\'' || c == '"' || c == '%' || c == '{' || c == '}'
                    || c == '\\';
        }
        if (!need) {
            return s;
        }
        StringBuilder sb = new StringBuilder("'");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
