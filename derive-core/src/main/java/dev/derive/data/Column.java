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
}
