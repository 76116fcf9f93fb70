package dev.derive.data;

import java.util.Arrays;

/** A column of booleans in which values may be missing. */
public final class BooleanColumn implements Column {

    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte MISSING = -1;

    private final String name;
    /** 0 = false, 1 = true, -1 = missing. */
    final byte[] values;

    private BooleanColumn(String name, byte[] values) {
        this.name = ColumnChecks.name(name);
        this.values = values;
    }

    /** A column of {@code values}; {@code null} is missing. */
    public static BooleanColumn of(String name, Boolean... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = values[i] == null ? MISSING : values[i] ? TRUE : FALSE;
        }
        return new BooleanColumn(name, b);
    }

    /** A column of {@code values} with nothing missing (an array, so literals go to the {@code Boolean...} form). */
    public static BooleanColumn of(String name, boolean[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = values[i] ? TRUE : FALSE;
        }
        return new BooleanColumn(name, b);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.BOOLEAN;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value in {@code row}, or {@code null} when missing. */
    public Boolean get(int row) {
        byte v = values[row];
        return v == MISSING ? null : v == TRUE;
    }

    /** True when the value in {@code row} is present and {@code true}. */
    public boolean isTrue(int row) {
        return values[row] == TRUE;
    }

    /** Number of rows holding {@code true}. */
    public int countTrue() {
        int c = 0;
        for (byte v : values) {
            if (v == TRUE) {
                c++;
            }
        }
        return c;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == MISSING;
    }

    @Override
    public int missingCount() {
        int c = 0;
        for (byte v : values) {
            if (v == MISSING) {
                c++;
            }
        }
        return c;
    }

    @Override
    public String format(int row) {
        byte v = values[row];
        return v == MISSING ? null : v == TRUE ? "true" : "false";
    }

    @Override
    public BooleanColumn rows(int[] indices) {
        ColumnChecks.indices(indices, values.length, name);
        byte[] out = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = values[indices[k]];
        }
        return new BooleanColumn(name, out);
    }

    @Override
    public BooleanColumn rename(String newName) {
        return new BooleanColumn(newName, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BooleanColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "BooleanColumn '" + name + "' (" + values.length + " rows)";
    }
}
