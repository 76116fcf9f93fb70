package dev.derive.tree;

import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.Locale;

/**
 * A fitted binary decision tree stored as flat arrays, one entry per node, in the layout of
 * scikit-learn's {@code tree_}: node {@code i} is a leaf when {@code left[i] == -1}; otherwise a row goes
 * to {@code left[i]} when {@code x[feature[i]] <= threshold[i]} and to {@code right[i]} otherwise.
 * {@code value} holds, per node, {@code outputs} numbers (row-major): the weighted class totals of the
 * node's training rows for a classification tree, the weighted mean target for a regression tree.
 * A missing (NaN) value goes left where {@code missingLeft[i]}, else right.
 * Nodes are numbered in depth-first pre-order (left child first), as scikit-learn's depth-first builder.
 * Immutable; the accessors return copies.
 */
public final class Tree {

    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final double[] value;
    final double[] impurity;
    final int[] nodeSamples;
    final double[] weightedNodeSamples;
    final boolean[] missingLeft;
    final int outputs;
    final int featureCount;

    Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity,
         int[] nodeSamples, double[] weightedNodeSamples, boolean[] missingLeft, int outputs, int featureCount) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
        this.impurity = impurity;
        this.nodeSamples = nodeSamples;
        this.weightedNodeSamples = weightedNodeSamples;
        this.missingLeft = missingLeft;
        this.outputs = outputs;
        this.featureCount = featureCount;
    }

    /**
     * A tree from its arrays (as stored by a codec), checked for consistency: children inside the tree
     * and after their parent (so the tree has no cycles), both or neither child present, features in
     * range, {@code value.length == nodes * outputs}.
     */
    public static Tree of(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity,
                          int[] nodeSamples, double[] weightedNodeSamples, boolean[] missingLeft, int outputs, int featureCount) {
        int n = feature.length;
        if (n == 0) {
            throw new IllegalArgumentException("a tree needs at least one node");
        }
        if (outputs < 1 || featureCount < 1) {
            throw new IllegalArgumentException("outputs and featureCount must be >= 1, got " + outputs + " and " + featureCount);
        }
        if (threshold.length != n || left.length != n || right.length != n || impurity.length != n
                || nodeSamples.length != n || weightedNodeSamples.length != n || missingLeft.length != n
                || value.length != (long) n * outputs) {
            throw new IllegalArgumentException("tree arrays disagree in length: " + n + " nodes, threshold " + threshold.length
                    + ", left " + left.length + ", right " + right.length + ", value " + value.length + " (expected "
                    + (long) n * outputs + "), impurity " + impurity.length + ", samples " + nodeSamples.length);
        }
        for (int i = 0; i < n; i++) {
            boolean leaf = left[i] == -1;
            if (leaf != (right[i] == -1)) {
                throw new IllegalArgumentException("node " + i + " has one child only");
            }
            if (!leaf) {
                if (left[i] <= i || left[i] >= n || right[i] <= i || right[i] >= n) {
                    throw new IllegalArgumentException("node " + i + " has children " + left[i] + ", " + right[i]
                            + " outside (" + i + ", " + n + ")");
                }
                if (feature[i] < 0 || feature[i] >= featureCount) {
                    throw new IllegalArgumentException("node " + i + " splits on feature " + feature[i] + " of " + featureCount);
                }
            }
        }
        return new Tree(feature.clone(), threshold.clone(), left.clone(), right.clone(), value.clone(), impurity.clone(),
                nodeSamples.clone(), weightedNodeSamples.clone(), missingLeft.clone(), outputs, featureCount);
    }

    /** Number of nodes. */
    public int nodeCount() {
        return feature.length;
    }

    /** Number of leaves. */
    public int leafCount() {
        int c = 0;
        for (int l : left) {
            c += l == -1 ? 1 : 0;
        }
        return c;
    }

    /** The depth of the deepest leaf (0 for a single leaf). */
    public int depth() {
        int[] d = new int[nodeCount()];
        int max = 0;
        for (int i = 0; i < d.length; i++) { // children always come after their parent
            if (left[i] != -1) {
                d[left[i]] = d[i] + 1;
                d[right[i]] = d[i] + 1;
                max = Math.max(max, d[i] + 1);
            }
        }
        return max;
    }

    /** Number of numbers per node in {@link #value()}: the class count, or 1 for regression. */
    public int outputs() {
        return outputs;
    }

    /** Number of features the tree was grown on. */
    public int featureCount() {
        return featureCount;
    }

    /** Split feature per node ({@code -2} at leaves, as scikit-learn). */
    public int[] feature() {
        return feature.clone();
    }

    /** Split threshold per node ({@code -2} at leaves). */
    public double[] threshold() {
        return threshold.clone();
    }

    /** Left child per node ({@code -1} at leaves). */
    public int[] left() {
        return left.clone();
    }

    /** Right child per node ({@code -1} at leaves). */
    public int[] right() {
        return right.clone();
    }

    /** Node values, {@code nodeCount() x outputs()} row-major. */
    public double[] value() {
        return value.clone();
    }

    /** Per node, whether a missing (NaN) value goes left (false at leaves). */
    public boolean[] missingLeft() {
        return missingLeft.clone();
    }

    /** Impurity of each node's training rows. */
    public double[] impurity() {
        return impurity.clone();
    }

    /** Training rows (with non-zero weight) reaching each node. */
    public int[] nodeSamples() {
        return nodeSamples.clone();
    }

    /** Total training weight reaching each node. */
    public double[] weightedNodeSamples() {
        return weightedNodeSamples.clone();
    }

    /**
     * The leaf reached by row {@code i} of the column-major {@code n}-row array {@code x} (which must have
     * at least {@link #featureCount()} columns; not checked, for speed).
     */
    public int leaf(double[] x, int n, int i) {
        int node = 0;
        while (left[node] != -1) {
            double v = x[i + feature[node] * n];
            node = v <= threshold[node] || (v != v && missingLeft[node]) ? left[node] : right[node];
        }
        return node;
    }

    /** The leaf index reached by each row of {@code x}. */
    public int[] apply(Matrix x) {
        if (x.cols() != featureCount) {
            throw new IllegalArgumentException("the tree was grown on " + featureCount + " features but the input has " + x.cols() + " columns");
        }
        int n = x.rows();
        int[] out = new int[n];
        if (n == 0) {
            return out; // Matrix.toArray fails on 0-row matrices with ld > 0
        }
        double[] a = x.toArray();
        for (int i = 0; i < n; i++) {
            out[i] = leaf(a, n, i);
        }
        return out;
    }

    /**
     * Impurity-based feature importances (mean decrease in impurity, Breiman et al. 1984): for each split
     * node, {@code W_node * I_node - W_left * I_left - W_right * I_right} is credited to its feature; the
     * totals are divided by the root weight and then normalised to sum to 1 (all zeros for a single leaf).
     */
    public double[] featureImportances() {
        double[] imp = new double[featureCount];
        for (int i = 0; i < nodeCount(); i++) {
            if (left[i] != -1) {
                int l = left[i];
                int r = right[i];
                imp[feature[i]] += weightedNodeSamples[i] * impurity[i] - weightedNodeSamples[l] * impurity[l]
                        - weightedNodeSamples[r] * impurity[r];
            }
        }
        double total = 0;
        for (int j = 0; j < imp.length; j++) {
            imp[j] /= weightedNodeSamples[0];
            total += imp[j];
        }
        if (total > 0) {
            for (int j = 0; j < imp.length; j++) {
                imp[j] /= total;
            }
        }
        return imp;
    }

    /**
     * The tree as indented text rules, one line per node, e.g. {@code |--- petal_width <= 0.8} and
     * {@code |   |--- class: setosa (50 rows)}. {@code classes} is null for a regression tree.
     */
    public String toText(List<String> featureNames, List<String> classes) {
        StringBuilder sb = new StringBuilder();
        text(0, 0, featureNames, classes, sb);
        return sb.toString();
    }

    private void text(int node, int depth, List<String> names, List<String> classes, StringBuilder sb) {
        String indent = "|   ".repeat(depth) + "|--- ";
        if (left[node] == -1) {
            sb.append(indent);
            if (classes != null) {
                int best = 0;
                double total = 0;
                for (int k = 0; k < outputs; k++) {
                    double v = value[node * outputs + k];
                    total += v;
                    if (v > value[node * outputs + best]) {
                        best = k;
                    }
                }
                sb.append("class: ").append(classes.get(best)).append(String.format(Locale.ROOT, " (p = %.3g, %d rows)",
                        value[node * outputs + best] / total, nodeSamples[node]));
            } else {
                sb.append(String.format(Locale.ROOT, "value: %.6g (%d rows)", value[node], nodeSamples[node]));
            }
            sb.append('\n');
            return;
        }
        String f = names == null ? "x" + feature[node] : names.get(feature[node]);
        sb.append(indent).append(f).append(" <= ").append(fmt(threshold[node])).append('\n');
        text(left[node], depth + 1, names, classes, sb);
        sb.append(indent).append(f).append(" >  ").append(fmt(threshold[node])).append('\n');
        text(right[node], depth + 1, names, classes, sb);
    }

    /**
     * The tree in Graphviz DOT: one box per node with its split (or class / value), impurity, row count
     * and value; edges labelled {@code true} (left, {@code x <= t}) and {@code false}. Render with
     * {@code dot -Tpng}. {@code classes} is null for a regression tree.
     */
    public String toDot(List<String> featureNames, List<String> classes) {
        StringBuilder sb = new StringBuilder("digraph Tree {\nnode [shape=box, fontname=\"helvetica\"];\nedge [fontname=\"helvetica\"];\n");
        for (int i = 0; i < nodeCount(); i++) {
            StringBuilder label = new StringBuilder();
            if (left[i] != -1) {
                String f = featureNames == null ? "x" + feature[i] : featureNames.get(feature[i]);
                label.append(escape(f)).append(" <= ").append(fmt(threshold[i])).append("\\n");
            }
            label.append("impurity = ").append(fmt(impurity[i])).append("\\nsamples = ").append(nodeSamples[i]).append("\\nvalue = ");
            if (classes != null) {
                label.append('[');
                int best = 0;
                for (int k = 0; k < outputs; k++) {
                    label.append(k > 0 ? ", " : "").append(fmt(value[i * outputs + k]));
                    if (value[i * outputs + k] > value[i * outputs + best]) {
                        best = k;
                    }
                }
                label.append("]\\nclass = ").append(escape(classes.get(best)));
            } else {
                label.append(fmt(value[i]));
            }
            sb.append(i).append(" [label=\"").append(label).append("\"];\n");
            if (left[i] != -1) {
                sb.append(i).append(" -> ").append(left[i]).append(" [label=\"true\"];\n");
                sb.append(i).append(" -> ").append(right[i]).append(" [label=\"false\"];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
