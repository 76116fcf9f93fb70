package dev.derive.data;

import java.util.Arrays;

/** A column of {@code double} values; {@code NaN} marks a missing value. */
public final class NumericColumn implements Column {

    private final String name;
    final double[] values;

    private NumericColumn(String name, double[] values) {
        this.name = ColumnChecks.name(name);
        this.values = values;
    }

    /** A column holding a copy of {@code values}. */
    public static NumericColumn of(String name, double... values) {
        return new NumericColumn(name, values.clone());
    }

    /**
     * A column that takes ownership of {@code values} without copying. The caller must not modify the
     * array afterwards (readers use this to avoid a copy of large columns).
     */
    public static NumericColumn wrap(String name, double[] values) {
        return new NumericColumn(name, values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value in {@code row} ({@code NaN} when missing). */
    public double get(int row) {
        return values[row];
    }

    /** A copy of the values. */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public int missingCount() {
        int c = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                c++;
            }
        }
        return c;
    }

    @Override
    public String format(int row) {
        return formatNumber(values[row]);
    }

    /** Shortest round-trip text of {@code v}; integral values within 2^53 without a fractional part; NaN as null. */
    static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            if (v == 0 && 1 / v < 0) {
                return "-0";
            }
            return Long.toString((long) v);
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    @Override
    public NumericColumn rows(int[] indices) {
        ColumnChecks.indices(indices, values.length, name);
        double[] out = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = values[indices[k]];
        }
        return new NumericColumn(name, out);
    }

    @Override
    public NumericColumn rename(String newName) {
        return new NumericColumn(newName, values);
    }

    /** Equal when names and values are equal ({@code NaN} equals {@code NaN}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NumericColumn '" + name + "' (" + values.length + " rows)";
    }
}
