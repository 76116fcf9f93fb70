package dev.derive.tree;

import dev.derive.linalg.Matrix;

/** Batch prediction helpers over fitted {@link Tree}s, shared by trees and forests. */
public final class TreePrediction {

    private TreePrediction() {
    }

    /** Leaf class shares ({@code value / sum(value)}) of each row of {@code x}, {@code n x K}. */
    public static Matrix proba(Tree tree, Matrix x) {
        int k = tree.outputs();
        Matrix p = Matrix.zeros(x.rows(), k);
        addProba(tree, x, p, 1.0);
        return p;
    }

    /** Adds {@code scale} times the leaf class shares of each row of {@code x} to {@code out} ({@code n x K}). */
    public static void addProba(Tree tree, Matrix x, Matrix out, double scale) {
        int k = tree.outputs();
        int[] leaves = tree.apply(x);
        for (int i = 0; i < leaves.length; i++) {
            int base = leaves[i] * k;
            double total = 0;
            for (int c = 0; c < k; c++) {
                total += tree.value(base + c);
            }
            for (int c = 0; c < k; c++) {
                out.add(i, c, scale * tree.value(base + c) / total);
            }
        }
    }

    /**
     * Adds {@code scale} times the leaf class shares of row {@code i} of the column-major {@code n}-row
     * array {@code x} to {@code out[off .. off+K)}.
     */
    public static void addProbaRow(Tree tree, double[] x, int n, int i, double[] out, int off, double scale) {
        int k = tree.outputs;
        int base = tree.leaf(x, n, i) * k;
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += tree.value(base + c);
        }
        for (int c = 0; c < k; c++) {
            out[off + c] += scale * tree.value(base + c) / total;
        }
    }

    /** The leaf value (regression) of row {@code i} of the column-major {@code n}-row array {@code x}. */
    public static double valueRow(Tree tree, double[] x, int n, int i) {
        return tree.value(tree.leaf(x, n, i));
    }

    /** Adds {@code scale} times the leaf value of each row of {@code x} (regression) to {@code out}. */
    public static void addValue(Tree tree, Matrix x, double[] out, double scale) {
        int[] leaves = tree.apply(x);
        for (int i = 0; i < leaves.length; i++) {
            out[i] += scale * tree.value(leaves[i]);
        }
    }
}
