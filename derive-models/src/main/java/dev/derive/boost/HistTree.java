package dev.derive.boost;

import java.util.Arrays;

/**
 * One regression tree of a histogram booster, stored as flat arrays indexed by node (node 0 is the root).
 * An internal node {@code v} sends a row with value {@code x = x[feature[v]]} to {@code left[v]} when
 * {@code x <= threshold[v]} and to {@code right[v]} otherwise; a missing value ({@code NaN}) goes left
 * when {@code defaultLeft[v]} and right otherwise. On binned data the same test is
 * {@code bin <= thresholdBin[v]} (see {@link BinnedData}: {@code threshold[v]} is the upper edge of bin
 * {@code thresholdBin[v]}, or {@code +inf} for the split "all values left, missing right"). A leaf has
 * {@code feature = -1}, {@code left = right = -1} and holds {@code value} (already multiplied by the
 * learning rate). {@code gain} is the split gain of an internal node (0 at leaves), {@code cover} the sum of
 * hessians and {@code count} the number of training rows that reached the node.
 *
 * <p>A categorical split node ({@code categories(v) != null}, on a categorical feature whose values are level
 * codes) sends a row left when its value is one of the listed codes (sorted ascending) and right otherwise:
 * levels not in the set, levels never seen in training and non-integer codes go right; a missing value
 * follows {@code defaultLeft[v]} (learned by {@link TreeGrower} when the node had missing rows and no rare
 * level shares the missing bin; otherwise {@code false}, i.e. right, as in files written before).
 * Such a node has {@code thresholdBin = -1} and {@code threshold = 0} (unused). Immutable.
 */
public final class HistTree {

    final int[] feature;
    final int[] thresholdBin;
    final double[] threshold;
    final boolean[] defaultLeft;
    final int[] left;
    final int[] right;
    final double[] value;
    final double[] gain;
    final double[] cover;
    final int[] count;
    final int[][] categories;  // null, or per node: the sorted level codes going left (null at numeric nodes)

    HistTree(int[] feature, int[] thresholdBin, double[] threshold, boolean[] defaultLeft, int[] left, int[] right,
             double[] value, double[] gain, double[] cover, int[] count) {
        this(feature, thresholdBin, threshold, defaultLeft, left, right, value, gain, cover, count, null);
    }

    HistTree(int[] feature, int[] thresholdBin, double[] threshold, boolean[] defaultLeft, int[] left, int[] right,
             double[] value, double[] gain, double[] cover, int[] count, int[][] categories) {
        int m = feature.length;
        if (m == 0 || thresholdBin.length != m || threshold.length != m || defaultLeft.length != m || left.length != m
                || right.length != m || value.length != m || gain.length != m || cover.length != m || count.length != m) {
            throw new IllegalArgumentException("tree arrays must all have the node count " + m + " > 0");
        }
        if (categories != null && categories.length != m) {
            throw new IllegalArgumentException("category sets for " + categories.length + " nodes, expected " + m);
        }
        for (int v = 0; v < m; v++) {
            boolean leaf = feature[v] < 0;
            if (leaf != (left[v] < 0) || leaf != (right[v] < 0)) {
                throw new IllegalArgumentException("node " + v + " is neither a proper leaf nor a proper split");
            }
            if (!leaf && (left[v] <= v || right[v] <= v || left[v] >= m || right[v] >= m)) {
                throw new IllegalArgumentException("node " + v + " has children " + left[v] + ", " + right[v]
                        + " outside (" + v + ", " + m + ")");
            }
            if (leaf && !Double.isFinite(value[v])) {
                throw new IllegalArgumentException("leaf " + v + " has the non-finite value " + value[v]);
            }
            if (!leaf && Double.isNaN(threshold[v])) {
                throw new IllegalArgumentException("node " + v + " has a NaN threshold");
            }
            int[] cs = categories == null ? null : categories[v];
            if (cs != null) {
                if (leaf) {
                    throw new IllegalArgumentException("leaf " + v + " has a category set");
                }
                for (int q = 0; q < cs.length; q++) {
                    if (cs[q] < 0 || (q > 0 && cs[q] <= cs[q - 1])) {
                        throw new IllegalArgumentException("node " + v + " has a category set that is not increasing codes >= 0");
                    }
                }
            }
        }
        this.feature = feature;
        this.thresholdBin = thresholdBin;
        this.threshold = threshold;
        this.defaultLeft = defaultLeft;
        this.left = left;
        this.right = right;
        this.value = value;
        this.gain = gain;
        this.cover = cover;
        this.count = count;
        boolean any = false;
        if (categories != null) {
            for (int[] cs : categories) {
                any |= cs != null;
            }
        }
        this.categories = any ? categories : null;
    }

