package dev.derive.tree;

import dev.derive.runtime.Parallelism;
import java.util.List;

/**
 * The trees of an ensemble in one flat layout, used both for batch prediction and as the stored form of a
 * fitted forest. All nodes of all trees sit in flat arrays, each tree in breadth-first order so that the two
 * children of a node are adjacent (the right child is the left child's index plus one; a node stores one child
 * index and its feature and missing side packed in one int). Leaves hold their output directly: for
 * classification trees the class shares {@code value / sum(value)} (divided once here instead of once per
 * predicted row), for regression trees the leaf value. The layout is built in parallel over trees (each tree
 * writes its own stretch, whose start is fixed beforehand).
 *
 * <p>The layout also keeps what {@link Tree} holds beyond prediction (per node: value row, impurity, training
 * rows, and the node weight where it is not the value row sum), so that {@link #tree(int)} gives back each tree
 * exactly, array for array and in its own node numbering (depth-first pre-order trees are renumbered by a
 * pre-order walk of the layout; other trees, e.g. grown best-first, keep their node ids in a table). A forest
 * model can therefore drop its {@link Tree}s once laid out: about 44 bytes a node (two classes) instead of
 * 41 for the trees plus 24 for a prediction copy.
 *
 * <p>{@link #accumulate} predicts a block of rows: the block is copied row-major (a row's features are
 * contiguous), then tree by tree every row of the block walks the tree and adds its leaf output. Each row
 * therefore adds the trees in index order, and the sums are the same, bit for bit, as adding the trees'
 * predictions one row at a time (the comparisons are those of the trees: {@code x <= threshold} on the same
 * doubles). Immutable and thread-safe.
 *
 * <p>Categorical splits ({@link Tree}): when some tree has one, every slot also gets the start of its level
 * set in one table holding the sets of all trees (-1 for numeric splits), and {@link #accumulate} walks
 * the trees with a loop that tests it at each node; forests without categorical splits have no such
 * arrays and run the numeric loop unchanged.
 */
public final class FlatForest {

    // rows walking a tree together; 8 measured faster than 4, 12, 16, 32 or 64 (500 trees, 20 features)
    private static final int GROUP = 8;

    private final int outputs;
    private final int featureCount;
    // first slot of each tree, and (last entry) the slot count
    private final int[] root;
    // internal node: (feature << 1) | missingLeft; leaf: the same of the tree's leaf entries (feature -2: -4)
    private final int[] featMiss;
    private final double[] threshold;
    // internal node: index of the left child (the right one follows); leaf: ~offset of its outputs in leafValue
    private final int[] child;
    private final double[] leafValue;
    // categorical splits (null when no tree has one): per slot the start of its level set in catSets, -1 if numeric
    private final int[] catStart;
    private final int[] catSets;
    // where each tree's level sets start in catSets (null without categorical splits)
    private final int[] setStart;
    // the rest of the trees, per slot: value rows (floats when every tree keeps floats), impurity, training rows,
    // node weights (null when every tree's weights are its value row sums), tree-local node ids (null when every
    // tree is numbered in depth-first pre-order)
    private final float[] valueF;
    private final double[] valueD;
    private final double[] impurity;
    private final int[] samples;
    private final double[] weighted;
    private final int[] nodeId;

    private FlatForest(int outputs, int featureCount, int[] root, int[] featMiss, double[] threshold, int[] child, double[] leafValue,
                       int[] catStart, int[] catSets, int[] setStart, float[] valueF, double[] valueD, double[] impurity,
                       int[] samples, double[] weighted, int[] nodeId) {
        this.outputs = outputs;
        this.featureCount = featureCount;
        this.root = root;
        this.featMiss = featMiss;
        this.threshold = threshold;
        this.child = child;
        this.leafValue = leafValue;
        this.catStart = catStart;
        this.catSets = catSets;
        this.setStart = setStart;
        this.valueF = valueF;
        this.valueD = valueD;
        this.impurity = impurity;
        this.samples = samples;
        this.weighted = weighted;
        this.nodeId = nodeId;
    }

    /**
     * The flat layout of {@code trees} (all with the same outputs and feature count); {@code shares} makes
     * leaves hold class shares (classification), else the raw leaf values (regression).
     */
    public static FlatForest of(List<Tree> trees, boolean shares) {
        return of(trees.toArray(new Tree[0]), shares, false);
    }

