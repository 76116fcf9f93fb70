package dev.derive.data;

/** The storage type of a {@link Frame} column. */
public enum ColumnType {
    /** {@code double} values; {@code NaN} is missing. */
    NUMERIC,
    /** Integer codes into a list of levels; code {@code -1} is missing. */
    CATEGORICAL,
    /** {@code true}/{@code false}, with missing values allowed. */
    BOOLEAN,
    /** Free text; {@code null} is missing. */
    STRING;

    /** Lower-case name used in printed tables and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
