package dev.derive.linalg;

/** Argument checks shared by the linear-algebra classes; every message names the shapes involved. */
final class Checks {
    private Checks() {
    }

    static String shape(Matrix m) {
        return m.rows() + "x" + m.cols();
    }

    static void square(Matrix a, String op) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException(op + " needs a square matrix, got " + shape(a));
        }
    }

    static void nonEmpty(Matrix a, String op) {
        if (a.rows() == 0 || a.cols() == 0) {
            throw new IllegalArgumentException(op + " needs a non-empty matrix, got " + shape(a));
        }
    }

    /** Rejects NaN and infinite entries, naming the first offending position. */
    static void finite(Matrix a, String op) {
        for (int j = 0; j < a.cols(); j++) {
            for (int i = 0; i < a.rows(); i++) {
                double v = a.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(op + ": matrix " + shape(a) + " has " + v
                            + " at (" + i + ", " + j + "); it needs finite entries");
                }
            }
        }
    }

    static void finite(double[] v, String op, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(op + ": " + name + " has " + v[i] + " at index " + i
                        + "; it needs finite entries");
            }
        }
    }

    static void sameRows(Matrix a, Matrix b, String op) {
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException(op + ": row counts differ: matrix is " + shape(a)
                    + ", right-hand side is " + shape(b));
        }
    }

    static void length(double[] b, int n, String op, Matrix a) {
        if (b.length != n) {
            throw new IllegalArgumentException(op + ": vector has length " + b.length + " but the matrix is "
                    + shape(a) + " (needs length " + n + ")");
        }
    }
}
