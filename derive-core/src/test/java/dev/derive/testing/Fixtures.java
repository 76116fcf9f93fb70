package dev.derive.testing;

import dev.derive.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads reference fixtures written by the scripts under {@code tools/} (see {@code tools/fixtures_io.py}).
 * A fixture file is plain text: lines starting with {@code #} are comments; each entry is a header line
 * {@code name rows cols} followed by {@code rows} lines of {@code cols} numbers (row-major,
 * full-precision {@code repr} floats; {@code nan}, {@code inf}, {@code -inf} allowed). A vector is an
 * entry with one column; a scalar is {@code 1 1}.
 */
public final class Fixtures {
    private final Map<String, Matrix> entries;
    private final String file;

    private Fixtures(String file, Map<String, Matrix> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Loads {@code /fixtures/<name>} from the test class path. */
    public static Fixtures load(String name) {
        String path = "/fixtures/" + name;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + path + " not found on the test class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Matrix> map = new LinkedHashMap<>();
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] h = line.split("\\s+");
                if (h.length != 3) {
                    throw new IllegalStateException(path + ":" + lineNo + ": expected 'name rows cols', got '" + line + "'");
                }
                int rows = Integer.parseInt(h[1]);
                int cols = Integer.parseInt(h[2]);
                double[][] v = new double[rows][];
                for (int i = 0; i < rows; i++) {
                    String row = r.readLine();
                    lineNo++;
                    if (row == null) {
                        throw new IllegalStateException(path + ": entry " + h[0] + " ends early at row " + i);
                    }
                    String[] t = row.strip().isEmpty() ? new String[0] : row.strip().split("\\s+");
                    if (t.length != cols) {
                        throw new IllegalStateException(path + ":" + lineNo + ": entry " + h[0] + " row " + i
                                + " has " + t.length + " values, expected " + cols);
                    }
                    v[i] = new double[cols];
                    for (int j = 0; j < cols; j++) {
                        v[i][j] = parse(t[j]);
                    }
                }
                map.put(h[0], rows == 0 ? Matrix.zeros(0, cols) : Matrix.of(v));
            }
            return new Fixtures(name, map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double parse(String s) {
        return switch (s.toLowerCase()) {
            case "nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** The matrix stored under {@code name}. */
    public Matrix matrix(String name) {
        Matrix m = entries.get(name);
        if (m == null) {
            throw new IllegalArgumentException("fixture " + file + " has no entry '" + name + "'; it has " + entries.keySet());
        }
        return m;
    }

    /** The entry {@code name} flattened row-major (for vectors stored as one column or one row). */
    public double[] vector(String name) {
        Matrix m = matrix(name);
        double[] out = new double[m.size()];
        int k = 0;
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[k++] = m.get(i, j);
            }
        }
        return out;
    }

    /** The scalar entry {@code name}. */
    public double scalar(String name) {
        return matrix(name).get(0, 0);
    }

    /** True if the fixture has an entry {@code name}. */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** Entry names in file order. */
    public Iterable<String> names() {
        return entries.keySet();
    }
}
