package dev.derive.learn.metrics;

import dev.derive.linalg.Matrix;

/** Input checks shared by the metrics; every failure is an {@link IllegalArgumentException} naming the problem. */
final class Validate {

    /**
     * Tolerance on a probability row sum, as numpy's {@code allclose(1, s)} that scikit-learn's
     * {@code roc_auc_score} applies: {@code |s - 1| <= ATOL + RTOL * |s|}.
     */
    static final double SUM_RTOL = 1e-5;
    static final double SUM_ATOL = 1e-8;

    private Validate() {
    }

    static void nonEmpty(int n, String what) {
        if (n == 0) {
            throw new IllegalArgumentException(what + " is empty; a metric needs at least one sample");
        }
    }

    static void sameLength(int a, String nameA, int b, String nameB) {
        if (a != b) {
            throw new IllegalArgumentException(nameA + " has length " + a + " but " + nameB + " has length " + b
                    + "; they must have the same length");
        }
    }

    /** Checks lengths and non-emptiness of a pair of arrays. */
    static int pair(int lenTrue, int lenPred, String nameTrue, String namePred) {
        sameLength(lenTrue, nameTrue, lenPred, namePred);
        nonEmpty(lenTrue, nameTrue);
        return lenTrue;
    }

    /** Every label in {@code [0, numClasses)}. */
    static void labels(int[] y, int numClasses, String name) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= numClasses) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i] + " is not a class index in [0, "
                        + numClasses + ")");
            }
        }
    }

    /** Every label is {@code >= 0}; returns the largest. */
    static int nonNegativeLabels(int[] y, String name) {
        int max = -1;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i]
                        + " is negative; class labels are indices 0..K-1");
            }
            max = Math.max(max, y[i]);
        }
        return max;
    }

    /** {@code K = 1 + max label} over both arrays, after checking labels are non-negative. */
    static int inferClasses(int[] yTrue, int[] yPred) {
        return 1 + Math.max(nonNegativeLabels(yTrue, "yTrue"), nonNegativeLabels(yPred, "yPred"));
    }

    static void numClasses(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + k);
        }
    }

    static void binaryLabels(int[] y, String name) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i]
                        + " is not a binary label; binary metrics take labels 0 (negative) and 1 (positive)");
            }
        }
    }

    static void finite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
    }

    /** Sample weights: {@code null} (unit weights) or n finite, non-negative values with a positive sum. */
    static void weights(double[] w, int n) {
        if (w == null) {
            return;
        }
        sameLength(w.length, "sampleWeight", n, "yTrue");
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || w[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("sampleWeight[" + i + "] = " + w[i]
                        + "; sample weights must be finite and >= 0");
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("sample weights sum to " + sum + "; at least one must be positive");
        }
    }

    static void probabilities(double[] p, String name) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + p[i] + " is not a probability in [0, 1]");
            }
        }
    }

    /**
     * Every entry of an {@code n x K} matrix of class probabilities lies in [0, 1] and every row sums to 1
     * within numpy's {@code allclose} tolerance ({@code |s - 1| <= 1e-8 + 1e-5 |s|}).
     */
    static void probabilityRows(Matrix p, String name) {
        int n = p.rows();
        int k = p.cols();
        double[] a = p.toArray();
        double[] sums = new double[n];
        for (int j = 0; j < k; j++) {
            int base = j * n;
            for (int i = 0; i < n; i++) {
                double v = a[base + i];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(name + "(" + i + ", " + j + ") = " + v
                            + " is not a probability in [0, 1]");
                }
                sums[i] += v;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = sums[i];
            if (!(Math.abs(s - 1) <= SUM_ATOL + SUM_RTOL * Math.abs(s))) {
                throw new IllegalArgumentException("row " + i + " of " + name + " sums to " + s
                        + ", not 1; class probabilities must sum to 1 over classes (tolerance |s - 1| <= 1e-8 + 1e-5|s|)");
            }
        }
    }
}
