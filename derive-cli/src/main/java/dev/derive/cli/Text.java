package dev.derive.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Plain-text formatting for the CLI: aligned tables and numbers. */
final class Text {

    private Text() {
    }

    /** Prints rows under a header, each column padded to its widest cell. */
    static void table(PrintWriter out, String[] header, List<String[]> rows) {
        int[] w = new int[header.length];
        for (int j = 0; j < header.length; j++) {
            w[j] = header[j].length();
        }
        for (String[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                w[j] = Math.max(w[j], r[j] == null ? 0 : r[j].length());
            }
        }
        line(out, header, w);
        for (String[] r : rows) {
            line(out, r, w);
        }
        out.flush();
    }

    private static void line(PrintWriter out, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < cells.length; j++) {
            String c = cells[j] == null ? "" : cells[j];
            sb.append(c);
            if (j + 1 < cells.length) {
                sb.append(" ".repeat(w[j] - c.length() + 3));
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    /** A metric value with 4 decimals ("nan" when not finite). */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Seconds, e.g. {@code 0.012 s}. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.3f s" : "%.1f s", s);
    }
}
