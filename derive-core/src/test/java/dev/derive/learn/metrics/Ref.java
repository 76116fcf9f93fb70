package dev.derive.learn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;

/** Reading the scikit-learn fixture and comparing with a relative tolerance. */
final class Ref {

    /** Relative tolerance against scikit-learn for everything but the silhouette. */
    static final double TOL = 1e-12;
    /** Relative tolerance for silhouette values (distances come from a different summation order). */
    static final double SIL_TOL = 1e-9;

    static final Fixtures FX = Fixtures.load("metrics_sklearn.txt");

    private Ref() {
    }

    static int[] ints(String name) {
        double[] v = FX.vector(name);
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
            if (r[i] != v[i]) {
                throw new IllegalStateException(name + "[" + i + "] = " + v[i] + " is not an integer");
            }
        }
        return r;
    }

    static double[] vec(String name) {
        return FX.vector(name);
    }

    static double scalar(String name) {
        return FX.scalar(name);
    }

    static Matrix matrix(String name) {
        return FX.matrix(name);
    }

    /** |actual - expected| <= tol |expected| (exact equality when expected is 0). */
    static void close(double expected, double actual, double tol, String what) {
        if (expected == actual) {
            return;
        }
        double err = Math.abs(actual - expected);
        if (!(err <= tol * Math.abs(expected))) {
            fail(what + ": expected " + expected + " (scikit-learn) but got " + actual + ", relative error "
                    + err / Math.abs(expected) + " > " + tol);
        }
    }

    static void close(String name, double actual) {
        close(scalar(name), actual, TOL, name);
    }

    static void close(String name, double[] actual, double tol) {
        double[] e = vec(name);
        assertEquals(e.length, actual.length, name + ": length");
        for (int i = 0; i < e.length; i++) {
            close(e[i], actual[i], tol, name + "[" + i + "]");
        }
    }

    static void close(String name, double[] actual) {
        close(name, actual, TOL);
    }

    static void close(String name, double[][] actual) {
        Matrix e = matrix(name);
        assertEquals(e.rows(), actual.length, name + ": rows");
        for (int i = 0; i < e.rows(); i++) {
            assertEquals(e.cols(), actual[i].length, name + ": cols");
            for (int j = 0; j < e.cols(); j++) {
                close(e.get(i, j), actual[i][j], TOL, name + "[" + i + "][" + j + "]");
            }
        }
    }

    static void equal(String name, int[][] actual) {
        Matrix e = matrix(name);
        assertEquals(e.rows(), actual.length, name + ": rows");
        for (int i = 0; i < e.rows(); i++) {
            for (int j = 0; j < e.cols(); j++) {
                assertEquals((int) e.get(i, j), actual[i][j], name + "[" + i + "][" + j + "]");
            }
        }
    }
}
