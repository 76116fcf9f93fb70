package dev.derive.tree;

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
 * The sort is done on the feature's {@link Ranks} (dense ranks of all its values, computed once per
 * {@code x} and shared by the trees of a forest): long keys ordering the rows by {@code (rank, row)} are sorted,
 * which orders the rows exactly as their values (rows with equal values by row index). The builder keeps
 * node-local copies of the rows' weights, labels (targets) and ranks, permuted with the rows at each split, so
 * that a node reads contiguous memory; for classification with integer weights (bootstrap counts), where every
 * sum of weights is exact in any order, the keys carry {@code (rank, weight, label)} instead and the scan reads
 * only them (the same sums, so the same trees). A split moves its rows by swaps that are recorded and replayed on the
 * other features' node-local copies. Where the rows' order in a node changes
 * no sum (classification with integer weights, as above), a split swaps only misplaced pairs, a right-going row met
 * from the left with a left-going row met from the right (Hoare 1962): {@code q(1-q) m} swaps for a share {@code q} of
 * the {@code m} rows going left instead of the {@code (1-q) m} of the order-keeping partition the other criteria need
 * (the rows' order within a child differs, the trees do not). This scratch memory lives in a {@link Workspace} that a caller growing many
 * trees (a forest) can pass again and again, so that it is allocated once per thread rather than once per tree.
 *
 * <p>Impurities: Gini {@code 1 - sum_k p_k^2}, entropy {@code -sum_k p_k log2 p_k} (class shares
 * weighted by sample and class weights), squared error {@code sum w (y - ybar)^2 / W}, Poisson
 * half deviance {@code sum w y log(y / ybar) / W} (targets {@code >= 0}; a child whose target sum is not
 * positive is not allowed), absolute error {@code sum w |y - median_w| / W} with the weighted median as leaf value
 * (scikit-learn's rule: the smallest target whose cumulative weight reaches {@code W/2}, or the midpoint of it and
 * the next target when the cumulative weight equals {@code W/2} exactly; during the split search the child costs
 * are kept in Fenwick trees over the target ranks, {@code O(log n)} per moved row; missing values routed as below). Stopping rules
 * follow scikit-learn's: a node is a leaf when {@code depth >= maxDepth}, it holds fewer than
 * {@code minSamplesSplit} rows or fewer than {@code 2 minSamplesLeaf}, its weight is below
 * {@code 2 minWeightLeaf}, its impurity is (numerically) zero, no split leaves {@code minSamplesLeaf}
 * rows and {@code minWeightLeaf} weight on each side, or the best split's weighted decrease
 * {@code W_node/W_root (I - W_R/W_node I_R - W_L/W_node I_L)} is below {@code minImpurityDecrease}. Values
 * that differ by at most {@code 1e-7} are not separated (scikit-learn's {@code FEATURE_THRESHOLD}).
 *
 * <p>Growth is depth-first (nodes numbered in pre-order) or, when {@code maxLeafNodes > 0}, best-first:
 * the leaf whose split decreases impurity most is expanded next until there are {@code maxLeafNodes}
 * leaves.
 *
 * <p>Missing values (NaN) are routed by a direction learned per split (as scikit-learn 1.3+): every
 * candidate threshold is scored with the node's missing rows sent left and sent right, and the better
 * side is kept; the split "all present values left, missing right" is a candidate too. Where a node saw
 * no missing value of its split feature, missing values go to the child with more training rows.
 * Without missing values the search is the plain CART one.
 *
 * <p>With {@code randomSplits} (extremely randomised trees) each candidate feature is cut once,
 * at a threshold drawn uniformly between its smallest and largest value in the node, and the best of
 * these cuts wins. The builder then keeps node-local copies of the feature values (per feature, the values of the
 * node's rows in node order, permuted with the rows at each split, as the ranks of exact splits), so that the
 * minimum/maximum pass and the partition pass of a node read contiguous memory instead of gathering {@code x}
 * through the row indices (the same values in the same order, so the same trees). This is the one tree builder of the library: decision trees and forests call it, and boosting
 * is meant to.
 *
 * <p><b>Categorical features</b> ({@link Settings#categoryLevels()}; values are level codes, NaN missing) are split
 * into a set of levels (left) and the rest. At a node the weighted statistics of each level present are gathered
 * in one pass, then: for squared error, Poisson and two classes, the {@code m} present levels are sorted by mean
 * target / class-1 share (ties in code order) and the {@code m - 1} cuts of that order are scored; for these
 * criteria the node impurity is {@code W phi(mean)} with {@code phi} concave, so an optimal binary partition is
 * such a cut (Fisher 1958; Breiman et al. 1984, Theorem 4.5; with missing rows, which form one more group whose
 * side is free, the optimum is still a cut of the present levels with the missing rows on one side, and both
 * sides are scored). For more than two classes, all {@code 2^(m-1) - 1} partitions when
 * {@code m <= maxCategoriesExhaustive}, else the cuts of k + 1 orderings of the levels: by the first principal
 * component of their class-share vectors (Coppersmith, Hong &amp; Hosking 1999) and, for each class {@code c}, by
 * their share of class {@code c} (one-vs-rest orderings); a heuristic: with three or more classes an optimal
 * partition need not be a cut of any one ordering (the shares are vectors, not numbers), and the search over all
 * partitions grows as {@code 2^(m-1)}. What it guarantees: the split is the best of its {@code (k + 1)(m - 1)}
 * candidates (with both sides of the missing rows), so never worse than the best cut of any of these orders, and
 * it is optimal when the levels' class-share vectors are collinear (two classes always): the node impurity is then
 * {@code W phi(t)} for the position {@code t} along that line, {@code phi} concave, and the theorem above applies
 * to the order of {@code t}, which is the principal-component order. Absolute error: all partitions of the
 * present levels and the missing group when {@code m <= maxCategoriesExhaustive} (exact: each side's
 * {@code sum w |y - median|} from per-level prefix sums over the target order), else the cuts of the mean order, a
 * heuristic because the cost {@code sum w |y - median|} is not a function of the side's mean, so the theorem
 * does not apply (the best cut of the mean order is what it guarantees). With missing rows "all present levels left, missing right" is a
 * candidate too. Extremely randomised trees draw one random subset of the present levels (each left with
 * probability 1/2, redrawn until both sides hold a level). The chosen split stores its left set; levels absent
 * from the node's rows and codes unknown at training are added to the child with more training weight (right on
 * a tie), and missing values, where the node saw none, go to the child with more rows, as at numeric splits.
 */
public final class TreeBuilder {

    /** The impurity measures. */
    public enum Criterion {
        GINI, ENTROPY, SQUARED_ERROR, POISSON, ABSOLUTE_ERROR;

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
     *                            maximum, instead of the best of all thresholds (a categorical feature: one
     *                            random subset of its levels present in the node)
     * @param categoryLevels      per feature, its number of levels if it is split as categorical (level
     *                            codes {@code 0..L-1}, NaN missing), 0 if numeric; null when no feature is
     *                            categorical
     * @param maxCategoriesExhaustive multiclass classification and absolute error: a categorical feature with at
     *                            most this many levels in the node is split by exhaustive search over its
     *                            {@code 2^(m-1) - 1} binary partitions (the missing rows on either side), above it
     *                            by the principal-component and one-vs-rest orderings heuristic (multiclass) or the
     *                            cuts of the mean order (absolute error) (in {@code [1, 16]})
     */
    public record Settings(Criterion criterion, int maxDepth, int minSamplesSplit, int minSamplesLeaf, double minWeightLeaf,
                           double minImpurityDecrease, int maxFeatures, int maxLeafNodes, boolean randomSplits,
                           int[] categoryLevels, int maxCategoriesExhaustive) {
        /** The largest allowed {@code maxCategoriesExhaustive} (2^15 partitions per node and feature). */
        public static final int MAX_EXHAUSTIVE = 16;

        public Settings {
            if (maxDepth < 0 || minSamplesSplit < 2 || minSamplesLeaf < 1 || !(minWeightLeaf >= 0)
                    || !(minImpurityDecrease >= 0) || maxFeatures < 1 || (maxLeafNodes != 0 && maxLeafNodes < 2)) {
                throw new IllegalArgumentException("invalid tree settings: " + this);
            }
            if (maxCategoriesExhaustive < 1 || maxCategoriesExhaustive > MAX_EXHAUSTIVE) {
                throw new IllegalArgumentException("maxCategoriesExhaustive = " + maxCategoriesExhaustive + " is outside [1, " + MAX_EXHAUSTIVE + "]");
            }
            if (categoryLevels != null) {
                categoryLevels = categoryLevels.clone();
                for (int j = 0; j < categoryLevels.length; j++) {
                    if (categoryLevels[j] < 0) {
                        throw new IllegalArgumentException("categoryLevels[" + j + "] = " + categoryLevels[j] + " is negative");
                    }
                }
            }
        }

        /** Settings without categorical features (every feature split by thresholds on its values). */
        public Settings(Criterion criterion, int maxDepth, int minSamplesSplit, int minSamplesLeaf, double minWeightLeaf,
                        double minImpurityDecrease, int maxFeatures, int maxLeafNodes, boolean randomSplits) {
            this(criterion, maxDepth, minSamplesSplit, minSamplesLeaf, minWeightLeaf, minImpurityDecrease, maxFeatures, maxLeafNodes,
                    randomSplits, null, DEFAULT_MAX_CATEGORIES_EXHAUSTIVE);
        }

        /**
         * These settings with categorical features: {@code levels[j]} is the number of levels of feature {@code j}
         * (0 for a numeric feature; null: none categorical), whose values must then be level codes {@code 0..levels[j]-1}
         * or NaN; {@code maxExhaustive} as {@link #maxCategoriesExhaustive()}.
         */
        public Settings withCategories(int[] levels, int maxExhaustive) {
            return new Settings(criterion, maxDepth, minSamplesSplit, minSamplesLeaf, minWeightLeaf, minImpurityDecrease, maxFeatures,
                    maxLeafNodes, randomSplits, levels, maxExhaustive);
        }

        @Override
        public int[] categoryLevels() {
            return categoryLevels == null ? null : categoryLevels.clone();
        }

        @Override
        public String toString() {
            return "Settings[criterion=" + criterion + ", maxDepth=" + maxDepth + ", minSamplesSplit=" + minSamplesSplit
                    + ", minSamplesLeaf=" + minSamplesLeaf + ", minWeightLeaf=" + minWeightLeaf + ", minImpurityDecrease="
                    + minImpurityDecrease + ", maxFeatures=" + maxFeatures + ", maxLeafNodes=" + maxLeafNodes + ", randomSplits="
                    + randomSplits + ", categoryLevels=" + Arrays.toString(categoryLevels) + ", maxCategoriesExhaustive="
                    + maxCategoriesExhaustive + "]";
        }
    }

    /**
     * The reusable scratch memory of tree growth: the node-local copies of the rows (positions, weights, labels or
     * targets, feature ranks), the sort keys and radix buffers, the per-node search buffers and the growable node
     * arrays, plus two row-length arrays a caller may use for its weights and bootstrap counts
     * ({@link #rowWeights}, {@link #rowCounts}). Arrays grow to the largest tree grown in the workspace and are kept,
     * so a forest that gives each worker thread one workspace allocates this memory once per thread instead of once
     * per tree. Every array is written before it is read within a tree, so a tree grown in a used workspace is the
     * same, bit for bit, as one grown in a new workspace. Not thread-safe: one tree at a time per workspace.
     */
    public static final class Workspace {
        int[] samples;
        double[] sw;
        int[] sLab;
        double[] sY;
        int[] sRk;
        double[] sX;
        int[] swapI;
        int[] swapJ;
        long[] keys;
        long[] radix;
        double[] vals;
        int[] ids;
        int[] missIds;
        int[] lpos;
        int[] posOf;
        final int[] radixCounts = new int[Sorting.RADIX_COUNTS];
        int[] nFeature = new int[16];
        double[] nThreshold = new double[16];
        int[] nLeft = new int[16];
        int[] nRight = new int[16];
        double[] nValue = new double[16];
        double[] nImpurity = new double[16];
        int[] nSamples = new int[16];
        double[] nWeighted = new double[16];
        boolean[] nMissingLeft = new boolean[16];
        int[] nCatStart = new int[16];
        int[] catTable = new int[0];
        int[] stack = new int[5 * 64];
        double[] statStack = new double[0];
        private double[] rowWeights;
        private int[] rowCounts;

        // the workspace lent to the tree fits of this thread (see lend), or null
        private static final ThreadLocal<Workspace> LENT = new ThreadLocal<>();

        /** An empty workspace (arrays are allocated as the first tree needs them). */
        public Workspace() {
        }

        /**
         * Runs {@code fit} with {@code ws} lent to the decision trees it fits on this thread ({@link DecisionTree}
         * grows its tree in the lent workspace instead of a new one), then restores the previous loan. For callers
         * that fit many trees through the generic {@link dev.derive.learn.Learner#fit} (bagging): one workspace per
         * worker thread, reused from fit to fit. The trees are the same, bit for bit (see the class comment); a fit
         * that grows no {@link DecisionTree} ignores the loan.
         */
        public static <T> T lend(Workspace ws, java.util.function.Supplier<T> fit) {
            Workspace before = LENT.get();
            LENT.set(java.util.Objects.requireNonNull(ws, "workspace"));
            try {
                return fit.get();
            } finally {
                if (before == null) {
                    LENT.remove();
                } else {
                    LENT.set(before);
                }
            }
        }

        /** The workspace lent to this thread's tree fits, or null. */
        static Workspace lent() {
            return LENT.get();
        }

        /** A caller's array of at least {@code n} doubles, kept by this workspace (contents left from earlier use). */
        public double[] rowWeights(int n) {
            return rowWeights = grow(rowWeights, n);
        }

        /** A caller's array of at least {@code n} ints, kept by this workspace (contents left from earlier use). */
        public int[] rowCounts(int n) {
            return rowCounts = grow(rowCounts, n);
        }

        void keepNodes(int[] feature, double[] threshold, int[] left, int[] right, double[] value, double[] impurity, int[] samples,
                       double[] weighted, boolean[] missingLeft, int[] catStart, int[] cats) {
            nFeature = feature;
            nThreshold = threshold;
            nLeft = left;
            nRight = right;
            nValue = value;
            nImpurity = impurity;
            nSamples = samples;
            nWeighted = weighted;
            nMissingLeft = missingLeft;
            nCatStart = catStart;
            catTable = cats;
        }
    }

    /**
     * {@code a} when it holds at least {@code len} values, else a new array: of {@code len} values the first time, with
     * 1/32 more when replacing a shorter one (bootstrap samples differ in size from tree to tree by a few tenths of
     * a percent, so the arrays settle after a few trees).
     */
    static int[] grow(int[] a, int len) {
        return a != null && a.length >= len ? a : new int[slack(a == null, len)];
    }

    static long[] grow(long[] a, int len) {
        return a != null && a.length >= len ? a : new long[slack(a == null, len)];
    }

    static double[] grow(double[] a, int len) {
        return a != null && a.length >= len ? a : new double[slack(a == null, len)];
    }

    private static int slack(boolean first, int len) {
        return first ? len : (int) Math.min(Integer.MAX_VALUE - 8, len + (long) (len >> 5));
    }

    /** The default {@link Settings#maxCategoriesExhaustive()}: multiclass and absolute error partitions are searched exhaustively up to 10 levels. */
    public static final int DEFAULT_MAX_CATEGORIES_EXHAUSTIVE = 10;

    private static final double EPSILON = Math.ulp(1.0);
    private static final double FEATURE_THRESHOLD = 1e-7;
    private static final double LN2 = Math.log(2);
    // the most (rows x features) ranks copied into a tree builder's node-local layout (else read from the shared ranks)
    static long LOCAL_RANKS_LIMIT = 1L << 26;
    // random splits: the most (rows x features) values copied into a tree builder's node-local layout (else read
    // from x through samples[]); 2^25 doubles are 256 MB
    static long LOCAL_VALUES_LIMIT = 1L << 25;
    // tests: never pack (rank, row, position) into one sort key (use the row -> position map)
    static boolean NEVER_PACK = false;
    // tests: never put (rank, weight, label) in the sort keys of integer-weighted classification
    static boolean NO_WEIGHT_KEYS = false;
    // tests: partition integer-weighted classification nodes as the others (every right-going row swapped), not by pairs
    static boolean NO_PAIR_PARTITION = false;

    // the fewest keys sorted by radix sort (fewer: by Arrays.sort); tests lower it
    static int RADIX_MIN = 96;

    /** The number of bits of {@code v >= 0} (0 for 0). */
    private static int bits(int v) {
        return 32 - Integer.numberOfLeadingZeros(v);
    }

    private final double[] x;
    private final int n;
    private final int p;
    private final int[] labels;
    private final double[] y;
    private final int k;
    private final double[] w;
    private final Settings s;
    private final SplittableRandom rng;
    // the rows of weight > 0 (ns of them), in node order: node [start, end) holds samples[start, end)
    private final int[] samples;
    private final int ns;
    private final Workspace ws;
    private final int[] features;
    // per feature, the dense rank of each row's value (column-major as x; -1 for missing), or null for random splits
    private final int[] rk;
    // per feature, whether any row of x misses it (NaN)
    private final boolean[] anyMissing;
    // per feature, its number of distinct values (exact splits)
    private final int[] distinct;
    // node-local copies, aligned with samples[] and permuted with it: the row's weight, label (classification) or
    // target (regression), and, per feature f, its rank at sRk[f * ns + position] (null when too large)
    private final double[] sw;
    private final int[] sLab;
    private final double[] sY;
    private final int[] sRk;
    // random splits: per feature f, the value of the row at node position i at sX[f * ns + i], permuted with
    // samples[] (null when too large, or for exact splits)
    private final double[] sX;
    // the swaps of a partition (positions swapI[t] and swapJ[t], t < swaps), replayed on the ranks (values) of each feature
    private final int[] swapI;
    private final int[] swapJ;
    private int swaps;
    // classification with integer weights (bootstrap counts) summing below 2^53, where every sum of weights is exact
    // whatever the order of its terms: the sort key of a row then carries its weight and label instead of its row
    // and position (weightBits bits for the weight, labelBits for the label)
    private final boolean intWeights;
    private final int weightBits;
    private final int labelBits;
    // bits of a row index in a packed sort key
    private final int rowBits;
    private final double[] uv;
    private final long[] keys;
    private final double[] vals;
    private final int[] ids;
    private final int[] missIds;
    // random splits: the node position of each present row gathered in ids/vals (reads the node-local copies)
    private final int[] lpos;
    private final double[] leftStats;
    private final double[] rightStats;
    private final double[] missStats;
    private final double[] altLeft;
    private final double[] nodeStatsScratch;
    private final double rootWeight;
    private final int outputs;
    // absolute error: target rank of each row (1-based), targets in rank order, and the two children's Fenwick trees
    private final int[] rank;
    private final double[] ySorted;
    private final Fenwick fenL;
    private final Fenwick fenR;
    // categorical features: level counts (null when none) and per-level scratch of the node being searched
    private final int[] catLevels;
    private final double[] lvStats;
    private final int[] lvCount;
    private final int[] present;
    private final int[] order;
    private final double[] orderKey;
    private final int[] lvStart;
    private final boolean[] lvMark;
    private final int[] bestCat;
    private int bestCatCount;

    // growable node arrays (the workspace's, given back to it grown)
    private int nodes;
    private int[] nFeature;
    private double[] nThreshold;
    private int[] nLeft;
    private int[] nRight;
    private double[] nValue;
    private double[] nImpurity;
    private int[] nSamples;
    private double[] nWeighted;
    private boolean[] nMissingLeft;
    private int[] nCatStart;
    private int[] catTable;
    private int catSize;

    private TreeBuilder(double[] x, int n, int p, int[] labels, int k, double[] y, double[] weights, Settings s, long seed,
                        Ranks ranks, Workspace ws) {
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
        // the constructor holds no loop over the rows (they are in small methods, compiled once each, instead of
        // making the JIT compile this method whole, twice: on-stack and normally)
        int m = positiveCount(ww, n);
        double total = positiveTotal(ww, n);
        if (m == 0) {
            throw new IllegalArgumentException("all sample weights are zero");
        }
        this.rootWeight = total;
        this.ws = ws == null ? new Workspace() : ws;
        this.ns = m;
        this.samples = this.ws.samples = grow(this.ws.samples, m);
        this.features = new int[p];
        for (int j = 0; j < p; j++) {
            features[j] = j;
        }
        this.sw = this.ws.sw = grow(this.ws.sw, m);
        this.sLab = labels != null ? (this.ws.sLab = grow(this.ws.sLab, m)) : null;
        this.sY = labels != null ? null : (this.ws.sY = grow(this.ws.sY, m));
        copyRows();
        this.rowBits = bits(n - 1);
        double maxW = labels != null && total < 0x1p53 ? maxIntegerWeight(sw, m) : -1;
        boolean integral = maxW >= 0;
        this.intWeights = integral;
        this.weightBits = integral ? bits((int) maxW) : 0;
        this.labelBits = labels != null ? bits(k - 1) : 0;
        this.vals = this.ws.vals = grow(this.ws.vals, m);
        this.ids = this.ws.ids = grow(this.ws.ids, m);
        this.missIds = this.ws.missIds = grow(this.ws.missIds, m);
        this.lpos = s.randomSplits() ? (this.ws.lpos = grow(this.ws.lpos, m)) : null;
        if (s.randomSplits()) {
            this.rk = null;
            this.uv = null;
            this.keys = null;
            this.anyMissing = missingFeatures(x, n, p);
            this.distinct = null;
            this.sRk = null;
            if ((long) m * p <= LOCAL_VALUES_LIMIT) {
                this.swapI = this.ws.swapI = grow(this.ws.swapI, m);
                this.swapJ = this.ws.swapJ = grow(this.ws.swapJ, m);
                this.sX = this.ws.sX = grow(this.ws.sX, m * p);
                for (int f = 0; f < p; f++) {
                    copyValues(f);
                }
            } else {
                this.sX = null;
                this.swapI = null;
                this.swapJ = null;
            }
        } else {
            this.sX = null;
            if (ranks == null) {
                ranks = ranks(x, n, p, false);
            } else if (ranks.n != n || ranks.p != p) {
                throw new IllegalArgumentException("ranks were computed for " + ranks.n + " x " + ranks.p + " features, not " + n + " x " + p);
            }
            this.rk = ranks.rank;
            this.anyMissing = ranks.missing;
            this.distinct = ranks.distinct;
            this.uv = ranks.values;
            this.keys = this.ws.keys = grow(this.ws.keys, m);
            if ((long) m * p <= LOCAL_RANKS_LIMIT) {
                this.swapI = this.ws.swapI = grow(this.ws.swapI, m);
                this.swapJ = this.ws.swapJ = grow(this.ws.swapJ, m);
                this.sRk = this.ws.sRk = grow(this.ws.sRk, m * p);
                for (int f = 0; f < p; f++) {
                    copyRanks(f);
                }
            } else {
                this.sRk = null;
                this.swapI = null;
                this.swapJ = null;
            }
        }
        int statLen = labels != null ? k : 3;
        this.leftStats = new double[statLen];
        this.rightStats = new double[statLen];
        this.missStats = new double[statLen];
        this.altLeft = new double[statLen];
        this.nodeStatsScratch = new double[statLen];
        this.evStats = new double[statLen];
        this.nFeature = this.ws.nFeature;
        this.nThreshold = this.ws.nThreshold;
        this.nLeft = this.ws.nLeft;
        this.nRight = this.ws.nRight;
        this.nValue = grow(this.ws.nValue, nFeature.length * outputs);
        this.nImpurity = this.ws.nImpurity;
        this.nSamples = this.ws.nSamples;
        this.nWeighted = this.ws.nWeighted;
        this.nMissingLeft = this.ws.nMissingLeft;
        this.nCatStart = this.ws.nCatStart;
        this.catTable = this.ws.catTable;
        int[] cl = s.categoryLevels();
        int maxLevels = 0;
        if (cl != null) {
            if (cl.length != p) {
                throw new IllegalArgumentException("categoryLevels has " + cl.length + " entries for " + p + " features");
            }
            boolean any = false;
            for (int f = 0; f < p; f++) {
                if (cl[f] > 0) {
                    any = true;
                    maxLevels = Math.max(maxLevels, cl[f]);
                    checkCodes(x, n, f, cl[f]);
                }
            }
            if (!any) {
                cl = null;
            }
        }
        this.catLevels = cl;
        this.lvStats = new double[maxLevels * statLen];
        this.lvCount = new int[maxLevels];
        this.present = new int[maxLevels];
        this.order = new int[maxLevels];
        this.orderKey = new double[maxLevels];
        this.lvStart = new int[maxLevels + 1];
        this.lvMark = new boolean[maxLevels];
        this.bestCat = new int[maxLevels];
        if (s.criterion() == Criterion.ABSOLUTE_ERROR) {
            rank = new int[n];
            ySorted = new double[n];
            targetRanks(y, n, rank, ySorted);
            fenL = new Fenwick(n);
            fenR = new Fenwick(n);
        } else {
            rank = null;
            ySorted = null;
            fenL = null;
            fenR = null;
        }
    }

    /** The 1-based rank of each target (ties by row) into {@code rank}, and the targets in rank order into {@code ySorted}. */
    private static void targetRanks(double[] y, int n, int[] rank, double[] ySorted) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(y[a], y[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r + 1;
            ySorted[r] = y[order[r]];
        }
    }

    /** The number of weights {@code > 0} among {@code w[0, n)}, checking that each is finite and {@code >= 0}. */
    private static int positiveCount(double[] w, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("sample weight " + w[i] + " at row " + i + " is not a finite number >= 0");
            }
            m += w[i] > 0 ? 1 : 0;
        }
        return m;
    }

    /** The sum of the weights {@code > 0} among {@code w[0, n)}, in row order. */
    private static double positiveTotal(double[] w, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                total += w[i];
            }
        }
        return total;
    }

    /** The largest of {@code w[0, m)} when each is a whole number below 2^31, else -1. */
    private static double maxIntegerWeight(double[] w, int m) {
        double maxW = 0;
        for (int i = 0; i < m; i++) {
            if (!(w[i] == Math.rint(w[i]) && w[i] < 0x1p31)) {
                return -1;
            }
            maxW = Math.max(maxW, w[i]);
        }
        return maxW;
    }

    /** The rows of weight > 0 into samples[], and their weights and labels (targets) into the node-local copies. */
    private void copyRows() {
        for (int i = 0, j = 0; i < n; i++) {
            if (w[i] > 0) {
                samples[j++] = i;
            }
        }
        for (int i = 0; i < ns; i++) {
            int r = samples[i];
            sw[i] = w[r];
            if (labels != null) {
                sLab[i] = labels[r];
            } else {
                sY[i] = y[r];
            }
        }
    }

    /** Feature {@code f}'s ranks of the rows of samples[] into its node-local copy. */
    private void copyRanks(int f) {
        int off = f * n;
        int o = f * ns;
        for (int i = 0; i < ns; i++) {
            sRk[o + i] = rk[off + samples[i]];
        }
    }

    /** Feature {@code f}'s values of the rows of samples[] into its node-local copy (random splits). */
    private void copyValues(int f) {
        int off = f * n;
        int o = f * ns;
        for (int i = 0; i < ns; i++) {
            sX[o + i] = x[off + samples[i]];
        }
    }

    /**
     * Weight, weighted target and count sums over target ranks (a Fenwick tree, Fenwick 1994), giving the
     * weighted median and the absolute deviation {@code sum w |y - median|} of the rows it holds.
     */
    private final class Fenwick {
        final int size;
        final double[] wt;
        final double[] wy;
        final int[] cnt;
        double totalW;
        double totalWy;
        int top;

        Fenwick(int size) {
            this.size = size;
            wt = new double[size + 1];
            wy = new double[size + 1];
            cnt = new int[size + 1];
            top = Integer.highestOneBit(Math.max(1, size));
        }

        void add(int row, double sign) {
            double a = sign * w[row];
            double b = sign * w[row] * y[row];
            int c = (int) sign;
            for (int i = rank[row]; i <= size; i += i & -i) {
                wt[i] += a;
                wy[i] += b;
                cnt[i] += c;
            }
            totalW += a;
            totalWy += b;
        }

        /** Zeroes the entries of the given rows exactly (the tree is empty afterwards). */
        void clear(int[] rows, int m) {
            for (int q = 0; q < m; q++) {
                for (int i = rank[rows[q]]; i <= size; i += i & -i) {
                    wt[i] = 0;
                    wy[i] = 0;
                    cnt[i] = 0;
                }
            }
            totalW = 0;
            totalWy = 0;
        }

        double prefixW(int r) {
            double t = 0;
            for (int i = r; i > 0; i -= i & -i) {
                t += wt[i];
            }
            return t;
        }

        double prefixWy(int r) {
            double t = 0;
            for (int i = r; i > 0; i -= i & -i) {
                t += wy[i];
            }
            return t;
        }

        int prefixCount(int r) {
            int t = 0;
            for (int i = r; i > 0; i -= i & -i) {
                t += cnt[i];
            }
            return t;
        }

        /** The smallest rank whose prefix weight reaches {@code target}. */
        int searchWeight(double target) {
            int pos = 0;
            double rem = target;
            for (int step = top; step > 0; step >>= 1) {
                int nx = pos + step;
                if (nx <= size && wt[nx] < rem) {
                    pos = nx;
                    rem -= wt[nx];
                }
            }
            return Math.min(pos + 1, size);
        }

        /** The smallest rank whose prefix count reaches {@code target}. */
        int searchCount(int target) {
            int pos = 0;
            int rem = target;
            for (int step = top; step > 0; step >>= 1) {
                int nx = pos + step;
                if (nx <= size && cnt[nx] < rem) {
                    pos = nx;
                    rem -= cnt[nx];
                }
            }
            return Math.min(pos + 1, size);
        }

        /** {@code sum w |y - median_w|} of the rows held. */
        double absDev() {
            if (!(totalW > 0)) {
                return 0;
            }
            double half = totalW / 2.0;
            int r = searchWeight(half);
            double wle = prefixW(r);
            double med = ySorted[r - 1];
            if (wle == half) {
                int r2 = searchCount(prefixCount(r) + 1);
                med = (med + ySorted[r2 - 1]) / 2.0;
            }
            double sle = prefixWy(r);
            return med * wle - sle + (totalWy - sle) - med * (totalW - wle);
        }
    }

    /** Weighted median (scikit-learn's rule) and {@code sum w |y - median|} of samples[start, end). */
    private double[] medianAbsDev(int start, int end) {
        int m = end - start;
        double[] ys = new double[m];
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            ys[i] = y[samples[start + i]];
            idx[i] = samples[start + i];
        }
        Sorting.sort(ys, idx, 0, m);
        double total = 0;
        for (int i = 0; i < m; i++) {
            total += w[idx[i]];
        }
        double half = total / 2.0;
        double cum = 0;
        double med = ys[m - 1];
        for (int i = 0; i < m; i++) {
            cum += w[idx[i]];
            if (cum >= half) {
                med = cum == half && i + 1 < m ? (ys[i] + ys[i + 1]) / 2.0 : ys[i];
                break;
            }
        }
        double dev = 0;
        for (int i = 0; i < m; i++) {
            dev += w[idx[i]] * Math.abs(ys[i] - med);
        }
        return new double[] {med, dev};
    }

    /**
     * The dense rank of every value of each feature of the column-major {@code n x p} array {@code x}
     * (equal values share a rank; missing values none), computed once and shared by all the trees grown
     * on the same {@code x} (a forest): a node then orders its rows by sorting packed {@code (rank, row)}
     * longs, which gives the same order of values as sorting the values themselves.
     */
    public static final class Ranks {
        final int n;
        final int p;
        final int[] rank;
        // feature f's distinct values in increasing order at values[f * n + rank]
        final double[] values;
        // per feature, whether any value is missing, and its number of distinct values
        final boolean[] missing;
        final int[] distinct;

        private Ranks(int n, int p, int[] rank, double[] values) {
            this.n = n;
            this.p = p;
            this.rank = rank;
            this.values = values;
            this.missing = new boolean[p];
            this.distinct = new int[p];
            for (int f = 0; f < p; f++) {
                int off = f * n;
                int top = -1;
                for (int i = 0; i < n; i++) {
                    int q = rank[off + i];
                    missing[f] |= q < 0;
                    top = Math.max(top, q);
                }
                distinct[f] = top + 1;
            }
        }
    }

    /** Per feature of the column-major {@code n x p} array {@code x}, whether any of its values is NaN. */
    private static boolean[] missingFeatures(double[] x, int n, int p) {
        boolean[] missing = new boolean[p];
        for (int f = 0; f < p; f++) {
            int off = f * n;
            for (int i = 0; i < n && !missing[f]; i++) {
                missing[f] = Double.isNaN(x[off + i]);
            }
        }
        return missing;
    }

    /** The {@link Ranks} of {@code x} ({@code n x p}, column-major); features are ranked in parallel. */
    public static Ranks ranks(double[] x, int n, int p) {
        return ranks(x, n, p, true);
    }

    private static Ranks ranks(double[] x, int n, int p, boolean parallel) {
        if (x.length < (long) n * p) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected " + n + " x " + p);
        }
        int[] rank = new int[n * p];
        double[] values = new double[n * p];
        // the sort buffers (4 arrays of n), one set per thread at work, taken from this pool per feature and given back
        java.util.concurrent.ConcurrentLinkedDeque<Object[]> pool = new java.util.concurrent.ConcurrentLinkedDeque<>();
        dev.derive.runtime.Parallelism.forEach(p, parallel ? 2 : Integer.MAX_VALUE, f -> {
            Object[] buf = pool.pollFirst();
            if (buf == null) {
                buf = new Object[] {new long[n], new int[n], new long[n], new int[n]};
            }
            rankFeature(x, n, f, rank, values, (long[]) buf[0], (int[]) buf[1], (long[]) buf[2], (int[]) buf[3]);
            pool.addFirst(buf);
        });
        return new Ranks(n, p, rank, values);
    }

    /**
     * Ranks feature {@code f}: its present values, as unsigned order-preserving 64-bit images (-0.0 folded into 0.0),
     * radix sorted with their rows, then ranked in one pass, a rank per distinct value (sort buffers of n given).
     */
    private static void rankFeature(double[] x, int n, int f, int[] rank, double[] values, long[] sorted, int[] rows, long[] tmpKeys,
                                    int[] tmpRows) {
        int off = f * n;
        int m = 0;
        for (int i = 0; i < n; i++) {
            double a = x[off + i];
            if (a == a) {
                long b = Double.doubleToRawLongBits(a + 0.0);
                sorted[m] = b ^ ((b >> 63) | Long.MIN_VALUE);
                rows[m++] = i;
            } else {
                rank[off + i] = -1;
            }
        }
        Sorting.radixUnsigned(sorted, rows, tmpKeys, tmpRows, m);
        int d = -1;
        for (int q = 0; q < m; q++) {
            if (q == 0 || sorted[q] != sorted[q - 1]) {
                values[off + ++d] = x[off + rows[q]] + 0.0;
            }
            rank[off + rows[q]] = d;
        }
    }

    /**
     * A classification tree on the column-major {@code n x p} array {@code x} with class indices
     * {@code labels} in {@code [0, classes)} and per-row {@code weights} ({@code null} for 1; rows of
     * weight 0 are left out, so bootstrap counts can be passed as weights). Leaf values are weighted
     * class totals.
     */
    public static Tree classification(double[] x, int n, int p, int[] labels, int classes, double[] weights, Settings s, long seed) {
        return classification(x, n, p, labels, classes, weights, s, seed, null);
    }

    /** As {@link #classification(double[], int, int, int[], int, double[], Settings, long)} with the {@link #ranks} of {@code x} (null: computed here). */
    public static Tree classification(double[] x, int n, int p, int[] labels, int classes, double[] weights, Settings s, long seed,
                                      Ranks ranks) {
        return classification(x, n, p, labels, classes, weights, s, seed, ranks, null);
    }

    /**
     * As {@link #classification(double[], int, int, int[], int, double[], Settings, long, Ranks)}, growing the tree in
     * {@code workspace} (null: a new one); the tree does not depend on what the workspace was used for before.
     */
    public static Tree classification(double[] x, int n, int p, int[] labels, int classes, double[] weights, Settings s, long seed,
                                      Ranks ranks, Workspace workspace) {
        if (!s.criterion().classification()) {
            throw new IllegalArgumentException("criterion " + s.criterion() + " is for regression");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, " + classes + ")");
            }
        }
        return new TreeBuilder(x, n, p, labels, classes, null, weights, s, seed, ranks, workspace).grow();
    }

    /** A regression tree on {@code x} (as {@link #classification}) with real targets {@code y}; leaf values are weighted means. */
    public static Tree regression(double[] x, int n, int p, double[] y, double[] weights, Settings s, long seed) {
        return regression(x, n, p, y, weights, s, seed, null);
    }

    /** As {@link #regression(double[], int, int, double[], double[], Settings, long)} with the {@link #ranks} of {@code x} (null: computed here). */
    public static Tree regression(double[] x, int n, int p, double[] y, double[] weights, Settings s, long seed, Ranks ranks) {
        return regression(x, n, p, y, weights, s, seed, ranks, null);
    }

    /**
     * As {@link #regression(double[], int, int, double[], double[], Settings, long, Ranks)}, growing the tree in
     * {@code workspace} (null: a new one); the tree does not depend on what the workspace was used for before.
     */
    public static Tree regression(double[] x, int n, int p, double[] y, double[] weights, Settings s, long seed, Ranks ranks,
                                  Workspace workspace) {
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
        return new TreeBuilder(x, n, p, null, 0, y, weights, s, seed, ranks, workspace).grow();
    }

    // ------------------------------------------------------------------ statistics

    /** Accumulates the statistics of samples[start, end) into st (zeroed first). */
    private void stats(int start, int end, double[] st) {
        Arrays.fill(st, 0);
        for (int i = start; i < end; i++) {
            addLocal(i, st);
        }
    }

    /** As {@link #add} for the row at position {@code i} of samples[] (from the node-local copies). */
    private void addLocal(int i, double[] st) {
        double wi = sw[i];
        if (sLab != null) {
            st[sLab[i]] += wi;
        } else {
            double yi = sY[i];
            st[0] += wi;
            st[1] += wi * yi;
            st[2] += wi * third(yi);
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
    private double proxy(double[] l, double wl, double[] r, double wr) {
        if (fenL != null) {
            return -(fenL.absDev() + fenR.absDev());
        }
        if (s.criterion() == Criterion.POISSON) {
            double sl = l[1];
            double sr = r[1];
            if (sl <= EPSILON || sr <= EPSILON) {
                return Double.NEGATIVE_INFINITY; // a child with a zero mean has infinite deviance
            }
            return sl * Math.log(sl / wl) + sr * Math.log(sr / wr);
        }
        if (labels == null) {
            return l[1] * l[1] / wl + r[1] * r[1] / wr;
        }
        return -wl * impurity(l, wl) - wr * impurity(r, wr);
    }

    // ------------------------------------------------------------------ nodes

    /**
     * A chosen split; {@code catSet} is the level set of a categorical split ({@link Tree}'s layout), else null;
     * {@code left} and {@code right} the statistics of the children (as {@link #stats} gives them).
     */
    private record Split(int feature, double threshold, int pos, double improvement, boolean missingLeft, int[] catSet,
                         double[] left, double[] right) {
    }

    /** A node kept for best-first growth: its rows, depth and best admissible split. */
    private record Eval(int start, int end, int depth, Split split) {
    }

    // the node last evaluated: its statistics, weight, impurity, median (absolute error) and, when splitFound, its
    // best admissible split (feature, threshold, first right position, weighted impurity decrease, missing side,
    // categorical level set or null)
    private double[] evStats;
    private double evWeight;
    private double evImpurity;
    private double evMedian;
    private boolean splitFound;
    private int spFeature;
    private double spThreshold;
    private int spPos;
    private double spImprovement;
    private boolean spMissingLeft;
    private int[] spCatSet;

    /** The split last found by {@link #evaluate}, as a record (best-first growth keeps it). */
    private Split lastSplit() {
        return splitFound ? new Split(spFeature, spThreshold, spPos, spImprovement, spMissingLeft, spCatSet, leftStats.clone(),
                rightStats.clone()) : null;
    }

    /**
     * Evaluates the node of samples[start, end) at {@code depth}: its statistics, impurity and best admissible split
     * (into the ev and sp fields); returns whether it is split. {@code known}: the node's statistics when the split of
     * its parent computed them ({@link #finishSplit}: {@link #stats} over the same rows in the same order, so the
     * same sums; the children's statistics are left in leftStats and rightStats), with their offset; else null.
     */
    private boolean evaluate(int start, int end, int depth, double[] known, int at) {
        double[] st = evStats;
        if (known != null) {
            System.arraycopy(known, at, st, 0, st.length);
        } else {
            stats(start, end, st);
        }
        double wn = weight(st);
        double imp;
        double median = Double.NaN;
        if (fenL != null) {
            double[] md = medianAbsDev(start, end);
            median = md[0];
            imp = md[1] / wn;
        } else {
            imp = impurity(st, wn);
        }
        int count = end - start;
        boolean leaf = depth >= s.maxDepth() || count < s.minSamplesSplit() || count < 2 * s.minSamplesLeaf()
                || wn < 2 * s.minWeightLeaf() || imp <= EPSILON;
        evWeight = wn;
        evImpurity = imp;
        evMedian = median;
        splitFound = false;
        if (!leaf) {
            splitFound = bestSplit(start, end, st, wn, imp) && !(spImprovement + EPSILON < s.minImpurityDecrease());
        }
        return splitFound;
    }

    // the sort keys of the feature being searched: rank = key >>> rankShift, and either (weightKeys) weight =
    // (key >>> labelBits) & weightMask and label = key & labelMask, or position - start = key & posMask
    private int rankShift;
    private long posMask;
    private boolean weightKeys;
    private long weightMask;
    private long labelMask;
    // the best candidate of the node being searched
    private int bestFeature;
    private double bestThreshold;
    private double bestProxy;
    private boolean bestMissingLeft;

    /**
     * Scores a candidate with {@code q} of the {@code mm} non-missing rows (left statistics in
     * {@code leftStats}, weight {@code wl}) to the left, once with the {@code nm} missing rows
     * ({@code missStats}, weight {@code wMiss}) to the right and, if there are any, once to the left.
     */
    private void consider(int feat, double t, int q, int mm, int nm, double wl, double wMiss, double wn) {
        // missing to the right: right = node - left
        for (int j = 0; j < rightStats.length; j++) {
            rightStats[j] = nodeStatsScratch[j] - leftStats[j];
        }
        if (q >= s.minSamplesLeaf() && mm - q + nm >= s.minSamplesLeaf()
                && wl >= s.minWeightLeaf() && wn - wl >= s.minWeightLeaf() && q > 0 && mm - q + nm > 0) {
            double score = proxy(leftStats, wl, rightStats, wn - wl);
            if (score > bestProxy) {
                bestProxy = score;
                bestFeature = feat;
                bestThreshold = t;
                bestMissingLeft = false;
            }
        }
        if (nm == 0) {
            return;
        }
        // missing to the left
        for (int j = 0; j < rightStats.length; j++) {
            altLeft[j] = leftStats[j] + missStats[j];
            rightStats[j] = nodeStatsScratch[j] - altLeft[j];
        }
        double wl2 = wl + wMiss;
        if (q + nm >= s.minSamplesLeaf() && mm - q >= s.minSamplesLeaf()
                && wl2 >= s.minWeightLeaf() && wn - wl2 >= s.minWeightLeaf() && mm - q > 0) {
            double score = proxy(altLeft, wl2, rightStats, wn - wl2);
            if (score > bestProxy) {
                bestProxy = score;
                bestFeature = feat;
                bestThreshold = t;
                bestMissingLeft = true;
            }
        }
    }

    /** Searches the best split of samples[start, end) into the sp fields; false when there is none. */
    private boolean bestSplit(int start, int end, double[] nodeStats, double wn, double nodeImpurity) {
        int m = end - start;
        bestFeature = -1;
        bestThreshold = 0;
        bestProxy = Double.NEGATIVE_INFINITY;
        bestMissingLeft = false;
        System.arraycopy(nodeStats, 0, nodeStatsScratch, 0, nodeStats.length);
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
            boolean splittable = catLevels != null && catLevels[feat] > 0 ? scanCategorical(feat, start, m, wn) : searchFeature(feat, start, m, wn);
            if (splittable) {
                nonConstant++;
            }
        }
        if (bestFeature < 0) {
            return false;
        }
        finishSplit(start, end, wn, nodeImpurity);
        return true;
    }

    // the node's rows of the feature being searched, gathered by gatherRandom / gatherSorted: mm present ones (in
    // keys, or in ids/vals for random splits), nm missing ones (in missIds, their statistics in missStats, weight
    // gMissWeight), the smallest and largest present value
    private int gMm;
    private int gNm;
    private double gMissWeight;
    private double gLo;
    private double gHi;

    /**
     * Scores the splits of numeric feature {@code feat} over the {@code m} rows of the node starting at {@code start};
     * returns false when the feature cannot split the node (constant and no missing rows, or all missing).
     */
    private boolean searchFeature(int feat, int start, int m, double wn) {
        int off = feat * n;
        Arrays.fill(missStats, 0);
        if (sX != null && fenL == null) {
            return searchLocal(feat, start, m, wn);
        }
        if (rk == null) {
            gatherRandom(feat, off, start, m);
        } else {
            gatherSorted(feat, off, start, m);
        }
        int mm = gMm;
        int nm = gNm;
        double wMiss = gMissWeight;
        double lo = gLo;
        double hi = gHi;
        boolean constant = mm == 0 || hi <= lo + FEATURE_THRESHOLD;
        if (constant && (nm == 0 || mm == 0)) {
            return false; // nothing to separate in this node
        }
        if (rk != null && (fenL != null || constant) && !weightKeys) {
            keysToRows(off, start, mm);
        }
        Arrays.fill(leftStats, 0);
        if (fenL != null) {
            scanAbsoluteError(feat, mm, nm, constant, lo, hi, wn);
        } else if (constant) {
            scanConstant(feat, mm, nm, wMiss, wn);
        } else if (s.randomSplits()) {
            scanRandom(feat, mm, nm, wMiss, wn, lo, hi);
        } else if (nm == 0 && (s.criterion() == Criterion.GINI || s.criterion() == Criterion.SQUARED_ERROR)) {
            scanFast(feat, off, start, mm, wn);
        } else {
            scanSorted(feat, off, start, mm, nm, wMiss, wn);
        }
        return true;
    }

    /** Random splits: the node's present values and rows into vals/ids, the missing rows into missIds (no sort). */
    private void gatherRandom(int feat, int off, int start, int m) {
        int mm = 0;
        int nm = 0;
        double wMiss = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int fo = sX != null ? feat * ns + start : -1;
        for (int i = 0; i < m; i++) {
            int r = samples[start + i];
            double v = fo >= 0 ? sX[fo + i] : x[off + r];
            if (v != v) { // missing
                addLocal(start + i, missStats);
                wMiss += sw[start + i];
                missIds[nm++] = r;
            } else {
                ids[mm] = r;
                lpos[mm] = start + i;
                vals[mm++] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        gMm = mm;
        gNm = nm;
        gMissWeight = wMiss;
        gLo = lo;
        gHi = hi;
    }

    /**
     * Random splits on the node-local values (not absolute error): the same candidate, sums and draws as
     * {@link #gatherRandom} then {@link #scanRandom} (or {@link #scanConstant}), read straight from the feature's
     * contiguous values in node order, without gathering them.
     */
    private boolean searchLocal(int feat, int start, int m, double wn) {
        int fo = feat * ns + start;
        if (anyMissing[feat]) {
            rangeLocal(fo, start, m);
        } else {
            rangePresent(fo, m);
        }
        int mm = gMm;
        int nm = gNm;
        double wMiss = gMissWeight;
        double lo = gLo;
        double hi = gHi;
        boolean constant = mm == 0 || hi <= lo + FEATURE_THRESHOLD;
        if (constant && (nm == 0 || mm == 0)) {
            return false; // nothing to separate in this node
        }
        Arrays.fill(leftStats, 0);
        // a constant feature with missing rows: the only split, every present row left (x <= +inf), the missing ones right
        double t = Double.POSITIVE_INFINITY;
        if (!constant) {
            // one uniform threshold in [min, max) of the node's values (as scikit-learn's RandomSplitter)
            t = lo + rng.nextDouble() * (hi - lo);
            if (t >= hi) {
                t = lo;
            }
        }
        double wl = leftLocal(fo, start, m, t);
        consider(feat, t, gLeft, mm, nm, wl, wMiss, wn);
        return true;
    }

    /**
     * The present and missing rows of the node-local values at {@code fo} ({@code m} of them, the node starting at
     * {@code start}): counts, the missing rows' statistics and weight, the smallest and largest present value.
     */
    private void rangeLocal(int fo, int start, int m) {
        int nm = 0;
        double wMiss = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double v = sX[fo + i];
            if (v != v) { // missing
                addLocal(start + i, missStats);
                wMiss += sw[start + i];
                nm++;
            } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        gMm = m - nm;
        gNm = nm;
        gMissWeight = wMiss;
        gLo = lo;
        gHi = hi;
    }

    /**
     * {@link #rangeLocal} for a feature that no row misses: the smallest and largest of the {@code m} node-local
     * values at {@code fo} (a loop without the missing-value branch; min and max do not depend on the order, signed
     * zeros included, so the values are those of the general loop).
     */
    private void rangePresent(int fo, int m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double v = sX[fo + i];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        gMm = m;
        gNm = 0;
        gMissWeight = 0;
        gLo = lo;
        gHi = hi;
    }

    // the number of rows leftLocal sent left
    private int gLeft;

    /**
     * Adds the rows of the node-local values at {@code fo} ({@code m} of them, the node starting at {@code start})
     * whose value is {@code <= t} to leftStats, in node order; returns their weight, their count into gLeft.
     */
    private double leftLocal(int fo, int start, int m, double t) {
        double wl = 0;
        int q = 0;
        for (int i = 0; i < m; i++) {
            if (sX[fo + i] <= t) {
                addLocal(start + i, leftStats);
                wl += sw[start + i];
                q++;
            }
        }
        gLeft = q;
        return wl;
    }

    /**
     * Orders the node's rows by the value of feature {@code feat}: sorts longs that order them by (rank, row), whose
     * rank is key >>> rankShift and position in the node key & posMask. The key packs (rank, row, position) when the
     * bits fit in 63, else (rank, row), mapped to (rank, position) after the sort. With integer weights
     * (classification) the order of equal values does not change any sum, and the key is (rank, weight, label): the
     * scan then reads nothing but the keys. Missing rows go to missIds.
     */
    private void gatherSorted(int feat, int off, int start, int m) {
        int posBits = bits(m - 1);
        int rankBits = bits(distinct[feat] - 1);
        weightKeys = intWeights && !NO_WEIGHT_KEYS && rankBits + weightBits + labelBits <= 63;
        boolean packed = weightKeys || (!NEVER_PACK && rankBits + rowBits + posBits <= 63);
        rankShift = weightKeys ? weightBits + labelBits : packed ? rowBits + posBits : 32;
        posMask = packed ? (1L << posBits) - 1 : 0xFFFFFFFFL;
        weightMask = (1L << weightBits) - 1;
        labelMask = (1L << labelBits) - 1;
        int mm;
        if (sRk != null && weightKeys) {
            mm = weightKeysLocal(feat * ns + start, start, m);
        } else {
            mm = rowKeys(feat, off, start, m, packed, posBits);
        }
        gMm = mm;
        gLo = Double.POSITIVE_INFINITY;
        gHi = Double.NEGATIVE_INFINITY;
        if (mm > 0) {
            int keyBits = rankShift + rankBits;
            if (mm >= RADIX_MIN && keyBits <= 44) {
                Sorting.radix(keys, radixTmp(), mm, keyBits, ws.radixCounts);
            } else {
                Arrays.sort(keys, 0, mm);
            }
            if (!packed) {
                unpackPositions(start, m, mm);
            }
            gLo = uv[off + (int) (keys[0] >>> rankShift)];
            gHi = uv[off + (int) (keys[mm - 1] >>> rankShift)];
        }
    }

    /** The (rank, weight, label) keys of the node's present rows from the node-local ranks at {@code so}; returns their count. */
    private int weightKeysLocal(int so, int start, int m) {
        int mm = 0;
        int nm = 0;
        double wMiss = 0;
        int shift = rankShift;
        int lb = labelBits;
        for (int i = 0; i < m; i++) {
            int q = sRk[so + i];
            if (q < 0) { // missing
                wMiss += missingRow(start + i, nm++);
            } else {
                keys[mm++] = ((long) q << shift) | ((long) sw[start + i] << lb) | sLab[start + i];
            }
        }
        gNm = nm;
        gMissWeight = wMiss;
        return mm;
    }

    /** Records the row at position {@code i} as the {@code nm}-th missing one; returns its weight. */
    private double missingRow(int i, int nm) {
        addLocal(i, missStats);
        missIds[nm] = samples[i];
        return sw[i];
    }

    /** The sort keys of the node's present rows in the general layouts (any of the three); returns their count. */
    private int rowKeys(int feat, int off, int start, int m, boolean packed, int posBits) {
        int mm = 0;
        int nm = 0;
        double wMiss = 0;
        int so = sRk == null ? -1 : feat * ns + start;
        for (int i = 0; i < m; i++) {
            int r = samples[start + i];
            int q = so >= 0 ? sRk[so + i] : rk[off + r];
            if (q < 0) { // missing
                wMiss += missingRow(start + i, nm++);
            } else if (weightKeys) {
                keys[mm++] = ((long) q << rankShift) | ((long) sw[start + i] << labelBits) | sLab[start + i];
            } else {
                keys[mm++] = packed ? ((long) q << rankShift) | ((long) r << posBits) | i : ((long) q << 32) | r;
            }
        }
        gNm = nm;
        gMissWeight = wMiss;
        return mm;
    }

    /** Unpacked keys: maps each sorted key's row to its position in the node (key = (rank, position)). */
    private void unpackPositions(int start, int m, int mm) {
        int[] posOf = ws.posOf = grow(ws.posOf, n);
        for (int i = 0; i < m; i++) {
            posOf[samples[start + i]] = i;
        }
        for (int i = 0; i < mm; i++) {
            keys[i] = (keys[i] & 0xFFFFFFFF00000000L) | posOf[(int) keys[i]];
        }
    }

    /** The sorted rows and values of the feature at {@code off} into ids/vals (absolute error, constant features). */
    private void keysToRows(int off, int start, int mm) {
        for (int i = 0; i < mm; i++) {
            int r = samples[start + (int) (keys[i] & posMask)];
            ids[i] = r;
            vals[i] = x[off + r];
        }
    }

    /** A constant feature with missing rows: the only split, every present row left and the missing ones right. */
    private void scanConstant(int feat, int mm, int nm, double wMiss, double wn) {
        double wl = 0;
        for (int i = 0; i < mm; i++) {
            if (weightKeys) {
                double wi = (keys[i] >>> labelBits) & weightMask;
                leftStats[(int) (keys[i] & labelMask)] += wi;
                wl += wi;
            } else {
                add(ids[i], leftStats);
                wl += w[ids[i]];
            }
        }
        consider(feat, Double.POSITIVE_INFINITY, mm, mm, nm, wl, wMiss, wn);
    }

    /** Random splits: one uniform threshold in [min, max) of the node's values (as scikit-learn's RandomSplitter). */
    private void scanRandom(int feat, int mm, int nm, double wMiss, double wn, double lo, double hi) {
        double t = lo + rng.nextDouble() * (hi - lo);
        if (t >= hi) {
            t = lo;
        }
        double wl = 0;
        int q = 0;
        for (int i = 0; i < mm; i++) {
            if (vals[i] <= t) {
                int j = lpos[i];
                addLocal(j, leftStats);
                wl += sw[j];
                q++;
            }
        }
        consider(feat, t, q, mm, nm, wl, wMiss, wn);
    }

    /** The exact scan of the sorted keys (any criterion but absolute error, missing rows allowed): thresholds between consecutive distinct values. */
    private void scanSorted(int feat, int off, int start, int mm, int nm, double wMiss, double wn) {
        double wl = 0;
        long prev = keys[0];
        int minLeaf = s.minSamplesLeaf();
        for (int q = 1; q < mm; q++) {
            long key = keys[q];
            double wr;
            if (weightKeys) {
                wr = (prev >>> labelBits) & weightMask;
                leftStats[(int) (prev & labelMask)] += wr;
            } else {
                int i = start + (int) (prev & posMask);
                wr = sw[i];
                if (labels != null) {
                    leftStats[sLab[i]] += wr;
                } else {
                    addLocal(i, leftStats);
                }
            }
            wl += wr;
            int ra = (int) (prev >>> rankShift);
            int rb = (int) (key >>> rankShift);
            prev = key;
            if (ra == rb || q < minLeaf && nm == 0) {
                continue;
            }
            double va = uv[off + ra];
            double vb = uv[off + rb];
            if (vb <= va + FEATURE_THRESHOLD) {
                continue;
            }
            double t = va / 2.0 + vb / 2.0;
            if (t == vb || Double.isInfinite(t)) {
                t = va;
            }
            consider(feat, t, q, mm, nm, wl, wMiss, wn);
        }
        if (nm > 0) {
            // all non-missing rows left, the missing ones right
            if (weightKeys) {
                double wi = (keys[mm - 1] >>> labelBits) & weightMask;
                leftStats[(int) (keys[mm - 1] & labelMask)] += wi;
                wl += wi;
            } else {
                int last = start + (int) (keys[mm - 1] & posMask);
                addLocal(last, leftStats);
                wl += sw[last];
            }
            consider(feat, Double.POSITIVE_INFINITY, mm, mm, nm, wl, wMiss, wn);
        }
    }

    /**
     * Partitions the node's rows by the best split found and computes its exact children statistics and weighted
     * impurity decrease (not from the running sums), into the sp fields.
     */
    private void finishSplit(int start, int end, double wn, double nodeImpurity) {
        int feat = bestFeature;
        double thr = bestThreshold;
        boolean missLeft = bestMissingLeft;
        boolean sawMissing = anyMissing[feat] && sawMissing(feat, start, end);
        boolean categorical = catLevels != null && catLevels[feat] > 0;
        int pos = categorical ? partitionCategorical(start, end, feat, missLeft) : partition(start, end, feat, thr, missLeft);
        if (!sawMissing) {
            // no missing value seen here: a missing value at prediction goes to the child with more rows
            missLeft = pos - start > end - pos;
        }
        stats(start, pos, leftStats);
        stats(pos, end, rightStats);
        double wl = weight(leftStats);
        double wr = weight(rightStats);
        int[] catSet = categorical ? levelSet(start, end, feat, wl > wr) : null;
        double impL;
        double impR;
        if (fenL != null) {
            impL = medianAbsDev(start, pos)[1] / wl;
            impR = medianAbsDev(pos, end)[1] / wr;
        } else {
            impL = impurity(leftStats, wl);
            impR = impurity(rightStats, wr);
        }
        spFeature = feat;
        spThreshold = categorical ? Double.NaN : thr;
        spPos = pos;
        spImprovement = (wn / rootWeight) * (nodeImpurity - wr / wn * impR - wl / wn * impL);
        spMissingLeft = missLeft;
        spCatSet = catSet;
    }

    /** Whether a row of samples[start, end) misses feature {@code feat}. */
    private boolean sawMissing(int feat, int start, int end) {
        if (sX != null) {
            int o = feat * ns;
            for (int i = start; i < end; i++) {
                if (sX[o + i] != sX[o + i]) {
                    return true;
                }
            }
            return false;
        }
        for (int i = start; i < end; i++) {
            if (Double.isNaN(x[feat * n + samples[i]])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exact scan of one feature without missing values in the node, for Gini and squared error: the
     * same candidates, admissibility rules and scores (computed with the same floating-point operations)
     * as {@link #consider}, with the running sums and the best split kept in locals.
     */
    private void scanFast(int feat, int off, int start, int mm, double wn) {
        int minLeaf = s.minSamplesLeaf();
        double minW = s.minWeightLeaf();
        double best = bestProxy;
        double bestT = 0;
        boolean found = false;
        long prev = keys[0];
        double wl = 0;
        int shift = rankShift;
        long mask = posMask;
        double[] lw = sw;
        if (labels != null) {
            double[] l = leftStats;
            double[] node = nodeStatsScratch;
            int[] lab = sLab;
            int kk = k;
            boolean wk = weightKeys;
            int lb = labelBits;
            long wmask = weightMask;
            long lmask = labelMask;
            for (int q = 1; q < mm; q++) {
                long key = keys[q];
                double wr;
                if (wk) {
                    wr = (prev >>> lb) & wmask;
                    l[(int) (prev & lmask)] += wr;
                } else {
                    int i = start + (int) (prev & mask);
                    wr = lw[i];
                    l[lab[i]] += wr;
                }
                wl += wr;
                int ra = (int) (prev >>> shift);
                int rb = (int) (key >>> shift);
                prev = key;
                if (ra == rb || q < minLeaf) {
                    continue;
                }
                if (mm - q < minLeaf) {
                    break;
                }
                double wrt = wn - wl;
                if (wl < minW || wrt < minW) {
                    continue;
                }
                double sqL = 0;
                double sqR = 0;
                for (int c = 0; c < kk; c++) {
                    double a = l[c];
                    double b = node[c] - a;
                    sqL += a * a;
                    sqR += b * b;
                }
                double score = -wl * (1.0 - sqL / (wl * wl)) - wrt * (1.0 - sqR / (wrt * wrt));
                if (score > best) {
                    // the values are read only for a better score (they are scattered in memory): values closer
                    // than FEATURE_THRESHOLD are not separated, as if the candidate had not been scored
                    double va = uv[off + ra];
                    double vb = uv[off + rb];
                    if (vb <= va + FEATURE_THRESHOLD) {
                        continue;
                    }
                    best = score;
                    double t = va / 2.0 + vb / 2.0;
                    bestT = t == vb || Double.isInfinite(t) ? va : t;
                    found = true;
                }
            }
        } else {
            double sy = 0;
            double total = nodeStatsScratch[1];
            double[] ly = sY;
            for (int q = 1; q < mm; q++) {
                long key = keys[q];
                int i = start + (int) (prev & mask);
                double wr = lw[i];
                sy += wr * ly[i];
                wl += wr;
                int ra = (int) (prev >>> shift);
                int rb = (int) (key >>> shift);
                prev = key;
                if (ra == rb || q < minLeaf) {
                    continue;
                }
                if (mm - q < minLeaf) {
                    break;
                }
                double wrt = wn - wl;
                if (wl < minW || wrt < minW) {
                    continue;
                }
                double syr = total - sy;
                double score = sy * sy / wl + syr * syr / wrt;
                if (score > best) {
                    double va = uv[off + ra];
                    double vb = uv[off + rb];
                    if (vb <= va + FEATURE_THRESHOLD) {
                        continue;
                    }
                    best = score;
                    double t = va / 2.0 + vb / 2.0;
                    bestT = t == vb || Double.isInfinite(t) ? va : t;
                    found = true;
                }
            }
        }
        if (found) {
            bestProxy = best;
            bestFeature = feat;
            bestThreshold = bestT;
            bestMissingLeft = false;
        }
    }

    /**
     * The absolute error scan of one feature whose {@code mm} present node values are in {@code vals}/{@code ids}
     * (sorted unless random splits) and whose {@code nm} missing rows are in {@code missIds}: rows move from
     * the right Fenwick tree to the left one in value order, and each admissible threshold is scored by the
     * children's absolute deviations. With missing rows the scan runs twice, the missing rows held on the
     * right, then on the left (the better side wins, as for the other criteria), and "all present rows left,
     * missing right" is a candidate too (the only one for a constant feature).
     */
    private void scanAbsoluteError(int feat, int mm, int nm, boolean constant, double lo, double hi, double wn) {
        double t = Double.NaN;
        if (s.randomSplits() && !constant) {
            t = lo + rng.nextDouble() * (hi - lo);
            if (t >= hi) {
                t = lo;
            }
        }
        for (int side = 0; side < (nm > 0 ? 2 : 1); side++) {
            boolean missLeft = side == 1;
            Fenwick holder = missLeft ? fenL : fenR;
            double wl = 0;
            for (int i = 0; i < nm; i++) {
                holder.add(missIds[i], 1);
                if (missLeft) {
                    wl += w[missIds[i]];
                }
            }
            int nl = missLeft ? nm : 0;
            int nr = missLeft ? mm : mm + nm;
            for (int i = 0; i < mm; i++) {
                fenR.add(ids[i], 1);
            }
            if (constant) {
                // present rows all left, missing right: only from the missing-right configuration
                if (!missLeft) {
                    for (int i = 0; i < mm; i++) {
                        fenL.add(ids[i], 1);
                        fenR.add(ids[i], -1);
                        wl += w[ids[i]];
                    }
                    considerAbsolute(feat, Double.POSITIVE_INFINITY, mm, nm, wl, wn, false);
                }
            } else if (s.randomSplits()) {
                for (int i = 0; i < mm; i++) {
                    if (vals[i] <= t) {
                        fenL.add(ids[i], 1);
                        fenR.add(ids[i], -1);
                        wl += w[ids[i]];
                        nl++;
                        nr--;
                    }
                }
                considerAbsolute(feat, t, nl, nr, wl, wn, missLeft);
            } else {
                for (int q = 1; q <= mm; q++) {
                    int r = ids[q - 1];
                    fenL.add(r, 1);
                    fenR.add(r, -1);
                    wl += w[r];
                    nl++;
                    nr--;
                    if (q == mm) {
                        if (nm > 0 && !missLeft) { // all present rows left, missing right
                            considerAbsolute(feat, Double.POSITIVE_INFINITY, nl, nr, wl, wn, false);
                        }
                        break;
                    }
                    if (vals[q] <= vals[q - 1] + FEATURE_THRESHOLD) {
                        continue;
                    }
                    double th = vals[q - 1] / 2.0 + vals[q] / 2.0;
                    if (th == vals[q] || Double.isInfinite(th)) {
                        th = vals[q - 1];
                    }
                    considerAbsolute(feat, th, nl, nr, wl, wn, missLeft);
                }
            }
            fenL.clear(ids, mm);
            fenR.clear(ids, mm);
            fenL.clear(missIds, nm);
            fenR.clear(missIds, nm);
        }
    }

    /** Scores one absolute error candidate with {@code nl}/{@code nr} rows and weight {@code wl}/{@code wn - wl} on each side. */
    private void considerAbsolute(int feat, double t, int nl, int nr, double wl, double wn, boolean missLeft) {
        if (nl >= s.minSamplesLeaf() && nr >= s.minSamplesLeaf() && nl > 0 && nr > 0
                && wl >= s.minWeightLeaf() && wn - wl >= s.minWeightLeaf()) {
            double score = -(fenL.absDev() + fenR.absDev());
            if (score > bestProxy) {
                bestProxy = score;
                bestFeature = feat;
                bestThreshold = t;
                bestMissingLeft = missLeft;
            }
        }
    }

    // ------------------------------------------------------------------ categorical splits

    /** Checks that feature {@code f} of {@code x} holds level codes {@code 0..levels-1} or NaN. */
    private static void checkCodes(double[] x, int n, int f, int levels) {
        int off = f * n;
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            if (v == v && !(v >= 0 && v < levels && (int) v == v)) {
                throw new IllegalArgumentException("feature " + f + " is categorical with " + levels + " levels but holds " + v
                        + " at row " + i + "; expected a level code 0.." + (levels - 1) + " or NaN (missing)");
            }
        }
    }

    /** Adds the statistics of {@code row} to {@code st[off, off + statLen)}. */
    private void addAt(int row, double[] st, int off) {
        double wi = w[row];
        if (labels != null) {
            st[off + labels[row]] += wi;
        } else {
            double yi = y[row];
            st[off] += wi;
            st[off + 1] += wi * yi;
            st[off + 2] += wi * third(yi);
        }
    }

    /**
     * Searches the categorical feature {@code feat} over the {@code cnt} rows of the node starting at
     * {@code start}: gathers per-level statistics of the levels present, then scores binary partitions of
     * these levels (each with the missing rows on either side, through {@link #consider}):
     * <ul>
     * <li>regression (squared error, Poisson) and two-class classification: the levels sorted by mean target
     * (class-1 share) and the {@code m - 1} cuts of that order, which contain the optimal partition (Fisher 1958;
     * Breiman et al. 1984, Theorem 4.5);</li>
     * <li>absolute error with {@code m <= maxCategoriesExhaustive}: all partitions ({@link #exhaustiveAbsolute});
     * above: the same cuts of the mean order (a heuristic: the theorem needs a mean-determined impurity);</li>
     * <li>multiclass with {@code m <= maxCategoriesExhaustive}: all {@code 2^(m-1) - 1} partitions; above: the cuts of
     * the levels sorted by the first principal component of their class shares, and for each class, sorted by that
     * class's share (one-vs-rest orderings);</li>
     * <li>random splits: one random subset (each level left with probability 1/2, redrawn until both sides have a level).</li>
     * </ul>
     * With missing rows, "all present levels left, missing right" is a candidate too. Returns whether the
     * feature can be split here (two levels present, or one and missing rows).
     */
    private boolean scanCategorical(int feat, int start, int cnt, double wn) {
        int off = feat * n;
        int sl = leftStats.length;
        int nm = 0;
        double wMiss = 0;
        Arrays.fill(missStats, 0);
        int levels = 0;
        int mm = 0;
        for (int i = 0; i < cnt; i++) {
            int r = samples[start + i];
            double v = x[off + r];
            if (v != v) {
                add(r, missStats);
                wMiss += w[r];
                missIds[nm++] = r;
                continue;
            }
            int c = (int) v;
            if (lvCount[c]++ == 0) {
                present[levels++] = c;
            }
            addAt(r, lvStats, c * sl);
            mm++;
        }
        Arrays.sort(present, 0, levels); // level code order, whatever the row order
        boolean splittable = levels >= 2 || (levels == 1 && nm > 0);
        if (splittable) {
            if (s.randomSplits()) {
                int left = 0;
                if (levels == 1) {
                    order[0] = present[0];
                    left = 1;
                } else {
                    while (left == 0 || left == levels) {
                        left = 0;
                        int right = levels;
                        for (int q = 0; q < levels; q++) {
                            if (rng.nextBoolean()) {
                                order[left++] = present[q];
                            } else {
                                order[--right] = present[q];
                            }
                        }
                    }
                }
                if (fenL != null) {
                    categoricalAbsolute(feat, start, cnt, levels, mm, nm, wn, left);
                } else {
                    scanOrder(feat, levels, mm, nm, wMiss, wn, left);
                }
            } else if (fenL != null && levels <= s.maxCategoriesExhaustive()) {
                exhaustiveAbsolute(feat, start, cnt, levels, nm, wn);
            } else if (fenL != null) {
                sortLevels(levels, -1);
                categoricalAbsolute(feat, start, cnt, levels, mm, nm, wn, -1);
            } else if (labels == null || k <= 2) {
                sortLevels(levels, labels == null ? -1 : k - 1);
                scanOrder(feat, levels, mm, nm, wMiss, wn, -1);
            } else if (levels <= s.maxCategoriesExhaustive()) {
                exhaustive(feat, levels, mm, nm, wMiss, wn);
            } else {
                sortByPrincipalComponent(levels);
                scanOrder(feat, levels, mm, nm, wMiss, wn, -1);
                for (int cl = 0; cl < k; cl++) {
                    sortLevels(levels, cl);
                    scanOrder(feat, levels, mm, nm, wMiss, wn, -1);
                }
            }
        }
        for (int q = 0; q < levels; q++) {
            int c = present[q];
            lvCount[c] = 0;
            Arrays.fill(lvStats, c * sl, c * sl + sl, 0);
        }
        return splittable;
    }

    /**
     * Puts the present levels into {@code order}, sorted by their mean target ({@code cls < 0}) or by their
     * share of class {@code cls}; levels with equal keys keep their code order.
     */
    private void sortLevels(int levels, int cls) {
        int sl = leftStats.length;
        for (int q = 0; q < levels; q++) {
            int c = present[q];
            int o = c * sl;
            double key;
            if (labels == null) {
                key = lvStats[o + 1] / lvStats[o];
            } else {
                double t = 0;
                for (int j = 0; j < k; j++) {
                    t += lvStats[o + j];
                }
                key = lvStats[o + cls] / t;
            }
            orderKey[q] = key;
            order[q] = c;
        }
        if (levels <= 32) {
            // insertion sort (levels are few), stable: ties stay in code order
            for (int q = 1; q < levels; q++) {
                double key = orderKey[q];
                int c = order[q];
                int at = q;
                while (at > 0 && orderKey[at - 1] > key) {
                    orderKey[at] = orderKey[at - 1];
                    order[at] = order[at - 1];
                    at--;
                }
                orderKey[at] = key;
                order[at] = c;
            }
            return;
        }
        Sorting.sort(orderKey, order, 0, levels);
        for (int a = 0, b; a < levels; a = b) { // ties back in code order
            b = a + 1;
            while (b < levels && orderKey[b] == orderKey[a]) {
                b++;
            }
            Arrays.sort(order, a, b);
        }
    }

    /**
     * Multiclass: puts the present levels into {@code order} sorted by the projection of their class-share vectors
     * {@code p_l} on the first principal component of these vectors (weighted by the level weights {@code W_l}:
     * the top eigenvector of {@code sum_l W_l (p_l - pbar)(p_l - pbar)^T}, by power iteration from the column of
     * largest variance), the ordering of Coppersmith, Hong &amp; Hosking (1999).
     */
    private void sortByPrincipalComponent(int levels) {
        int sl = leftStats.length;
        double[] share = new double[levels * k];
        double[] weight = new double[levels];
        double[] mean = new double[k];
        double total = 0;
        for (int q = 0; q < levels; q++) {
            int o = present[q] * sl;
            double t = 0;
            for (int j = 0; j < k; j++) {
                t += lvStats[o + j];
            }
            weight[q] = t;
            total += t;
            for (int j = 0; j < k; j++) {
                share[q * k + j] = lvStats[o + j] / t;
                mean[j] += lvStats[o + j];
            }
        }
        for (int j = 0; j < k; j++) {
            mean[j] /= total;
        }
        double[] cov = new double[k * k];
        double[] d = new double[k];
        for (int q = 0; q < levels; q++) {
            for (int j = 0; j < k; j++) {
                d[j] = share[q * k + j] - mean[j];
            }
            for (int a = 0; a < k; a++) {
                double wa = weight[q] * d[a];
                for (int b = 0; b < k; b++) {
                    cov[a * k + b] += wa * d[b];
                }
            }
        }
        int top = 0;
        for (int j = 1; j < k; j++) {
            if (cov[j * k + j] > cov[top * k + top]) {
                top = j;
            }
        }
        double[] v = new double[k];
        double[] nv = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = cov[j * k + top];
        }
        for (int it = 0; it < 100; it++) {
            double norm = 0;
            for (int a = 0; a < k; a++) {
                double t = 0;
                for (int b = 0; b < k; b++) {
                    t += cov[a * k + b] * v[b];
                }
                nv[a] = t;
                norm += t * t;
            }
            if (!(norm > 0)) {
                break; // all levels share one class distribution: any order
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < k; j++) {
                v[j] = nv[j] / norm;
            }
        }
        for (int q = 0; q < levels; q++) {
            double key = 0;
            for (int j = 0; j < k; j++) {
                key += v[j] * share[q * k + j];
            }
            orderKey[q] = key;
            order[q] = present[q];
        }
        // insertion sort, ties in code order
        for (int q = 1; q < levels; q++) {
            double key = orderKey[q];
            int c = order[q];
            int at = q;
            while (at > 0 && orderKey[at - 1] > key) {
                orderKey[at] = orderKey[at - 1];
                order[at] = order[at - 1];
                at--;
            }
            orderKey[at] = key;
            order[at] = c;
        }
    }

    /** Adds the statistics of level {@code c} to {@code leftStats}; returns its row count. */
    private int addLevel(int c) {
        int sl = leftStats.length;
        int o = c * sl;
        for (int j = 0; j < sl; j++) {
            leftStats[j] += lvStats[o + j];
        }
        return lvCount[c];
    }

    /** Keeps {@code set[0, count)} as the left levels of the best split when the last candidate improved on {@code before}. */
    private void recordIfBetter(double before, int[] set, int count) {
        if (bestProxy != before) {
            System.arraycopy(set, 0, bestCat, 0, count);
            bestCatCount = count;
        }
    }

    /**
     * Scores the cuts of {@code order[0, levels)}: the first {@code j} levels left, for {@code j = 1..levels-1}
     * (and {@code j = levels} with missing rows), or only {@code j = only} when {@code only > 0}.
     */
    private void scanOrder(int feat, int levels, int mm, int nm, double wMiss, double wn, int only) {
        Arrays.fill(leftStats, 0);
        int q = 0;
        int last = only > 0 ? only : nm > 0 ? levels : levels - 1;
        for (int j = 1; j <= last; j++) {
            q += addLevel(order[j - 1]);
            if (only > 0 && j < only) {
                continue;
            }
            double before = bestProxy;
            consider(feat, Double.NaN, q, mm, nm, weight(leftStats), wMiss, wn);
            recordIfBetter(before, order, j);
        }
    }

    /**
     * Multiclass: every partition of the {@code levels} present levels, as the left sets holding the first
     * present level ({@code 2^(levels-1) - 1} of them, plus all levels left when there are missing rows).
     */
    private void exhaustive(int feat, int levels, int mm, int nm, double wMiss, double wn) {
        int subsets = 1 << (levels - 1);
        for (int mask = 0; mask < subsets; mask++) {
            if (mask == subsets - 1 && nm == 0) {
                continue; // all levels left: not a partition without missing rows
            }
            Arrays.fill(leftStats, 0);
            order[0] = present[0];
            int count = 1;
            int q = addLevel(present[0]);
            for (int b = 0; b < levels - 1; b++) {
                if ((mask >>> b & 1) != 0) {
                    order[count++] = present[b + 1];
                    q += addLevel(present[b + 1]);
                }
            }
            double before = bestProxy;
            consider(feat, Double.NaN, q, mm, nm, weight(leftStats), wMiss, wn);
            recordIfBetter(before, order, count);
        }
    }

    /**
     * Absolute error: the cuts of {@code order[0, levels)} (or only the cut {@code only} when {@code only > 0}),
     * rows moved between the children's Fenwick trees level by level, with the missing rows held right,
     * then left (as {@link #scanAbsoluteError}).
     */
    private void categoricalAbsolute(int feat, int start, int cnt, int levels, int mm, int nm, double wn, int only) {
        // the present rows grouped by level, in the order of order[]
        int off = feat * n;
        for (int q = 0; q < levels; q++) {
            lvStart[q + 1] = lvStart[q] + lvCount[order[q]];
        }
        int[] slot = new int[levels];
        int[] pos = new int[catLevels[feat]];
        for (int q = 0; q < levels; q++) {
            pos[order[q]] = q;
        }
        for (int i = 0; i < cnt; i++) {
            int r = samples[start + i];
            double v = x[off + r];
            if (v == v) {
                int q = pos[(int) v];
                ids[lvStart[q] + slot[q]++] = r;
            }
        }
        int last = only > 0 ? only : nm > 0 ? levels : levels - 1;
        for (int side = 0; side < (nm > 0 ? 2 : 1); side++) {
            boolean missLeft = side == 1;
            Fenwick holder = missLeft ? fenL : fenR;
            double wl = 0;
            for (int i = 0; i < nm; i++) {
                holder.add(missIds[i], 1);
                if (missLeft) {
                    wl += w[missIds[i]];
                }
            }
            int nl = missLeft ? nm : 0;
            int nr = missLeft ? mm : mm + nm;
            for (int i = 0; i < mm; i++) {
                fenR.add(ids[i], 1);
            }
            for (int j = 1; j <= last; j++) {
                for (int i = lvStart[j - 1]; i < lvStart[j]; i++) {
                    int r = ids[i];
                    fenL.add(r, 1);
                    fenR.add(r, -1);
                    wl += w[r];
                    nl++;
                    nr--;
                }
                if ((only > 0 && j < only) || (j == levels && missLeft)) {
                    continue; // all levels and the missing rows left is no split
                }
                double before = bestProxy;
                considerAbsolute(feat, Double.NaN, nl, nr, wl, wn, missLeft);
                recordIfBetter(before, order, j);
            }
            fenL.clear(ids, mm);
            fenR.clear(ids, mm);
            fenL.clear(missIds, nm);
            fenR.clear(missIds, nm);
        }
    }

    /**
     * Absolute error, at most {@link Settings#maxCategoriesExhaustive()} present levels: every binary partition of the
     * groups (the present levels, and the missing rows as one more group when there are any), scored by the exact
     * {@code sum w |y - median_w|} of each side. The partitions are the left sets holding the first present level;
     * a side's cost is evaluated from per-group prefix sums over the target order (the cost at a weighted median is
     * the least {@code sum w |y - m|} over all {@code m}, so the lower weighted median serves for every rule of
     * picking one), {@code O(G log^2 n)} per side for {@code G} groups, without moving rows. The first strictly
     * better partition in mask order wins.
     */
    private void exhaustiveAbsolute(int feat, int start, int cnt, int levels, int nm, double wn) {
        int groups = levels + (nm > 0 ? 1 : 0);
        AbsGroups g = absoluteGroups(feat, start, cnt, levels, nm);
        int all = (1 << groups) - 1;
        int[] set = new int[levels];
        for (int mask = 1; mask < all; mask += 2) { // group 0 (the first present level) always left
            double before = bestProxy;
            int nl = 0;
            double wl = 0;
            int count = 0;
            for (int q = 0; q < groups; q++) {
                if ((mask >>> q & 1) != 0) {
                    nl += g.count(q);
                    wl += g.weight(q);
                    if (q < levels) {
                        set[count++] = present[q];
                    }
                }
            }
            int nr = cnt - nl;
            if (nl >= s.minSamplesLeaf() && nr >= s.minSamplesLeaf() && wl >= s.minWeightLeaf() && wn - wl >= s.minWeightLeaf()) {
                double score = -(g.absDev(mask) + g.absDev(all & ~mask));
                if (score > bestProxy) {
                    bestProxy = score;
                    bestFeature = feat;
                    bestThreshold = Double.NaN;
                    bestMissingLeft = nm > 0 && (mask >>> levels & 1) != 0;
                }
            }
            recordIfBetter(before, set, count);
        }
    }

    /**
     * The node's rows of categorical feature {@code feat} in groups (group {@code q < levels}: level {@code present[q]};
     * group {@code levels}: the missing rows, when {@code nm > 0}), each group's target ranks sorted, with prefix sums of
     * weight and weighted target.
     */
    private AbsGroups absoluteGroups(int feat, int start, int cnt, int levels, int nm) {
        int groups = levels + (nm > 0 ? 1 : 0);
        int[] groupOf = new int[catLevels[feat]];
        for (int q = 0; q < levels; q++) {
            groupOf[present[q]] = q;
        }
        int[] from = new int[groups + 1];
        int off = feat * n;
        for (int i = 0; i < cnt; i++) {
            double v = x[off + samples[start + i]];
            from[(v != v ? levels : groupOf[(int) v]) + 1]++;
        }
        for (int q = 0; q < groups; q++) {
            from[q + 1] += from[q];
        }
        int[] at = Arrays.copyOf(from, groups);
        long[] keys = new long[cnt]; // (target rank, row) per group, sorted: rank order, ties by row
        for (int i = 0; i < cnt; i++) {
            int r = samples[start + i];
            double v = x[off + r];
            keys[at[v != v ? levels : groupOf[(int) v]]++] = ((long) rank[r] << 32) | r;
        }
        AbsGroups g = new AbsGroups(groups, from, cnt);
        for (int q = 0; q < groups; q++) {
            Arrays.sort(keys, from[q], from[q + 1]);
            double cw = 0;
            double cwy = 0;
            for (int i = from[q]; i < from[q + 1]; i++) {
                int r = (int) keys[i];
                g.rank[i] = (int) (keys[i] >>> 32);
                cw += w[r];
                cwy += w[r] * y[r];
                g.cumW[i + q + 1] = cw;
                g.cumWy[i + q + 1] = cwy;
            }
        }
        return g;
    }

    /**
     * Groups of rows for {@link #exhaustiveAbsolute}: group {@code q} holds entries {@code [from[q], from[q+1])} of
     * {@code rank} (target ranks, increasing), and its prefix sums of weight and weighted target at
     * {@code cumW[from[q] + q + j]} for its first {@code j} entries.
     */
    private final class AbsGroups {
        final int groups;
        final int[] from;
        final int[] rank;
        final double[] cumW;
        final double[] cumWy;

        AbsGroups(int groups, int[] from, int cnt) {
            this.groups = groups;
            this.from = from;
            this.rank = new int[cnt];
            this.cumW = new double[cnt + groups];
            this.cumWy = new double[cnt + groups];
        }

        int count(int q) {
            return from[q + 1] - from[q];
        }

        double weight(int q) {
            return cumW[from[q + 1] + q];
        }

        /** The number of entries of group {@code q} with target rank {@code <= r}. */
        int upTo(int q, int r) {
            int lo = from[q];
            int hi = from[q + 1];
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rank[mid] <= r) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - from[q];
        }

        /** The weight of the rows of the groups in {@code mask} with target rank {@code <= r}. */
        double weightUpTo(int mask, int r) {
            double t = 0;
            for (int q = 0; q < groups; q++) {
                if ((mask >>> q & 1) != 0) {
                    t += cumW[from[q] + q + upTo(q, r)];
                }
            }
            return t;
        }

        /** {@code sum w |y - median_w|} over the rows of the groups in {@code mask} (0 for none). */
        double absDev(int mask) {
            double total = 0;
            for (int q = 0; q < groups; q++) {
                if ((mask >>> q & 1) != 0) {
                    total += weight(q);
                }
            }
            if (!(total > 0)) {
                return 0;
            }
            // the lower weighted median: the least target rank whose prefix weight reaches half the total
            double half = total / 2.0;
            int lo = 1;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (weightUpTo(mask, mid) >= half) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            double med = ySorted[lo - 1];
            double dev = 0;
            for (int q = 0; q < groups; q++) {
                if ((mask >>> q & 1) != 0) {
                    int j = from[q] + q + upTo(q, lo);
                    double wle = cumW[j];
                    double sle = cumWy[j];
                    double wq = weight(q);
                    double sq = cumWy[from[q + 1] + q];
                    dev += med * wle - sle + (sq - sle) - med * (wq - wle);
                }
            }
            return dev;
        }
    }

    /** Moves the rows of samples[start, end) whose level is in the best left set (and the missing ones if {@code missingLeft}) to the front. */
    private int partitionCategorical(int start, int end, int f, boolean missingLeft) {
        for (int q = 0; q < bestCatCount; q++) {
            lvMark[bestCat[q]] = true;
        }
        int off = f * n;
        int i = start;
        int j = end - 1;
        while (i <= j) {
            double v = x[off + samples[i]];
            if (v != v ? missingLeft : lvMark[(int) v]) {
                i++;
            } else {
                swap(i, j);
                j--;
            }
        }
        for (int q = 0; q < bestCatCount; q++) {
            lvMark[bestCat[q]] = false;
        }
        if (swapI != null) {
            replaySwaps(-1);
        }
        return i;
    }

    /**
     * The level set of the chosen categorical split of feature {@code f} in {@link Tree}'s layout: the best
     * left levels, plus, when {@code heavierLeft}, the levels absent from the node's rows and the "other" bit
     * (codes unknown at training), which go to the side with more training weight.
     */
    private int[] levelSet(int start, int end, int f, boolean heavierLeft) {
        int levels = catLevels[f];
        int[] set = new int[1 + Tree.setWords(levels)];
        set[0] = levels;
        if (heavierLeft) {
            int off = f * n;
            for (int i = start; i < end; i++) {
                double v = x[off + samples[i]];
                if (v == v) {
                    lvMark[(int) v] = true;
                }
            }
            for (int c = 0; c < levels; c++) {
                if (!lvMark[c]) {
                    set[1 + (c >>> 5)] |= 1 << (c & 31);
                }
                lvMark[c] = false;
            }
            set[1 + (levels >>> 5)] |= 1 << (levels & 31);
        }
        for (int q = 0; q < bestCatCount; q++) {
            int c = bestCat[q];
            set[1 + (c >>> 5)] |= 1 << (c & 31);
        }
        return set;
    }

    /**
     * Moves the rows of samples[start, end) with x[f] <= t (and the missing ones if {@code missingLeft})
     * to the front; returns the first row of the rest.
     */
    private int partition(int start, int end, int f, double t, boolean missingLeft) {
        int i = start;
        int j = end - 1;
        if (sRk != null) {
            // on the node-local ranks: x <= t exactly when rank <= the rank of the largest value <= t; the feature's
            // own ranks are swapped here (the loop reads them), the others' after the loop
            int top = rankAtMost(f, t);
            if (intWeights && !NO_PAIR_PARTITION) {
                return partitionRanksPairs(start, end, f, top, missingLeft);
            }
            int o = f * ns;
            while (i <= j) {
                int q = sRk[o + i];
                if (q >= 0 ? q <= top : missingLeft) {
                    i++;
                } else {
                    swap(i, j);
                    sRk[o + i] = sRk[o + j];
                    sRk[o + j] = q;
                    j--;
                }
            }
            replaySwaps(f);
            return i;
        }
        if (sX != null) {
            return partitionLocal(start, end, f, t, missingLeft);
        }
        int off = f * n;
        while (i <= j) {
            double v = x[off + samples[i]];
            if (v <= t || (missingLeft && v != v)) {
                i++;
            } else {
                swap(i, j);
                j--;
            }
        }
        return i;
    }

    /** {@link #partition} on the node-local values (random splits): the feature's own values swapped here, the others' after. */
    private int partitionLocal(int start, int end, int f, double t, boolean missingLeft) {
        if (intWeights && !NO_PAIR_PARTITION) {
            return partitionLocalPairs(start, end, f, t, missingLeft);
        }
        int i = start;
        int j = end - 1;
        int o = f * ns;
        while (i <= j) {
            double v = sX[o + i];
            if (v <= t || (missingLeft && v != v)) {
                i++;
            } else {
                swap(i, j);
                sX[o + i] = sX[o + j];
                sX[o + j] = v;
                j--;
            }
        }
        replaySwaps(f);
        return i;
    }

    /**
     * {@link #partitionLocal} with fewer swaps, for classification with integer weights (where the rows' order
     * within a node changes no sum, so the trees are the same): a right-going row met from the left is swapped with a
     * left-going row met from the right (Hoare 1962), so only the misplaced rows move, not every right-going one.
     */
    private int partitionLocalPairs(int start, int end, int f, double t, boolean missingLeft) {
        int i = start;
        int j = end - 1;
        int o = f * ns;
        double[] a = sX;
        while (true) {
            while (i <= j && leftOf(a[o + i], t, missingLeft)) {
                i++;
            }
            while (i < j && !leftOf(a[o + j], t, missingLeft)) {
                j--;
            }
            if (i >= j) {
                break;
            }
            swap(i, j);
            double v = a[o + i];
            a[o + i] = a[o + j];
            a[o + j] = v;
            i++;
            j--;
        }
        replaySwaps(f);
        return i;
    }

    /** Whether value {@code v} goes left at threshold {@code t} (missing values: {@code missingLeft}). */
    private static boolean leftOf(double v, double t, boolean missingLeft) {
        return v <= t || (missingLeft && v != v);
    }

    /** {@link #partitionLocalPairs} on the node-local ranks (exact splits): left when the rank is at most {@code top}. */
    private int partitionRanksPairs(int start, int end, int f, int top, boolean missingLeft) {
        int i = start;
        int j = end - 1;
        int o = f * ns;
        int[] a = sRk;
        while (true) {
            while (i <= j && leftOf(a[o + i], top, missingLeft)) {
                i++;
            }
            while (i < j && !leftOf(a[o + j], top, missingLeft)) {
                j--;
            }
            if (i >= j) {
                break;
            }
            swap(i, j);
            int q = a[o + i];
            a[o + i] = a[o + j];
            a[o + j] = q;
            i++;
            j--;
        }
        replaySwaps(f);
        return i;
    }

    /** Whether rank {@code q} (-1: missing) goes left at rank bound {@code top}. */
    private static boolean leftOf(int q, int top, boolean missingLeft) {
        return q >= 0 ? q <= top : missingLeft;
    }

    /** The rank of feature {@code f}'s largest distinct value {@code <= t} (-1 if none). */
    private int rankAtMost(int f, double t) {
        int off = f * n;
        int lo = 0;
        int hi = distinct[f]; // first rank whose value is > t lies in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (uv[off + mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The radix sort scratch (at least as long as the node's keys), the workspace's, allocated on first use. */
    private long[] radixTmp() {
        return ws.radix = grow(ws.radix, ns);
    }

    /** Swaps positions {@code i} and {@code j} of samples[] and of its node-local copies. */
    private void swap(int i, int j) {
        int tmp = samples[i];
        samples[i] = samples[j];
        samples[j] = tmp;
        double a = sw[i];
        sw[i] = sw[j];
        sw[j] = a;
        if (sLab != null) {
            int c = sLab[i];
            sLab[i] = sLab[j];
            sLab[j] = c;
        } else {
            double b = sY[i];
            sY[i] = sY[j];
            sY[j] = b;
        }
        if (swapI != null) {
            swapI[swaps] = i;
            swapJ[swaps++] = j;
        }
    }

    /**
     * Applies the swaps recorded by {@link #swap} to the node-local ranks (or, random splits, values) of every feature
     * but {@code skip}, one feature at a time.
     */
    private void replaySwaps(int skip) {
        if (sX != null) {
            replayValueSwaps(skip);
            return;
        }
        int m = ns;
        for (int f = 0; f < p; f++) {
            if (f == skip) {
                continue;
            }
            int o = f * m;
            for (int t = 0; t < swaps; t++) {
                int i = o + swapI[t];
                int j = o + swapJ[t];
                int q = sRk[i];
                sRk[i] = sRk[j];
                sRk[j] = q;
            }
        }
        swaps = 0;
    }

    /** {@link #replaySwaps} on the node-local values. */
    private void replayValueSwaps(int skip) {
        int m = ns;
        for (int f = 0; f < p; f++) {
            if (f == skip) {
                continue;
            }
            int o = f * m;
            for (int t = 0; t < swaps; t++) {
                int i = o + swapI[t];
                int j = o + swapJ[t];
                double v = sX[i];
                sX[i] = sX[j];
                sX[j] = v;
            }
        }
        swaps = 0;
    }

    /** Appends the node of samples[start, end) last {@link #evaluate evaluated}, as a leaf; returns its id. */
    private int addNode(int start, int end) {
        if (nodes == nFeature.length) {
            int cap = nodes * 2;
            nFeature = Arrays.copyOf(nFeature, cap);
            nThreshold = Arrays.copyOf(nThreshold, cap);
            nLeft = Arrays.copyOf(nLeft, cap);
            nRight = Arrays.copyOf(nRight, cap);
            nValue = Arrays.copyOf(nValue, Math.max(nValue.length, cap * outputs));
            nImpurity = Arrays.copyOf(nImpurity, cap);
            nSamples = Arrays.copyOf(nSamples, cap);
            nWeighted = Arrays.copyOf(nWeighted, cap);
            nMissingLeft = Arrays.copyOf(nMissingLeft, cap);
            nCatStart = Arrays.copyOf(nCatStart, cap);
        }
        int id = nodes++;
        nFeature[id] = -2;
        nThreshold[id] = -2;
        nLeft[id] = -1;
        nRight[id] = -1;
        nCatStart[id] = -1;
        nMissingLeft[id] = false;
        if (labels != null) {
            System.arraycopy(evStats, 0, nValue, id * outputs, k);
        } else {
            nValue[id] = fenL != null ? evMedian : evStats[1] / evWeight;
        }
        nImpurity[id] = evImpurity;
        nSamples[id] = end - start;
        nWeighted[id] = evWeight;
        return id;
    }

    private void setSplit(int id, Split split, int left, int right) {
        storeSplit(id, split.feature, split.threshold, split.missingLeft, split.catSet);
        nLeft[id] = left;
        nRight[id] = right;
    }

    /** Stores the feature, threshold, missing side and (categorical, else null) level set of a split at node {@code id}. */
    private void storeSplit(int id, int feature, double threshold, boolean missingLeft, int[] catSet) {
        nFeature[id] = feature;
        nThreshold[id] = threshold;
        nMissingLeft[id] = missingLeft;
        if (catSet != null) {
            if (catSize + catSet.length > catTable.length) {
                catTable = Arrays.copyOf(catTable, Math.max(2 * catTable.length, catSize + catSet.length));
            }
            System.arraycopy(catSet, 0, catTable, catSize, catSet.length);
            nCatStart[id] = catSize;
            catSize += catSet.length;
        }
    }

    private Tree grow() {
        if (s.maxLeafNodes() > 0) {
            growBestFirst();
        } else {
            growDepthFirst();
        }
        ws.keepNodes(nFeature, nThreshold, nLeft, nRight, nValue, nImpurity, nSamples, nWeighted, nMissingLeft, nCatStart, catTable);
        return new Tree(Arrays.copyOf(nFeature, nodes), Arrays.copyOf(nThreshold, nodes), Arrays.copyOf(nLeft, nodes),
                Arrays.copyOf(nRight, nodes), Arrays.copyOf(nValue, nodes * outputs), Arrays.copyOf(nImpurity, nodes),
                Arrays.copyOf(nSamples, nodes), Arrays.copyOf(nWeighted, nodes), Arrays.copyOf(nMissingLeft, nodes), outputs, p,
                catSize > 0 ? Arrays.copyOf(nCatStart, nodes) : null, catSize > 0 ? Arrays.copyOf(catTable, catSize) : null);
    }

    private void growDepthFirst() {
        // a stack of 5-int entries: start, end, depth, parent, isLeft (1/0); and, for entry e, the node's statistics
        // at statStack[e * statLen]
        int[] stack = ws.stack;
        int statLen = evStats.length;
        double[] statStack = ws.statStack;
        int top = 0;
        stack[top++] = 0;
        stack[top++] = ns;
        stack[top++] = 0;
        stack[top++] = -1;
        stack[top++] = 0;
        while (top > 0) {
            top -= 5;
            int start = stack[top];
            int end = stack[top + 1];
            int depth = stack[top + 2];
            int parent = stack[top + 3];
            boolean isLeft = stack[top + 4] == 1;
            // the statistics of the node (its parent's split left them on the statistics stack), root excepted
            boolean split = evaluate(start, end, depth, parent >= 0 ? statStack : null, top / 5 * statLen);
            int id = addNode(start, end);
            if (parent >= 0) {
                if (isLeft) {
                    nLeft[parent] = id;
                } else {
                    nRight[parent] = id;
                }
            }
            if (split) {
                storeSplit(id, spFeature, spThreshold, spMissingLeft, spCatSet);
                if (top + 10 > stack.length) {
                    stack = ws.stack = Arrays.copyOf(stack, 2 * stack.length);
                }
                if ((top / 5 + 2) * statLen > statStack.length) {
                    statStack = ws.statStack = Arrays.copyOf(statStack, 2 * (top / 5 + 2) * statLen);
                }
                System.arraycopy(rightStats, 0, statStack, top / 5 * statLen, statLen);
                System.arraycopy(leftStats, 0, statStack, (top / 5 + 1) * statLen, statLen);
                int pos = spPos;
                stack[top++] = pos;
                stack[top++] = end;
                stack[top++] = depth + 1;
                stack[top++] = id;
                stack[top++] = 0;
                stack[top++] = start;
                stack[top++] = pos;
                stack[top++] = depth + 1;
                stack[top++] = id;
                stack[top++] = 1;
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
        evaluate(0, ns, 0, null, 0);
        Eval root = new Eval(0, ns, 0, lastSplit());
        int rootId = addNode(0, ns);
        if (root.split != null) {
            heap.add(new Frontier(rootId, root));
        }
        int leaves = 1;
        while (!heap.isEmpty() && leaves < s.maxLeafNodes()) {
            Frontier f = heap.poll();
            Split sp = f.eval.split;
            evaluate(f.eval.start, sp.pos, f.eval.depth + 1, sp.left, 0);
            Eval l = new Eval(f.eval.start, sp.pos, f.eval.depth + 1, lastSplit());
            int lid = addNode(f.eval.start, sp.pos);
            evaluate(sp.pos, f.eval.end, f.eval.depth + 1, sp.right, 0);
            Eval r = new Eval(sp.pos, f.eval.end, f.eval.depth + 1, lastSplit());
            int rid = addNode(sp.pos, f.eval.end);
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
