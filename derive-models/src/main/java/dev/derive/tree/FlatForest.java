package dev.derive.tree;

import dev.derive.runtime.Parallelism;
import java.util.List;

/**
 * The trees of an ensemble in a flat layout, used both for batch prediction and as the stored form of a fitted
 * forest. Each tree ({@link Part}) is a handful of arrays with one entry per node, in breadth-first order so that
 * the two children of a node are adjacent (the right child is the left child's index plus one; a node stores one
 * child index and its feature and missing side packed in one int). Leaves hold their output directly: for
 * classification trees the class shares {@code value / sum(value)} (divided once here instead of once per
 * predicted row), for regression trees the leaf value.
 *
 * <p>A part also keeps what {@link Tree} holds beyond prediction (per node: value row, as floats when the tree
 * keeps floats, impurity, training rows, and the node weight where it is not the value row sum), so that
 * {@link #tree(int)} gives back each tree exactly, array for array and in its own node numbering (depth-first
 * pre-order trees are renumbered by a pre-order walk of the layout; other trees, e.g. grown best-first, keep
 * their node ids in a table). A forest can therefore lay each tree out as soon as it is grown ({@link #part}) and
 * drop the {@link Tree}, and never holds its trees twice: about 44 bytes a node for two classes (4 feature and
 * side, 8 threshold, 4 child, 8 value floats, 8 impurity, 4 rows, and 16 of class shares per leaf) instead of
 * the tree's 41 plus a 24-byte prediction copy.
 *
 * <p>{@link #accumulate} predicts a block of rows: the block is copied row-major (a row's features are
 * contiguous), then tree by tree every row of the block walks the tree and adds its leaf output. Each row
 * therefore adds the trees in index order, and the sums are the same, bit for bit, as adding the trees'
 * predictions one row at a time (the comparisons are those of the trees: {@code x <= threshold} on the same
 * doubles). Trees with categorical splits ({@link Tree}) also keep, per node, the start of its level set in the
 * tree's set table (-1 for numeric splits) and are walked by a loop that tests it; the other trees run the numeric
 * loop. Immutable and thread-safe.
 */
public final class FlatForest {

    // rows walking a tree together; 8 measured faster than 4, 12, 16, 32 or 64 (500 trees, 20 features)
    private static final int GROUP = 8;

    /** One tree in the flat layout (see the class comment); opaque, immutable. */
    public static final class Part {
        final int outputs;
        final int featureCount;
        // per slot: internal node (feature << 1) | missingLeft, leaf the same of the tree's leaf entries (feature -2: -4)
        final int[] featMiss;
        final double[] threshold;
        // internal node: slot of the left child (the right one follows); leaf: ~offset of its outputs in leafValue
        final int[] child;
        final double[] leafValue;
        // categorical splits (both null when the tree has none): per slot the start of its level set in catSets, -1 if numeric
        final int[] catStart;
        final int[] catSets;
        // the rest of the tree, per slot: value rows (one of the two null), impurity, training rows, node weights
        // (null when they are the value row sums), tree node ids (null when the tree is numbered in pre-order)
        final float[] valueF;
        final double[] valueD;
        final double[] impurity;
        final int[] samples;
        final double[] weighted;
        final int[] nodeId;

        private Part(Tree t, boolean shares) {
            int m = t.nodeCount();
            int k = t.outputs;
            outputs = k;
            featureCount = t.featureCount;
            featMiss = new int[m];
            threshold = new double[m];
            child = new int[m];
            leafValue = new double[t.leafCount() * k];
            catStart = t.catStart != null ? new int[m] : null;
            catSets = t.catStart != null ? t.catSets.clone() : null;
            valueF = t.floatValues() ? new float[m * k] : null;
            valueD = t.floatValues() ? null : new double[m * k];
            impurity = new double[m];
            samples = new int[m];
            weighted = t.storedWeights() ? new double[m] : null;
            nodeId = isPreorder(t) ? null : new int[m];
            layout(t, shares);
        }

        /** Number of nodes. */
        int nodeCount() {
            return featMiss.length;
        }

        /** Writes tree {@code t} breadth-first into the slots. */
        private void layout(Tree t, boolean shares) {
            int m = t.nodeCount();
            int[] queue = new int[m]; // tree node ids in breadth-first order
            int head = 0;
            int tail = 0;
            queue[tail++] = 0;
            double[] w = weighted != null ? t.weighted() : null;
            int nextLeaf = 0;
            // breadth-first: the children of queue[h] are enqueued together, so they get adjacent slots (the per-node
            // copies are small methods of their own, so that this loop compiles small)
            while (head < tail) {
                int u = queue[head];
                int slot = head++;
                copyNode(t, u, slot, w);
                if (t.left[u] == -1) {
                    child[slot] = ~nextLeaf;
                    leafOutputs(t, u, shares, nextLeaf);
                    nextLeaf += outputs;
                } else {
                    child[slot] = tail;
                    if (catStart != null) {
                        catStart[slot] = t.catStart[u];
                    }
                    queue[tail++] = t.left[u];
                    queue[tail++] = t.right[u];
                }
            }
        }

