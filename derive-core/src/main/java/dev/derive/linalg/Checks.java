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
            int i = Matrix.firstNonFinite(a.data, a.offset + j * a.ld, a.rows());
            if (i >= 0) {
                throw new IllegalArgumentException(op + ": matrix " + shape(a) + " has " + a.get(i, j)
                        + " at (" + i + ", " + j + "); it needs finite entries");
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

    /**
     * Checks that {@code a} is non-empty, square, finite and symmetric to within
     * {@code |a_ij - a_ji| <= tol * max|a|}, and returns its symmetric part {@code (A + A')/2}
     * column-major (a new array), so that decompositions of symmetric matrices use every entry and agree
     * on what they factor. The message of a failed check names the worst pair.
     */
    /**
     * Column {@code j} of {@link #symmetricPart}: writes {@code out(j, j) = a(j, j)} and {@code out(i, j) = out(j, i) =
     * (a(i, j) + a(j, i))/2} for {@code i > j} ({@code a} at {@code d[off..]} with leading dimension {@code ld}), and
     * returns the first {@code i} whose {@code |a(i, j) - a(j, i)|} exceeds both {@code worst} and the asymmetries
     * before it in the column, or -1. A method of its own so that the JIT compiles it after a few columns.
     */
    private static int symmetrizeColumn(double[] d, int off, int ld, int j, int n, double[] out, double worst) {
        out[j + j * n] = d[off + j + j * ld];
        int wi = -1;
        for (int i = j + 1; i < n; i++) {
            double x = d[off + i + j * ld];
            double y = d[off + j + i * ld];
            double diff = Math.abs(x - y);
            if (diff > worst) {
                worst = diff;
                wi = i;
            }
            double avg = 0.5 * x + 0.5 * y;
            out[i + j * n] = avg;
            out[j + i * n] = avg;
        }
        return wi;
    }

    static double[] symmetricPart(Matrix a, String op, double tol) {
        nonEmpty(a, op);
        square(a, op);
        finite(a, op);
        int n = a.rows();
        double maxAbs = a.normMax();
        double worst = 0;
        int wi = -1;
        int wj = -1;
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            int i = symmetrizeColumn(a.data, a.offset, a.ld, j, n, out, worst);
            if (i >= 0) {
                worst = Math.abs(a.get(i, j) - a.get(j, i));
                wi = i;
                wj = j;
            }
        }
        if (worst > tol * maxAbs) {
            throw new IllegalArgumentException(op + ": the " + shape(a) + " matrix is not symmetric: a("
                    + wi + ", " + wj + ") = " + a.get(wi, wj) + " but a(" + wj + ", " + wi + ") = " + a.get(wj, wi)
                    + " (largest asymmetry " + worst + " > " + tol + " * max|a| = " + tol * maxAbs
                    + "); symmetrise it, e.g. (A + A')/2, if the asymmetry is rounding");
        }
        return out;
    }
}
