package dev.derive.boost;

import dev.derive.runtime.Parallelism;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grows one second-order regression tree on binned data (XGBoost, Chen and Guestrin 2016; LightGBM, Ke et
 * al. 2017).
 *
 * <p>For a node with gradient sum {@code G}, hessian sum {@code H} (over its rows, weighted) the leaf
 * output and the (negated, doubled) minimum of the regularised second-order loss
 * {@code G o + (H + lambda) o^2 / 2 + alpha |o|} are
 * <pre>
 *   T(G)      = sign(G) max(|G| - alpha, 0)                   (L1 soft threshold, reg_alpha)
 *   o(G, H)   = -T(G) / (H + lambda), clipped to [-max_delta_step, max_delta_step] when that is > 0
 *   L(G, H)   = -(2 T(G) o + (H + lambda) o^2)                ( = T(G)^2 / (H + lambda) without clipping)
 *   gain      = L(G_L, H_L) + L(G_R, H_R) - L(G, H)
 * </pre>
 * (LightGBM's convention: no factor 1/2.) A split is allowed when both children keep at least
 * {@code min_child_samples} rows and a hessian sum of at least {@code min_child_weight}, and is made only if
 * {@code gain > min_split_gain}. Candidate splits of feature {@code j} are "bin {@code <= t}" for each value
 * bin {@code t}; when the node has rows with a missing value, both directions are tried for them (missing
 * right, then missing left; the larger gain wins) and the winner is the learned default direction; otherwise
 * missing values default to the child with more rows. The split "all values left, missing right" is also a
 * candidate. Ties keep the first candidate in (feature, bin, missing-right-first) order.
 *
 * <p>Histograms hold {@code (sum g, sum h, count)} per feature and bin, interleaved in one flat
 * {@code double[]}. A leaf's histogram is built from its rows (gradients gathered in row order, then one
 * pass per feature, features in parallel); after a split only the smaller child's histogram is built and
 * the larger one's is the parent's minus it. Rows of a leaf are a range of one index array, partitioned
 * stably in place at each split.
 *
 * <p>Growth: best-first ("leafwise", LightGBM: always split the open leaf with the largest gain) or
 * level order ("depthwise", XGBoost's default: split the shallowest open leaf first), until
 * {@code num_leaves} leaves, {@code max_depth} (when {@code > 0}) or no allowed split. Leaf values are
 * {@code learning_rate * o(G, H)}. Every reduction runs in a fixed order, so the tree does not depend on
 * the thread count.
 *
 * <p><b>Categorical features</b> ({@link BinnedData#isCategorical}; LightGBM's method, after Fisher 1958:
 * for a convex loss an optimal two-way partition of the levels is contiguous in the order of the levels'
 * mean response). With at most {@code max_cat_to_onehot} level bins, the candidates are one level versus the
 * rest (gain with {@code lambda}). Otherwise the level bins with at least {@code cat_smooth} rows are sorted
 * by {@code G_b / (H_b + cat_smooth)} (ties: bin order) and scanned as prefixes of that order and as prefixes
 * of the reverse order, at most {@code min(max_cat_threshold, (used + 1) / 2)} levels going left; the gain of
 * these candidates uses {@code lambda + cat_l2} for both children (the parent term keeps {@code lambda}), a
 * candidate is evaluated only once at least {@code min_data_per_group} rows were added since the last
 * evaluated one, and the scan stops once the right side would keep fewer than {@code min_data_per_group}
 * rows. The chosen set of levels goes left; levels without enough rows go right. Missing values: when the
 * node has missing rows and the feature's missing bin holds no rare level ({@link #learnCategoricalMissing}),
 * every evaluated candidate is tried with the missing rows right and then left (the larger gain wins, ties:
 * right), and "missing values versus every level" is a candidate too (stored as every level left, missing
 * right); the winner's direction is the node's {@code defaultLeft}. Otherwise the missing bin (missing values
 * and levels too rare to get a bin) goes right. Leaf values always use {@code lambda}.
 *
 * <p><b>Monotone constraints</b> (LightGBM's "basic" method): every open leaf carries bounds
 * {@code [lo, hi]} (initially unbounded) and every output {@code o(G, H)} is clipped to them, in the gains
 * too: {@code L = -(2 T(G) o + (H + lambda) o^2)} at the clipped {@code o}. A split on a feature with
 * constraint {@code +1} is a candidate only when {@code o_L <= o_R} ({@code o_L >= o_R} for {@code -1}); the
 * children then get the bounds {@code [lo, min(hi, m)]} and {@code [max(lo, m), hi]} ({@code +1}; mirrored
 * for {@code -1}) with {@code m = (o_L + o_R) / 2}, so every leaf left of the split is at most every leaf
 * right of it and the tree is monotone in that feature.
 *
 * <p><b>Interaction constraints</b> (XGBoost and LightGBM): given sets of features, a node may split on
 * feature {@code j} only if some set contains {@code j} and every feature already used on the path from the
 * root; features in no set are never used.
 *
 * <p><b>Column sampling</b> (XGBoost's semantics, multiplicative): from the tree's features
 * ({@code colsample_bytree}, drawn by the caller) each depth level draws {@code max(1, round(colsample_bylevel
 * * count))} features, and each node draws {@code max(1, round(colsample_bynode * count))} of its level's
 * features, without replacement from a stream seeded once per grower; interaction constraints then filter
 * the node's draw. The draws happen in the (sequential, fixed) order nodes are evaluated, so they do not
 * depend on the thread count.
 */
final class TreeGrower {

    /** Growth settings (parameters of {@link HistGradientBoosting}). */
    record Settings(int numLeaves, int maxDepth, int minChildSamples, double minChildWeight, double lambda, double alpha,
                    double minSplitGain, double maxDeltaStep, double learningRate, boolean depthwise,
                    int maxCatToOnehot, int maxCatThreshold, double catSmooth, double catL2, int minDataPerGroup,
                    int[] monotone, int[][] interactions, double colsampleBylevel, double colsampleBynode, long seed) {

        /** Settings without categorical tuning, constraints or per-level / per-node column sampling (LightGBM's defaults). */
        Settings(int numLeaves, int maxDepth, int minChildSamples, double minChildWeight, double lambda, double alpha,
                 double minSplitGain, double maxDeltaStep, double learningRate, boolean depthwise) {
            this(numLeaves, maxDepth, minChildSamples, minChildWeight, lambda, alpha, minSplitGain, maxDeltaStep, learningRate,
                    depthwise, 4, 32, 10, 10, 100, null, null, 1, 1, 0);
        }
    }

    private final BinnedData data;
    private final Settings s;
    private final int f;
    private final int[] offset;  // first histogram slot of each feature
    private final int slots;
    // histogram columns ("units"): the unbundled features in feature order, then the bundles (EFB)
    private final FeatureBundles bundles;  // null: no bundling
    private final int units;
    private final int[] unitFeature;  // feature of a plain unit, -1 - k for bundle k
    private final byte[][] unitCol;
    private final int[] unitBase;     // first histogram double of the unit (bundles: scratch after the features)
    private final int[] unitCBase;    // first count slot of the unit
    private final int[] unitLen;      // doubles of the unit's (g, h) pairs: twice its bins, at most LOCAL
    private int cOff;                 // histogram layout: (g, h) of slot p at 2p, 2p + 1; its row count at cOff + p
    private final boolean[] unitActive;
    private final boolean[] unitCounted;  // the unit's histogram always holds row counts (categorical, bundles)
    private final int[] unitOf;           // unit of a plain feature, -1 for a bundled one
    private final boolean[] trivial;      // features with one bin (a constant column): never split, never binned into histograms
    private final int[] idx;
    private final int[] tmp;
    private final ArrayDeque<double[]> pool = new ArrayDeque<>();
    // per-feature best split scratch
    private final double[] fGain;
    private final int[] fBin;
    private final boolean[] fDefLeft;
    private final double[] fGL;
    private final double[] fHL;
    private final double[] fCL;
    private final double[] fOL;
    private final double[] fOR;
    private final int[][] fCat;
    private final boolean[] fDlByCount;
    private final SplittableRandom colRng;
    private final boolean[][] interactionSets;  // [set][feature], or null
    private final List<boolean[]> levelMasks = new ArrayList<>();

    TreeGrower(BinnedData data, Settings settings) {
        this(data, settings, null);
    }

    /**
     * A grower whose histogram pass reads the bundles of {@code bundles} (built on {@code data}) instead of
     * their members' columns, and unpacks them into the members' histograms ({@link FeatureBundles});
     * {@code null} or no bundle: one column per feature.
     */
    TreeGrower(BinnedData data, Settings settings, FeatureBundles bundles) {
        this.data = data;
        this.s = settings;
        this.f = data.features();
        this.offset = new int[f + 1];
        for (int j = 0; j < f; j++) {
            offset[j + 1] = offset[j] + data.numBins(j) + 1;
        }
        this.bundles = bundles != null && bundles.count() > 0 ? bundles : null;
        int nb = this.bundles == null ? 0 : this.bundles.count();
        int plain = 0;
        for (int j = 0; j < f; j++) {
            plain += this.bundles == null || this.bundles.bundleOf[j] < 0 ? 1 : 0;
        }
        this.units = plain + nb;
        this.unitFeature = new int[units];
        this.unitCol = new byte[units][];
        this.unitBase = new int[units];
        this.unitCBase = new int[units];
        this.unitActive = new boolean[units];
        this.unitCounted = new boolean[units];
        this.unitOf = new int[f];
        int u = 0;
        for (int j = 0; j < f; j++) {
            unitOf[j] = -1;
            if (this.bundles == null || this.bundles.bundleOf[j] < 0) {
                unitOf[j] = u;
                unitCounted[u] = data.isCategorical(j);
                unitFeature[u] = j;
                unitCol[u] = data.column(j);
                unitBase[u] = 2 * offset[j];
                u++;
            }
        }
        int extra = offset[f];
        for (int k = 0; k < nb; k++) {
            unitFeature[u] = -1 - k;
            unitCounted[u] = true;
            unitCol[u] = this.bundles.columns[k];
            unitBase[u] = 2 * extra;
            extra += this.bundles.bins[k];
            u++;
        }
        this.slots = extra;
        this.cOff = 2 * extra;
        this.laneUnit = new int[4 * units];
        this.laneSize = new int[units];
        this.laneTasks = new int[units + 1];
        this.laneOrder = new int[units];
        this.trivial = new boolean[f];
        for (int j = 0; j < f; j++) {
            // a constant column (one value bin, no missing value) cannot split: it gets no histogram and no scan
            trivial[j] = data.numBins(j) <= 1 && !data.hasMissing(j) && !data.isCategorical(j);
        }
        this.unitLen = new int[units];
        for (int v = 0; v < units; v++) {
            unitCBase[v] = cOff + unitBase[v] / 2;
            unitLen[v] = 2 * unitBins(v);
            if (unitLen[v] > LOCAL) {  // a byte column has at most 256 bins
                throw new IllegalStateException("histogram unit " + v + " has " + unitBins(v) + " bins, more than 256");
            }
        }
        int n = data.rows();
        this.idx = new int[n];
        this.tmp = new int[n];
        this.fGain = new double[2 * f];
        this.fBin = new int[2 * f];
        this.fDefLeft = new boolean[2 * f];
        this.fGL = new double[2 * f];
        this.fHL = new double[2 * f];
        this.fCL = new double[2 * f];
        this.fOL = new double[2 * f];
        this.fOR = new double[2 * f];
        this.fCat = new int[2 * f][];
        this.fDlByCount = new boolean[2 * f];
        this.colRng = new SplittableRandom(settings.seed());
        if (settings.monotone() != null && settings.monotone().length != f) {
            throw new IllegalArgumentException("monotone_constraints has " + settings.monotone().length + " entries for "
                    + f + " features");
        }
        if (settings.monotone() != null) {
            for (int j = 0; j < f; j++) {
                if (settings.monotone()[j] != 0 && data.isCategorical(j)) {
                    throw new IllegalArgumentException("monotone_constraints: feature " + j
                            + " is categorical; only numeric features can be constrained");
                }
            }
        }
        if (settings.interactions() != null) {
            interactionSets = new boolean[settings.interactions().length][f];
            for (int q = 0; q < settings.interactions().length; q++) {
                for (int j : settings.interactions()[q]) {
                    if (j < 0 || j >= f) {
                        throw new IllegalArgumentException("interaction_constraints: feature index " + j + " is outside [0, " + f + ")");
                    }
                    interactionSets[q][j] = true;
                }
            }
        } else {
            interactionSets = null;
        }
    }

    private static double clamp(double o, double lo, double hi) {
        return o < lo ? lo : o > hi ? hi : o;
    }

    /** The unscaled output o(G, H) with L2 penalty {@code lambda}, clipped to [lo, hi]. */
    private double output(double g, double h, double lambda, double lo, double hi) {
        double den = h + lambda;
        if (!(den > 0)) {
            return clamp(0, lo, hi);
        }
        double o = -thresholdL1(g) / den;
        if (s.maxDeltaStep() > 0) {
            o = Math.max(-s.maxDeltaStep(), Math.min(s.maxDeltaStep(), o));
        }
        return clamp(o, lo, hi);
    }

    /** -(2 T(G) o + (H + lambda) o^2): twice the loss decrease of output o. */
    private double gainAt(double g, double h, double lambda, double o) {
        return -(2 * thresholdL1(g) * o + (h + lambda) * o * o);
    }

    double thresholdL1(double g) {
        double a = Math.abs(g) - s.alpha();
        return a > 0 ? Math.copySign(a, g) : 0;
    }

    /** The unscaled leaf output o(G, H). */
    double leafOutput(double g, double h) {
        double den = h + s.lambda();
        if (!(den > 0)) {
            return 0;
        }
        double o = -thresholdL1(g) / den;
        if (s.maxDeltaStep() > 0) {
            o = Math.max(-s.maxDeltaStep(), Math.min(s.maxDeltaStep(), o));
        }
        return o;
    }

    /** L(G, H) = -(2 T(G) o + (H + lambda) o^2). */
    double leafGain(double g, double h) {
        double o = leafOutput(g, h);
        return -(2 * thresholdL1(g) * o + (h + s.lambda()) * o * o);
    }

    private double[] borrow() {
        double[] a = pool.poll();
        return a != null ? a : new double[3 * slots];
    }

    /**
     * For tests: the histogram pass over {@code rows} (sorted, distinct) for the active features, as a tree's root
     * would build it, count-free or not: (g, h) of feature j's bin t at {@code 2 * (slot(j) + t)}, its row count
     * (unless count-free) at {@code 2 * slots + slot(j) + t}. No bundles.
     */
    double[] histogram(double[] g, double[] h, int[] rows, boolean[] active, boolean countFreePass) {
        int m = rows.length;
        copyRows(rows, m);
        allRows = m == data.rows();
        countFree = countFreePass;
        constHess = false;
        gatheredBegin = -1;
        gatheredEnd = -1;
        double[] hist = new double[3 * slots];
        build(hist, g, h, 0, 0, m, active);
        return hist;
    }

    /** For tests: the first histogram slot of feature {@code j}. */
    int slot(int j) {
        return offset[j];
    }

    /** Which features' count slots a histogram just built holds: all, unless the tree is count-free. */
    private boolean[] knownAfterBuild() {
        boolean[] k = new boolean[f];
        for (int j = 0; j < f; j++) {
            k[j] = !countFree || unitOf[j] < 0 || unitCounted[unitOf[j]];
        }
        return k;
    }

    /**
     * Copies the all-rows bin counts into the count slots of the active count-free features. They are built once:
     * from the counts the binning made ({@link BinnedData#binCounts}), else by a pass over the feature's column.
     */
    private void fillRootCounts(double[] hist, boolean[] known, boolean[] active) {
        if (rootCounts == null) {
            double[] rc = new double[slots];
            int n = data.rows();
            Parallelism.forEach(f, 1, j -> {
                if (unitOf[j] < 0) {
                    return;  // bundled: counts come with the bundle's histogram, these slots are never read
                }
                int base = offset[j];
                int[] counted = data.binCounts(j);
                if (counted == null) {
                    counted = new int[256];
                    FeatureBundles.countBins(data.column(j), n, counted);
                }
                for (int b = 0; b < offset[j + 1] - base; b++) {
                    rc[base + b] = counted[b];
                }
            });
            rootCounts = rc;
        }
        for (int j = 0; j < f; j++) {
            if (active[j] && !known[j]) {
                for (int p = offset[j]; p < offset[j + 1]; p++) {
                    hist[cOff + p] = rootCounts[p];
                }
                known[j] = true;
            }
        }
    }

    /** Counts leaf l's rows per bin of feature j into its count slots (a count-free histogram needed them). */
    private void countRows(int l, int j) {
        double[] hist = lHist[l];
        int cb = cOff + offset[j];
        Arrays.fill(hist, cb, cOff + offset[j + 1], 0.0);
        byte[] col = data.column(j);
        for (int k = lBegin[l]; k < lEnd[l]; k++) {
            hist[cb + (col[idx[k]] & 0xFF)] += 1;
        }
        lKnown[l][j] = true;
        countPasses.incrementAndGet();
    }

    // open-leaf state, indexed by leaf slot
    private int[] lBegin;
    private int[] lEnd;
    private int[] lNode;
    private int[] lDepth;
    private double[][] lHist;
    /** lSub[l]: the histogram still to subtract from lHist[l] (the smaller sibling's), done feature by feature in the split scan. */
    private double[][] lSub;
    private double[] lG;
    private double[] lH;
    private double[] lBestGain;
    private int[] lBestFeature;
    private int[] lBestBin;
    private boolean[] lBestDefLeft;
    private double[] lBestGL;
    private double[] lBestHL;
    private double[] lBestCL;
    private double[] lBestOL;
    private double[] lBestOR;
    private int[][] lBestCat;
    private double[] lLo;
    private double[] lHi;
    private boolean[][] lPath;
    private boolean[][] lKnown;    // lKnown[l][j]: the count slots of feature j in lHist[l] hold row counts
    private double[] lHmin;        // bounds on the hessians of leaf l's rows (count-free trees)
    private double[] lHmax;
    private boolean[] lBestDlByCount;  // the best split's missing direction is "to the larger child" (no missing rows)
    // count-free histograms (this tree): numeric plain features skip the row counts when every hessian is > 0
    private boolean countFree;
    private double hSlack;         // absolute error bound of a histogram hessian sum
    private double[] rootCounts;   // row counts of every bin over all rows (count slots), built once
    /** Whether trees with one hessian for every row skip gathering hessians (tests compare both). */
    boolean constHessAllowed = true;
    /** Whether trees may use count-free histograms (tests compare both). */
    boolean countFreeAllowed = COUNT_FREE;
    /** Number of per-feature row-count passes made for undecided candidates (tests). */
    final java.util.concurrent.atomic.AtomicInteger countPasses = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Grows a tree on the rows {@code rows[0..m)} (sorted) with weighted gradients {@code g[goff + i]} and
     * hessians {@code h[goff + i]}, using only the features with {@code active[j]}.
     */
    HistTree grow(double[] g, double[] h, int goff, int[] rows, int m, boolean[] active) {
        // The work is split into small methods on purpose: C2 compiles each on its own, so a rarely taken branch
        // (a deoptimisation) recompiles a few hundred bytes instead of one giant method (a 2.5 KB grow() with
        // everything inlined cost 0.4-1.0 s of C2 time per recompilation on a 2-core machine).
        tg = g;
        th = h;
        tgoff = goff;
        tActive = active;
        try {
            allocateTree(s.numLeaves());
            growRoot(rows, m);
            int maxLeaves = s.numLeaves();
            while (leaves < maxLeaves) {
                int l = nextLeaf();
                if (l < 0) {
                    break;
                }
                splitLeaf(l);
            }
            return finishTree();
        } finally {
            tg = null;
            th = null;
            tActive = null;
        }
    }

    // the tree being grown: its gradients, its node arrays, its node and leaf counts
    private double[] tg;
    private double[] th;
    private int tgoff;
    private boolean[] tActive;
    private int[] nFeature;
    private int[] nTBin;
    private double[] nThr;
    private boolean[] nDefLeft;
    private int[] nLeft;
    private int[] nRight;
    private double[] nValue;
    private double[] nGain;
    private double[] nCover;
    private int[] nCount;
    private int[][] nCats;
    private int nodes;
    private int leaves;

    private void allocateTree(int maxLeaves) {
        int maxNodes = 2 * maxLeaves - 1;
        nFeature = new int[maxNodes];
        nTBin = new int[maxNodes];
        nThr = new double[maxNodes];
        nDefLeft = new boolean[maxNodes];
        nLeft = new int[maxNodes];
        nRight = new int[maxNodes];
        nValue = new double[maxNodes];
        nGain = new double[maxNodes];
        nCover = new double[maxNodes];
        nCount = new int[maxNodes];
        nCats = new int[maxNodes][];
        lBegin = new int[maxLeaves];
        lEnd = new int[maxLeaves];
        lNode = new int[maxLeaves];
        lDepth = new int[maxLeaves];
        lHist = new double[maxLeaves][];
        lSub = new double[maxLeaves][];
        lG = new double[maxLeaves];
        lH = new double[maxLeaves];
        lBestGain = new double[maxLeaves];
        lBestFeature = new int[maxLeaves];
        lBestBin = new int[maxLeaves];
        lBestDefLeft = new boolean[maxLeaves];
        lBestGL = new double[maxLeaves];
        lBestHL = new double[maxLeaves];
        lBestCL = new double[maxLeaves];
        lBestOL = new double[maxLeaves];
        lBestOR = new double[maxLeaves];
        lBestCat = new int[maxLeaves][];
        lLo = new double[maxLeaves];
        lHi = new double[maxLeaves];
        lPath = new boolean[maxLeaves][];
        lKnown = new boolean[maxLeaves][];
        lHmin = new double[maxLeaves];
        lHmax = new double[maxLeaves];
        lBestDlByCount = new boolean[maxLeaves];
        levelMasks.clear();
    }

    /** The root: its rows, sums and hessian range, its histogram and its best split. */
    private void growRoot(int[] rows, int m) {
        double[] g = tg;
        double[] h = th;
        int goff = tgoff;
        lLo[0] = Double.NEGATIVE_INFINITY;
        lHi[0] = Double.POSITIVE_INFINITY;
        lPath[0] = new boolean[f];

        copyRows(rows, m);
        gatheredBegin = -1;
        gatheredEnd = -1;
        allRows = m == data.rows();  // rows are sorted and distinct, so m == n means 0, 1, ..., n - 1
        // one parallel pass over blocks of the rows (fixed by m alone, not by the thread count): each block's sums
        // in row order, added in block order, and the hessian range (exact in any order); with one block (fewer
        // than 2 * PART_BLOCK rows) the sums are the plain left-to-right ones
        int rb = Math.max(1, m / PART_BLOCK);
        double[] bG = new double[rb];
        double[] bH = new double[rb];
        double[] bMin = new double[rb];
        double[] bMax = new double[rb];
        boolean direct = allRows;
        Parallelism.forEach(rb, 2, q -> rootBlock(g, h, goff, direct ? null : rows, (int) ((long) q * m / rb),
                (int) ((long) (q + 1) * m / rb), bG, bH, bMin, bMax, q));
        double sg = 0;
        double sh = 0;
        for (int q = 0; q < rb; q++) {
            sg += bG[q];
            sh += bH[q];
        }
        double[] range = combineRanges(bMin, bMax);
        double hmin = range[0];
        double hmax = range[1];
        constHess = constHessAllowed && m > 0 && hmin == hmax;
        if (constHess && (constH.length < m || constH[0] != hmin)) {
            constH = new double[Math.max(m, constH.length)];
            Arrays.fill(constH, hmin);
        }
        // every hessian positive and finite: a sum of hessians bounds the number of rows it covers
        countFree = countFreeAllowed && m > 0 && hmin > 0 && hmax < Double.POSITIVE_INFINITY && Double.isFinite(sh);
        hSlack = 128.0 * (m + 256) * 0x1p-53 * Math.abs(sh);
        lHmin[0] = hmin;
        lHmax[0] = hmax;
        leaves = 1;
        nodes = 1;
        lBegin[0] = 0;
        lEnd[0] = m;
        lNode[0] = 0;
        lDepth[0] = 0;
        lG[0] = sg;
        lH[0] = sh;
        nFeature[0] = -1;
        nLeft[0] = -1;
        nRight[0] = -1;
        nCover[0] = sh;
        nCount[0] = m;
        if (canSplit(0)) {
            lHist[0] = borrow();
            build(lHist[0], g, h, goff, 0, m, tActive);
            lKnown[0] = knownAfterBuild();
            if (countFree && allRows) {
                fillRootCounts(lHist[0], lKnown[0], tActive);
            }
            findBest(0, tActive);
        } else {
            lBestFeature[0] = -1;
        }
    }

    /** idx[0, m) = rows[0, m), in parallel blocks on large trees (a copy per tree, 2.4M rows on flights). */
    private void copyRows(int[] rows, int m) {
        int blocks = Math.max(1, m / (4 * PART_BLOCK));
        int[] to = idx;
        Parallelism.forEach(blocks, 2, q -> {
            int k0 = (int) ((long) q * m / blocks);
            int k1 = (int) ((long) (q + 1) * m / blocks);
            System.arraycopy(rows, k0, to, k0, k1 - k0);
        });
    }

    /**
     * Block {@code q} of the root's rows, positions [k0, k1) (rows[k], or k itself when {@code rows} is null): the
     * sums of g and h in row order into bG[q], bH[q], the hessian range into bMin[q], bMax[q].
     */
    private static void rootBlock(double[] g, double[] h, int goff, int[] rows, int k0, int k1, double[] bG, double[] bH,
            double[] bMin, double[] bMax, int q) {
        double sg = 0;
        double sh = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int k = k0; k < k1; k++) {
            int i = goff + (rows == null ? k : rows[k]);
            double hk = h[i];
            sg += g[i];
            sh += hk;
            lo = hk < lo ? hk : lo;  // not Math.min / max: their NaN and -0.0 handling (hessians are neither NaN nor
            hi = hk > hi ? hk : hi;  // negative, checked by the objectives) made the loop-carried chain several times longer
        }
        bG[q] = sg;
        bH[q] = sh;
        bMin[q] = lo;
        bMax[q] = hi;
    }

    /** The leaf to split next (largest gain; depth-wise: shallowest, then leftmost), or -1 when none can split. */
    private int nextLeaf() {
        int best = -1;
        boolean depthwise = s.depthwise();
        for (int l = 0; l < leaves; l++) {
            if (lBestFeature[l] < 0) {
                continue;
            }
            if (best < 0) {
                best = l;
            } else if (depthwise ? lDepth[l] < lDepth[best] || (lDepth[l] == lDepth[best] && lNode[l] < lNode[best])
                    : lBestGain[l] > lBestGain[best]) {
                best = l;
            }
        }
        return best;
    }

    /** Splits leaf {@code l} at its best split: the node, the partition of its rows, both children. */
    private void splitLeaf(int l) {
        int b = lBegin[l];
        int e = lEnd[l];
        int w = partitionAtBest(l);
        int rl = leaves++;  // right child takes a new slot, left child reuses slot l
        double[] parentHist = lHist[l];
        boolean[] parentKnown = lKnown[l];
        double pHmin = lHmin[l];
        double pHmax = lHmax[l];
        setChildren(l, rl, b, w, e);
        // the tree is full after this split: its children are leaves, their histograms are never read
        boolean full = leaves >= s.numLeaves();
        boolean splitL = !full && canSplit(l);
        boolean splitR = !full && canSplit(rl);
        lHist[l] = null;
        lHist[rl] = null;
        if (splitL || splitR) {
            parentHist = childHistograms(l, rl, w - b <= e - w, splitL, splitR, parentHist, parentKnown, pHmin, pHmax);
        }
        if (parentHist != null) {
            pool.push(parentHist);
        }
        searchChildren(l, rl);
    }

    /** Records leaf {@code l}'s best split in its node and partitions its rows; returns the first right row. */
    private int partitionAtBest(int l) {
        int node = lNode[l];
        int j = lBestFeature[l];
        int t = lBestBin[l];
        boolean dl = lBestDefLeft[l];
        int nb = data.numBins(j);
        int[] catBins = lBestCat[l];
        boolean[] catLeft = null;
        nFeature[node] = j;
        if (catBins != null) {
            catLeft = categoricalLeft(node, j, nb, catBins, dl);
        } else {
            nTBin[node] = t;
            nThr[node] = t < nb - 1 ? data.edge(j, t) : Double.POSITIVE_INFINITY;
        }
        nDefLeft[node] = dl;
        nGain[node] = lBestGain[l];
        // stable partition of idx[begin, end)
        // the split that fills the tree makes leaves whose histograms are never built: nothing to gather
        boolean gather = leaves + 1 < s.numLeaves();
        return partition(lBegin[l], lEnd[l], data.storedColumn(j), data.binMap(j), nb, t, dl, catLeft, gather);
    }

    /** The bins of a categorical split that go left (the missing bin last), and the node's sorted level codes. */
    private boolean[] categoricalLeft(int node, int j, int nb, int[] catBins, boolean dl) {
        boolean[] catLeft = new boolean[nb + 1];
        int[] codes = new int[catBins.length];
        for (int q = 0; q < catBins.length; q++) {
            catLeft[catBins[q]] = true;
            codes[q] = data.level(j, catBins[q]);
        }
        catLeft[nb] = dl;  // the missing bin: the learned direction (false unless learned)
        Arrays.sort(codes);
        nCats[node] = codes;
        nTBin[node] = -1;
        nThr[node] = 0;
        return catLeft;
    }

    /** Children of leaf {@code l} after the partition at {@code w}: sums, bounds, nodes; {@code rl} is the right. */
    private void setChildren(int l, int rl, int b, int w, int e) {
        int node = lNode[l];
        int j = lBestFeature[l];
        int ln = nodes++;
        int rn = nodes++;
        nLeft[node] = ln;
        nRight[node] = rn;
        int cl = w - b;
        double gl = lBestGL[l];
        double hl = lBestHL[l];
        if (bundles != null && bundles.conflicts > 0 && bundles.bundleOf[j] >= 0) {
            // EFB with conflicts: the histogram of j is approximate, so the children's sums come from the rows
            double[] sums = rowSums(b, w);
            gl = sums[0];
            hl = sums[1];
        } else if (!Double.isNaN(lBestCL[l]) && cl != (int) lBestCL[l]) {
            throw new IllegalStateException("histogram count " + lBestCL[l] + " disagrees with partition " + cl);
        }
        if (lBestCat[l] == null && lBestDlByCount[l]) {
            nDefLeft[node] = cl >= e - w;  // no missing rows here: missing values later go to the larger child
        }
        double gr = lG[l] - gl;
        double hr = lH[l] - hl;
        int depth = lDepth[l] + 1;
        double lo = lLo[l];
        double hi = lHi[l];
        double loL = lo;
        double hiL = hi;
        double loR = lo;
        double hiR = hi;
        int mono = s.monotone() == null ? 0 : s.monotone()[j];
        if (mono != 0) {
            double mid = (lBestOL[l] + lBestOR[l]) / 2;
            if (mono > 0) {
                hiL = Math.min(hi, mid);
                loR = Math.max(lo, mid);
            } else {
                loL = Math.max(lo, mid);
                hiR = Math.min(hi, mid);
            }
        }
        boolean[] path = lPath[l];
        if (interactionSets != null && !path[j]) {
            path = path.clone();
            path[j] = true;
        }
        setLeaf(l, b, w, ln, depth, gl, hl, loL, hiL, path);
        setLeaf(rl, w, e, rn, depth, gr, hr, loR, hiR, path);
        for (int v = ln; v <= rn; v++) {
            nFeature[v] = -1;
            nLeft[v] = -1;
            nRight[v] = -1;
        }
        nCover[ln] = hl;
        nCover[rn] = hr;
        nCount[ln] = cl;
        nCount[rn] = e - w;
    }

    /** The gradient and hessian sums of the rows {@code idx[b, e)}, in row order. */
    private double[] rowSums(int b, int e) {
        double gl = 0;
        double hl = 0;
        for (int k = b; k < e; k++) {
            gl += tg[tgoff + idx[k]];
            hl += th[tgoff + idx[k]];
        }
        return new double[] {gl, hl};
    }

    /**
     * Histograms of the children of a split: the smaller child's built from its rows, the larger child's (when it
     * can split) by subtraction from the parent's. Returns the parent's histogram when it was not reused, else null.
     */
    private double[] childHistograms(int l, int rl, boolean leftSmaller, boolean splitL, boolean splitR,
            double[] parentHist, boolean[] parentKnown, double pHmin, double pHmax) {
        int small = leftSmaller ? l : rl;
        int large = leftSmaller ? rl : l;
        double[] sh2 = borrow();
        build(sh2, tg, th, tgoff, lBegin[small], lEnd[small], tActive);
        boolean[] smallKnown = knownAfterBuild();
        lHmin[large] = pHmin;
        lHmax[large] = pHmax;
        // a child is never all the rows, so its histogram pass gathered its rows' hessians
        lHmin[small] = gatheredHmin;
        lHmax[small] = gatheredHmax;
        if (leftSmaller ? splitR : splitL) {
            lSub[large] = sh2;  // parent - small, feature by feature in the children's split scan
            lHist[large] = parentHist;
            boolean[] k2 = new boolean[f];
            for (int q = 0; q < f; q++) {
                k2[q] = parentKnown[q] && smallKnown[q];
            }
            lKnown[large] = k2;
            parentHist = null;
        }
        lHist[small] = sh2;
        lKnown[small] = smallKnown;
        return parentHist;
    }

    /** The best splits of the new leaves {@code l} and {@code rl} (none when one cannot split); unused histograms go back. */
    private void searchChildren(int l, int rl) {
        boolean a = lHist[l] != null && canSplit(l);
        boolean b = lHist[rl] != null && canSplit(rl);
        if (a && b) {
            findBest(l, rl, tActive);
        } else if (a) {
            findBest(l, tActive);
        } else if (b) {
            findBest(rl, tActive);
        }
        finishSubtraction(l);
        finishSubtraction(rl);
        releaseIfUnsplit(l, a);
        releaseIfUnsplit(rl, b);
    }

    private void releaseIfUnsplit(int c, boolean searched) {
        if (!searched) {
            lBestFeature[c] = -1;
        }
        if (lHist[c] != null && lBestFeature[c] < 0) {
            pool.push(lHist[c]);
            lHist[c] = null;
        }
    }

    /** The grown tree: leaf values from the leaves' sums, node arrays cut to the node count. */
    private HistTree finishTree() {
        lastLeaves = leaves;
        for (int l = 0; l < leaves; l++) {
            if (lHist[l] != null) {
                pool.push(lHist[l]);
                lHist[l] = null;
            }
            int v = lNode[l];
            nValue[v] = s.learningRate() * clamp(leafOutput(lG[l], lH[l]), lLo[l], lHi[l]);
        }
        return new HistTree(Arrays.copyOf(nFeature, nodes), Arrays.copyOf(nTBin, nodes), Arrays.copyOf(nThr, nodes),
                Arrays.copyOf(nDefLeft, nodes), Arrays.copyOf(nLeft, nodes), Arrays.copyOf(nRight, nodes),
                Arrays.copyOf(nValue, nodes), Arrays.copyOf(nGain, nodes), Arrays.copyOf(nCover, nodes),
                Arrays.copyOf(nCount, nodes), Arrays.copyOf(nCats, nodes));
    }

    private int lastLeaves;
    private boolean allRows;

    /**
     * Adds the value of each leaf of the last grown tree to {@code raw[row * stride + c]} for the rows that
     * grew it (the rows passed to {@link #grow}), without walking the tree.
     */
    void addLeafValues(HistTree tree, double[] raw, int stride, int c) {
        // Each row gets one addition, so any split of the work gives the same scores. The work is split by row
        // number, not by leaf: a leaf's rows are in increasing order (the tree's rows are sorted and the partition is
        // stable), so task q finds its rows [r0, r1) in each leaf by two binary searches, and two threads never write
        // the same cache line of raw (by leaves, neighbouring rows of different leaves went to different threads).
        int n = data.rows();
        int parts = n >= 65_536 ? 4 * Parallelism.threads() : 1;
        Parallelism.forEach(parts, 2, q -> addLeafValues(tree, raw, stride, c, (int) ((long) q * n / parts),
                (int) ((long) (q + 1) * n / parts)));
    }

    /** {@link #addLeafValues} for the rows numbered r0 .. r1 - 1. */
    private void addLeafValues(HistTree tree, double[] raw, int stride, int c, int r0, int r1) {
        for (int l = 0; l < lastLeaves; l++) {
            double v = tree.value[lNode[l]];
            int k0 = firstRowAtLeast(lBegin[l], lEnd[l], r0);
            int k1 = firstRowAtLeast(k0, lEnd[l], r1);
            for (int k = k0; k < k1; k++) {
                raw[idx[k] * stride + c] += v;
            }
        }
    }

    /** The first position k in [b, e) with idx[k] >= r (e if none), for idx[b, e) increasing. */
    private int firstRowAtLeast(int b, int e, int r) {
        int lo = b;
        int hi = e;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (idx[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Re-fits the leaf values of the last grown tree (LightGBM's {@code RenewTreeOutput} for {@code l1} and
     * {@code quantile}): the split structure found with the Newton step stays, and each leaf's value becomes
     * {@code learning_rate * Q_q(r)} where {@code r_i = y_i - raw[i * stride + c]} are the residuals of the
     * leaf's training rows (the rows passed to {@link #grow}, i.e. the bag) at the current raw score, and
     * {@code Q_q} is {@link #leafQuantile} with the rows' weights {@code w} ({@code null}: unweighted), a
     * minimiser (or, unweighted with q != 1/2, a near-minimiser) over the leaf's constant of the weighted
     * pinball loss {@code sum_i w_i rho_q(r_i - v)}, i.e. the exact line search that the Newton step with
     * hessian 1 only approximates. The value is clipped to
     * {@code +-max_delta_step} (if that is {@code > 0}) and to the leaf's monotone-constraint bounds, as the
     * Newton value is, so monotone constraints still hold. A leaf whose rows have total weight 0 keeps its
     * Newton value. Leaves are re-fitted in parallel; each leaf's value depends only on its own rows, so the
     * result does not depend on the thread count. Modifies {@code tree.value} in place: call it right after
     * {@link #grow}, before the tree is used.
     */
    void refitLeaves(HistTree tree, double[] y, double[] w, double[] raw, int stride, int c, double q) {
        Parallelism.forEach(lastLeaves, data.rows() >= 65_536 ? 2 : Integer.MAX_VALUE, l -> {
            int b = lBegin[l];
            int m = lEnd[l] - b;
            double[] r = new double[m];
            double[] wl = w == null ? null : new double[m];
            double total = 0;
            for (int k = 0; k < m; k++) {
                int i = idx[b + k];
                r[k] = y[i] - raw[i * stride + c];
                if (wl != null) {
                    wl[k] = w[i];
                    total += w[i];
                }
            }
            if (m == 0 || (wl != null && !(total > 0))) {
                return;
            }
            double o = leafQuantile(r, wl, q);
            if (s.maxDeltaStep() > 0) {
                o = Math.max(-s.maxDeltaStep(), Math.min(s.maxDeltaStep(), o));
            }
            tree.value[lNode[l]] = s.learningRate() * clamp(o, lLo[l], lHi[l]);
        });
    }

    /**
     * The {@code q}-quantile of {@code r} (scikit-learn 1.2's convention for its leaf re-fit, which is what
     * {@code HistGradientBoostingRegressor(loss='absolute_error' / 'quantile')} uses):
     * <ul>
     * <li>unweighted ({@code w == null}): numpy's default {@code percentile} ("linear"): with
     * {@code r_(0) <= .. <= r_(m-1)} sorted and {@code p = q (m - 1)}, the value
     * {@code r_(floor p) + (p - floor p) (r_(floor p + 1) - r_(floor p))} (the usual median for q = 1/2);</li>
     * <li>weighted: the lower weighted quantile (scikit-learn's {@code _weighted_percentile}): the smallest
     * {@code r_(k)} whose cumulative weight {@code w_(0) + .. + w_(k)} reaches {@code q sum w}.</li>
     * </ul>
     * The weighted one minimises the leaf's pinball loss {@code sum_i w_i rho_q(r_i - v)} over v exactly
     * (it is a point where the piecewise-linear convex loss's slope changes sign); the unweighted one does
     * for q = 1/2 (any point between the two middle values does) and otherwise lies between the order
     * statistics {@code r_(floor p)} and {@code r_(floor p + 1)}, next to the minimiser set but not always in
     * it (numpy's interpolation is not the pinball minimiser). This is the definition scikit-learn uses, kept
     * so that the results can be compared with it; LightGBM interpolates differently again (its
     * {@code PercentileFun} / {@code WeightedPercentileFun}). Sorts {@code r} in place.
     */
    static double leafQuantile(double[] r, double[] w, double q) {
        int m = r.length;
        if (m == 0) {
            throw new IllegalArgumentException("leafQuantile needs at least one residual");
        }
        if (w == null) {
            Arrays.sort(r);
            double p = q * (m - 1);
            int lo = (int) Math.floor(p);
            if (lo >= m - 1) {
                return r[m - 1];
            }
            double frac = p - lo;
            return frac == 0 ? r[lo] : r[lo] + frac * (r[lo + 1] - r[lo]);
        }
        Integer[] order = new Integer[m];
        double total = 0;
        for (int k = 0; k < m; k++) {
            order[k] = k;
            total += w[k];
        }
        Arrays.sort(order, (a, bb) -> Double.compare(r[a], r[bb]));
        double target = q * total;
        double acc = 0;
        for (int k = 0; k < m; k++) {
            acc += w[order[k]];
            if (acc >= target) {
                return r[order[k]];
            }
        }
        return r[order[m - 1]];
    }

    /** Rows per task of the parallel partition and of the gradient gather (leaves of two blocks or more). */
    private static final int PART_BLOCK = 8_192;
    /** The go-left table of the current partition (bins above the split feature's missing bin are never read). */
    private final int[] goLeft = new int[256];

    /**
     * Stable partition of idx[b, e) by "goes left" (bin {@code <= t}, the missing bin {@code nb} by
     * {@code dl}; at a categorical split {@code catLeft[bin]}); returns the end of the left part. The range is cut
     * into blocks (several only when large and parallel); a first parallel pass writes each block's left rows
     * forward and its right rows backward into the block's range of tmp, a second places them (block order: the
     * same order as one sequential pass) and, when {@code gather}, also gathers the gradients, hessians and
     * hessian range of the smaller side's rows as {@link #gatherOrdered} would, which the histogram pass of that
     * child then skips.
     */
    private int partition(int b, int e, byte[] col, byte[] map, int nb, int t, boolean dl, boolean[] catLeft,
            boolean gather) {
        int len = e - b;
        gatheredBegin = -1;
        gatheredEnd = -1;
        int blocks = Parallelism.threads() > 1 && len >= 2 * PART_BLOCK ? len / PART_BLOCK : 1;
        int[] lefts = new int[blocks];
        int[] left = goLeft;  // 1 where a bin goes left: a table lookup instead of an unpredictable branch
        fillGoLeft(left, map, nb, t, dl, catLeft);
        Parallelism.forEach(blocks, 2, q -> {
            int s0 = b + (int) ((long) q * len / blocks);
            int s1 = b + (int) ((long) (q + 1) * len / blocks);
            int w = s0;
            int r = s1 - 1;
            for (int k = s0; k < s1; k++) {
                int row = idx[k];
                int go = left[col[row] & 0xFF];
                // both writes, then one cursor moves: w <= r here, and the right rows kept so far sit above r
                tmp[w] = row;
                tmp[r] = row;
                w += go;
                r -= 1 - go;
            }
            lefts[q] = w - s0;
        });
        int[] destL = new int[blocks];
        int[] destR = new int[blocks];
        int mid = destinations(b, len, lefts, destL, destR);
        boolean leftSmall = mid - b <= e - mid;
        int gb = !gather ? -1 : leftSmall ? b : mid;
        int ge = !gather ? -1 : leftSmall ? mid : e;
        if (gather) {
            ensureOrdered(ge - gb);
        }
        double[] og = ordG;
        double[] oh = ordH;
        double[] g = tg;
        double[] h = th;
        int goff = tgoff;
        double[] mn = new double[blocks];
        double[] mx = new double[blocks];
        if (gather) {
            // where each block's rows of the smaller side go and how many there are, worked out here, so that the
            // parallel loops below test neither flag (a first partition of the other kind made C2 recompile them)
            int[] smallDest = leftSmall ? destL : destR;
            int[] smallCount = new int[blocks];
            for (int q = 0; q < blocks; q++) {
                int nl = lefts[q];
                smallCount[q] = leftSmall ? nl : blockEnd(b, len, blocks, q) - blockEnd(b, len, blocks, q - 1) - nl;
            }
            Parallelism.forEach(blocks, 2, q -> {
                place(b, len, blocks, q, lefts, destL, destR);
                gather(smallDest[q], smallCount[q], g, h, goff, og, oh, smallDest[q] - gb, mn, mx, q);
            });
        } else {
            Parallelism.forEach(blocks, 2, q -> place(b, len, blocks, q, lefts, destL, destR));
        }
        if (gather) {
            double[] range = combineRanges(mn, mx);
            gatheredHmin = range[0];
            gatheredHmax = range[1];
            gatheredBegin = gb;
            gatheredEnd = ge;
        }
        return mid;
    }

    /** The end of block q (q = -1: the start) when rows b .. b + len - 1 are cut into {@code blocks} blocks. */
    private static int blockEnd(int b, int len, int blocks, int q) {
        return b + (int) ((long) (q + 1) * len / blocks);
    }

    /** Places block q's left rows (forward in tmp) and right rows (backward in tmp) at their destinations in idx. */
    private void place(int b, int len, int blocks, int q, int[] lefts, int[] destL, int[] destR) {
        int s0 = blockEnd(b, len, blocks, q - 1);
        int s1 = blockEnd(b, len, blocks, q);
        int nl = lefts[q];
        int nr = s1 - s0 - nl;
        System.arraycopy(tmp, s0, idx, destL[q], nl);
        int dR = destR[q];
        for (int i = 0; i < nr; i++) {
            idx[dR + i] = tmp[s1 - 1 - i];  // the right rows were written backward
        }
    }

    /** The partition's go-left table: {@code left[v] = 1} where stored bin v goes left ({@code map}: EFB bundle bins). */
    private static void fillGoLeft(int[] left, byte[] map, int nb, int t, boolean dl, boolean[] catLeft) {
        for (int v = 0; map == null ? v <= nb && v < 256 : v < 256; v++) {
            int bin = map == null ? v : map[v] & 0xFF;
            left[v] = (catLeft != null ? catLeft[bin] : bin == nb ? dl : bin <= t) ? 1 : 0;
        }
    }

    /**
     * Where each block's left rows ({@code destL}) and right rows ({@code destR}) go, the blocks in order, from the
     * blocks' left counts; returns the end of the left part.
     */
    private static int destinations(int b, int len, int[] lefts, int[] destL, int[] destR) {
        int blocks = lefts.length;
        int mid = b;
        for (int q = 0; q < blocks; q++) {
            destL[q] = mid;
            mid += lefts[q];
        }
        int wr = mid;
        for (int q = 0; q < blocks; q++) {
            int s0 = b + (int) ((long) q * len / blocks);
            int s1 = b + (int) ((long) (q + 1) * len / blocks);
            destR[q] = wr;
            wr += s1 - s0 - lefts[q];
        }
        return mid;
    }

    private void setLeaf(int l, int begin, int end, int node, int depth, double g, double h, double lo, double hi,
                         boolean[] path) {
        lLo[l] = lo;
        lHi[l] = hi;
        lPath[l] = path;
        lBestCat[l] = null;
        lBegin[l] = begin;
        lEnd[l] = end;
        lNode[l] = node;
        lDepth[l] = depth;
        lG[l] = g;
        lH[l] = h;
        lBestFeature[l] = -1;
    }

    private boolean canSplit(int l) {
        int c = lEnd[l] - lBegin[l];
        // non-short-circuit: each test alone was a branch that C2 compiled as a trap until a leaf failed it late in a fit
        return (s.maxDepth() <= 0 | lDepth[l] < s.maxDepth()) & c >= 2 * s.minChildSamples() & c >= 2
                & lH[l] >= 2 * s.minChildWeight();
    }

    /** Count-free histograms (on unless {@code -Dderive.hist.counts=true}, kept for measuring the difference). */
    static final boolean COUNT_FREE = !Boolean.getBoolean("derive.hist.counts");
    /**
     * Rows per block of the histogram pass: the block's row indices and gradients (160 KB) stay in L2 across the
     * features of a task, and each kernel call copies its units' sums in and out once per block (2,048 rows spent
     * about 5% of a HIGGS-like fit's CPU on those copies).
     */
    static final int BLOCK = 8192;
    /** Rows per block of the histogram pass: {@link #BLOCK}; tests set fewer to cover passes of many blocks. */
    int blockRows = BLOCK;
    /** The gradients and hessians of the rows idx[b..e) of the last gathered leaf, in idx order (k - b). */
    private double[] ordG = new double[0];
    private double[] ordH = new double[0];
    /**
     * Whether every row of the current tree has the same hessian (L2 without weights: 1), known exactly from the
     * root's hessian range; then no leaf gathers hessians, and {@link #constH} (that value, at least as many times
     * as the tree has rows) stands for every leaf's ordered hessians. Same values, so the same trees.
     */
    private boolean constHess;
    private double[] constH = new double[0];
    /** The smallest and largest hessian of the last gathered leaf. */
    private double gatheredHmin;
    private double gatheredHmax;
    // the rows idx[gatheredBegin, gatheredEnd) whose gradients the last partition gathered into ordG / ordH
    private int gatheredBegin = -1;
    private int gatheredEnd = -1;

    private void ensureOrdered(int len) {
        if (ordG.length < len) {  // a smaller child holds at most half the rows; only a subsampled root more
            ordG = new double[Math.max(len, data.rows() / 2 + 1)];
            ordH = new double[ordG.length];
        }
    }

    /**
     * Gathers the gradients and hessians of rows idx[b..e) into {@link #ordG}, {@link #ordH} once (in parallel
     * over row chunks), so that every feature's pass reads them in order (LightGBM's "ordered gradients"),
     * and records their hessian range.
     */
    private void gatherOrdered(double[] g, double[] h, int goff, int b, int e) {
        int len = e - b;
        ensureOrdered(len);
        double[] og = ordG;
        double[] oh = ordH;
        int chunks = Math.max(1, len / PART_BLOCK);
        double[] mn = new double[chunks];
        double[] mx = new double[chunks];
        Parallelism.forEach(chunks, 2, q -> {
            int k0 = b + (int) ((long) q * len / chunks);
            int k1 = b + (int) ((long) (q + 1) * len / chunks);
            gather(k0, k1 - k0, g, h, goff, og, oh, k0 - b, mn, mx, q);
        });
        double[] range = combineRanges(mn, mx);
        gatheredHmin = range[0];
        gatheredHmax = range[1];
    }

    /**
     * {@link #gatherRows}; when every row of the tree has the same hessian ({@link #constHess}) only the gradients,
     * the ordered hessians being {@link #constH} (the leaf's hessian range is then that value).
     */
    private void gather(int k0, int cnt, double[] g, double[] h, int goff, double[] og, double[] oh, int dst, double[] mn,
            double[] mx, int q) {
        if (constHess) {
            gatherGradients(idx, k0, cnt, g, goff, og, dst);
            // every row of the tree has hessian constH[0], so [c, c] bounds any of its row sets, an empty block's too
            // (no test of cnt: a first empty block made C2 recompile this with the gather loop inside)
            mn[q] = constH[0];
            mx[q] = constH[0];
        } else {
            gatherRows(idx, k0, cnt, g, h, goff, og, oh, dst, mn, mx, q);
        }
    }

    /** The gradients of the rows {@code idx[k0, k0 + cnt)} into {@code og} from {@code dst} on. */
    private static void gatherGradients(int[] idx, int k0, int cnt, double[] g, int goff, double[] og, int dst) {
        for (int i = 0; i < cnt; i++) {
            og[dst + i] = g[goff + idx[k0 + i]];
        }
    }

    /**
     * Gathers the gradients and hessians of the rows {@code idx[k0, k0 + cnt)} into {@code og, oh} from
     * {@code dst} on, and their hessian range into {@code mn[q], mx[q]} ({+inf, 0} for no rows).
     */
    private static void gatherRows(int[] idx, int k0, int cnt, double[] g, double[] h, int goff, double[] og,
            double[] oh, int dst, double[] mn, double[] mx, int q) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < cnt; i++) {
            int row = goff + idx[k0 + i];
            og[dst + i] = g[row];
            double hk = h[row];
            oh[dst + i] = hk;
            lo = hk < lo ? hk : lo;  // not Math.min / max: their NaN and -0.0 handling (hessians are neither NaN nor
            hi = hk > hi ? hk : hi;  // negative, checked by the objectives) made the loop-carried chain several times longer
        }
        mn[q] = lo;
        mx[q] = hi;
    }

    /**
     * {min of lo, max of hi}: the hessian range from the per-block ranges of a parallel pass (min and max are
     * exact in any order, so the blocks need no fixed order); {+inf, 0} for no blocks' rows.
     */
    private static double[] combineRanges(double[] lo, double[] hi) {
        double mn = Double.POSITIVE_INFINITY;
        double mx = 0;
        for (int q = 0; q < lo.length; q++) {
            mn = Math.min(mn, lo[q]);
            mx = Math.max(mx, hi[q]);
        }
        return new double[] {mn, mx};
    }

    /**
     * hist = histogram of (g, h, 1) over rows idx[b, e), for the active features. The active units are laid out
     * in a lane ({@link #planLane}): four count-free units at a time (the row index and its (g, h) read once for
     * four), else two, with a remainder of three count-free units as one triple; the lane's items are cut into tasks
     * claimed by the threads, and a task walks the rows in blocks of {@link #BLOCK}. Every bin still adds its rows
     * in index order, so the sums do not depend on the lane, the tasks, the block size or the thread count.
     */
    private void build(double[] hist, double[] g, double[] h, int goff, int b, int e, boolean[] active) {
        int len = e - b;
        boolean direct = allRows && b == 0 && e == data.rows();  // rows b..e-1 are 0..n-1: no gather
        for (int u = 0; u < units; u++) {
            int j = unitFeature[u];
            if (j >= 0) {
                unitActive[u] = active[j] && !trivial[j];
            } else {
                boolean any = false;
                for (int m : bundles.members[-1 - j]) {
                    any |= active[m] && !trivial[m];
                }
                unitActive[u] = any;
            }
        }
        // the gradient and hessian of the row at position k of idx are sg[so + k], sh[so + k]
        final double[] sg;
        final double[] sh;
        final int so;
        if (direct) {
            sg = g;
            sh = h;
            so = goff;
        } else {
            if (b != gatheredBegin || e != gatheredEnd) {
                gatherOrdered(g, h, goff, b, e);
            }
            gatheredBegin = -1;
            gatheredEnd = -1;
            sg = ordG;
            sh = constHess ? constH : ordH;
            so = -b;
        }
        if (len >= 2 * chunkRows && units <= CHUNK_UNITS) {  // whatever the thread count: same sums
            byChunks(hist, b, len, direct, sg, sh, so);
        } else {
            int nt = planLane((long) len * units >= PARALLEL_PASS ? Parallelism.threads() : 1);
            int[] tasks = laneTasks;
            Parallelism.forEach(nt, 2, q -> histogramTask(hist, tasks[q], tasks[q + 1], b, e, direct, sg, sh, so));
        }
        if (bundles != null) {
            for (int u = units - bundles.count(); u < units; u++) {
                if (unitActive[u]) {
                    unpack(hist, -1 - unitFeature[u], unitBase[u] / 2, active);
                }
            }
        }
    }

    /** Rows per chunk of the histogram passes by row chunks ({@link #byChunks}). */
    static final int CHUNK = 65_536;
    /**
     * A leaf's histogram pass is split between the threads from this many (row, unit) visits on (28 features: 586
     * rows, about 25 us of work), below it one thread does it. It was 65,536: on 2 threads with the helpers spinning
     * between sections, 16,384 was faster in 13 of 17 alternating pairs of warm HIGGS-like fits in one JVM (medians
     * 9.98 -> 9.69 s, 10.39 -> 9.65 s); 4,096 was no better than 16,384.
     */
    static final int PARALLEL_PASS = 16_384;
    /** Passes go by row chunks only up to this many units (a chunk's partial histogram stays small). */
    static final int CHUNK_UNITS = 64;
    private double[][] chunkParts = new double[0][];
    /** Rows per chunk of {@link #byChunks}: {@link #CHUNK}; tests set fewer to cover the chunked passes on small data. */
    int chunkRows = CHUNK;
    /** Histogram passes made by row chunks so far (read by tests). */
    int chunkedPasses;

    /**
     * The histogram of rows b .. b + len - 1 of the pass (the all-rows pass: rows 0 .. len - 1 in order, gradients
     * read in place; a leaf: the rows idx[b ..], gradients gathered) by row chunks of {@link #chunkRows} rows, in
     * parallel over the chunks: each chunk's histogram of every active unit into its own array, then the chunks
     * added in chunk order, in parallel over the units. Every thread reads its rows' gradients once (the
     * feature-parallel pass reads them once per task, which on tall data with few features made the pass
     * memory-bound and left the threads with unequal shares: 7 features are 4 + 3 units on 2 threads). The chunks
     * depend on the row count alone, so the sums are the same for any thread count (with one thread the chunks run
     * in order); they differ from the plain row-order sums only by the association of the chunk totals. Used
     * whenever there are at least two chunks and at most {@link #CHUNK_UNITS} units, at any thread count.
     */
    private void byChunks(double[] hist, int b, int len, boolean direct, double[] sg, double[] sh, int so) {
        chunkedPasses++;
        int cr = chunkRows;
        int chunks = (len + cr - 1) / cr;
        if (chunkParts.length < chunks || chunkParts[0].length != hist.length) {
            chunkParts = new double[Math.max(chunks, chunkParts.length)][hist.length];
        }
        double[][] parts = chunkParts;
        int items = planLane(1) == 0 ? 0 : laneTasks[1];
        Parallelism.forEach(chunks, 2, q -> histogramTask(parts[q], 0, items, b + q * cr,
                b + Math.min(len, (q + 1) * cr), direct, sg, sh, so));
        Parallelism.forEach(items, 2, i -> {
            for (int r = 0; r < laneSize[i]; r++) {
                int u = laneUnit[4 * i + r];
                addChunks(hist, parts, chunks, unitBase[u], unitBase[u] + 2 * unitBins(u));
                addChunks(hist, parts, chunks, unitCBase[u], unitCBase[u] + unitBins(u));
            }
        });
    }

    /** hist[p] = parts[0][p] + parts[1][p] + ... (chunk order) for p in [p0, p1). */
    private static void addChunks(double[] hist, double[][] parts, int chunks, int p0, int p1) {
        System.arraycopy(parts[0], p0, hist, p0, p1 - p0);
        for (int q = 1; q < chunks; q++) {
            double[] part = parts[q];
            for (int p = p0; p < p1; p++) {
                hist[p] += part[p];
            }
        }
    }

    // The lane of the current histogram pass: item i has laneSize[i] units (4, 3, 2 or 1), laneUnit[4i ..]; a quad
    // is four count-free units on a leaf's rows, a triple three count-free units. Tasks are item ranges
    // laneTasks[q] .. laneTasks[q + 1] - 1.
    private final int[] laneUnit;
    private final int[] laneSize;
    private final int[] laneTasks;
    private final int[] laneOrder;  // scratch of layOutLane: the active units, count-free ones first

    /**
     * Lays out the active units of a histogram pass for {@code threads} threads; returns the number of tasks.
     * One task per thread, not several: every task reads all of the pass's gradients, so more tasks meant more
     * memory traffic (measured slower on tall data, now that idle helpers spin instead of parking). The active units,
     * count-free ones first, are cut into one contiguous share per task, as even as the threads allow (counted units
     * - categorical features, bundles - have a third read-modify-write per row); each task's count-free share goes
     * four at a time (a quad; on all rows in order too, since the kernels lost their bounds checks), with a remainder of
     * three as one triple (7 features on 2 threads: a quad and a triple, where it was three pairs and a single,
     * each reading the rows' gradients again); its counted share two at a time. Inactive units (column sampling,
     * constant columns) take no place. Every bin still adds its rows in index order, so the sums do not depend on
     * the lane.
     */
    private int planLane(int threads) {
        // the passes use at most two plans (one thread or several), each kept with what it depends on
        // (the thread count, the active units, count-free or not) and copied while that is unchanged, usually for the
        // whole fit, so the planning loops stay cold (C2 compiled them late in the fit, on the OSR path, for nothing)
        int key = threads > 1 ? 1 : 0;
        int[] p = planned[key];
        if (p == null || p[0] != threads || plannedCountFree[key] != countFree
                || !Arrays.equals(plannedActive[key], unitActive)) {
            plannedActive[key] = unitActive.clone();
            plannedCountFree[key] = countFree;
            int tasks = layOutLane(threads);
            int items = laneTasks[tasks];
            p = new int[3 + 5 * items + tasks + 1];
            p[0] = threads;
            p[1] = tasks;
            p[2] = items;
            System.arraycopy(laneSize, 0, p, 3, items);
            System.arraycopy(laneUnit, 0, p, 3 + items, 4 * items);
            System.arraycopy(laneTasks, 0, p, 3 + 5 * items, tasks + 1);
            planned[key] = p;
            return tasks;
        }
        int tasks = p[1];
        int items = p[2];
        System.arraycopy(p, 3, laneSize, 0, items);
        System.arraycopy(p, 3 + items, laneUnit, 0, 4 * items);
        System.arraycopy(p, 3 + 5 * items, laneTasks, 0, tasks + 1);
        return tasks;
    }

    /** Lane plans by {@link #planLane}'s key: {threads, tasks, items, sizes, units, task bounds}. */
    private final int[][] planned = new int[2][];
    /** The active units and the count-free state each plan of {@link #planned} was laid out for. */
    private final boolean[][] plannedActive = new boolean[2][];
    private final boolean[] plannedCountFree = new boolean[2];

    /** Works out the lane of {@link #planLane} into laneSize, laneUnit and laneTasks; returns the number of tasks. */
    private int layOutLane(int threads) {
        int[] order = laneOrder;
        int free = 0;
        for (int u = 0; u < units; u++) {
            if (unitActive[u] && countFree && !unitCounted[u]) {
                order[free++] = u;
            }
        }
        int n = free;
        for (int u = 0; u < units; u++) {
            if (unitActive[u] && !(countFree && !unitCounted[u])) {
                order[n++] = u;
            }
        }
        int tasks = n == 0 ? 0 : Math.min(n, Math.max(1, threads));
        int items = 0;
        for (int q = 0; q < tasks; q++) {
            // task q takes units order[lo, hi) (count-free ones first in the order), at least one each
            int lo = (int) ((long) q * n / tasks);
            int hi = (int) ((long) (q + 1) * n / tasks);
            laneTasks[q] = items;
            items = shareOut(order, lo, Math.min(hi, free), true, items);
            items = shareOut(order, Math.max(lo, free), hi, false, items);
        }
        laneTasks[tasks] = items;
        return tasks;
    }

    /**
     * Appends the units order[k0, k1) to the lane from item {@code items} on: count-free ones ({@code free}) four at a
     * time, a remainder of three as a triple; counted ones two at a time. Returns the next item.
     */
    private int shareOut(int[] order, int k0, int k1, boolean free, int items) {
        int k = k0;
        int step = free ? 4 : 2;
        while (k < k1) {
            int left = k1 - k;
            int m = left >= step ? step : free && left == 3 ? 3 : Math.min(2, left);
            laneSize[items] = m;
            for (int r = 0; r < m; r++) {
                laneUnit[4 * items + r] = order[k++];
            }
            items++;
        }
        return items;
    }

    /**
     * Items i0 .. i1 - 1 of the lane over rows idx[b, e), block by block: the first block writes their histograms
     * (its kernels start from zero sums), the others add to them. The row counts of units the pass does not count
     * are zeroed.
     */
    private void histogramTask(double[] hist, int i0, int i1, int b, int e, boolean direct, double[] sg, double[] sh,
            int so) {
        for (int i = i0; i < i1; i++) {
            for (int r = 0; r < laneSize[i]; r++) {
                int u = laneUnit[4 * i + r];
                if (b == e) {
                    Arrays.fill(hist, unitBase[u], unitBase[u] + unitLen[u], 0.0);
                }
                if (b == e || (countFree && !unitCounted[u])) {
                    Arrays.fill(hist, unitCBase[u], unitCBase[u] + unitLen[u] / 2, 0.0);
                }
            }
        }
        int br = blockRows;
        int slot = HistogramScratch.acquire();
        try {
            for (int c = b; c < e; c += br) {
                int cl = Math.min(br, e - c);
                for (int i = i0; i < i1; i++) {
                    addItem(hist, i, direct, c, sg, sh, so, cl, c == b, slot);
                }
            }
        } finally {
            HistogramScratch.release(slot);
        }
    }

    /**
     * Lane item {@code i} over rows c .. c + cl - 1 of the histogram pass ({@code first}: its first block), with
     * the local histogram of {@link HistogramScratch} slot {@code slot}.
     */
    private void addItem(double[] hist, int i, boolean direct, int c, double[] sg, double[] sh, int so, int cl,
                         boolean first, int slot) {
        int o = 4 * i;
        int u0 = laneUnit[o];
        int size = laneSize[i];
        if (size == 4) {
            // four count-free units in one pass over a leaf's rows: the row index and its (g, h) are read once
            int u1 = laneUnit[o + 1];
            int u2 = laneUnit[o + 2];
            int u3 = laneUnit[o + 3];
            if (direct) {
                addQuadDirect(hist, unitBase[u0], unitBase[u1], unitBase[u2], unitBase[u3], unitLen[u0], unitLen[u1],
                        unitLen[u2], unitLen[u3], unitCol[u0], unitCol[u1], unitCol[u2], unitCol[u3], c, sg, sh, so, cl, first, slot);
            } else {
                addQuad(hist, unitBase[u0], unitBase[u1], unitBase[u2], unitBase[u3], unitLen[u0], unitLen[u1], unitLen[u2],
                        unitLen[u3], unitCol[u0], unitCol[u1], unitCol[u2], unitCol[u3], idx, c, sg, sh, so, cl, first, slot);
            }
            return;
        }
        if (size == 3) {
            // three count-free units: on a leaf's rows, or on all rows in order
            int u1 = laneUnit[o + 1];
            int u2 = laneUnit[o + 2];
            if (direct) {
                addTripleDirect(hist, unitBase[u0], unitBase[u1], unitBase[u2], unitLen[u0], unitLen[u1], unitLen[u2],
                        unitCol[u0], unitCol[u1], unitCol[u2], c, sg, sh, so, cl, first, slot);
            } else {
                addTriple(hist, unitBase[u0], unitBase[u1], unitBase[u2], unitLen[u0], unitLen[u1], unitLen[u2],
                        unitCol[u0], unitCol[u1], unitCol[u2], idx, c, sg, sh, so, cl, first, slot);
            }
            return;
        }
        boolean n0 = !countFree || unitCounted[u0];
        if (size == 2 && n0 == (!countFree || unitCounted[laneUnit[o + 1]])) {
            int u1 = laneUnit[o + 1];
            if (direct) {
                addPairDirect(hist, unitBase[u0], unitBase[u1], unitLen[u0], unitLen[u1], unitCBase[u0], unitCBase[u1],
                        unitCol[u0], unitCol[u1], c, sg, sh, so, cl, n0, first, slot);
            } else {
                addPair(hist, unitBase[u0], unitBase[u1], unitLen[u0], unitLen[u1], unitCBase[u0], unitCBase[u1],
                        unitCol[u0], unitCol[u1], idx, c, sg, sh, so, cl, n0, first, slot);
            }
            return;
        }
        for (int r = 0; r < size; r++) {
            int u = laneUnit[o + r];
            boolean nu = !countFree || unitCounted[u];
            if (direct) {
                addOneDirect(hist, unitBase[u], unitLen[u], unitCBase[u], unitCol[u], c, sg, sh, so, cl, nu, first, slot);
            } else {
                addOne(hist, unitBase[u], unitLen[u], unitCBase[u], unitCol[u], idx, c, sg, sh, so, cl, nu, first, slot);
            }
        }
    }

    /** Number of bins of histogram unit {@code u}. */
    private int unitBins(int u) {
        int j = unitFeature[u];
        return j >= 0 ? offset[j + 1] - offset[j] : bundles.bins[-1 - j];
    }

    /**
     * Writes the histograms of the active members of bundle {@code k} from its histogram at slot {@code slot0}:
     * each non-default bin from its bundle bin, the default bin as the bundle total minus the member's other
     * bins (sums in bin order, so the result does not depend on the thread count).
     */
    private void unpack(double[] hist, int k, int slot0, boolean[] active) {
        double tg = 0;
        double th = 0;
        double tc = 0;
        for (int p = slot0, end = slot0 + bundles.bins[k]; p < end; p++) {
            tg += hist[2 * p];
            th += hist[2 * p + 1];
            tc += hist[cOff + p];
        }
        for (int j : bundles.members[k]) {
            if (!active[j]) {
                continue;
            }
            int d = bundles.defaultBin[j];
            int nbj = offset[j + 1] - offset[j];
            int dst = offset[j];
            int src = slot0 + bundles.firstBin[j];
            double og = 0;
            double oh = 0;
            double oc = 0;
            for (int bin = 0; bin < nbj; bin++) {
                if (bin == d) {
                    continue;
                }
                int p = src + (bin < d ? bin : bin - 1);
                double vg = hist[2 * p];
                double vh = hist[2 * p + 1];
                double vc = hist[cOff + p];
                hist[2 * (dst + bin)] = vg;
                hist[2 * (dst + bin) + 1] = vh;
                hist[cOff + dst + bin] = vc;
                og += vg;
                oh += vh;
                oc += vc;
            }
            hist[2 * (dst + d)] = tg - og;
            hist[2 * (dst + d) + 1] = th - oh;
            hist[cOff + dst + d] = tc - oc;
        }
    }

    /** Number of bin columns the histogram pass reads (bundles count once). */
    int histogramColumns() {
        return units;
    }

    /**
     * Doubles of a kernel's local histogram per unit: the (g, h) pairs of 256 bins, the most a byte column can
     * hold. The kernels below add a block of rows into a local array of known length ({@link HistogramScratch}):
     * unit k's pairs from {@code k * LOCAL} on (a counted pair's or single's counts after them), so a bin index
     * {@code (col[row] & 0xFF) << 1} plus a constant is provably in range and C2 drops the two bounds checks per
     * read-modify-write that the shared histogram array costs (its length is unknown to the compiler; the quad pass
     * measured 25-35% faster on HIGGS-like columns). A unit's sums so far are copied in first (zeros on the pass's
     * first block) and the results copied back, so every bin still adds its rows one after another, in index
     * order: the sums are the same as adding into the histogram directly.
     */
    static final int LOCAL = 512;
    /** Row-count slots of a counted unit in a kernel's local histogram (one per bin). */
    static final int LOCAL_COUNTS = 256;

    /**
     * Adds rows ix[c .. c + len) (gradients sg[so + c ..], sh[so + c ..]) to two features' histograms ((g, h)
     * pairs from base0 / base1, n0 / n1 doubles); their row counts (from cb0 / cb1) too when {@code counts} (a
     * third read-modify-write per row and feature, about a quarter of the pass's time, which count-free trees save).
     */
    private static void addPair(double[] hist, int base0, int base1, int n0, int n1, int cb0, int cb1, byte[] c0,
                                byte[] c1, int[] ix, int c, double[] sg, double[] sh, int so, int len, boolean counts,
                                boolean first, int slot) {
        if (!counts) {
            double[] loc = HistogramScratch.get(slot);
            load(hist, base0, loc, 0, n0, first);
            load(hist, base1, loc, LOCAL, n1, first);
            for (int k = 0; k < len; k++) {
                int row = ix[c + k];
                double gk = sg[so + c + k];
                double hk = sh[so + c + k];
                int p0 = (c0[row] & 0xFF) << 1;
                int p1 = LOCAL + ((c1[row] & 0xFF) << 1);
                loc[p0] += gk;
                loc[p0 + 1] += hk;
                loc[p1] += gk;
                loc[p1 + 1] += hk;
            }
            System.arraycopy(loc, 0, hist, base0, n0);
            System.arraycopy(loc, LOCAL, hist, base1, n1);
            return;
        }
        double[] loc = HistogramScratch.get(slot);
        copyCountedIn(hist, base0, base1, n0, n1, cb0, cb1, loc, first);
        for (int k = 0; k < len; k++) {
            int row = ix[c + k];
            double gk = sg[so + c + k];
            double hk = sh[so + c + k];
            int b0 = c0[row] & 0xFF;
            int b1 = c1[row] & 0xFF;
            loc[2 * b0] += gk;
            loc[2 * b0 + 1] += hk;
            loc[2 * LOCAL + b0] += 1;
            loc[LOCAL + 2 * b1] += gk;
            loc[LOCAL + 2 * b1 + 1] += hk;
            loc[2 * LOCAL + LOCAL_COUNTS + b1] += 1;
        }
        copyCountedOut(hist, base0, base1, n0, n1, cb0, cb1, loc);
    }

    /** As {@link #addPair} for the rows c .. c + len - 1 themselves. */
    private static void addPairDirect(double[] hist, int base0, int base1, int n0, int n1, int cb0, int cb1, byte[] c0,
                                      byte[] c1, int c, double[] sg, double[] sh, int so, int len, boolean counts,
                                      boolean first, int slot) {
        if (!counts) {
            double[] loc = HistogramScratch.get(slot);
            load(hist, base0, loc, 0, n0, first);
            load(hist, base1, loc, LOCAL, n1, first);
            for (int k = 0; k < len; k++) {
                double gk = sg[so + c + k];
                double hk = sh[so + c + k];
                int p0 = (c0[c + k] & 0xFF) << 1;
                int p1 = LOCAL + ((c1[c + k] & 0xFF) << 1);
                loc[p0] += gk;
                loc[p0 + 1] += hk;
                loc[p1] += gk;
                loc[p1 + 1] += hk;
            }
            System.arraycopy(loc, 0, hist, base0, n0);
            System.arraycopy(loc, LOCAL, hist, base1, n1);
            return;
        }
        double[] loc = HistogramScratch.get(slot);
        copyCountedIn(hist, base0, base1, n0, n1, cb0, cb1, loc, first);
        for (int k = 0; k < len; k++) {
            double gk = sg[so + c + k];
            double hk = sh[so + c + k];
            int b0 = c0[c + k] & 0xFF;
            int b1 = c1[c + k] & 0xFF;
            loc[2 * b0] += gk;
            loc[2 * b0 + 1] += hk;
            loc[2 * LOCAL + b0] += 1;
            loc[LOCAL + 2 * b1] += gk;
            loc[LOCAL + 2 * b1 + 1] += hk;
            loc[2 * LOCAL + LOCAL_COUNTS + b1] += 1;
        }
        copyCountedOut(hist, base0, base1, n0, n1, cb0, cb1, loc);
    }

    /** A counted pair's sums into its local histogram: (g, h) at 0 and LOCAL, the counts at 2 LOCAL and after. */
    private static void copyCountedIn(double[] hist, int base0, int base1, int n0, int n1, int cb0, int cb1, double[] loc,
                                      boolean first) {
        load(hist, base0, loc, 0, n0, first);
        load(hist, base1, loc, LOCAL, n1, first);
        load(hist, cb0, loc, 2 * LOCAL, n0 / 2, first);
        load(hist, cb1, loc, 2 * LOCAL + LOCAL_COUNTS, n1 / 2, first);
    }

    /**
     * A unit's sums into a kernel's local histogram from {@code off} on: zeros on a pass's first block, else
     * {@code hist[base, base + n)} (the sums of the blocks before).
     */
    private static void load(double[] hist, int base, double[] loc, int off, int n, boolean first) {
        if (first) {
            Arrays.fill(loc, off, off + n, 0.0);
        } else {
            System.arraycopy(hist, base, loc, off, n);
        }
    }

    /** The inverse of {@link #copyCountedIn}. */
    private static void copyCountedOut(double[] hist, int base0, int base1, int n0, int n1, int cb0, int cb1, double[] loc) {
        System.arraycopy(loc, 0, hist, base0, n0);
        System.arraycopy(loc, LOCAL, hist, base1, n1);
        System.arraycopy(loc, 2 * LOCAL, hist, cb0, n0 / 2);
        System.arraycopy(loc, 2 * LOCAL + LOCAL_COUNTS, hist, cb1, n1 / 2);
    }

    /**
     * Adds rows ix[c .. c + len) to four count-free features' histograms ((g, h) pairs from b0 .. b3, n0 .. n3
     * doubles): the row index and its gradient pair are loaded once for four read-modify-writes.
     */
    private static void addQuad(double[] hist, int b0, int b1, int b2, int b3, int n0, int n1, int n2, int n3, byte[] c0,
                                byte[] c1, byte[] c2, byte[] c3, int[] ix, int c, double[] sg, double[] sh, int so, int len,
                                boolean first, int slot) {
        double[] loc = HistogramScratch.get(slot);
        load(hist, b0, loc, 0, n0, first);
        load(hist, b1, loc, LOCAL, n1, first);
        load(hist, b2, loc, 2 * LOCAL, n2, first);
        load(hist, b3, loc, 3 * LOCAL, n3, first);
        for (int k = 0; k < len; k++) {
            int row = ix[c + k];
            double gk = sg[so + c + k];
            double hk = sh[so + c + k];
            int p0 = (c0[row] & 0xFF) << 1;
            int p1 = LOCAL + ((c1[row] & 0xFF) << 1);
            int p2 = 2 * LOCAL + ((c2[row] & 0xFF) << 1);
            int p3 = 3 * LOCAL + ((c3[row] & 0xFF) << 1);
            loc[p0] += gk;
            loc[p0 + 1] += hk;
            loc[p1] += gk;
            loc[p1 + 1] += hk;
            loc[p2] += gk;
            loc[p2 + 1] += hk;
            loc[p3] += gk;
            loc[p3 + 1] += hk;
        }
        System.arraycopy(loc, 0, hist, b0, n0);
        System.arraycopy(loc, LOCAL, hist, b1, n1);
        System.arraycopy(loc, 2 * LOCAL, hist, b2, n2);
        System.arraycopy(loc, 3 * LOCAL, hist, b3, n3);
    }

    /** As {@link #addQuad} for the rows c .. c + len - 1 themselves. */
    private static void addQuadDirect(double[] hist, int b0, int b1, int b2, int b3, int n0, int n1, int n2, int n3,
                                      byte[] c0, byte[] c1, byte[] c2, byte[] c3, int c, double[] sg, double[] sh, int so,
                                      int len, boolean first, int slot) {
        double[] loc = HistogramScratch.get(slot);
        load(hist, b0, loc, 0, n0, first);
        load(hist, b1, loc, LOCAL, n1, first);
        load(hist, b2, loc, 2 * LOCAL, n2, first);
        load(hist, b3, loc, 3 * LOCAL, n3, first);
        for (int k = 0; k < len; k++) {
            double gk = sg[so + c + k];
            double hk = sh[so + c + k];
            int p0 = (c0[c + k] & 0xFF) << 1;
            int p1 = LOCAL + ((c1[c + k] & 0xFF) << 1);
            int p2 = 2 * LOCAL + ((c2[c + k] & 0xFF) << 1);
            int p3 = 3 * LOCAL + ((c3[c + k] & 0xFF) << 1);
            loc[p0] += gk;
            loc[p0 + 1] += hk;
            loc[p1] += gk;
            loc[p1 + 1] += hk;
            loc[p2] += gk;
            loc[p2 + 1] += hk;
            loc[p3] += gk;
            loc[p3 + 1] += hk;
        }
        System.arraycopy(loc, 0, hist, b0, n0);
        System.arraycopy(loc, LOCAL, hist, b1, n1);
        System.arraycopy(loc, 2 * LOCAL, hist, b2, n2);
        System.arraycopy(loc, 3 * LOCAL, hist, b3, n3);
    }

    /** As {@link #addQuad} for three count-free features. */
    private static void addTriple(double[] hist, int b0, int b1, int b2, int n0, int n1, int n2, byte[] c0, byte[] c1,
                                  byte[] c2, int[] ix, int c, double[] sg, double[] sh, int so, int len,
                                  boolean first, int slot) {
        double[] loc = HistogramScratch.get(slot);
        load(hist, b0, loc, 0, n0, first);
        load(hist, b1, loc, LOCAL, n1, first);
        load(hist, b2, loc, 2 * LOCAL, n2, first);
        for (int k = 0; k < len; k++) {
            int row = ix[c + k];
            double gk = sg[so + c + k];
            double hk = sh[so + c + k];
            int p0 = (c0[row] & 0xFF) << 1;
            int p1 = LOCAL + ((c1[row] & 0xFF) << 1);
            int p2 = 2 * LOCAL + ((c2[row] & 0xFF) << 1);
            loc[p0] += gk;
            loc[p0 + 1] += hk;
            loc[p1] += gk;
            loc[p1 + 1] += hk;
            loc[p2] += gk;
            loc[p2 + 1] += hk;
        }
        System.arraycopy(loc, 0, hist, b0, n0);
        System.arraycopy(loc, LOCAL, hist, b1, n1);
        System.arraycopy(loc, 2 * LOCAL, hist, b2, n2);
    }

    /** As {@link #addTriple} for the rows c .. c + len - 1 themselves. */
    private static void addTripleDirect(double[] hist, int b0, int b1, int b2, int n0, int n1, int n2, byte[] c0,
                                        byte[] c1, byte[] c2, int c, double[] sg, double[] sh, int so, int len,
                                        boolean first, int slot) {
        double[] loc = HistogramScratch.get(slot);
        load(hist, b0, loc, 0, n0, first);
        load(hist, b1, loc, LOCAL, n1, first);
        load(hist, b2, loc, 2 * LOCAL, n2, first);
        for (int k = 0; k < len; k++) {
            double gk = sg[so + c + k];
            double hk = sh[so + c + k];
            int p0 = (c0[c + k] & 0xFF) << 1;
            int p1 = LOCAL + ((c1[c + k] & 0xFF) << 1);
            int p2 = 2 * LOCAL + ((c2[c + k] & 0xFF) << 1);
            loc[p0] += gk;
            loc[p0 + 1] += hk;
            loc[p1] += gk;
            loc[p1 + 1] += hk;
            loc[p2] += gk;
            loc[p2 + 1] += hk;
        }
        System.arraycopy(loc, 0, hist, b0, n0);
        System.arraycopy(loc, LOCAL, hist, b1, n1);
        System.arraycopy(loc, 2 * LOCAL, hist, b2, n2);
    }

    private static void addOne(double[] hist, int base, int n, int cb, byte[] col, int[] ix, int c, double[] sg,
                               double[] sh, int so, int len, boolean counts, boolean first, int slot) {
        double[] loc = HistogramScratch.get(slot);
        load(hist, base, loc, 0, n, first);
        if (counts) {
            load(hist, cb, loc, LOCAL, n / 2, first);
        }
        for (int k = 0; k < len; k++) {
            int b = col[ix[c + k]] & 0xFF;
            loc[2 * b] += sg[so + c + k];
            loc[2 * b + 1] += sh[so + c + k];
            if (counts) {
                loc[LOCAL + b] += 1;
            }
        }
        System.arraycopy(loc, 0, hist, base, n);
        if (counts) {
            System.arraycopy(loc, LOCAL, hist, cb, n / 2);
        }
    }

    private static void addOneDirect(double[] hist, int base, int n, int cb, byte[] col, int c, double[] sg, double[] sh,
                                     int so, int len, boolean counts, boolean first, int slot) {
        double[] loc = HistogramScratch.get(slot);
        load(hist, base, loc, 0, n, first);
        if (counts) {
            load(hist, cb, loc, LOCAL, n / 2, first);
        }
        for (int k = 0; k < len; k++) {
            int b = col[c + k] & 0xFF;
            loc[2 * b] += sg[so + c + k];
            loc[2 * b + 1] += sh[so + c + k];
            if (counts) {
                loc[LOCAL + b] += 1;
            }
        }
        System.arraycopy(loc, 0, hist, base, n);
        if (counts) {
            System.arraycopy(loc, LOCAL, hist, cb, n / 2);
        }
    }

    /** The subtraction still pending for leaf {@code l} (a leaf that was not scanned), done now over all features. */
    private void finishSubtraction(int l) {
        if (lSub[l] != null) {
            for (int j = 0; j < f; j++) {
                subtractFeature(l, j);
            }
        }
        lSub[l] = null;
    }

    /** lHist[l] -= lSub[l] over feature j's slots when j is active in the tree (the slots of others are never read). */
    private void subtractFeature(int l, int j) {
        double[] parent = lHist[l];
        double[] child = lSub[l];
        if (child != null && tActive[j]) {
            for (int p = 2 * offset[j], end = 2 * offset[j + 1]; p < end; p++) {
                parent[p] -= child[p];
            }
            for (int p = cOff + offset[j], end = cOff + offset[j + 1]; p < end; p++) {
                parent[p] -= child[p];
            }
        }
    }

    /** The best split of leaf l from its histogram (lBestFeature = -1 if none is allowed). */
    private void findBest(int l, boolean[] active) {
        findBest(l, -1, active);
    }

    /**
     * The best splits of leaf {@code l} and, when {@code l2 >= 0}, of leaf {@code l2} too, in one parallel section
     * over the features (about 10 us per leaf and feature at 255 bins): two children cost one fork-join instead of
     * two. A larger child's histogram is finished here too: feature j's task first subtracts the smaller sibling's
     * slots of j ({@link #lSub}), then scans j in both leaves, so the subtraction runs in parallel, before any scan
     * of j (a count-free scan may count the smaller child's rows of j into its slots), and no task reads slots that
     * another writes.
     */
    private void findBest(int l, int l2, boolean[] active) {
        int n = l2 >= 0 ? 2 : 1;
        // in leaf order, as the per-node column sample draws from the generator
        boolean[] use1 = allowed(l, active);
        boolean[] use2 = n == 2 ? allowed(l2, active) : null;
        Parallelism.forEach(f, 4, j -> {
            subtractFeature(l, j);
            if (l2 >= 0) {
                subtractFeature(l2, j);
            }
            scanLeafFeature(l, j, j, use1);
            if (l2 >= 0) {
                scanLeafFeature(l2, j, f + j, use2);
            }
        });
        lSub[l] = null;
        if (n == 2) {
            lSub[l2] = null;
        }
        pickBest(l, 0);
        if (n == 2) {
            pickBest(l2, f);
        }
    }

    /** Scans feature {@code j} of leaf {@code l}, the result in slot {@code o} of the per-candidate arrays. */
    private void scanLeafFeature(int l, int j, int o, boolean[] use) {
        fGain[o] = Double.NEGATIVE_INFINITY;
        fBin[o] = -1;
        fCat[o] = null;
        fDlByCount[o] = false;
        if (!use[j] || trivial[j]) {
            return;  // a constant column's histogram is not built
        }
        double[] hist = lHist[l];
        double G = lG[l];
        double H = lH[l];
        double C = lEnd[l] - lBegin[l];
        double lo = lLo[l];
        double hi = lHi[l];
        double parent = gainAt(G, H, s.lambda(), output(G, H, s.lambda(), lo, hi));
        if (data.isCategorical(j)) {
            scanCategorical(j, o, hist, G, H, C, parent, lo, hi);
            return;
        }
        int mono = s.monotone() == null ? 0 : s.monotone()[j];
        boolean[] known = lKnown[l];
        if (!known[j] && !scanFeature(j, o, hist, G, H, C, parent, lo, hi, mono, lHmin[l], lHmax[l])) {
            countRows(l, j);  // a candidate too close to min_child_samples to judge by hessians
        }
        if (known[j]) {
            scanFeature(j, o, hist, G, H, C, parent, lo, hi, mono, Double.NaN, Double.NaN);
        }
    }

    /** Leaf {@code l}'s best split from the candidates in slots {@code o0 .. o0 + f - 1} (first feature wins ties). */
    private void pickBest(int l, int o0) {
        int bestF = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < f; j++) {
            if (fBin[o0 + j] >= 0 && fGain[o0 + j] > bestGain) {
                bestGain = fGain[o0 + j];
                bestF = j;
            }
        }
        lBestFeature[l] = bestF;
        if (bestF >= 0) {
            int o = o0 + bestF;
            lBestGain[l] = bestGain;
            lBestBin[l] = fBin[o];
            lBestDefLeft[l] = fDefLeft[o];
            lBestGL[l] = fGL[o];
            lBestHL[l] = fHL[o];
            lBestCL[l] = fCL[o];
            lBestOL[l] = fOL[o];
            lBestOR[l] = fOR[o];
            lBestCat[l] = fCat[o];
            lBestDlByCount[l] = fDlByCount[o];
        }
    }

    /** The features node {@code l} may split on: the tree's, sampled per level and per node, then interaction-filtered. */
    private boolean[] allowed(int l, boolean[] active) {
        boolean[] use = active;
        if (s.colsampleBylevel() < 1) {
            int d = lDepth[l];
            while (levelMasks.size() <= d) {
                levelMasks.add(null);
            }
            if (levelMasks.get(d) == null) {
                levelMasks.set(d, sample(active, s.colsampleBylevel()));
            }
            use = levelMasks.get(d);
        }
        if (s.colsampleBynode() < 1) {
            use = sample(use, s.colsampleBynode());
        }
        if (interactionSets != null) {
            boolean[] path = lPath[l];
            boolean[] ok = new boolean[f];
            for (boolean[] set : interactionSets) {
                boolean contains = true;
                for (int j = 0; j < f && contains; j++) {
                    contains = !path[j] || set[j];
                }
                if (contains) {
                    for (int j = 0; j < f; j++) {
                        ok[j] |= set[j];
                    }
                }
            }
            boolean[] out = new boolean[f];
            for (int j = 0; j < f; j++) {
                out[j] = use[j] && ok[j];
            }
            use = out;
        }
        return use;
    }

    /** {@code max(1, round(frac * count))} of the features marked in {@code from}, drawn without replacement. */
    private boolean[] sample(boolean[] from, double frac) {
        int count = 0;
        for (boolean b : from) {
            count += b ? 1 : 0;
        }
        int[] cand = new int[count];
        int q = 0;
        for (int j = 0; j < f; j++) {
            if (from[j]) {
                cand[q++] = j;
            }
        }
        int k = Math.max(1, (int) Math.round(frac * count));
        boolean[] out = new boolean[f];
        for (int i = 0; i < Math.min(k, count); i++) {
            int r = i + colRng.nextInt(count - i);
            int t = cand[i];
            cand[i] = cand[r];
            cand[r] = t;
            out[cand[i]] = true;
        }
        return out;
    }

    /**
     * Categorical features whose missing bin holds missing values only (no rare level shares it), for which
     * the direction of missing values at categorical splits is learned; null: none (missing values go right).
     */
    private boolean[] catMissingLearned;

    /**
     * Learn the default direction of missing values at categorical splits of the features marked in
     * {@code which} (see the class comment). Only for features whose missing bin holds no level (a rare level
     * sharing it would be routed by the level set at prediction, i.e. right, and training must agree).
     */
    void learnCategoricalMissing(boolean[] which) {
        if (which.length != f) {
            throw new IllegalArgumentException("expected " + f + " flags, got " + which.length);
        }
        this.catMissingLearned = which.clone();
    }

    /** The best categorical split of feature j (see the class comment). */
    private void scanCategorical(int j, int o, double[] hist, double G, double H, double C, double parent, double lo, double hi) {
        int nb = data.numBins(j);
        int base = 2 * offset[j];  // (g, h) of bin t at base + 2t, its row count at cb + t
        int cb = cOff + offset[j];
        double gm = hist[base + 2 * nb];
        double hm = hist[base + 2 * nb + 1];
        double cm = hist[cb + nb];
        boolean learn = catMissingLearned != null && catMissingLearned[j] && cm > 0;
        CatScan scan = new CatScan(G, H, C, parent, lo, hi);
        if (nb <= s.maxCatToOnehot()) {
            for (int t = 0; t < nb; t++) {
                double gl = hist[base + 2 * t];
                double hl = hist[base + 2 * t + 1];
                double cl = hist[cb + t];
                scan.offer(gl, hl, cl, s.lambda(), 0, null, t, false);
                if (learn) {
                    // the level and the missing values left
                    scan.offer(gl + gm, hl + hm, cl + cm, s.lambda(), 0, null, t, true);
                }
            }
            if (learn) {
                // missing values versus every level
                scan.offer(G - gm, H - hm, C - cm, s.lambda(), 0, null, -1, false);
            }
        } else {
            double smooth = s.catSmooth();
            List<Integer> used = new ArrayList<>();
            for (int t = 0; t < nb; t++) {
                if (hist[cb + t] >= smooth && hist[cb + t] > 0) {
                    used.add(t);
                }
            }
            used.sort((a, b) -> Double.compare(hist[base + 2 * a] / (hist[base + 2 * a + 1] + smooth),
                    hist[base + 2 * b] / (hist[base + 2 * b + 1] + smooth)));
            int u = used.size();
            int maxCat = Math.min(s.maxCatThreshold(), (u + 1) / 2);
            double lambdaCat = s.lambda() + s.catL2();
            double minC = s.minChildSamples();
            double minH = s.minChildWeight();
            double minGroup = s.minDataPerGroup();
            for (int dir = 0; dir < 2; dir++) {
                double gl = 0;
                double hl = 0;
                double cl = 0;
                double group = 0;
                for (int i = 0; i < u && i < maxCat; i++) {
                    int t = used.get(dir == 0 ? i : u - 1 - i);
                    gl += hist[base + 2 * t];
                    hl += hist[base + 2 * t + 1];
                    cl += hist[cb + t];
                    group += hist[cb + t];
                    if (cl < minC || hl < minH) {
                        continue;
                    }
                    double cr = C - cl;
                    double hr = H - hl;
                    if (cr < minC || cr < minGroup || hr < minH) {
                        break;
                    }
                    if (group < minGroup) {
                        continue;
                    }
                    group = 0;
                    scan.offer(gl, hl, cl, lambdaCat, minGroup, used, dir == 0 ? i : -2 - i, false);
                    if (learn) {
                        // the same levels with the missing values left
                        scan.offer(gl + gm, hl + hm, cl + cm, lambdaCat, minGroup, used, dir == 0 ? i : -2 - i, true);
                    }
                }
            }
            if (learn) {
                // missing values versus every level
                scan.offer(G - gm, H - hm, C - cm, lambdaCat, minGroup, null, -1, false);
            }
        }
        int[] bestSet = null;
        if (scan.pick == -1) {
            bestSet = new int[nb];
            for (int t = 0; t < nb; t++) {
                bestSet[t] = t;
            }
        } else if (scan.best > Double.NEGATIVE_INFINITY) {
            if (scan.levels == null) {
                bestSet = new int[] {scan.pick};
            } else {
                int u = scan.levels.size();
                int i = scan.pick >= 0 ? scan.pick : -2 - scan.pick;
                bestSet = new int[i + 1];
                for (int q = 0; q <= i; q++) {
                    bestSet[q] = scan.levels.get(scan.pick >= 0 ? q : u - 1 - q);
                }
                Arrays.sort(bestSet);
            }
        }
        fGain[o] = scan.best;
        fBin[o] = bestSet == null ? -1 : 0;
        fCat[o] = bestSet;
        fDefLeft[o] = bestSet != null && scan.defaultLeft;
        fGL[o] = scan.gl;
        fHL[o] = scan.hl;
        fCL[o] = scan.cl;
        fOL[o] = scan.oL;
        fOR[o] = scan.oR;
    }

    /**
     * The best categorical split of one feature found so far by {@link #scanCategorical}: a candidate (left
     * sums, the lambda of its children's gain terms, the left set as {@code pick}: a bin in one-vs-rest mode,
     * {@code i} / {@code -2 - i} for the prefix of length {@code i + 1} of the forward / reverse sorted order,
     * or {@code -1} for "every level left, missing right"; where missing values go) is kept if both children
     * hold at least {@code min_child_samples} rows (the right one also {@code minRight}) and
     * {@code min_child_weight} hessian and its gain beats {@code min_split_gain} and every earlier candidate
     * (ties: the earlier one). Leaf outputs use {@code lambda}.
     */
    private final class CatScan {
        private final double G;
        private final double H;
        private final double C;
        private final double parent;
        private final double lo;
        private final double hi;
        private final double minC = s.minChildSamples();
        private final double minH = s.minChildWeight();
        double best = Double.NEGATIVE_INFINITY;
        int pick = -3;
        List<Integer> levels;
        boolean defaultLeft;
        double gl;
        double hl;
        double cl;
        double oL;
        double oR;

        CatScan(double G, double H, double C, double parent, double lo, double hi) {
            this.G = G;
            this.H = H;
            this.C = C;
            this.parent = parent;
            this.lo = lo;
            this.hi = hi;
        }

        void offer(double gl, double hl, double cl, double lam, double minRight, List<Integer> levels, int pick, boolean dl) {
            double cr = C - cl;
            double hr = H - hl;
            if (cl >= minC && cr >= minC && cr >= minRight && hl >= minH && hr >= minH) {
                double gain = gainAt(gl, hl, lam, output(gl, hl, lam, lo, hi))
                        + gainAt(G - gl, hr, lam, output(G - gl, hr, lam, lo, hi)) - parent;
                if (gain > s.minSplitGain() && gain > best) {
                    best = gain;
                    this.pick = pick;
                    this.levels = levels;
                    defaultLeft = dl;
                    this.gl = gl;
                    this.hl = hl;
                    this.cl = cl;
                    oL = output(gl, hl, s.lambda(), lo, hi);
                    oR = output(G - gl, hr, s.lambda(), lo, hi);
                }
            }
        }
    }

    /**
     * The best threshold split of numeric feature j. With {@code hmin} NaN the histogram's count slots hold
     * row counts and the scan is exact. Otherwise (a count-free histogram, every row's hessian in
     * [hmin, hmax] with hmin > 0) a candidate's child row counts are only bounded by its hessian sums,
     * {@code H_L / hmax <= C_L <= H_L / hmin}: candidates surely outside {@code min_child_samples} are
     * skipped, surely inside ones are scanned as usual, and if an undecided one could win, this returns
     * false so that the caller counts the rows and rescans exactly. Either way the result is the exact scan's.
     */
    private boolean scanFeature(int j, int o, double[] hist, double G, double H, double C, double parent, double lo,
                                double hi, int mono, double hmin, double hmax) {
        boolean exact = Double.isNaN(hmin);
        int nb = data.numBins(j);
        int base = 2 * offset[j];  // (g, h) of bin t at base + 2t, its row count at cb + t
        int cb = cOff + offset[j];
        double gm = hist[base + 2 * nb];
        double hm = hist[base + 2 * nb + 1];
        double cm = hist[cb + nb];
        boolean missing = exact ? cm > 0 : hm > 0;  // hessians > 0: a row is there iff its hessian is counted
        NumericScan scan = new NumericScan(G, H, C, parent, lo, hi, mono, hmin, hmax, hSlack);
        double gl = 0;
        double hl = 0;
        double cl = exact ? 0 : Double.NaN;
        int last = nb - 1;
        // 1 when the count slots hold row counts, else 0 (an empty bin's test then ignores them): a product instead of
        // a test of `exact` in the loop, which C2 hoisted on its profile and trapped on when a scan of the other kind came
        double countsKnown = exact ? 1 : 0;
        if (scan.plain && last >= plainScanMinBins) {
            double[][] w = scanScratch(last);
            scanPlain(scan, hist, base, cb, last, exact, missing, gm, hm, cm, w);
            gl = w[0][last - 1];
            hl = w[1][last - 1];
            cl = w[2][last - 1];
        } else {
            for (int t = 0; t < last; t++) {
                double bg = hist[base + 2 * t];
                double bh = hist[base + 2 * t + 1];
                double bc = hist[cb + t];
                if (t > 0 && bg == 0 && bh == 0 && bc * countsKnown == 0) {
                    // an empty bin: its candidates have the previous bin's sums, so they cannot beat them (ties
                    // keep the earlier candidate)
                    continue;
                }
                gl += bg;
                hl += bh;
                cl += bc;
                // missing values right (or, with none in this node, to the larger child)
                scan.offer(gl, hl, cl, t, missing ? false : cl >= C - cl);
                if (missing) {
                    // missing values left
                    scan.offer(gl + gm, hl + hm, cl + cm, t, true);
                }
            }
        }
        if (missing && last >= 0) {
            // all values left, missing right
            scan.offer(gl + hist[base + 2 * last], hl + hist[base + 2 * last + 1], cl + hist[cb + last], last, false);
        }
        if (scan.undecided > Double.NEGATIVE_INFINITY && scan.undecided >= scan.best) {
            return false;
        }
        fGain[o] = scan.best;
        fBin[o] = scan.bin;
        fDefLeft[o] = scan.defaultLeft;
        fDlByCount[o] = !missing;
        fGL[o] = scan.gl;
        fHL[o] = scan.hl;
        fCL[o] = scan.cl;
        fOL[o] = scan.oL;
        fOR[o] = scan.oR;
        return true;
    }

    /** Plain scans ({@link #scanPlain}) from this many candidate thresholds on; fewer go bin by bin. */
    static final int PLAIN_SCAN_MIN_BINS = 8;
    /** {@link #PLAIN_SCAN_MIN_BINS}; tests set more to compare with the bin-by-bin loop. */
    int plainScanMinBins = PLAIN_SCAN_MIN_BINS;

    /** Per thread: the left sums (g, h, count) and the two gains of every threshold of one feature, for {@link #scanPlain}. */
    private final ThreadLocal<double[][]> scanScratch = ThreadLocal.withInitial(TreeGrower::newScanScratch);

    private static double[][] newScanScratch() {
        return new double[5][256];
    }

    /** This thread's {@link #scanPlain} scratch, with room for {@code last} thresholds. */
    private double[][] scanScratch(int last) {
        double[][] w = scanScratch.get();
        if (w[0].length < last) {
            w = new double[5][last];
            scanScratch.set(w);
        }
        return w;
    }

    /**
     * {@link #scanFeature}'s loop over thresholds 0 .. last - 1 for a plain scan (no L1, clipping, bounds or monotone
     * constraint: a candidate's gain is {@code gl^2 / (hl + lambda) + gr^2 / (hr + lambda) - parent}), in three passes
     * with the same result as the bin-by-bin loop: the left sums of every threshold (bins summed in order: the
     * same sums), then every candidate's gain in a loop without branches (which C2 vectorises: about
     * half the time of the bin-by-bin loop, whose two divisions per candidate waited on each other), then the
     * candidates in the bin-by-bin order, each offered to {@code scan} unless its gain is below the best so far
     * (such a candidate changes nothing: not kept, and an undecided gain below the best never decides). The left
     * sums are left in {@code w[0..2][0 .. last)} ({@code w}: this thread's {@link #scanScratch(int)}).
     */
    private void scanPlain(NumericScan scan, double[] hist, int base, int cb, int last, boolean exact, boolean missing,
                           double gm, double hm, double cm, double[][] w) {
        double[] sg = w[0];
        double[] sh = w[1];
        double[] sc = w[2];
        double[] right = w[3];
        double[] left = w[4];
        leftSums(hist, base, cb, last, exact, sg, sh, sc);
        double lambda = s.lambda();
        plainGains(sg, sh, 0, 0, scan.G, scan.H, lambda, scan.parentPlain, right, last);
        if (missing) {
            plainGains(sg, sh, gm, hm, scan.G, scan.H, lambda, scan.parentPlain, left, last);
        }
        if (missing) {
            offerBoth(scan, sg, sh, sc, right, left, gm, hm, cm, last);
        } else {
            offerRight(scan, sg, sh, sc, right, last);
        }
    }

    /** {@link #scanPlain}'s candidates when the node has no missing values: one per threshold. */
    private static void offerRight(NumericScan scan, double[] sg, double[] sh, double[] sc, double[] right, int last) {
        double C = scan.C;
        for (int t = 0; t < last; t++) {
            if (!(right[t] < scan.best)) {
                double cl = sc[t];
                scan.offer(sg[t], sh[t], cl, t, cl >= C - cl);  // missing values (none here) to the larger child
            }
        }
    }

    /** {@link #scanPlain}'s candidates with missing values: missing right, then missing left, at each threshold. */
    private static void offerBoth(NumericScan scan, double[] sg, double[] sh, double[] sc, double[] right, double[] left,
                                  double gm, double hm, double cm, int last) {
        for (int t = 0; t < last; t++) {
            if (!(right[t] < scan.best)) {
                scan.offer(sg[t], sh[t], sc[t], t, false);
            }
            if (!(left[t] < scan.best)) {
                scan.offer(sg[t] + gm, sh[t] + hm, sc[t] + cm, t, true);
            }
        }
    }

    /**
     * The running sums of bins 0 .. t of the feature at {@code base} for t < last (counts NaN unless exact). Empty
     * bins are added too, unlike in the bin-by-bin loop, with the same sums: a sum that starts at +0.0 never becomes
     * -0.0, so adding a zero leaves it unchanged. No branch in the loop: a first exact scan or a first empty bin made
     * C2 recompile it.
     */
    private static void leftSums(double[] hist, int base, int cb, int last, boolean exact, double[] sg, double[] sh,
                                 double[] sc) {
        double gl = 0;
        double hl = 0;
        double cl = exact ? 0 : Double.NaN;
        double countsKnown = exact ? 1 : 0;  // count-free: the count slots hold stale (finite) values, weighted 0
        for (int t = 0; t < last; t++) {
            gl += hist[base + 2 * t];
            hl += hist[base + 2 * t + 1];
            cl += hist[cb + t] * countsKnown;
            sg[t] = gl;
            sh[t] = hl;
            sc[t] = cl;
        }
    }

    /** gain[t] of the candidate with left sums (sg[t] + dg, sh[t] + dh), as {@link NumericScan#offer} computes it. */
    private static void plainGains(double[] sg, double[] sh, double dg, double dh, double G, double H, double lambda,
                                   double parent, double[] gain, int last) {
        for (int t = 0; t < last; t++) {
            double gl = sg[t] + dg;
            double hl = sh[t] + dh;
            double gr = G - gl;
            double hr = H - hl;
            gain[t] = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
        }
    }

    /**
     * The best threshold split of one numeric feature found so far by {@link #scanFeature}: each candidate
     * (left sums, bin, missing direction) is kept if both children hold at least {@code min_child_samples}
     * rows and {@code min_child_weight} hessian, its child outputs respect the monotone direction, and its
     * gain beats {@code min_split_gain} and every earlier candidate (ties: the earlier one).
     */
    private final class NumericScan {
        private final double G;
        private final double H;
        private final double C;
        private final double parent;
        private final double lo;
        private final double hi;
        private final int mono;
        private final double lambda = s.lambda();
        private final double minC = s.minChildSamples();
        private final double minH = s.minChildWeight();
        private final double threshold = s.minSplitGain();
        private final double invHmin;
        private final double invHmax;
        private final double slack;
        /**
         * Count-free scans: both children of a candidate whose hessian sums are at least this surely hold more than
         * {@code min_child_samples} rows (a whole row of margin over the bound {@code (H - slack) / hmax}), so the
         * row-count bounds need not be worked out.
         */
        private final double hSure;
        /**
         * No L1 penalty, output clipping, output bounds or monotone constraint: a child's gain term is
         * {@code g^2 / (h + lambda)} (as LightGBM computes it), its outputs worked out only for a winning candidate.
         */
        private final boolean plain;
        private final double parentPlain;
        double best = Double.NEGATIVE_INFINITY;
        double undecided = Double.NEGATIVE_INFINITY;  // best gain of a candidate the hessian bounds could not judge
        int bin = -1;
        boolean defaultLeft;
        double gl;
        double hl;
        double cl;
        double oL;
        double oR;

        NumericScan(double G, double H, double C, double parent, double lo, double hi, int mono, double hmin,
                    double hmax, double slack) {
            this.invHmin = 1 / hmin;
            this.invHmax = 1 / hmax;
            this.slack = slack;
            this.hSure = hmax > 0 ? (minC + 1) * hmax + slack : Double.POSITIVE_INFINITY;
            this.plain = s.alpha() == 0 && !(s.maxDeltaStep() > 0) && lo == Double.NEGATIVE_INFINITY
                    && hi == Double.POSITIVE_INFINITY && mono == 0 && H + lambda > 0;
            this.parentPlain = G * G / (H + lambda);
            this.G = G;
            this.H = H;
            this.C = C;
            this.parent = parent;
            this.lo = lo;
            this.hi = hi;
            this.mono = mono;
        }

        /**
         * A candidate with left sums (gl, hl, cl); cl NaN: unknown, bounded by the hessians. The common case (plain
         * gain, both children surely large enough) is handled here, in a method small enough for C2 to inline into
         * the scan loop; everything else goes to {@link #offerGeneral}, with the same result.
         */
        void offer(double gl, double hl, double cl, int t, boolean dl) {
            double hr = H - hl;
            // one test of the whole condition (non-short-circuit: each part alone was a branch whose never-taken side
            // C2 compiled as a trap, taken later in the fit); known counts, or a count-free candidate surely large enough
            boolean counts = (cl >= minC & C - cl >= minC) | (cl != cl & hl >= hSure & hr >= hSure);
            if (plain & hl >= minH & hr >= minH & hl + lambda > 0 & hr + lambda > 0 & counts) {
                double gr = G - gl;
                double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentPlain;
                if (gain > threshold && gain > best) {
                    keep(gain, output(gl, hl, lambda, lo, hi), output(gr, hr, lambda, lo, hi), gl, hl, cl, t, dl);
                }
                return;
            }
            offerGeneral(gl, hl, cl, t, dl);
        }

        private void offerGeneral(double gl, double hl, double cl, int t, boolean dl) {
            double hr = H - hl;
            boolean sure = true;
            if (Double.isNaN(cl) && !(hl >= hSure && hr >= hSure)) {
                // row counts from hessian sums (|error of a sum| <= slack): H / hmax <= rows <= H / hmin, and
                // rows are whole numbers (so with constant hessians the bounds meet)
                // (products with the reciprocals err by a few ulps, far inside the 1e-7 margin)
                double clLo = Math.max(0, Math.ceil((hl - slack) * invHmax - 1e-7));
                double clHi = Math.floor((hl + slack) * invHmin + 1e-7);
                double crLo = Math.max(C - clHi, Math.ceil((hr - slack) * invHmax - 1e-7));
                double crHi = Math.min(C - clLo, Math.floor((hr + slack) * invHmin + 1e-7));
                if (clHi < minC || crHi < minC) {
                    return;
                }
                sure = clLo >= minC && crLo >= minC;
            } else if (cl < minC || C - cl < minC) {
                return;
            }
            if (plain && hl >= minH && hr >= minH && hl + lambda > 0 && hr + lambda > 0) {
                double gr = G - gl;
                double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentPlain;
                if (gain > threshold && !sure) {
                    undecided = Math.max(undecided, gain);
                } else if (gain > threshold && gain > best) {
                    keep(gain, output(gl, hl, lambda, lo, hi), output(gr, hr, lambda, lo, hi), gl, hl, cl, t, dl);
                }
            } else if (hl >= minH && hr >= minH) {
                double oL = output(gl, hl, lambda, lo, hi);
                double oR = output(G - gl, hr, lambda, lo, hi);
                double gain = (mono > 0 && oL > oR) || (mono < 0 && oL < oR) ? Double.NEGATIVE_INFINITY
                        : gainAt(gl, hl, lambda, oL) + gainAt(G - gl, hr, lambda, oR) - parent;
                if (gain > threshold && !sure) {
                    undecided = Math.max(undecided, gain);
                } else if (gain > threshold && gain > best) {
                    keep(gain, oL, oR, gl, hl, cl, t, dl);
                }
            }
        }

        private void keep(double gain, double oL, double oR, double gl, double hl, double cl, int t, boolean dl) {
            this.oL = oL;
            this.oR = oR;
            best = gain;
            bin = t;
            defaultLeft = dl;
            this.gl = gl;
            this.hl = hl;
            this.cl = cl;
        }
    }
}