        /** Copies node {@code u} of {@code t} (split, statistics, value row; {@code w} its node weights or null) into {@code slot}. */
        private void copyNode(Tree t, int u, int slot, double[] w) {
            featMiss[slot] = (t.feature[u] << 1) | (t.missingLeft[u] ? 1 : 0);
            threshold[slot] = t.threshold[u];
            impurity[slot] = t.impurity[u];
            samples[slot] = t.nodeSamples[u];
            if (w != null) {
                weighted[slot] = w[u];
            }
            if (nodeId != null) {
                nodeId[slot] = u;
            }
            if (catStart != null) {
                catStart[slot] = -1;
            }
            int off = u * outputs;
            if (valueF != null) {
                for (int c = 0; c < outputs; c++) {
                    valueF[slot * outputs + c] = (float) t.value(off + c);
                }
            } else {
                for (int c = 0; c < outputs; c++) {
                    valueD[slot * outputs + c] = t.value(off + c);
                }
            }
        }

        /** Writes the outputs of leaf {@code u} of {@code t} from {@code at}: its class shares, or its values. */
        private void leafOutputs(Tree t, int u, boolean shares, int at) {
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

        /** The tree laid out here: the same arrays, bit for bit, in the same node numbering (a fresh {@link Tree}). */
        Tree tree() {
            int m = nodeCount();
            int k = outputs;
            // tree node id of each slot
            int[] id = nodeId != null ? nodeId : preorderIds();
            int[] feature = new int[m];
            double[] thr = new double[m];
            int[] left = new int[m];
            int[] right = new int[m];
            double[] value = new double[m * k];
            double[] imp = new double[m];
            int[] ns = new int[m];
            double[] w = new double[m];
            boolean[] missLeft = new boolean[m];
            int[] cs = catStart != null ? new int[m] : null;
            for (int s = 0; s < m; s++) {
                int u = id[s];
                int fm = featMiss[s];
                feature[u] = fm >> 1;
                missLeft[u] = (fm & 1) != 0;
                thr[u] = threshold[s];
                imp[u] = impurity[s];
                ns[u] = samples[s];
                double total = 0;
                for (int c = 0; c < k; c++) {
                    double v = valueF != null ? valueF[s * k + c] : valueD[s * k + c];
                    value[u * k + c] = v;
                    total += v;
                }
                w[u] = weighted != null ? weighted[s] : total;
                int c = child[s];
                left[u] = c < 0 ? -1 : id[c];
                right[u] = c < 0 ? -1 : id[c + 1];
                if (cs != null) {
                    cs[u] = catStart[s];
                }
            }
            return new Tree(feature, thr, left, right, value, imp, ns, w, missLeft, k, featureCount, cs,
                    catSets != null ? catSets.clone() : null);
        }

        /**
         * {@link Tree#featureImportances()} of this tree, computed from the layout: the same sums in the same (node
         * id) order, so the same values, bit for bit, without rebuilding the tree.
         */
        double[] featureImportances() {
            int m = nodeCount();
            int[] id = nodeId != null ? nodeId : preorderIds();
            int[] slotOf = new int[m];
            for (int s = 0; s < m; s++) {
                slotOf[id[s]] = s;
            }
            double[] imp = new double[featureCount];
            for (int u = 0; u < m; u++) {
                int s = slotOf[u];
                int c = child[s];
                if (c >= 0) {
                    imp[featMiss[s] >> 1] += weight(s) * impurity[s] - weight(c) * impurity[c] - weight(c + 1) * impurity[c + 1];
                }
            }
            double root = weight(0);
            double total = 0;
            for (int j = 0; j < imp.length; j++) {
                imp[j] /= root;
                total += imp[j];
            }
            if (total > 0) {
                for (int j = 0; j < imp.length; j++) {
                    imp[j] /= total;
                }
            }
            return imp;
        }

        /** The weight of the node at slot {@code s}: stored, or its value row sum in class order (as {@link Tree}). */
        private double weight(int s) {
            if (weighted != null) {
                return weighted[s];
            }
            double t = 0;
            for (int j = 0; j < outputs; j++) {
                t += valueF != null ? valueF[s * outputs + j] : valueD[s * outputs + j];
            }
            return t;
        }

        /** The number of entries the level sets of this tree's categorical nodes take in a file ({@link TreeCodecs}). */
        int setWords() {
            if (catStart == null) {
                return 0;
            }
            int words = 0;
            for (int st : catStart) {
                if (st >= 0) {
                    words += 1 + Tree.setWords(catSets[st]);
                }
            }
            return words;
        }

        /**
         * Writes this tree's nodes into the file columns {@code c} from node {@code at} on, as {@link TreeCodecs#writeTrees}
         * writes {@link #tree()}: in the tree's node numbering, child indices local to the tree, node weights where they
         * are not stored as the value row sums (added in class order, as {@link Tree} does), categorical nodes with
         * feature {@code -3 - f} and their level sets appended in node order.
         */
        void writeNodes(TreeCodecs.Columns c, int at) {
            int m = nodeCount();
            int[] id = nodeId != null ? nodeId : preorderIds();
            int[] slotOf = catStart != null ? new int[m] : null;
            for (int s = 0; s < m; s++) {
                writeNode(c, at, s, id);
                if (slotOf != null) {
                    slotOf[id[s]] = s;
                }
            }
            if (slotOf != null) {
                writeSets(c, at, slotOf);
            }
        }

        /** Writes slot {@code s} as node {@code at + id[s]} of the columns {@code c} (its categorical set aside). */
        private void writeNode(TreeCodecs.Columns c, int at, int s, int[] id) {
            int k = outputs;
            int u = at + id[s];
            int fm = featMiss[s];
            c.feature[u] = fm >> 1;
            c.missingLeft[u] = fm & 1;
            c.threshold[u] = threshold[s];
            c.impurity[u] = impurity[s];
            c.samples[u] = samples[s];
            double total = 0;
            for (int j = 0; j < k; j++) {
                double v = valueF != null ? valueF[s * k + j] : valueD[s * k + j];
                c.value[u * k + j] = v;
                total += v;
            }
            c.weighted[u] = weighted != null ? weighted[s] : total;
            int ch = child[s];
            c.left[u] = ch < 0 ? -1 : id[ch];
            c.right[u] = ch < 0 ? -1 : id[ch + 1];
        }

        /** The categorical nodes, in node order: feature {@code -3 - f}, level set appended to {@code c.sets}. */
        private void writeSets(TreeCodecs.Columns c, int at, int[] slotOf) {
            for (int u = 0; u < slotOf.length; u++) {
                int st = catStart[slotOf[u]];
                if (st >= 0) {
                    c.feature[at + u] = -3 - c.feature[at + u];
                    int len = 1 + Tree.setWords(catSets[st]);
                    System.arraycopy(catSets, st, c.sets, c.setAt, len);
                    c.setAt += len;
                }
            }
        }

        /** The depth-first pre-order number (left child first) of each slot. */
        private int[] preorderIds() {
            int[] id = new int[nodeCount()];
            int[] stack = new int[64];
            int top = 0;
            stack[top++] = 0;
            int next = 0;
            while (top > 0) {
                int slot = stack[--top];
                id[slot] = next++;
                int c = child[slot];
                if (c >= 0) {
                    if (top + 2 > stack.length) {
                        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[top++] = c + 1;
                    stack[top++] = c;
                }
            }
            return id;
        }
    }

    private final int outputs;
    private final int featureCount;
    final Part[] parts; // read by TreeCodecs.writeForest

    private FlatForest(Part[] parts) {
        this.outputs = parts[0].outputs;
        this.featureCount = parts[0].featureCount;
        this.parts = parts;
    }

    /**
     * Tree {@code t} laid out; {@code shares} makes its leaves hold class shares (classification), else the raw
     * leaf values (regression).
     */
    public static Part part(Tree t, boolean shares) {
        return new Part(t, shares);
    }

    /** The forest of the laid-out trees {@code parts} (all with the same outputs and feature count), in this order. */
    public static FlatForest of(Part[] parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        for (Part q : parts) {
            if (q.outputs != parts[0].outputs || q.featureCount != parts[0].featureCount) {
                throw new IllegalArgumentException("trees disagree: " + q.outputs + " outputs and " + q.featureCount
                        + " features against " + parts[0].outputs + " and " + parts[0].featureCount);
            }
        }
        return new FlatForest(parts.clone());
    }

    /**
     * The flat layout of {@code trees} (all with the same outputs and feature count), laid out in parallel;
     * {@code shares} makes leaves hold class shares (classification), else the raw leaf values (regression).
     */
    public static FlatForest of(List<Tree> trees, boolean shares) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        Part[] parts = new Part[trees.size()];
        Parallelism.forEach(parts.length, 4, t -> parts[t] = new Part(trees.get(t), shares));
        return of(parts);
    }

