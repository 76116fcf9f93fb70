package dev.derive.data;

import java.util.Arrays;

/** A column of free text; {@code null} marks a missing value. */
public final class StringColumn implements Column {

    private final String name;
    final String[] values;

    private StringColumn(String name, String[] values) {
        this.name = ColumnChecks.name(name);
        this.values = values;
    }

    /** A column holding a copy of {@code values} ({@code null} = missing). */
    public static StringColumn of(String name, String... values) {
        return new StringColumn(name, values.clone());
    }

    /** A column that takes ownership of {@code values}; the caller must not modify the array afterwards. */
    public static StringColumn wrap(String name, String[] values) {
        return new StringColumn(name, values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.STRING;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value in {@code row}, or {@code null} when missing. */
    public String get(int row) {
        return values[row];
    }

    /** A copy of the values. */
    public String[] toArray() {
        return values.clone();
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public int missingCount() {
        int c = 0;
        for (String v : values) {
            if (v == null) {
                c++;
            }
        }
        return c;
    }

    @Override
    public String format(int row) {
        return values[row];
    }

    @Override
    public StringColumn rows(int[] indices) {
        ColumnChecks.indices(indices, values.length, name);
        String[] out = new String[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = values[indices[k]];
        }
        return new StringColumn(name, out);
    }

    @Override
    public StringColumn rename(String newName) {
        return new StringColumn(newName, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "StringColumn '" + name + "' (" + values.length + " rows)";
    }
}
