package dev.derive.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * An immutable table of named, typed columns of equal length (a data frame). Columns are
 * {@link NumericColumn}s ({@code NaN} = missing), {@link CategoricalColumn}s (codes into levels,
 * {@code -1} = missing), {@link BooleanColumn}s and {@link StringColumn}s ({@code null} = missing).
 *
 * <p>Every operation returns a new frame; columns are shared between frames, which is safe because
 * columns are immutable. Build frames in code with {@link #builder()} or {@link #of(Column...)}, or read
 * them with the readers in {@code dev.derive.data.io}.
 *
 * <pre>{@code
 * Frame f = Frame.builder()
 *         .numeric("age", 31, 45, Double.NaN)
 *         .categorical("city", "Oslo", "Lima", null)
 *         .build();
 * NumericColumn age = f.numeric("age");
 * Frame adults = f.filter(i -> age.get(i) >= 40);
 * }</pre>
 */
public final class Frame {

    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final int nrows;

    private Frame(List<Column> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> idx = new HashMap<>();
        int n = -1;
        for (int j = 0; j < this.columns.size(); j++) {
            Column c = this.columns.get(j);
            Integer prev = idx.put(c.name(), j);
            if (prev != null) {
                throw new IllegalArgumentException("duplicate column name '" + c.name() + "' (columns " + prev
                        + " and " + j + ")");
            }
            if (n < 0) {
                n = c.size();
            } else if (c.size() != n) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows but column '" + this.columns.get(0).name() + "' has " + n
                        + "; all columns must have the same length");
            }
        }
        this.index = idx;
        this.nrows = Math.max(n, 0);
    }

    /** A frame of the given columns, in order. Names must be distinct and lengths equal. */
    public static Frame of(Column... columns) {
        return new Frame(Arrays.asList(columns));
    }

    /** A frame of the given columns, in order. Names must be distinct and lengths equal. */
    public static Frame of(List<? extends Column> columns) {
        return new Frame(new ArrayList<>(columns));
    }

    /** A builder that adds columns one at a time. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- shape and access

    /** Number of rows. */
    public int nrows() {
        return nrows;
    }

    /** Number of columns. */
    public int ncols() {
        return columns.size();
    }

    /** Column names in order (immutable). */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** Column types in order (immutable). */
    public List<ColumnType> types() {
        List<ColumnType> t = new ArrayList<>(columns.size());
        for (Column c : columns) {
            t.add(c.type());
        }
        return Collections.unmodifiableList(t);
    }

    /** The columns in order (immutable). */
    public List<Column> columns() {
        return columns;
    }

    /** True when a column of this name exists. */
    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The position of column {@code name}. */
    public int indexOf(String name) {
        Integer j = index.get(name);
        if (j == null) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columnNames());
        }
        return j;
    }

    /** The column called {@code name}. */
    public Column column(String name) {
        return columns.get(indexOf(name));
    }

    /** The column at position {@code j}. */
    public Column column(int j) {
        if (j < 0 || j >= columns.size()) {
            throw new IndexOutOfBoundsException("column index " + j + " out of range [0, " + columns.size() + ")");
        }
        return columns.get(j);
    }

    /** The numeric column {@code name}; fails with the actual type if it is not numeric. */
    public NumericColumn numeric(String name) {
        return typed(column(name), NumericColumn.class, ColumnType.NUMERIC);
    }

    /** The numeric column at position {@code j}. */
    public NumericColumn numeric(int j) {
        return typed(column(j), NumericColumn.class, ColumnType.NUMERIC);
    }

    /** The categorical column {@code name}; fails with the actual type if it is not categorical. */
    public CategoricalColumn categorical(String name) {
        return typed(column(name), CategoricalColumn.class, ColumnType.CATEGORICAL);
    }

    /** The categorical column at position {@code j}. */
    public CategoricalColumn categorical(int j) {
        return typed(column(j), CategoricalColumn.class, ColumnType.CATEGORICAL);
    }

    /** The boolean column {@code name}; fails with the actual type if it is not boolean. */
    public BooleanColumn bool(String name) {
        return typed(column(name), BooleanColumn.class, ColumnType.BOOLEAN);
    }

    /** The boolean column at position {@code j}. */
    public BooleanColumn bool(int j) {
        return typed(column(j), BooleanColumn.class, ColumnType.BOOLEAN);
    }

    /** The string column {@code name}; fails with the actual type if it is not a string column. */
    public StringColumn string(String name) {
        return typed(column(name), StringColumn.class, ColumnType.STRING);
    }

    /** The string column at position {@code j}. */
    public StringColumn string(int j) {
        return typed(column(j), StringColumn.class, ColumnType.STRING);
    }

    private static <T extends Column> T typed(Column c, Class<T> cls, ColumnType wanted) {
        if (!cls.isInstance(c)) {
            throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type().label() + ", not "
                    + wanted.label());
        }
        return cls.cast(c);
    }

    // ---------------------------------------------------------------- derived frames

    /** A frame with only the named columns, in the order given. */
    public Frame select(String... names) {
        List<Column> out = new ArrayList<>(names.length);
        for (String n : names) {
            out.add(column(n));
        }
        return new Frame(out);
    }

    /** A frame without the named columns (each must exist). */
    public Frame drop(String... names) {
        boolean[] dropped = new boolean[columns.size()];
        for (String n : names) {
            dropped[indexOf(n)] = true;
        }
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            if (!dropped[j]) {
                out.add(columns.get(j));
            }
        }
        return new Frame(out);
    }

    /** A frame with column {@code oldName} renamed to {@code newName}. */
    public Frame rename(String oldName, String newName) {
        int j = indexOf(oldName);
        List<Column> out = new ArrayList<>(columns);
        out.set(j, columns.get(j).rename(newName));
        return new Frame(out);
    }

    /**
     * A frame with {@code column} added at the end, or replacing the column of the same name in place.
     * Its length must equal {@link #nrows()} (unless this frame has no columns).
     */
    public Frame withColumn(Column column) {
        List<Column> out = new ArrayList<>(columns);
        Integer j = index.get(column.name());
        if (j != null) {
            out.set(j, column);
        } else {
            out.add(column);
        }
        return new Frame(out);
    }

    /** A frame of the rows {@code indices[0], indices[1], ...} (in that order; repeats allowed). */
    public Frame rows(int[] indices) {
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= nrows) {
                throw new IndexOutOfBoundsException("row index " + indices[k] + " (position " + k
                        + ") out of range [0, " + nrows + ")");
            }
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.rows(indices));
        }
        return new Frame(out);
    }

    /** A frame of the rows {@code i} for which {@code keep.test(i)} holds, in order. */
    public Frame filter(IntPredicate keep) {
        int[] idx = new int[nrows];
        int n = 0;
        for (int i = 0; i < nrows; i++) {
            if (keep.test(i)) {
                idx[n++] = i;
            }
        }
        return rows(Arrays.copyOf(idx, n));
    }

    /** The first {@code min(n, nrows())} rows. */
    public Frame head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("head(n) needs n >= 0, got " + n);
        }
        int m = Math.min(n, nrows);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        return rows(idx);
    }

    // ---------------------------------------------------------------- summary

    /**
     * A summary with one row per column: {@code column, type, count} (non-missing values),
     * {@code missing}, then for numeric columns {@code mean}, {@code std} (sample standard deviation,
     * divisor n - 1), {@code min}, the quartiles {@code 25%, 50%, 75%} (linear interpolation between
     * order statistics, as numpy's default) and {@code max}; for categorical, boolean and string columns
     * {@code unique} (number of levels for categorical columns, distinct values otherwise), {@code top}
     * (most frequent value; ties go to the first level, or the smallest string) and {@code freq} (its count).
     * Entries that do not apply are missing.
     */
    public Frame describe() {
        int m = columns.size();
        String[] name = new String[m];
        String[] type = new String[m];
        double[] count = new double[m];
        double[] missing = new double[m];
        double[] mean = new double[m];
        double[] std = new double[m];
        double[] min = new double[m];
        double[] q1 = new double[m];
        double[] med = new double[m];
        double[] q3 = new double[m];
        double[] max = new double[m];
        double[] unique = new double[m];
        String[] top = new String[m];
        double[] freq = new double[m];
        for (int j = 0; j < m; j++) {
            Column c = columns.get(j);
            name[j] = c.name();
            type[j] = c.type().label();
            int miss = c.missingCount();
            missing[j] = miss;
            count[j] = nrows - miss;
            mean[j] = std[j] = min[j] = q1[j] = med[j] = q3[j] = max[j] = unique[j] = freq[j] = Double.NaN;
            if (c instanceof NumericColumn nc) {
                double[] v = new double[nrows - miss];
                int k = 0;
                for (double x : nc.values) {
                    if (!Double.isNaN(x)) {
                        v[k++] = x;
                    }
                }
                if (v.length > 0) {
                    double s = 0;
                    for (double x : v) {
                        s += x;
                    }
                    double mu = s / v.length;
                    double ss = 0;
                    for (double x : v) {
                        ss += (x - mu) * (x - mu);
                    }
                    mean[j] = mu;
                    std[j] = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN;
                    Arrays.sort(v);
                    min[j] = v[0];
                    max[j] = v[v.length - 1];
                    q1[j] = quantile(v, 0.25);
                    med[j] = quantile(v, 0.5);
                    q3[j] = quantile(v, 0.75);
                }
            } else if (c instanceof CategoricalColumn cc) {
                int[] counts = cc.counts();
                unique[j] = counts.length;
                int best = -1;
                for (int l = 0; l < counts.length; l++) {
                    if (counts[l] > 0 && (best < 0 || counts[l] > counts[best])) {
                        best = l;
                    }
                }
                if (best >= 0) {
                    top[j] = cc.levels().get(best);
                    freq[j] = counts[best];
                }
            } else {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (int i = 0; i < nrows; i++) {
                    String s = c.format(i);
                    if (s != null) {
                        counts.merge(s, 1, Integer::sum);
                    }
                }
                unique[j] = counts.size();
                String best = null;
                int bestN = 0;
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    if (e.getValue() > bestN || (e.getValue() == bestN && e.getKey().compareTo(best) < 0)) {
                        best = e.getKey();
                        bestN = e.getValue();
                    }
                }
                top[j] = best;
                freq[j] = best == null ? Double.NaN : bestN;
            }
        }
        return Frame.builder().string("column", name).string("type", type).numeric("count", count)
                .numeric("missing", missing).numeric("mean", mean).numeric("std", std).numeric("min", min)
                .numeric("25%", q1).numeric("50%", med).numeric("75%", q3).numeric("max", max)
                .numeric("unique", unique).string("top", top).numeric("freq", freq).build();
    }

    /** Linear-interpolation quantile of sorted {@code v} (numpy's default method). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    // ---------------------------------------------------------------- text

    /** The shape and the first 10 rows as an aligned table. */
    @Override
    public String toString() {
        return toString(10);
    }

    /**
     * The shape and the first {@code maxRows} rows as an aligned table: a header of names and types,
     * numbers right-aligned, text left-aligned, missing values as {@code NA}. Frames with more than 10
     * columns show the first 6 and the last 3.
     */
    public String toString(int maxRows) {
        int shownRows = Math.min(Math.max(maxRows, 0), nrows);
        int[] cols = shownColumns();
        String[][] cells = new String[shownRows + 2][cols.length + 1];
        cells[0][0] = "";
        cells[1][0] = "";
        for (int i = 0; i < shownRows; i++) {
            cells[i + 2][0] = Integer.toString(i);
        }
        boolean[] right = new boolean[cols.length + 1];
        right[0] = true;
        for (int b = 0; b < cols.length; b++) {
            int j = cols[b];
            if (j < 0) {
                for (int a = 0; a < shownRows + 2; a++) {
                    cells[a][b + 1] = "...";
                }
                continue;
            }
            Column c = columns.get(j);
            cells[0][b + 1] = c.name();
            cells[1][b + 1] = c.type().label();
            right[b + 1] = c instanceof NumericColumn;
            for (int i = 0; i < shownRows; i++) {
                String s;
                if (c instanceof NumericColumn nc) {
                    double v = nc.get(i);
                    s = Double.isNaN(v) ? "NA" : shortNumber(v);
                } else {
                    s = c.format(i);
                    s = s == null ? "NA" : printable(s);
                }
                cells[i + 2][b + 1] = s;
            }
        }
        int[] width = new int[cols.length + 1];
        for (String[] row : cells) {
            for (int b = 0; b < row.length; b++) {
                width[b] = Math.max(width[b], row[b].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Frame ").append(nrows).append(" rows x ").append(columns.size()).append(" columns");
        for (String[] row : cells) {
            sb.append('\n');
            StringBuilder line = new StringBuilder();
            for (int b = 0; b < row.length; b++) {
                if (b > 0) {
                    line.append("  ");
                }
                String s = row[b];
                String pad = " ".repeat(width[b] - s.length());
                line.append(right[b] ? pad + s : s + pad);
            }
            sb.append(line.toString().stripTrailing());
        }
        if (nrows > shownRows) {
            sb.append("\n... ").append(nrows - shownRows).append(" more rows");
        }
        return sb.toString();
    }

    private int[] shownColumns() {
        int m = columns.size();
        if (m <= 10) {
            int[] r = new int[m];
            for (int j = 0; j < m; j++) {
                r[j] = j;
            }
            return r;
        }
        return new int[] {0, 1, 2, 3, 4, 5, -1, m - 3, m - 2, m - 1};
    }

    private static String printable(String s) {
        String t = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }

    static String shortNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = Double.toString(v);
        if (s.length() <= 10 && !s.contains("E")) {
            return s;
        }
        s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) {
                mant = mant.substring(0, mant.length() - 1);
            }
        }
        return mant + exp;
    }

    /** Equal when both frames have equal columns in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    // ---------------------------------------------------------------- builder

    /** Adds columns one at a time; {@link #build()} checks names and lengths. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();

        private Builder() {
        }

        /** Adds a numeric column (copies; {@code NaN} = missing). */
        public Builder numeric(String name, double... values) {
            return add(NumericColumn.of(name, values));
        }

        /** Adds a categorical column with levels in natural order ({@code null} = missing). */
        public Builder categorical(String name, String... values) {
            return add(CategoricalColumn.of(name, values));
        }

        /** Adds a categorical column with the given levels ({@code null} = missing). */
        public Builder categorical(String name, List<String> levels, String... values) {
            return add(CategoricalColumn.of(name, levels, values));
        }

        /** Adds a boolean column ({@code null} = missing). */
        public Builder bool(String name, Boolean... values) {
            return add(BooleanColumn.of(name, values));
        }

        /** Adds a boolean column with nothing missing. */
        public Builder bool(String name, boolean[] values) {
            return add(BooleanColumn.of(name, values));
        }

        /** Adds a string column ({@code null} = missing). */
        public Builder string(String name, String... values) {
            return add(StringColumn.of(name, values));
        }

        /** Adds a column. */
        public Builder add(Column column) {
            columns.add(column);
            return this;
        }

        /** The frame; fails on duplicate names or unequal lengths. */
        public Frame build() {
            return new Frame(columns);
        }
    }
}