    /** Whether {@code t}'s nodes are numbered in depth-first pre-order, left child first (node 0 the root). */
    static boolean isPreorder(Tree t) {
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

    /** Number of features the trees were grown on. */
    public int featureCount() {
        return featureCount;
    }

    /** Number of trees. */
    public int treeCount() {
        return parts.length;
    }

    /** Number of nodes of all trees. */
    public long nodeCount() {
        long n = 0;
        for (Part q : parts) {
            n += q.nodeCount();
        }
        return n;
    }

    /**
     * Tree {@code t} as it was laid out: the same arrays, bit for bit, in the same node numbering (a fresh
     * {@link Tree} on every call).
     */
    public Tree tree(int t) {
        if (t < 0 || t >= parts.length) {
            throw new IndexOutOfBoundsException("tree " + t + " of " + parts.length);
        }
        return parts[t].tree();
    }

    /** Number of nodes of tree {@code t}. */
    public int nodeCount(int t) {
        return parts[t].nodeCount();
    }

    /**
     * The impurity-based feature importances of tree {@code t}, {@link Tree#featureImportances()} of {@link #tree(int)}
     * bit for bit, computed from the layout without rebuilding the tree.
     */
    public double[] featureImportances(int t) {
        return parts[t].featureImportances();
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
        boolean rowByRow = rows < GROUP || hasMissing(xb);
        int[] at = new int[GROUP];
        int[] row = new int[GROUP];
        for (Part q : parts) {
            if (q.catStart != null) {
                walkCategorical(q, xb, rows, featureCount, out);
            } else if (rowByRow) {
                walkRows(q, xb, rows, featureCount, out);
            } else {
                walkRefill(q, xb, rows, featureCount, at, row, out);
            }
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

    /**
     * Without missing values, at least {@link #GROUP} rows: {@link #GROUP} rows of the block walk tree {@code q}
     * together (independent chains overlap their memory latency), and a row that reaches its leaf adds the leaf's
     * outputs and hands its place to the next row of the block, so no chain idles while others are still
     * descending (rows reach leaves at very different depths in fully grown trees). Each row still adds this
     * tree's output exactly once.
     */
    private static void walkRefill(Part q, double[] xb, int rows, int p, int[] at, int[] row, double[] out) {
        int k = q.outputs;
        int[] child = q.child;
        int[] featMiss = q.featMiss;
        double[] threshold = q.threshold;
        double[] leafValue = q.leafValue;
        for (int g = 0; g < GROUP; g++) {
            row[g] = g;
            at[g] = 0;
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
                    for (int j = 0; j < k; j++) {
                        out[o + j] += leafValue[lv + j];
                    }
                    if (next < rows) {
                        row[g] = next++;
                        at[g] = 0;
                    } else {
                        row[g] = -1;
                        active--;
                    }
                }
            }
        }
    }

    /** The rows of the block walk tree {@code q} one at a time (missing values follow each node's side). */
    private static void walkRows(Part q, double[] xb, int rows, int p, double[] out) {
        int k = q.outputs;
        int[] child = q.child;
        int[] featMiss = q.featMiss;
        double[] threshold = q.threshold;
        double[] leafValue = q.leafValue;
        for (int i = 0; i < rows; i++) {
            int rb = i * p;
            int node = 0;
            int c;
            while ((c = child[node]) >= 0) {
                int fm = featMiss[node];
                double v = xb[rb + (fm >>> 1)];
                node = v <= threshold[node] || (v != v && (fm & 1) != 0) ? c : c + 1;
            }
            int lv = ~c;
            int o = i * k;
            for (int j = 0; j < k; j++) {
                out[o + j] += leafValue[lv + j];
            }
        }
    }

    /** The rows of the block walk tree {@code q}, which has categorical splits (a set lookup at those nodes), one at a time. */
    private static void walkCategorical(Part q, double[] xb, int rows, int p, double[] out) {
        int k = q.outputs;
        int[] child = q.child;
        int[] featMiss = q.featMiss;
        double[] threshold = q.threshold;
        double[] leafValue = q.leafValue;
        int[] catStart = q.catStart;
        int[] catSets = q.catSets;
        for (int i = 0; i < rows; i++) {
            int rb = i * p;
            int node = 0;
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
            for (int j = 0; j < k; j++) {
                out[o + j] += leafValue[lv + j];
            }
        }
    }
}
