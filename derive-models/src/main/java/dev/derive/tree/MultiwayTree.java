package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fitted classification tree with multiway splits, as grown by ID3 ({@link Id3}) and C4.5 ({@link C45}),
 * stored as flat arrays. A node either is a leaf, or tests one feature:
 * <ul>
 * <li>a categorical feature with {@code L} levels: one child per level (level code {@code b} goes to
 * child {@code b});</li>
 * <li>a numeric feature: two children, {@code x <= threshold} (child 0) and {@code x > threshold}
 * (child 1).</li>
 * </ul>
 * The children of a node are consecutive ({@code firstChild .. firstChild + childCount - 1}) and come after
 * their parent. Every node keeps the (possibly fractional) training weight of each class that reached it
 * ({@link #distribution}) and, when it is a child, {@link #branchProbability}: the share of its parent's
 * training weight with a <em>known</em> value of the parent's test that went down this branch.
 *
 * <p>Prediction (Quinlan 1993, ch. 3): a row follows its branch; at a test whose value is missing
 * ({@code NaN}) it follows every branch with its weight multiplied by the branch probability, and the
 * class probabilities are the weight-combined class distributions of the leaves reached. A leaf's class
 * distribution is its training class weights normalised to sum to 1; a leaf that no training row reached
 * (a level absent at training) takes its parent's distribution. Immutable and thread-safe.
 */
public final class MultiwayTree {

    private final int[] feature;        // -1 at a leaf
    private final double[] threshold;   // NaN for a categorical test or a leaf
    private final int[] firstChild;     // -1 at a leaf
    private final int[] childCount;     // 0 at a leaf
    private final double[] branchProb;  // 1 at the root
    private final double[] dist;        // node x k training class weights
    private final double[] proba;       // node x k class probabilities used at leaves
    private final int k;
    private final int featureCount;

    private MultiwayTree(int[] feature, double[] threshold, int[] firstChild, int[] childCount, double[] branchProb,
                         double[] dist, int k, int featureCount) {
        this.feature = feature;
        this.threshold = threshold;
        this.firstChild = firstChild;
        this.childCount = childCount;
        this.branchProb = branchProb;
        this.dist = dist;
        this.k = k;
        this.featureCount = featureCount;
        this.proba = probabilities();
    }

    /**
     * A tree from its arrays (copied), checking the structure: sizes, children in range, after their
     * parent, each node (but the root) the child of exactly one node, numeric tests with two children,
     * finite non-negative weights, positive weight at internal nodes and branch probabilities in [0, 1] summing to 1 over siblings.
     *
     * @throws IllegalArgumentException naming the first inconsistency
     */
    public static MultiwayTree of(int[] feature, double[] threshold, int[] firstChild, int[] childCount, double[] branchProb,
                                  double[] dist, int k, int featureCount) {
        int m = feature.length;
        if (m < 1) {
            throw new IllegalArgumentException("a tree needs at least one node");
        }
        if (k < 1 || featureCount < 1) {
            throw new IllegalArgumentException("a tree needs k >= 1 classes and >= 1 features, got k = " + k + ", features = " + featureCount);
        }
        if (threshold.length != m || firstChild.length != m || childCount.length != m || branchProb.length != m
                || (long) dist.length != (long) m * k) {
            throw new IllegalArgumentException("the node arrays of a " + m + "-node tree have different lengths");
        }
        int[] parents = new int[m];
        Arrays.fill(parents, -1);
        for (int v = 0; v < m; v++) {
            if (feature[v] < 0) {
                if (feature[v] != -1 || firstChild[v] != -1 || childCount[v] != 0) {
                    throw new IllegalArgumentException("leaf " + v + " has feature " + feature[v] + ", first child " + firstChild[v]
                            + " and " + childCount[v] + " children; expected -1, -1, 0");
                }
            } else {
                if (feature[v] >= featureCount) {
                    throw new IllegalArgumentException("node " + v + " tests feature " + feature[v] + " of " + featureCount);
                }
                if (childCount[v] < 2 || firstChild[v] <= v || (long) firstChild[v] + childCount[v] > m) {
                    throw new IllegalArgumentException("node " + v + " has children " + firstChild[v] + " .. "
                            + ((long) firstChild[v] + childCount[v] - 1) + " in a " + m + "-node tree");
                }
                if (!Double.isNaN(threshold[v]) && (childCount[v] != 2 || Double.isInfinite(threshold[v]))) {
                    throw new IllegalArgumentException("numeric test at node " + v + " has threshold " + threshold[v] + " and "
                            + childCount[v] + " children; expected a finite threshold and 2 children");
                }
                for (int c = firstChild[v]; c < firstChild[v] + childCount[v]; c++) {
                    if (parents[c] >= 0) {
                        throw new IllegalArgumentException("node " + c + " is a child of both " + parents[c] + " and " + v);
                    }
                    parents[c] = v;
                }
            }
            if (!(branchProb[v] >= 0 && branchProb[v] <= 1)) {
                throw new IllegalArgumentException("branch probability " + branchProb[v] + " at node " + v + " is not in [0, 1]");
            }
            for (int c = 0; c < k; c++) {
                double d = dist[v * k + c];
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("class weight " + d + " at node " + v + " is not a finite number >= 0");
                }
            }
        }
        for (int v = 1; v < m; v++) {
            if (parents[v] < 0) {
                throw new IllegalArgumentException("node " + v + " is nobody's child");
            }
        }
        for (int v = 0; v < m; v++) {
            if (feature[v] >= 0) {
                if (!(totalOf(dist, v, k) > 0)) {
                    throw new IllegalArgumentException("internal node " + v + " has no training weight");
                }
                double s = 0;
                for (int c = firstChild[v]; c < firstChild[v] + childCount[v]; c++) {
                    s += branchProb[c];
                }
                if (!(Math.abs(s - 1) <= 1e-9)) {
                    throw new IllegalArgumentException("the branch probabilities of the children of node " + v + " sum to " + s + ", not 1");
                }
            }
        }
        if (totalOf(dist, 0, k) <= 0) {
            throw new IllegalArgumentException("the root has no training weight");
        }
        return new MultiwayTree(feature.clone(), threshold.clone(), firstChild.clone(), childCount.clone(), branchProb.clone(),
                dist.clone(), k, featureCount);
    }

    private static double totalOf(double[] d, int v, int k) {
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += d[v * k + c];
        }
        return s;
    }

    private double[] probabilities() {
        int m = feature.length;
        double[] p = new double[m * k];
        // nodes come after their parents, so a forward pass sees a parent's probabilities first
        int[] parent = new int[m];
        Arrays.fill(parent, -1);
        for (int v = 0; v < m; v++) {
            for (int c = 0; c < childCount[v]; c++) {
                parent[firstChild[v] + c] = v;
            }
        }
        for (int v = 0; v < m; v++) {
            double t = totalOf(dist, v, k);
            if (t > 0) {
                for (int c = 0; c < k; c++) {
                    p[v * k + c] = dist[v * k + c] / t;
                }
            } else {
                System.arraycopy(p, parent[v] * k, p, v * k, k);
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- building

    /** A mutable node used while growing and pruning; {@link #flatten} turns a grown tree into a {@link MultiwayTree}. */
    static final class Node {
        final double[] dist;
        int feature = -1;
        double threshold = Double.NaN;
        Node[] children;
        double branchProb = 1;

        Node(double[] dist) {
            this.dist = dist;
        }

        boolean isLeaf() {
            return children == null;
        }

        double total() {
            double s = 0;
            for (double d : dist) {
                s += d;
            }
            return s;
        }

        void makeLeaf() {
            feature = -1;
            threshold = Double.NaN;
            children = null;
        }
    }

    /** The flat tree of the grown tree rooted at {@code root} (breadth-first numbering). */
    static MultiwayTree flatten(Node root, int k, int featureCount) {
        List<Node> order = new ArrayList<>();
        order.add(root);
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            if (!n.isLeaf()) {
                order.addAll(Arrays.asList(n.children));
            }
        }
        int m = order.size();
        int[] feature = new int[m];
        double[] threshold = new double[m];
        int[] first = new int[m];
        int[] count = new int[m];
        double[] bp = new double[m];
        double[] dist = new double[m * k];
        int next = 1;
        for (int v = 0; v < m; v++) {
            Node n = order.get(v);
            feature[v] = n.isLeaf() ? -1 : n.feature;
            threshold[v] = n.isLeaf() ? Double.NaN : n.threshold;
            first[v] = n.isLeaf() ? -1 : next;
            count[v] = n.isLeaf() ? 0 : n.children.length;
            next += count[v];
            bp[v] = n.branchProb;
            System.arraycopy(n.dist, 0, dist, v * k, k);
        }
        return of(feature, threshold, first, count, bp, dist, k, featureCount);
    }

    // ---------------------------------------------------------------- prediction

    /**
     * Class probabilities ({@code n x k}) of the rows of {@code x}. Missing values ({@code NaN}) follow every
     * branch (see the class comment); a categorical code must be a whole number below the level count.
     *
     * @throws IllegalArgumentException on a categorical value that is not a level code of the training data
     */
    public Matrix proba(Matrix x, List<Dataset.Feature> features) {
        int n = x.rows();
        Matrix out = Matrix.zeros(n, k);
        double[] row = new double[featureCount];
        double[] acc = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < featureCount; j++) {
                row[j] = x.get(i, j);
            }
            Arrays.fill(acc, 0);
            descend(0, row, 1.0, acc, i, features);
            double s = 0;
            for (double a : acc) {
                s += a;
            }
            for (int c = 0; c < k; c++) {
                out.set(i, c, acc[c] / s);
            }
        }
        return out;
    }

    private void descend(int v, double[] row, double w, double[] acc, int i, List<Dataset.Feature> features) {
        while (feature[v] >= 0) {
            int f = feature[v];
            double val = row[f];
            if (Double.isNaN(val)) {
                for (int c = firstChild[v]; c < firstChild[v] + childCount[v]; c++) {
                    if (branchProb[c] > 0) {
                        descend(c, row, w * branchProb[c], acc, i, features);
                    }
                }
                return;
            }
            if (Double.isNaN(threshold[v])) {
                int code = (int) val;
                if (code != val || code < 0 || code >= childCount[v]) {
                    throw new IllegalArgumentException("feature '" + features.get(f).name() + "' at row " + i + " is " + val
                            + ", not a level code of the training data (0 .. " + (childCount[v] - 1) + ")");
                }
                v = firstChild[v] + code;
            } else {
                v = firstChild[v] + (val <= threshold[v] ? 0 : 1);
            }
        }
        for (int c = 0; c < k; c++) {
            acc[c] += w * proba[v * k + c];
        }
    }

    /** The most probable class of each row of a probability matrix (the lowest index on a tie). */
    static int[] argmax(Matrix p) {
        int[] out = new int[p.rows()];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < p.cols(); c++) {
                if (p.get(i, c) > p.get(i, best)) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    // ---------------------------------------------------------------- accessors

    /** Number of nodes. */
    public int nodeCount() {
        return feature.length;
    }

    /** Number of leaves. */
    public int leafCount() {
        int s = 0;
        for (int f : feature) {
            s += f < 0 ? 1 : 0;
        }
        return s;
    }

    /** Depth (a single leaf has depth 0). */
    public int depth() {
        return depthOf(0);
    }

    private int depthOf(int v) {
        int d = 0;
        for (int c = 0; c < childCount[v]; c++) {
            d = Math.max(d, 1 + depthOf(firstChild[v] + c));
        }
        return d;
    }

    /** Number of classes. */
    public int classes() {
        return k;
    }

    /** Number of features the tree was trained on. */
    public int featureCount() {
        return featureCount;
    }

    public boolean isLeaf(int node) {
        return feature[node] < 0;
    }

    /** The feature tested at {@code node}, -1 at a leaf. */
    public int feature(int node) {
        return feature[node];
    }

    /** The threshold of a numeric test ({@code NaN} for a categorical test or a leaf). */
    public double threshold(int node) {
        return threshold[node];
    }

    /** The index of child {@code b} of {@code node}. */
    public int child(int node, int b) {
        if (b < 0 || b >= childCount[node]) {
            throw new IllegalArgumentException("node " + node + " has " + childCount[node] + " children; asked for child " + b);
        }
        return firstChild[node] + b;
    }

    /** The number of children of {@code node} (0 at a leaf). */
    public int childCount(int node) {
        return childCount[node];
    }

    /** The training weight of each class at {@code node} (fractional with missing values). */
    public double[] distribution(int node) {
        return Arrays.copyOfRange(dist, node * k, node * k + k);
    }

    /** The share of the parent's known-value training weight that went to {@code node} (1 at the root). */
    public double branchProbability(int node) {
        return branchProb[node];
    }

    int[] featureArray() {
        return feature.clone();
    }

    double[] thresholdArray() {
        return threshold.clone();
    }

    int[] firstChildArray() {
        return firstChild.clone();
    }

    int[] childCountArray() {
        return childCount.clone();
    }

    double[] branchProbArray() {
        return branchProb.clone();
    }

    double[] distArray() {
        return dist.clone();
    }

    /**
     * The tree as indented text in the style of Quinlan's C4.5 and Weka's J48: one line per branch,
     * {@code feature = level} or {@code feature <= t} / {@code feature > t}, and at a leaf
     * {@code class (N)} or {@code class (N/E)} with N the training weight and E the weight of the other
     * classes.
     */
    public String toText(List<Dataset.Feature> features, List<String> classNames) {
        StringBuilder sb = new StringBuilder();
        if (feature[0] < 0) {
            sb.append(leafText(0, classNames)).append('\n');
        } else {
            text(0, 0, features, classNames, sb);
        }
        return sb.toString();
    }

    private void text(int v, int depth, List<Dataset.Feature> features, List<String> classNames, StringBuilder sb) {
        Dataset.Feature f = features.get(feature[v]);
        for (int b = 0; b < childCount[v]; b++) {
            int c = firstChild[v] + b;
            sb.append("|   ".repeat(depth)).append(f.name());
            if (Double.isNaN(threshold[v])) {
                sb.append(" = ").append(f.isCategorical() && b < f.levels().size() ? f.levels().get(b) : Integer.toString(b));
            } else {
                sb.append(b == 0 ? " <= " : " > ").append(number(threshold[v]));
            }
            if (feature[c] < 0) {
                sb.append(": ").append(leafText(c, classNames)).append('\n');
            } else {
                sb.append('\n');
                text(c, depth + 1, features, classNames, sb);
            }
        }
    }

    private String leafText(int v, List<String> classNames) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (proba[v * k + c] > proba[v * k + best]) {
                best = c;
            }
        }
        double total = totalOf(dist, v, k);
        double errors = total - dist[v * k + best];
        String name = best < classNames.size() ? classNames.get(best) : Integer.toString(best);
        return name + " (" + number(total) + (errors > 1e-9 ? "/" + number(errors) : "") + ")";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "");
    }
}