    /** True if the (non-missing) value {@code a} is one of the sorted level codes {@code set}. */
    static boolean inSet(int[] set, double a) {
        if (!(a >= 0 && a <= Integer.MAX_VALUE && a == Math.rint(a))) {
            return false;
        }
        return Arrays.binarySearch(set, (int) a) >= 0;
    }

    /** The sorted level codes that node {@code v} sends left, or null if {@code v} is not a categorical split. */
    public int[] categories(int v) {
        return categories == null || categories[v] == null ? null : categories[v].clone();
    }

    /** True if node {@code v} sends the value {@code a} of its feature left. */
    public boolean goesLeft(int v, double a) {
        if (Double.isNaN(a)) {
            return defaultLeft[v];
        }
        int[] cs = categories == null ? null : categories[v];
        return cs != null ? inSet(cs, a) : a <= threshold[v];
    }

    /** Number of nodes. */
    public int nodeCount() {
        return feature.length;
    }

    /** Number of leaves. */
    public int leafCount() {
        int c = 0;
        for (int f : feature) {
            c += f < 0 ? 1 : 0;
        }
        return c;
    }

    /** The depth (a single leaf has depth 0). */
    public int depth() {
        return depth(0);
    }

    private int depth(int v) {
        return feature[v] < 0 ? 0 : 1 + Math.max(depth(left[v]), depth(right[v]));
    }

    /** The leaf reached by row {@code i} of the column-major {@code n}-row array {@code x}. */
    public int leaf(double[] x, int n, int i) {
        int v = 0;
        while (feature[v] >= 0) {
            double a = x[feature[v] * n + i];
            boolean goLeft;
            if (Double.isNaN(a)) {
                goLeft = defaultLeft[v];
            } else if (categories != null && categories[v] != null) {
                goLeft = inSet(categories[v], a);
            } else {
                goLeft = a <= threshold[v];
            }
            v = goLeft ? left[v] : right[v];
        }
        return v;
    }

    /** The leaf reached by row {@code i} of binned data. */
    int leaf(BinnedData d, int i) {
        int v = 0;
        while (feature[v] >= 0) {
            int j = feature[v];
            int b = d.bin(i, j);
            boolean goLeft;
            if (b == d.numBins(j)) {
                goLeft = defaultLeft[v];
            } else if (categories != null && categories[v] != null) {
                goLeft = Arrays.binarySearch(categories[v], d.level(j, b)) >= 0;
            } else {
                goLeft = b <= thresholdBin[v];
            }
            v = goLeft ? left[v] : right[v];
        }
        return v;
    }

    /**
     * Exact TreeSHAP of this tree ({@link TreeShap}), with the training row counts ({@link #count()}) as the
     * node covers of the path-dependent expectation (LightGBM's {@code internal_count} convention).
     */
    TreeShap treeShap() {
        double[] c = new double[count.length];
        for (int v = 0; v < c.length; v++) {
            c[v] = count[v];
        }
        return new TreeShap(feature, left, right, value, c);
    }

    /** The leaf value reached by row {@code i} of the column-major array {@code x}. */
    public double predict(double[] x, int n, int i) {
        return value[leaf(x, n, i)];
    }

    public int[] feature() {
        return feature.clone();
    }

    public int[] thresholdBin() {
        return thresholdBin.clone();
    }

    public double[] threshold() {
        return threshold.clone();
    }

    public boolean[] defaultLeft() {
        return defaultLeft.clone();
    }

    public int[] left() {
        return left.clone();
    }

    public int[] right() {
        return right.clone();
    }

    public double[] value() {
        return value.clone();
    }

    public double[] gain() {
        return gain.clone();
    }

    public double[] cover() {
        return cover.clone();
    }

    public int[] count() {
        return count.clone();
    }

    @Override
    public String toString() {
        return "HistTree[nodes=" + nodeCount() + ", leaves=" + leafCount() + ", feature=" + Arrays.toString(feature) + "]";
    }
}
