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

    /** Validates a constraint block (null = no rows) and returns a copy. */
    static Matrix matrix(String where, String name, Matrix a, double[] b, int n) {
        String bName = "b" + name.substring(1);
        if (a == null) {
            if (b != null && b.length > 0) {
                throw new IllegalArgumentException(where + ": " + bName + " has length " + b.length + " but " + name
                        + " is null");
            }
            return Matrix.zeros(0, n);
        }
        if (a.cols() != n) {
            throw new IllegalArgumentException(where + ": " + name + " has " + a.cols() + " columns but c has length "
                    + n);
        }
        int rows = b == null ? 0 : b.length;
        if (a.rows() != rows) {
            throw new IllegalArgumentException(where + ": " + name + " has " + a.rows() + " rows but " + bName
                    + " has length " + rows);
        }
        if (!a.isFinite()) {
            throw new IllegalArgumentException(where + ": " + name + " has a non-finite entry");
        }
        return a.copy();
    }
}