    /**
     * As {@link #of(List, boolean)}; with {@code release}, each entry of {@code trees} is set to null once the
     * tree is laid out, so that a forest being fitted does not hold its trees twice.
     */
    public static FlatForest of(Tree[] trees, boolean shares, boolean release) {
        if (trees.length == 0) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        int outputs = trees[0].outputs;
        int p = trees[0].featureCount;
        int count = trees.length;
        // where each tree's slots, leaf outputs and level sets start
        long[] nodeStart = new long[count + 1];
        long[] leafStart = new long[count + 1];
        long[] setStartL = new long[count + 1];
        boolean categorical = false;
        boolean floats = true;
        boolean weights = false;
        boolean[] preorder = new boolean[count];
        Parallelism.forEach(count, 8, ti -> preorder[ti] = isPreorder(trees[ti]));
        boolean allPreorder = true;
        for (int ti = 0; ti < count; ti++) {
            Tree t = trees[ti];
            if (t.outputs != outputs || t.featureCount != p) {
                throw new IllegalArgumentException("trees disagree: " + t.outputs + " outputs and " + t.featureCount
                        + " features against " + outputs + " and " + p);
            }
            nodeStart[ti + 1] = nodeStart[ti] + t.nodeCount();
            leafStart[ti + 1] = leafStart[ti] + (long) t.leafCount() * outputs;
            setStartL[ti + 1] = setStartL[ti] + (t.catStart != null ? t.catSets.length : 0);
            categorical |= t.catStart != null;
            floats &= t.floatValues();
            weights |= t.storedWeights();
            allPreorder &= preorder[ti];
        }
        long nodeCount = nodeStart[count];
        if (setStartL[count] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the forest's categorical level sets are too large (" + setStartL[count]
                    + " words) for a flat layout");
        }
        if (nodeCount > Integer.MAX_VALUE - 8 || leafStart[count] > Integer.MAX_VALUE || nodeCount * outputs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the forest has too many nodes (" + nodeCount + ") for a flat layout");
        }
        int slots = (int) nodeCount;
        int[] catStart = categorical ? new int[slots] : null;
        int[] catSets = categorical ? new int[(int) setStartL[count]] : null;
        int[] setStart = null;
        if (categorical) {
            setStart = new int[count + 1];
            for (int ti = 0; ti <= count; ti++) {
                setStart[ti] = (int) setStartL[ti];
            }
        }
        int[] root = new int[count + 1];
        for (int ti = 0; ti <= count; ti++) {
            root[ti] = (int) nodeStart[ti];
        }
        Slots a = new Slots(slots, (int) leafStart[count], outputs, catStart, catSets, floats, weights, !allPreorder);
        Parallelism.forEach(count, 4, ti -> {
            layout(trees[ti], shares, (int) nodeStart[ti], (int) leafStart[ti], (int) setStartL[ti], a);
            if (release) {
                trees[ti] = null;
            }
        });
        return new FlatForest(outputs, p, root, a.featMiss, a.thr, a.child, a.leafValue, catStart, catSets, setStart, a.valueF,
                a.valueD, a.impurity, a.samples, a.weighted, a.nodeId);
    }

    /** The arrays a layout fills (each tree its own stretch). */
    private static final class Slots {
        final int[] featMiss;
        final double[] thr;
        final int[] child;
        final double[] leafValue;
        final int[] catStart;
        final int[] catSets;
        final float[] valueF;
        final double[] valueD;
        final double[] impurity;
        final int[] samples;
        final double[] weighted;
        final int[] nodeId;

        Slots(int slots, int leafValues, int outputs, int[] catStart, int[] catSets, boolean floats, boolean weights, boolean ids) {
            featMiss = new int[slots];
            thr = new double[slots];
            child = new int[slots];
            leafValue = new double[leafValues];
            this.catStart = catStart;
            this.catSets = catSets;
            valueF = floats ? new float[slots * outputs] : null;
            valueD = floats ? null : new double[slots * outputs];
            impurity = new double[slots];
            samples = new int[slots];
            weighted = weights ? new double[slots] : null;
            nodeId = ids ? new int[slots] : null;
        }
    }

    /** Whether {@code t}'s nodes are numbered in depth-first pre-order, left child first (node 0 the root). */
    private static boolean isPreorder(Tree t) {
        int m = t.nodeCount();
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = 0;
        int next = 0;
        while (top > 0) {
            int u = stack[--top];
            if (u != next++) {
                return false;
            }
            if (t.left[u] != -1) {
                if (top + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                stack[top++] = t.right[u];
                stack[top++] = t.left[u];
            }
        }
        return next == m;
    }

    /** Writes tree {@code t} breadth-first into the slots from {@code base}, its leaf outputs from {@code nextLeaf}, its level sets from {@code setBase}. */
    private static void layout(Tree t, boolean shares, int base, int nextLeaf, int setBase, Slots a) {
        int outputs = t.outputs;
        int m = t.nodeCount();
        int[] queue = new int[m]; // original node ids in breadth-first order
        int head = 0;
        int tail = 0;
        queue[tail++] = 0;
        if (t.catStart != null) {
            System.arraycopy(t.catSets, 0, a.catSets, setBase, t.catSets.length);
        }
        if (a.catStart != null) {
            java.util.Arrays.fill(a.catStart, base, base + m, -1);
        }
        double[] w = a.weighted != null ? t.weighted() : null;
        // breadth-first: the children of queue[h] are enqueued together, so they get adjacent slots (the per-node
        // copies are small methods of their own, so that this loop compiles small)
        while (head < tail) {
            int u = queue[head];
            int slot = base + head;
            head++;
            copyNode(t, u, slot, w, a);
            if (t.left[u] == -1) {
                a.child[slot] = ~nextLeaf;
                leafOutputs(t, u, shares, nextLeaf, a.leafValue);
                nextLeaf += outputs;
            } else {
                a.child[slot] = base + tail;
                if (t.catStart != null && t.catStart[u] >= 0) {
                    a.catStart[slot] = setBase + t.catStart[u];
                }
                queue[tail++] = t.left[u];
                queue[tail++] = t.right[u];
            }
        }
    }

    /** Copies node {@code u} of {@code t} (split, statistics, value row; {@code w} its node weights or null) into {@code slot}. */
    private static void copyNode(Tree t, int u, int slot, double[] w, Slots a) {
        int outputs = t.outputs;
        a.featMiss[slot] = (t.feature[u] << 1) | (t.missingLeft[u] ? 1 : 0);
        a.thr[slot] = t.threshold[u];
        a.impurity[slot] = t.impurity[u];
        a.samples[slot] = t.nodeSamples[u];
        if (w != null) {
            a.weighted[slot] = w[u];
        }
        if (a.nodeId != null) {
            a.nodeId[slot] = u;
        }
        int off = u * outputs;
        if (a.valueF != null) {
            for (int c = 0; c < outputs; c++) {
                a.valueF[slot * outputs + c] = (float) t.value(off + c);
            }
        } else {
            for (int c = 0; c < outputs; c++) {
                a.valueD[slot * outputs + c] = t.value(off + c);
            }
        }
    }

    /** Writes the outputs of leaf {@code u} of {@code t} from {@code at}: its class shares, or its values. */
    private static void leafOutputs(Tree t, int u, boolean shares, int at, double[] leafValue) {
        int outputs = t.outputs;
        int off = u * outputs;
        if (shares) {
            double total = 0;
            for (int c = 0; c < outputs; c++) {
                total += t.value(off + c);
            }
            for (int c = 0; c < outputs; c++) {
                leafValue[at + c] = t.value(off + c) / total;
            }
        } else {
            for (int c = 0; c < outputs; c++) {
                leafValue[at + c] = t.value(off + c);
            }
        }
    }

    /** Number of features the trees were grown on. */
    public int featureCount() {
        return featureCount;
    }

    /** Number of trees. */
    public int treeCount() {
        return root.length - 1;
    }

    /** Number of nodes of all trees. */
    public int nodeCount() {
        return featMiss.length;
    }

    /**
     * Tree {@code t} as it was laid out: the same arrays, bit for bit, in the same node numbering (a fresh
     * {@link Tree} on every call).
     */
    public Tree tree(int t) {
        if (t < 0 || t >= treeCount()) {
            throw new IndexOutOfBoundsException("tree " + t + " of " + treeCount());
        }
        int base = root[t];
        int m = root[t + 1] - base;
        int k = outputs;
        // local node id of each slot of this tree
        int[] id = new int[m];
        if (nodeId != null) {
            System.arraycopy(nodeId, base, id, 0, m);
        } else {
            preorderIds(base, m, id);
        }
        int[] feature = new int[m];
        double[] thr = new double[m];
        int[] left = new int[m];
        int[] right = new int[m];
        double[] value = new double[m * k];
        double[] imp = new double[m];
        int[] ns = new int[m];
        double[] w = new double[m];
        boolean[] missLeft = new boolean[m];
        int[] cs = catStart != null && setStart[t + 1] > setStart[t] ? new int[m] : null;
        for (int s = 0; s < m; s++) {
            int slot = base + s;
            int u = id[s];
            int fm = featMiss[slot];
            feature[u] = fm >> 1;
            missLeft[u] = (fm & 1) != 0;
            thr[u] = threshold[slot];
            imp[u] = impurity[slot];
            ns[u] = samples[slot];
            double total = 0;
            for (int c = 0; c < k; c++) {
                double v = valueF != null ? valueF[slot * k + c] : valueD[slot * k + c];
                value[u * k + c] = v;
                total += v;
            }
            w[u] = weighted != null ? weighted[slot] : total;
            int c = child[slot];
            if (c < 0) {
                left[u] = -1;
                right[u] = -1;
            } else {
                left[u] = id[c - base];
                right[u] = id[c + 1 - base];
            }
            if (cs != null) {
                cs[u] = catStart[slot] >= 0 ? catStart[slot] - setStart[t] : -1;
            }
        }
        int[] sets = cs != null ? java.util.Arrays.copyOfRange(catSets, setStart[t], setStart[t + 1]) : null;
        return new Tree(feature, thr, left, right, value, imp, ns, w, missLeft, k, featureCount, cs, sets);
    }

    /** The depth-first pre-order number (left child first) of each of the {@code m} slots of the tree at {@code base}. */
    private void preorderIds(int base, int m, int[] id) {
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = base;
        int next = 0;
        while (top > 0) {
            int slot = stack[--top];
            id[slot - base] = next++;
            int c = child[slot];
            if (c >= 0) {
                if (top + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                stack[top++] = c + 1;
                stack[top++] = c;
            }
        }
    }

    /** The trees as a list that rebuilds tree {@code t} ({@link #tree(int)}) on each {@code get(t)}. */
    public List<Tree> trees() {
        return new java.util.AbstractList<>() {
            @Override
            public Tree get(int index) {
                return tree(index);
            }

            @Override
            public int size() {
                return treeCount();
            }
        };
    }

    /** Number of outputs per row (classes, or 1). */
    public int outputs() {
        return outputs;
    }

    /**
     * Adds, for each row {@code i} in {@code [start, end)} of the column-major {@code n}-row array {@code x},
     * the leaf outputs of every tree (in tree order) to {@code out[(i - start) * outputs + c]}.
     */
    public void accumulate(double[] x, int n, int start, int end, double[] out) {
        // each loop in a small method of its own: the row copy's loop would otherwise have this method compiled
        // on-stack with the tree walk inlined into it, and then compiled again (JIT time on the first call)
        int rows = end - start;
        double[] xb = rowMajor(x, n, start, rows);
        if (catStart != null) {
            walkCategorical(xb, rows, out);
        } else if (rows < GROUP || hasMissing(xb)) {
            walkRows(xb, rows, out);
        } else {
            walkRefill(xb, rows, out);
        }
    }

    /** Rows {@code [start, start + rows)} of the column-major {@code n}-row {@code x}, row-major. */
    private double[] rowMajor(double[] x, int n, int start, int rows) {
        int p = featureCount;
        double[] xb = new double[rows * p];
        for (int f = 0; f < p; f++) {
            copyColumn(x, f * n + start, xb, f, p, rows);
        }
        return xb;
    }

    /** {@code xb[f + i p] = x[from + i]} for {@code i < rows}. */
    private static void copyColumn(double[] x, int from, double[] xb, int f, int p, int rows) {
        for (int i = 0; i < rows; i++) {
            xb[i * p + f] = x[from + i];
        }
    }

    private static boolean hasMissing(double[] xb) {
        boolean missing = false;
        for (double v : xb) {
            missing |= v != v;
        }
        return missing;
    }

    /** All trees, in order, by {@link #walkRefill(int, double[], int, int[], int[], double[])}. */
    private void walkRefill(double[] xb, int rows, double[] out) {
        int[] at = new int[GROUP];
        int[] row = new int[GROUP];
        int trees = root.length - 1;
        for (int t = 0; t < trees; t++) {
            walkRefill(root[t], xb, rows, at, row, out);
        }
    }

    /** All trees, in order, by {@link #walkRows(int, double[], int, int, double[])}. */
    private void walkRows(double[] xb, int rows, double[] out) {
        int trees = root.length - 1;
        for (int t = 0; t < trees; t++) {
            walkRows(root[t], xb, 0, rows, out);
        }
    }

    /**
     * Without missing values, at least {@link #GROUP} rows: {@link #GROUP} rows of the block walk tree {@code r}
     * together (independent chains overlap their memory latency), and a row that reaches its leaf adds the leaf's
     * outputs and hands its place to the next row of the block, so no chain idles while others are still
     * descending (rows reach leaves at very different depths in fully grown trees). Each row still adds this
     * tree's output exactly once.
     */
    private void walkRefill(int r, double[] xb, int rows, int[] at, int[] row, double[] out) {
        int p = featureCount;
        int k = outputs;
        for (int g = 0; g < GROUP; g++) {
            row[g] = g;
            at[g] = r;
        }
        int next = GROUP;
        int active = GROUP;
        while (active > 0) {
            for (int g = 0; g < GROUP; g++) {
                int i = row[g];
                if (i < 0) {
                    continue;
                }
                int node = at[g];
                int c = child[node];
                if (c >= 0) {
                    double v = xb[i * p + (featMiss[node] >>> 1)];
                    at[g] = v <= threshold[node] ? c : c + 1;
                } else {
                    int lv = ~c;
                    int o = i * k;
                    for (int q = 0; q < k; q++) {
                        out[o + q] += leafValue[lv + q];
                    }
                    if (next < rows) {
                        row[g] = next++;
                        at[g] = r;
                    } else {
                        row[g] = -1;
                        active--;
                    }
                }
            }
        }
    }

    /** Rows {@code [from, rows)} of the block walk tree {@code r} one at a time (missing values follow each node's side). */
    private void walkRows(int r, double[] xb, int from, int rows, double[] out) {
        int p = featureCount;
        int k = outputs;
        for (int i = from; i < rows; i++) {
            int rb = i * p;
            int node = r;
            int c;
            while ((c = child[node]) >= 0) {
                int fm = featMiss[node];
                double v = xb[rb + (fm >>> 1)];
                node = v <= threshold[node] || (v != v && (fm & 1) != 0) ? c : c + 1;
            }
            int lv = ~c;
            int o = i * k;
            for (int q = 0; q < k; q++) {
                out[o + q] += leafValue[lv + q];
            }
        }
    }

    /** The walk of {@link #accumulate} for forests with categorical splits: tree by tree, one row at a time, a set lookup at categorical nodes. */
    private void walkCategorical(double[] xb, int rows, double[] out) {
        int trees = root.length - 1;
        for (int t = 0; t < trees; t++) {
            walkCategorical(root[t], xb, rows, out);
        }
    }

    /** The rows of the block walk tree {@code r} (categorical nodes test their level set). */
    private void walkCategorical(int r, double[] xb, int rows, double[] out) {
        int p = featureCount;
        int k = outputs;
        for (int i = 0; i < rows; i++) {
            int rb = i * p;
            int node = r;
            int c;
            while ((c = child[node]) >= 0) {
                int fm = featMiss[node];
                double v = xb[rb + (fm >>> 1)];
                boolean goLeft;
                if (v != v) {
                    goLeft = (fm & 1) != 0;
                } else {
                    int st = catStart[node];
                    goLeft = st >= 0 ? Tree.categoricalLeft(catSets, st, v) : v <= threshold[node];
                }
                node = goLeft ? c : c + 1;
            }
            int lv = ~c;
            int o = i * k;
            for (int q = 0; q < k; q++) {
                out[o + q] += leafValue[lv + q];
            }
        }
    }
}
