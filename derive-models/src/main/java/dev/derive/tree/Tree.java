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
 *
 * <p><b>Categorical splits.</b> A node may instead split a categorical feature (values are level codes
 * {@code 0..L-1} as doubles) into a set of levels and the rest: a row goes left when its level is in the
 * node's left set. The sets live in one shared table {@code categoricalSets} of 32-bit words; node {@code i}
 * is categorical when {@code categoricalStart[i] >= 0}, and its set starts there: first {@code L} (the number of
 * training levels of the feature), then {@code ceil((L + 1) / 32)} words whose bit {@code c} says that level
 * {@code c} goes left and whose bit {@code L} says where every other value goes (a code outside
 * {@code 0..L-1} or not a whole number). A missing value follows {@code missingLeft} as at numeric nodes.
 * The threshold of a categorical node is NaN. Trees without categorical nodes have no table (null arrays),
 * and their prediction loop is the numeric one.
 *
 * <p>Nodes are numbered in depth-first pre-order (left child first), as scikit-learn's depth-first builder.
 * Immutable; the accessors return copies.
 *
 * <p><b>Memory.</b> Two arrays are kept in a smaller form when that loses nothing: {@code value} as floats when
 * every value is a float exactly (weighted class counts of integer weights below 2^24, as bootstrap counts),
 * and {@code weightedNodeSamples} not at all when each node's weight equals, bit for bit, the sum of its
 * {@code value} row (class totals) added in class order; it is then recomputed by that sum when read.
 */
