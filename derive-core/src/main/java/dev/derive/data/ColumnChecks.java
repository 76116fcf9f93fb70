package dev.derive.data;

/** Argument checks shared by the column classes. */
final class ColumnChecks {

    private ColumnChecks() {
    }

    /** Validates a column name: non-null. */
    static String name(String name) {
        if (name == null) {
            throw new IllegalArgumentException("column name must not be null");
        }
        return name;
    }

    /** Checks that every index lies in {@code [0, size)} and names the first one that does not. */
    static void indices(int[] indices, int size, String name) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row index " + i + " (position " + k + ") out of range [0, "
                        + size + ") for column '" + name + "'");
            }
        }
    }
}
