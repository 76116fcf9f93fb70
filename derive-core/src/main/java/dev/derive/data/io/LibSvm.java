package dev.derive.data.io;

import dev.derive.linalg.SparseMatrix;
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
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes the LibSVM / svmlight sparse text format, one sample per line:
 * {@code <label> [qid:<int>] <index>:<value> <index>:<value> ... [# comment]}, with 1-based feature
 * indices strictly increasing within a line. Labels are read as doubles (class labels and regression
 * targets alike); {@code qid} (ranking query ids) must be on every line or on none. Blank lines and
 * lines starting with {@code #} are skipped. Files ending in {@code .gz} are (de)compressed.
 *
 * <p>The features become a CSR {@link SparseMatrix} with one row per line; the number of columns is the
 * largest index seen, or a caller-given count (to read a test file with the training file's width).
 */
public final class LibSvm {

    private LibSvm() {
    }

    /**
     * Samples read from a LibSVM file.
     *
     * @param x   the features, one row per sample
     * @param y   the label of each sample
     * @param qid the query id of each sample, or {@code null} when the file has none
     */
    public record Data(SparseMatrix x, double[] y, int[] qid) {

        /** Copies the arrays. */
        public Data {
            y = y.clone();
            qid = qid == null ? null : qid.clone();
            if (y.length != x.rows() || (qid != null && qid.length != x.rows())) {
                throw new IllegalArgumentException(x.rows() + " rows but " + y.length + " labels"
                        + (qid != null ? " and " + qid.length + " query ids" : ""));
            }
        }

        /** The labels (a copy). */
        @Override
        public double[] y() {
            return y.clone();
        }

        /** The query ids (a copy), or {@code null}. */
        @Override
        public int[] qid() {
            return qid == null ? null : qid.clone();
        }
    }

    /** Reads a file; the number of features is the largest index in it. */
    public static Data read(Path file) throws IOException {
        return read(file, 0);
    }

    /**
     * Reads a file with {@code numFeatures} columns ({@code 0}: the largest index in the file); an index
     * above {@code numFeatures} is an error.
     */
    public static Data read(Path file, int numFeatures) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            InputStream s = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
            return read(s, file.toString(), numFeatures);
        }
    }

    /** Reads from a stream (UTF-8, not closed); {@code source} names it in error messages. */
    public static Data read(InputStream in, String source, int numFeatures) throws IOException {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("numFeatures must be >= 0 (0 = infer), got " + numFeatures);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        double[] y = new double[64];
        int[] qid = new int[64];
        int[] ptr = new int[65];
        int[] cols = new int[256];
        double[] vals = new double[256];
        int n = 0;
        int nnz = 0;
        int maxIndex = 0;
        Boolean hasQid = null;
        long lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] tok = t.split("\\s+");
            if (n == y.length) {
                y = Arrays.copyOf(y, 2 * n);
                qid = Arrays.copyOf(qid, 2 * n);
                ptr = Arrays.copyOf(ptr, 2 * n + 1);
            }
            try {
                y[n] = FastDoubleParser.parse(tok[0]);
            } catch (NumberFormatException e) {
                throw new MalformedDataException(source, lineNo, null, "expected a numeric label, found '" + tok[0] + "'"
                        + (tok[0].contains(",") ? " (multi-label lines are not supported)" : ""));
            }
            int k = 1;
            boolean lineQid = tok.length > 1 && tok[1].startsWith("qid:");
            if (hasQid == null) {
                hasQid = lineQid;
            } else if (hasQid != lineQid) {
                throw new MalformedDataException(source, lineNo, null, hasQid ? "missing qid: earlier lines have one"
                        : "unexpected qid: earlier lines have none (qid must be on every line or on none)");
            }
            if (lineQid) {
                try {
                    qid[n] = Integer.parseInt(tok[1].substring(4));
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(source, lineNo, null, "expected an integer query id, found '" + tok[1] + "'");
                }
                k = 2;
            }
            int prev = 0;
            for (; k < tok.length; k++) {
                String p = tok[k];
                int colon = p.indexOf(':');
                if (colon <= 0 || colon == p.length() - 1) {
                    throw new MalformedDataException(source, lineNo, null, "expected index:value, found '" + p + "'");
                }
                int idx;
                double v;
                try {
                    idx = Integer.parseInt(p.substring(0, colon));
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(source, lineNo, null, "expected an integer feature index in '" + p + "'");
                }
                try {
                    v = FastDoubleParser.parse(p.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(source, lineNo, null, "expected a numeric value in '" + p + "'");
                }
                if (idx < 1) {
                    throw new MalformedDataException(source, lineNo, null, "feature index " + idx + " in '" + p
                            + "' is below 1 (indices are 1-based)");
                }
                if (idx <= prev) {
                    throw new MalformedDataException(source, lineNo, null, "feature indices must increase along a line, but "
                            + idx + " follows " + prev);
                }
                if (numFeatures > 0 && idx > numFeatures) {
                    throw new MalformedDataException(source, lineNo, null, "feature index " + idx + " exceeds the declared "
                            + numFeatures + " features");
                }
                prev = idx;
                if (nnz == cols.length) {
                    cols = Arrays.copyOf(cols, 2 * nnz);
                    vals = Arrays.copyOf(vals, 2 * nnz);
                }
                cols[nnz] = idx - 1;
                vals[nnz] = v;
                nnz++;
                maxIndex = Math.max(maxIndex, idx);
            }
            n++;
            ptr[n] = nnz;
        }
        int p = numFeatures > 0 ? numFeatures : maxIndex;
        SparseMatrix x = SparseMatrix.ofCsr(n, p, Arrays.copyOf(ptr, n + 1), Arrays.copyOf(cols, nnz), Arrays.copyOf(vals, nnz));
        return new Data(x, Arrays.copyOf(y, n), Boolean.TRUE.equals(hasQid) ? Arrays.copyOf(qid, n) : null);
    }

    /** Writes samples to a file ({@code .gz} compressed); {@code qid} may be {@code null}. */
    public static void write(Path file, SparseMatrix x, double[] y, int[] qid) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                    write(gz, x, y, qid);
                }
            } else {
                write(out, x, y, qid);
            }
        }
    }

    /**
     * Writes samples (UTF-8; flushed, not closed): labels and values in shortest round-trip form,
     * 1-based indices, every stored entry of {@code x} (stored zeros included).
     */
    public static void write(OutputStream out, SparseMatrix x, double[] y, int[] qid) throws IOException {
        if (y.length != x.rows() || (qid != null && qid.length != x.rows())) {
            throw new IllegalArgumentException(x.rows() + " rows but " + y.length + " labels"
                    + (qid != null ? " and " + qid.length + " query ids" : ""));
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int[] ptr = x.rowPointers();
        int[] ci = x.columnIndices();
        double[] v = x.values();
        for (int i = 0; i < x.rows(); i++) {
            w.write(number(y[i]));
            if (qid != null) {
                w.write(" qid:");
                w.write(Integer.toString(qid[i]));
            }
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                w.write(' ');
                w.write(Integer.toString(ci[k] + 1));
                w.write(':');
                w.write(number(v[k]));
            }
            w.write('\n');
        }
        w.flush();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