public final class Tree {

    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    // the node values: one of the two is null (floats when all values are floats exactly)
    private final double[] valueD;
    private final float[] valueF;
    final double[] impurity;
    final int[] nodeSamples;
    // null when each node's weight is the sum of its value row (see weighted())
    private final double[] weightedNodeSamples;
    final boolean[] missingLeft;
    final int outputs;
    final int featureCount;
    // categorical splits: per node the start of its set in catSets (-1 numeric), or both null without categorical nodes
    final int[] catStart;
    final int[] catSets;

    Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity,
         int[] nodeSamples, double[] weightedNodeSamples, boolean[] missingLeft, int outputs, int featureCount) {
        this(feature, threshold, left, right, value, impurity, nodeSamples, weightedNodeSamples, missingLeft, outputs, featureCount,
                null, null);
    }

    Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity,
         int[] nodeSamples, double[] weightedNodeSamples, boolean[] missingLeft, int outputs, int featureCount,
         int[] catStart, int[] catSets) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        float[] f = asFloats(value);
        this.valueD = f == null ? value : null;
        this.valueF = f;
        this.impurity = impurity;
        this.nodeSamples = nodeSamples;
        this.weightedNodeSamples = rowSumsEqual(value, outputs, weightedNodeSamples) ? null : weightedNodeSamples;
        this.missingLeft = missingLeft;
        this.outputs = outputs;
        this.featureCount = featureCount;
        boolean any = false;
        if (catStart != null) {
            for (int c : catStart) {
                any |= c >= 0;
            }
        }
        this.catStart = any ? catStart : null;
        this.catSets = any ? catSets : null;
    }

    /** {@code v} as floats when each is a float exactly (the same bits back as a double), else null. */
    private static float[] asFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
            if (Double.doubleToRawLongBits(f[i]) != Double.doubleToRawLongBits(v[i])) {
                return null;
            }
        }
        return f;
    }

    /** Whether {@code weights[i]} is, bit for bit, {@code 0 + value[i k] + ... + value[i k + k - 1]} for every node. */
    private static boolean rowSumsEqual(double[] value, int k, double[] weights) {
        for (int i = 0; i < weights.length; i++) {
            if (Double.doubleToRawLongBits(rowSum(value, k, i)) != Double.doubleToRawLongBits(weights[i])) {
                return false;
            }
        }
        return true;
    }

    private static double rowSum(double[] value, int k, int i) {
        double t = 0;
        for (int c = 0; c < k; c++) {
            t += value[i * k + c];
        }
        return t;
    }

    /** Value number {@code j} (node {@code j / outputs}, output {@code j % outputs}). */
    double value(int j) {
        return valueF != null ? valueF[j] : valueD[j];
    }

    /** Whether the node values are kept as floats (each value a float exactly). */
    boolean floatValues() {
        return valueF != null;
    }

    /** Whether the node weights are kept (they are not the value row sums). */
    boolean storedWeights() {
        return weightedNodeSamples != null;
    }

    /** All node values (a fresh array). */
    double[] values() {
        if (valueD != null) {
            return valueD.clone();
        }
        double[] v = new double[valueF.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = valueF[j];
        }
        return v;
    }

    /** The weighted node samples (stored, or recomputed as the value row sums; the caller must not modify it). */
    double[] weighted() {
        if (weightedNodeSamples != null) {
            return weightedNodeSamples;
        }
        double[] value = values();
        double[] w = new double[feature.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = rowSum(value, outputs, i);
        }
        return w;
    }

    /** The number of 32-bit words of a level set over {@code levels} training levels (one bit per level plus the "other" bit). */
    static int setWords(int levels) {
        return (levels + 32) >>> 5;
    }

    /** Whether the non-missing value {@code v} goes left at the categorical node whose set starts at {@code s} of {@code sets}. */
    static boolean categoricalLeft(int[] sets, int s, double v) {
        int levels = sets[s];
        int bit = v >= 0 && v < levels && (int) v == v ? (int) v : levels;
        return (sets[s + 1 + (bit >>> 5)] >>> (bit & 31) & 1) != 0;
    }

    /**
     * A tree from its arrays (as stored by a codec), checked for consistency: children inside the tree
     * and after their parent (so the tree has no cycles), both or neither child present, features in
     * range, {@code value.length == nodes * outputs}.
     */
    public static Tree of(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity,
                          int[] nodeSamples, double[] weightedNodeSamples, boolean[] missingLeft, int outputs, int featureCount) {
        return of(feature, threshold, left, right, value, impurity, nodeSamples, weightedNodeSamples, missingLeft, outputs, featureCount,
                null, null);
    }

    /**
     * As {@link #of(int[], double[], int[], int[], double[], double[], int[], double[], boolean[], int, int)} with
     * categorical splits: {@code categoricalStart} (per node, the start of its level set in {@code categoricalSets},
     * or -1 for a numeric split or a leaf; both null for a tree without categorical splits), checked to point at
     * a well-formed set inside the table.
     */
    public static Tree of(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity,
                          int[] nodeSamples, double[] weightedNodeSamples, boolean[] missingLeft, int outputs, int featureCount,
                          int[] categoricalStart, int[] categoricalSets) {
        int n = feature.length;
        if ((categoricalStart == null) != (categoricalSets == null)) {
            throw new IllegalArgumentException("categoricalStart and categoricalSets must both be given or both be null");
        }
        if (categoricalStart != null) {
            if (categoricalStart.length != n) {
                throw new IllegalArgumentException("categoricalStart has " + categoricalStart.length + " entries for " + n + " nodes");
            }
            for (int i = 0; i < n; i++) {
                int st = categoricalStart[i];
                if (st < -1 || (st >= 0 && left[i] == -1)) {
                    throw new IllegalArgumentException("node " + i + " has categorical set start " + st
                            + (st >= 0 ? " but is a leaf" : "; expected -1 or a table index"));
                }
                if (st >= 0) {
                    if (st >= categoricalSets.length || categoricalSets[st] < 1
                            || st + 1L + setWords(categoricalSets[st]) > categoricalSets.length) {
                        throw new IllegalArgumentException("node " + i + ": categorical set at " + st + " does not fit the table of "
                                + categoricalSets.length + " words (level count " + (st < categoricalSets.length ? categoricalSets[st] : -1) + ")");
                    }
                }
            }
        }
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
                nodeSamples.clone(), weightedNodeSamples.clone(), missingLeft.clone(), outputs, featureCount,
                categoricalStart == null ? null : categoricalStart.clone(), categoricalSets == null ? null : categoricalSets.clone());
    }

    /** The same tree with other node values ({@code nodeCount() x outputs()}, row-major), e.g. leaf values refitted by boosting. */
    public Tree withValues(double[] newValue) {
        int len = feature.length * outputs;
        if (newValue.length != len) {
            throw new IllegalArgumentException("value has " + newValue.length + " entries, expected " + len);
        }
        return new Tree(feature, threshold, left, right, newValue.clone(), impurity, nodeSamples, weighted(), missingLeft,
                outputs, featureCount, catStart, catSets);
    }

    /** Whether the tree has a categorical split. */
    public boolean hasCategoricalSplits() {
        return catStart != null;
    }

    /** Whether node {@code i} splits a categorical feature into a level set and the rest. */
    public boolean isCategorical(int i) {
        return catStart != null && catStart[i] >= 0;
    }

    /** The level codes that go left at the categorical node {@code i}, increasing. */
    public int[] leftLevels(int i) {
        if (!isCategorical(i)) {
            throw new IllegalArgumentException("node " + i + " is not a categorical split");
        }
        int st = catStart[i];
        int levels = catSets[st];
        int count = 0;
        int[] out = new int[levels];
        for (int c = 0; c < levels; c++) {
            if ((catSets[st + 1 + (c >>> 5)] >>> (c & 31) & 1) != 0) {
                out[count++] = c;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** The number of training levels of the feature split at the categorical node {@code i}. */
    public int levelCount(int i) {
        if (!isCategorical(i)) {
            throw new IllegalArgumentException("node " + i + " is not a categorical split");
        }
        return catSets[catStart[i]];
    }

    /** Whether, at the categorical node {@code i}, a code outside the training levels (or not a whole number) goes left. */
    public boolean otherLevelsLeft(int i) {
        if (!isCategorical(i)) {
            throw new IllegalArgumentException("node " + i + " is not a categorical split");
        }
        int st = catStart[i];
        int levels = catSets[st];
        return (catSets[st + 1 + (levels >>> 5)] >>> (levels & 31) & 1) != 0;
    }

    /** Per node, the start of its level set in {@link #categoricalSets()} (-1: numeric split or leaf); null without categorical splits. */
    public int[] categoricalStart() {
        return catStart == null ? null : catStart.clone();
    }

    /** The level set table of the categorical splits (see the class comment); null without categorical splits. */
    public int[] categoricalSets() {
        return catSets == null ? null : catSets.clone();
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
        return values();
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
        return weighted().clone();
    }

    /**
     * The leaf reached by row {@code i} of the column-major {@code n}-row array {@code x} (which must have
     * at least {@link #featureCount()} columns; not checked, for speed).
     */
    public int leaf(double[] x, int n, int i) {
        int node = 0;
        if (catStart == null) {
            while (left[node] != -1) {
                double v = x[i + feature[node] * n];
                node = v <= threshold[node] || (v != v && missingLeft[node]) ? left[node] : right[node];
            }
            return node;
        }
        while (left[node] != -1) {
            double v = x[i + feature[node] * n];
            int st = catStart[node];
            boolean goLeft;
            if (v != v) {
                goLeft = missingLeft[node];
            } else if (st >= 0) {
                goLeft = categoricalLeft(catSets, st, v);
            } else {
                goLeft = v <= threshold[node];
            }
            node = goLeft ? left[node] : right[node];
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
        double[] weightedNodeSamples = weighted();
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
        return toText(featureNames, null, classes);
    }

    /**
     * As {@link #toText(List, List)}; a categorical split prints as {@code colour in {red, blue}} (left) and
     * {@code colour not in {red, blue}} (right) with the level names of {@code levelNames} (per feature, null
     * for numeric features; the whole list null to print level codes).
     */
    public String toText(List<String> featureNames, List<List<String>> levelNames, List<String> classes) {
        StringBuilder sb = new StringBuilder();
        text(0, 0, featureNames, levelNames, classes, sb);
        return sb.toString();
    }

    /** The level names of each feature of a schema (null for numeric features), for the text and DOT exports. */
    public static List<List<String>> levelNames(List<dev.derive.data.Dataset.Feature> features) {
        List<List<String>> out = new java.util.ArrayList<>(features.size());
        for (dev.derive.data.Dataset.Feature f : features) {
            out.add(f.levels());
        }
        return out;
    }

    /** {@code {a, b}}: the left level set of categorical node {@code node} by name (codes where no name is known). */
    public String levelSet(int node, List<List<String>> levelNames) {
        List<String> names = levelNames == null ? null : levelNames.get(feature[node]);
        StringBuilder sb = new StringBuilder("{");
        int[] lv = leftLevels(node);
        for (int q = 0; q < lv.length; q++) {
            sb.append(q > 0 ? ", " : "").append(names != null && lv[q] < names.size() ? names.get(lv[q]) : Integer.toString(lv[q]));
        }
        return sb.append('}').toString();
    }

    private void text(int node, int depth, List<String> names, List<List<String>> levels, List<String> classes, StringBuilder sb) {
        String indent = "|   ".repeat(depth) + "|--- ";
        if (left[node] == -1) {
            sb.append(indent);
            if (classes != null) {
                int best = 0;
                double total = 0;
                for (int k = 0; k < outputs; k++) {
                    double v = value(node * outputs + k);
                    total += v;
                    if (v > value(node * outputs + best)) {
                        best = k;
                    }
                }
                sb.append("class: ").append(classes.get(best)).append(String.format(Locale.ROOT, " (p = %.3g, %d rows)",
                        value(node * outputs + best) / total, nodeSamples[node]));
            } else {
                sb.append(String.format(Locale.ROOT, "value: %.6g (%d rows)", value(node), nodeSamples[node]));
            }
            sb.append('\n');
            return;
        }
        String f = names == null ? "x" + feature[node] : names.get(feature[node]);
        boolean cat = isCategorical(node);
        String set = cat ? levelSet(node, levels) : null;
        sb.append(indent).append(f).append(cat ? " in " + set : " <= " + fmt(threshold[node])).append('\n');
        text(left[node], depth + 1, names, levels, classes, sb);
        sb.append(indent).append(f).append(cat ? " not in " + set : " >  " + fmt(threshold[node])).append('\n');
        text(right[node], depth + 1, names, levels, classes, sb);
    }

    /**
     * The tree in Graphviz DOT: one box per node with its split (or class / value), impurity, row count
     * and value; edges labelled {@code true} (left, {@code x <= t}) and {@code false}. Render with
     * {@code dot -Tpng}. {@code classes} is null for a regression tree.
     */
    public String toDot(List<String> featureNames, List<String> classes) {
        return toDot(featureNames, null, classes);
    }

    /**
     * As {@link #toDot(List, List)}; a categorical split shows as {@code colour in {red, blue}} with the level
     * names of {@code levelNames} (per feature, null for numeric features; the whole list null for codes).
     */
    public String toDot(List<String> featureNames, List<List<String>> levelNames, List<String> classes) {
        StringBuilder sb = new StringBuilder("digraph Tree {\nnode [shape=box, fontname=\"helvetica\"];\nedge [fontname=\"helvetica\"];\n");
        for (int i = 0; i < nodeCount(); i++) {
            StringBuilder label = new StringBuilder();
            if (left[i] != -1) {
                String f = featureNames == null ? "x" + feature[i] : featureNames.get(feature[i]);
                label.append(escape(f)).append(isCategorical(i) ? " in " + escape(levelSet(i, levelNames)) : " <= " + fmt(threshold[i]))
                        .append("\\n");
            }
            label.append("impurity = ").append(fmt(impurity[i])).append("\\nsamples = ").append(nodeSamples[i]).append("\\nvalue = ");
            if (classes != null) {
                label.append('[');
                int best = 0;
                for (int k = 0; k < outputs; k++) {
                    label.append(k > 0 ? ", " : "").append(fmt(value(i * outputs + k)));
                    if (value(i * outputs + k) > value(i * outputs + best)) {
                        best = k;
                    }
                }
                label.append("]\\nclass = ").append(escape(classes.get(best)));
            } else {
                label.append(fmt(value(i)));
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
