package dev.derive.optim.constrained;

import dev.derive.linalg.Matrix;

/** Argument checks shared by the constrained problem types. */
final class ProblemChecks {

    private ProblemChecks() {
    }

    static void finite(String where, String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(where + ": " + name + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
    }

    static void length(String where, String name, double[] v, int n) {
        if (v == null) {
            throw new IllegalArgumentException(where + ": " + name + " must not be null");
        }
        if (v.length != n) {
            throw new IllegalArgumentException(where + ": " + name + " has length " + v.length + ", expected " + n);
        }
    }

    static void shape(String where, String name, Matrix m, int rows, int cols) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(where + ": " + name + " is " + m.rows() + "x" + m.cols() + ", expected "
                    + rows + "x" + cols);
        }
        if (!m.isFinite()) {
            throw new IllegalArgumentException(where + ": " + name + " has a non-finite entry");
        }
    }

    /**
     * Validates a constraint block (null = no rows) and returns a copy. The name of the right-hand side ({@code b_eq}
     * for {@code A_eq}) is built only for a message: a string concatenation executed on the normal path would link its
     * call site (a method-handle bootstrap, a few ms in a fresh JVM) inside every first solve.
     */
    static Matrix matrix(String where, String name, Matrix a, double[] b, int n) {
        if (a == null) {
            if (b != null && b.length > 0) {
                throw new IllegalArgumentException(where + ": " + bName(name) + " has length " + b.length + " but "
                        + name + " is null");
            }
            return Matrix.zeros(0, n);
        }
        if (a.cols() != n) {
            throw new IllegalArgumentException(where + ": " + name + " has " + a.cols() + " columns but c has length "
                    + n);
        }
        int rows = b == null ? 0 : b.length;
        if (a.rows() != rows) {
            throw new IllegalArgumentException(where + ": " + name + " has " + a.rows() + " rows but " + bName(name)
                    + " has length " + rows);
        }
        if (!a.isFinite()) {
            throw new IllegalArgumentException(where + ": " + name + " has a non-finite entry");
        }
        return a.copy();
    }

    /** {@code b_eq} for {@code A_eq}, {@code b_ub} for {@code A_ub}. */
    private static String bName(String name) {
        return "b" + name.substring(1);
    }
}
