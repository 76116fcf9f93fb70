package dev.derive.tree;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Grows one CART tree (Breiman, Friedman, Olshen &amp; Stone 1984) by exact greedy search: at each node and
 * for each candidate feature the node's rows are sorted by that feature, and every threshold halfway
 * between two consecutive distinct values ({@code v[p-1]/2 + v[p]/2}, as scikit-learn) is scored. The
 * split that maximises the decrease of weighted impurity {@code W_L I_L + W_R I_R} wins; among equally
 * good splits the first feature visited and the lowest threshold win (visiting order is the feature
 * index order unless {@code maxFeatures < p}, when a seeded random permutation is drawn per node).
 *
 * <p>Impurities: Gini {@code 1 - sum_k p_k^2}, entropy {@code -sum_k p_k log2 p_k} (class shares
 * weighted by sample and class weights), squared error {@code sum w (y - ybar)^2 / W}, Poisson
 * half deviance {@code sum w y log(y / ybar) / W} (targets {@code >= 0}; a child whose target sum is not
 * positive is not allowed). Stopping rules
 * follow scikit-learn's: a node is a leaf when {@code depth >= maxDepth}, it holds fewer than
 * {@code minSamplesSplit} rows or fewer than {@code 2 minSamplesLeaf}, its weight is below
 * {@code 2 minWeightLeaf}, its impurity is (numerically) zero, no split leaves {@code minSamplesLeaf}
 * rows and {@code minWeightLeaf} weight on each side, or the best split's weighted decrease
 * {@code W_node/W_root (I - W_R/W_node I_R - W_L/W_node I_L)} is below {@code minImpurityDecrease}. Values
 * that differ by at most {@code 1e-7} are not separated (scikit-learn's {@code FEATURE_THRESHOLD}).
 *
 * <p>Growth is depth-first (nodes numbered in pre-order) or, when {@code maxLeafNodes > 0}, best-first:
 * the leaf whose split decreases impurity most is expanded next until there are {@code maxLeafNodes}
 * leaves. With {@code randomSplits} (extremely randomised trees) each candidate feature is cut once,
 * at a threshold drawn uniformly between its smallest and largest value in the node, and the best of
 * these cuts wins. This is the one tree builder of the library: decision trees and forests call it, and boosting
 * is meant to.
 */
public final class TreeBuilder {

    /** The impurity measures. */
    public enum Criterion {
        GINI, ENTROPY, SQUARED_ERROR, POISSON;

        /** True for the classification criteria. */
        public boolean classification() {
            return this == GINI || this == ENTROPY;
        }
    }

    /**
     * The growth settings.
     *
     * @param criterion           impurity measure
     * @param maxDepth            deepest allowed node (root depth 0); {@code Integer.MAX_VALUE} for no limit
     * @param minSamplesSplit     fewest rows a node needs to be split (>= 2)
     * @param minSamplesLeaf      fewest rows each child must keep (>= 1)
     * @param minWeightLeaf       least total weight each child must keep (>= 0)
     * @param minImpurityDecrease least weighted impurity decrease a split must bring (>= 0)
     * @param maxFeatures         features drawn per node, in {@code [1, p]}
     * @param maxLeafNodes        0 for depth-first growth without a leaf limit, else best-first with this many leaves at most (>= 2)
     * @param randomSplits        extremely randomised trees (Geurts, Ernst &amp; Wehenkel 2006): each candidate
     *                            feature gets one threshold drawn uniformly between its node minimum and
     *                            maximum, instead of the best of all thresholds
     */
    public record Settings(Criterion criterion, int maxDepth, int minSamplesSplit, int minSamplesLeaf, double minWeightLeaf,
                           double minImpurityDecrease, int maxFeatures, int maxLeafNodes, boolean randomSplits) {
        public Settings {
            if (maxDepth < 0 || minSamplesSplit < 2 || minSamplesLeaf < 1 || !(minWeightLeaf >= 0)
                    || !(minImpurityDecrease >= 0) || maxFeatures < 1 || (maxLeafNodes != 0 && maxLeafNodes < 2)) {
                throw new IllegalArgumentException("invalid tree settings: " + this);
            }
        }
    }

    private static final double EPSILON = Math.ulp(1.0);
    private static final double FEATURE_THRESHOLD = 1e-7;
    private static final double LN2 = Math.log(2);

    private final double[] x;
    private final int n;
    private final int p;
    private final int[] labels;
    private final double[] y;
    private final int k;
    private final double[] w;
    private final Settings s;
    private final SplittableRandom rng;
    private final int[] samples;
    private final int[] features;
    private final double[] vals;
    private final int[] ids;
    private final double[] leftStats;
    private final double[] rightStats;
    private final double rootWeight;
    private final int outputs;

    // growable node arrays
    private int nodes;
    private int[] nFeature = new int[16];
    private double[] nThreshold = new double[16];
    private int[] nLeft = new int[16];
    private int[] nRight = new int[16];
    private double[] nValue;
    private double[] nImpurity = new double[16];
    private int[] nSamples = new int[16];
    private double[] nWeighted = new double[16];

    private TreeBuilder(double[] x, int n, int p, int[] labels, int k, double[] y, double[] weights, Settings s, long seed) {
        if (x.length < (long) n * p) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected " + n + " x " + p);
        }
        if (s.maxFeatures() > p) {
            throw new IllegalArgumentException("maxFeatures = " + s.maxFeatures() + " exceeds the " + p + " features");
        }
        this.x = x;
        this.n = n;
        this.p = p;
        this.labels = labels;
        this.k = k;
        this.y = y;
        this.s = s;
        this.rng = new SplittableRandom(seed);
        this.outputs = labels != null ? k : 1;
        double[] ww = weights;
        if (ww == null) {
            ww = new double[n];
            Arrays.fill(ww, 1.0);
        } else if (ww.length != n) {
            throw new IllegalArgumentException("weights have length " + ww.length + ", expected " + n);
        }
        this.w = ww;
        int m = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!(ww[i] >= 0) || Double.isInfinite(ww[i])) {
                throw new IllegalArgumentException("sample weight " + ww[i] + " at row " + i + " is not a finite number >= 0");
            }
            if (ww[i] > 0) {
                m++;
                total += ww[i];
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("all sample weights are zero");
        }
        this.rootWeight = total;
        this.samples = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (ww[i] > 0) {
                samples[j++] = i;
            }
        }
        this.features = new int[p];
        for (int j = 0; j < p; j++) {
            features[j] = j;
        }
        this.vals = new double[m];
        this.ids = new int[m];
        int statLen = labels != null ? k : 3;
        this.leftStats = new double[statLen];
        this.rightStats = new double[statLen];
        this.nValue = new double[16 * outputs];
    }

    /**
     * A classification tree on the column-major {@code n x p} array {@code x} with class indices
     * {@code labels} in {@code [0, classes)} and per-row {@code weights} ({@code null} for 1; rows of
     * weight 0 are left out, so bootstrap counts can be passed as weights). Leaf values are weighted
     * class totals.
     */
    public static Tree classification(double[] x, int n, int p, int[] labels, int classes, double[] weights, Settings s, long seed) {
        if (!s.criterion().classification()) {
            throw new IllegalArgumentException("criterion " + s.criterion() + " is for regression");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
            }
        }
        return new TreeBuilder(x, n, p, labels, classes, null, weights, s, seed).grow();
    }

    /** A regression tree on {@code x} (as {@link #classification}) with real targets {@code y}; leaf values are weighted means. */
    public static Tree regression(double[] x, int n, int p, double[] y, double[] weights, Settings s, long seed) {
        if (s.criterion().classification()) {
            throw new IllegalArgumentException("criterion " + s.criterion() + " is for classification");
        }
        if (y.length != n) {
            throw new IllegalArgumentException("y has length " + y.length + ", expected " + n);
        }
        if (s.criterion() == Criterion.POISSON) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (!(y[i] >= 0)) {
                    throw new IllegalArgumentException("criterion poisson needs targets >= 0; got " + y[i] + " at row " + i);
                }
                sum += weights == null ? y[i] : weights[i] * y[i];
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("criterion poisson needs a positive (weighted) target sum; got " + sum);
            }
        }
        return new TreeBuilder(x, n, p, null, 0, y, weights, s, seed).grow();
    }

    // ------------------------------------------------------------------ statistics

    /** Accumulates the statistics of samples[start, end) into st (zeroed first). */
    private void stats(int start, int end, double[] st) {
        Arrays.fill(st, 0);
        for (int i = start; i < end; i++) {
            add(samples[i], st);
        }
    }

    private void add(int row, double[] st) {
        double wi = w[row];
        if (labels != null) {
            st[labels[row]] += wi;
        } else {
            double yi = y[row];
            st[0] += wi;
            st[1] += wi * yi;
            st[2] += wi * third(yi);
        }
    }

    private void sub(int row, double[] st) {
        double wi = w[row];
        if (labels != null) {
            st[labels[row]] -= wi;
        } else {
            double yi = y[row];
            st[0] -= wi;
            st[1] -= wi * yi;
            st[2] -= wi * third(yi);
        }
    }

    /** The third regression statistic of a target: {@code y^2} (squared error) or {@code y log y} (Poisson). */
    private double third(double yi) {
        if (s.criterion() == Criterion.POISSON) {
            return yi > 0 ? yi * Math.log(yi) : 0;
        }
        return yi * yi;
    }

    private double weight(double[] st) {
        if (labels == null) {
            return st[0];
        }
        double t = 0;
        for (int c = 0; c < k; c++) {
            t += st[c];
        }
        return t;
    }

    private double impurity(double[] st, double wt) {
        switch (s.criterion()) {
            case GINI -> {
                double sq = 0;
                for (int c = 0; c < k; c++) {
                    sq += st[c] * st[c];
                }
                return 1.0 - sq / (wt * wt);
            }
            case ENTROPY -> {
                double e = 0;
                for (int c = 0; c < k; c++) {
                    if (st[c] > 0) {
                        double q = st[c] / wt;
                        e -= q * (Math.log(q) / LN2);
                    }
                }
                return e;
            }
            case POISSON -> {
                double mean = st[1] / wt;
                if (mean <= EPSILON) {
                    return Double.POSITIVE_INFINITY;
                }
                return (st[2] - st[1] * Math.log(mean)) / wt;
            }
            default -> {
                double mean = st[1] / wt;
                return st[2] / wt - mean * mean;
            }
        }
    }

    /** A score that orders splits as the weighted child impurity decrease does (larger is better). */
    private double proxy(double wl, double wr) {
        if (s.criterion() == Criterion.POISSON) {
            double sl = leftStats[1];
            double sr = rightStats[1];
            if (sl <= EPSILON || sr <= EPSILON) {
                return Double.NEGATIVE_INFINITY; // a child with a zero mean has infinite deviance
            }
            return sl * Math.log(sl / wl) + sr * Math.log(sr / wr);
        }
        if (labels == null) {
            return leftStats[1] * leftStats[1] / wl + rightStats[1] * rightStats[1] / wr;
        }
        return -wl * impurity(leftStats, wl) - wr * impurity(rightStats, wr);
    }

    // ------------------------------------------------------------------ nodes

    private record Split(int feature, double threshold, int pos, double improvement) {
    }

    /** A node's evaluation: its statistics and its best admissible split (null for a leaf). */
    private record Eval(int start, int end, int depth, double[] stats, double weight, double impurity, Split split) {
    }

    private Eval evaluate(int start, int end, int depth) {
        double[] st = new double[leftStats.length];
        stats(start, end, st);
        double wn = weight(st);
        double imp = impurity(st, wn);
        int count = end - start;
        boolean leaf = depth >= s.maxDepth() || count < s.minSamplesSplit() || count < 2 * s.minSamplesLeaf()
                || wn < 2 * s.minWeightLeaf() || imp <= EPSILON;
        Split split = null;
        if (!leaf) {
            split = bestSplit(start, end, st, wn, imp);
            if (split != null && split.improvement + EPSILON < s.minImpurityDecrease()) {
                split = null;
            }
        }
        return new Eval(start, end, depth, st, wn, imp, split);
    }

    private Split bestSplit(int start, int end, double[] nodeStats, double wn, double nodeImpurity) {
        int m = end - start;
        int bestFeature = -1;
        double bestThreshold = 0;
        int bestPos = -1;
        double bestProxy = Double.NEGATIVE_INFINITY;
        boolean sample = s.maxFeatures() < p;
        int visited = 0;
        int nonConstant = 0;
        for (int f = 0; f < p; f++) {
            if (visited >= s.maxFeatures() && nonConstant > 0) {
                break;
            }
            if (sample) {
                int j = f + rng.nextInt(p - f);
                int t = features[f];
                features[f] = features[j];
                features[j] = t;
            }
            int feat = sample ? features[f] : f;
            visited++;
            int off = feat * n;
            for (int i = 0; i < m; i++) {
                int r = samples[start + i];
                ids[i] = r;
                vals[i] = x[off + r];
            }
            double lo;
            double hi;
            if (s.randomSplits()) { // no sort needed: one threshold between the extremes
                lo = Double.POSITIVE_INFINITY;
                hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    lo = Math.min(lo, vals[i]);
                    hi = Math.max(hi, vals[i]);
                }
            } else {
                Sorting.sort(vals, ids, 0, m);
                lo = vals[0];
                hi = vals[m - 1];
            }
            if (hi <= lo + FEATURE_THRESHOLD) {
                continue; // constant in this node
            }
            nonConstant++;
            if (s.randomSplits()) {
                // one uniform threshold in [min, max) of the node's values (as scikit-learn's RandomSplitter)
                double t = lo + rng.nextDouble() * (hi - lo);
                if (t >= hi) {
                    t = lo;
                }
                Arrays.fill(leftStats, 0);
                System.arraycopy(nodeStats, 0, rightStats, 0, rightStats.length);
                double wl = 0;
                int q = 0;
                for (int i = 0; i < m; i++) {
                    if (vals[i] <= t) {
                        int r = ids[i];
                        add(r, leftStats);
                        sub(r, rightStats);
                        wl += w[r];
                        q++;
                    }
                }
                double wr = wn - wl;
                if (q < s.minSamplesLeaf() || m - q < s.minSamplesLeaf() || wl < s.minWeightLeaf() || wr < s.minWeightLeaf()) {
                    continue;
                }
                double score = proxy(wl, wr);
                if (score > bestProxy) {
                    bestProxy = score;
                    bestFeature = feat;
                    bestPos = q;
                    bestThreshold = t;
                }
                continue;
            }
            Arrays.fill(leftStats, 0);
            System.arraycopy(nodeStats, 0, rightStats, 0, rightStats.length);
            double wl = 0;
            for (int q = 1; q < m; q++) {
                int r = ids[q - 1];
                add(r, leftStats);
                sub(r, rightStats);
                wl += w[r];
                if (vals[q] <= vals[q - 1] + FEATURE_THRESHOLD) {
                    continue;
                }
                if (q < s.minSamplesLeaf() || m - q < s.minSamplesLeaf()) {
                    continue;
                }
                double wr = wn - wl;
                if (wl < s.minWeightLeaf() || wr < s.minWeightLeaf()) {
                    continue;
                }
                double score = proxy(wl, wr);
                if (score > bestProxy) {
                    bestProxy = score;
                    bestFeature = feat;
                    bestPos = q;
                    double t = vals[q - 1] / 2.0 + vals[q] / 2.0;
                    if (t == vals[q] || Double.isInfinite(t)) {
                        t = vals[q - 1];
                    }
                    bestThreshold = t;
                }
            }
        }
        if (bestFeature < 0) {
            return null;
        }
        // exact children statistics (not the running sums) for the improvement
        int pos = partition(start, end, bestFeature, bestThreshold);
        stats(start, pos, leftStats);
        stats(pos, end, rightStats);
        double wl = weight(leftStats);
        double wr = weight(rightStats);
        double improvement = (wn / rootWeight) * (nodeImpurity - wr / wn * impurity(rightStats, wr) - wl / wn * impurity(leftStats, wl));
        return new Split(bestFeature, bestThreshold, pos, improvement);
    }

    /** Moves the rows of samples[start, end) with x[f] <= t to the front; returns the first row of the rest. */
    private int partition(int start, int end, int f, double t) {
        int off = f * n;
        int i = start;
        int j = end - 1;
        while (i <= j) {
            if (x[off + samples[i]] <= t) {
                i++;
            } else {
                int tmp = samples[i];
                samples[i] = samples[j];
                samples[j] = tmp;
                j--;
            }
        }
        return i;
    }

    private int addNode(Eval e) {
        if (nodes == nFeature.length) {
            int cap = nodes * 2;
            nFeature = Arrays.copyOf(nFeature, cap);
            nThreshold = Arrays.copyOf(nThreshold, cap);
            nLeft = Arrays.copyOf(nLeft, cap);
            nRight = Arrays.copyOf(nRight, cap);
            nValue = Arrays.copyOf(nValue, cap * outputs);
            nImpurity = Arrays.copyOf(nImpurity, cap);
            nSamples = Arrays.copyOf(nSamples, cap);
            nWeighted = Arrays.copyOf(nWeighted, cap);
        }
        int id = nodes++;
        nFeature[id] = -2;
        nThreshold[id] = -2;
        nLeft[id] = -1;
        nRight[id] = -1;
        if (labels != null) {
            System.arraycopy(e.stats, 0, nValue, id * outputs, k);
        } else {
            nValue[id] = e.stats[1] / e.weight;
        }
        nImpurity[id] = e.impurity;
        nSamples[id] = e.end - e.start;
        nWeighted[id] = e.weight;
        return id;
    }

    private void setSplit(int id, Split split, int left, int right) {
        nFeature[id] = split.feature;
        nThreshold[id] = split.threshold;
        nLeft[id] = left;
        nRight[id] = right;
    }

    private Tree grow() {
        if (s.maxLeafNodes() > 0) {
            growBestFirst();
        } else {
            growDepthFirst();
        }
        return new Tree(Arrays.copyOf(nFeature, nodes), Arrays.copyOf(nThreshold, nodes), Arrays.copyOf(nLeft, nodes),
                Arrays.copyOf(nRight, nodes), Arrays.copyOf(nValue, nodes * outputs), Arrays.copyOf(nImpurity, nodes),
                Arrays.copyOf(nSamples, nodes), Arrays.copyOf(nWeighted, nodes), outputs, p);
    }

    private void growDepthFirst() {
        // entries: start, end, depth, parent, isLeft (1/0)
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {0, samples.length, 0, -1, 0});
        while (!stack.isEmpty()) {
            int[] t = stack.pop();
            Eval e = evaluate(t[0], t[1], t[2]);
            int id = addNode(e);
            if (t[3] >= 0) {
                if (t[4] == 1) {
                    nLeft[t[3]] = id;
                } else {
                    nRight[t[3]] = id;
                }
            }
            if (e.split != null) {
                nFeature[id] = e.split.feature;
                nThreshold[id] = e.split.threshold;
                stack.push(new int[] {e.split.pos, t[1], t[2] + 1, id, 0});
                stack.push(new int[] {t[0], e.split.pos, t[2] + 1, id, 1});
            }
        }
    }

    private record Frontier(int id, Eval eval) {
    }

    private void growBestFirst() {
        PriorityQueue<Frontier> heap = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(b.eval.split.improvement, a.eval.split.improvement);
            return c != 0 ? c : Integer.compare(a.id, b.id);
        });
        Eval root = evaluate(0, samples.length, 0);
        int rootId = addNode(root);
        if (root.split != null) {
            heap.add(new Frontier(rootId, root));
        }
        int leaves = 1;
        while (!heap.isEmpty() && leaves < s.maxLeafNodes()) {
            Frontier f = heap.poll();
            Split sp = f.eval.split;
            Eval l = evaluate(f.eval.start, sp.pos, f.eval.depth + 1);
            int lid = addNode(l);
            Eval r = evaluate(sp.pos, f.eval.end, f.eval.depth + 1);
            int rid = addNode(r);
            setSplit(f.id, sp, lid, rid);
            leaves++;
            if (l.split != null) {
                heap.add(new Frontier(lid, l));
            }
            if (r.split != null) {
                heap.add(new Frontier(rid, r));
            }
        }
    }
}
