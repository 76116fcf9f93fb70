package dev.derive.data;

/**
 * One named, typed, immutable column of a {@link Frame}. The four kinds are {@link NumericColumn}
 * ({@code double}, {@code NaN} = missing), {@link CategoricalColumn} (integer codes into a list of
 * levels, {@code -1} = missing), {@link BooleanColumn} (missing allowed) and {@link StringColumn}
 * ({@code null} = missing).
 */
public sealed interface Column permits NumericColumn, CategoricalColumn, BooleanColumn, StringColumn {

    /** The column's name. */
    String name();

    /** The column's storage type. */
    ColumnType type();

    /** Number of rows. */
    int size();

    /** True when the value in {@code row} is missing. */
    boolean isMissing(int row);

    /** Number of missing values. */
    int missingCount();

    /**
     * The value in {@code row} as text ({@code null} when missing): numbers in their shortest
     * round-trip form ({@link Double#toString}, integral values without {@code .0}), levels and strings
     * as they are, booleans as {@code true}/{@code false}.
     */
    String format(int row);

    /** A new column holding the rows {@code indices[0], indices[1], ...} of this one (repeats allowed). */
    Column rows(int[] indices);

    /** The same values under another name. */
    Column rename(String newName);

    /** Validates a column name: non-null. */
    static String checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("column name must not be null");
        }
        return name;
    }

    /** Checks that every index lies in {@code [0, size)} and names the first one that does not. */
    static void checkIndices(int[] indices, int size, String name) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row index " + i + " (position " + k + ") out of range [0, "
                        + size + ") for column '" + name + "'");
            }
        }
    }
}
