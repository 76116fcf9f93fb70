package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * C4.5 decision trees (Quinlan 1993, <i>C4.5: Programs for Machine Learning</i>; continuous attributes as
 * in Quinlan 1996, "Improved use of continuous attributes in C4.5", JAIR 4:77-90).
 *
 * <h2>Growing</h2>
 * At a node holding cases {@code T} of total (possibly fractional) weight {@code W}, of which weight
 * {@code K} has a known value of feature {@code A} and {@code U = W - K} a missing one:
 * <ul>
 * <li>gain: {@code gain(A) = (K / W) (H(T_known) - sum_b (K_b / K) H(T_b))}, entropies in bits over the
 * known cases, {@code K_b} the known weight in branch {@code b};</li>
 * <li>split information: {@code split(A) = -sum_b (K_b / W) log2(K_b / W) - (U / W) log2(U / W)} (the
 * missing cases count as one more branch), and the gain ratio {@code gain(A) / split(A)};</li>
 * <li>a categorical feature gives one branch per level and is usable only when at least two branches
 * carry known weight {@code >= min_samples_leaf}; it is not tested again below;</li>
 * <li>a numeric feature gives two branches {@code x <= t} and {@code x > t}; the candidate thresholds are
 * the midpoints between consecutive distinct known values with at least
 * {@code min(25, max(min_samples_leaf, 0.1 K / classes))} known weight on each side; the threshold with the
 * highest gain is taken, and with {@code mdl_correction} its gain is reduced by
 * {@code log2(N - 1) / W} for {@code N} distinct known values (Quinlan 1996); it is usable only if that
 * gain stays positive. With {@code threshold = training_value} the split point is then moved down to the
 * largest value of the feature in the whole training set not above the midpoint, as C4.5 and J48 do (the
 * partition of the training data is the same; only unseen values in between go the other way); the
 * default {@code midpoint} keeps the midpoint.</li>
 * <li>"average gain" filter: among the usable features, only those whose gain is at least the average
 * gain of the usable features (less 10^-3, as C4.5) are candidates, and the candidate with the highest
 * gain ratio wins (the lowest feature index on a tie). No candidate with a positive gain: the node is a
 * leaf. A node is also a leaf when it is pure or its weight is below {@code 2 min_samples_leaf}.</li>
 * <li>missing values by fractional cases: a case whose tested value is missing goes down every branch
 * with its weight multiplied by {@code K_b / K}. A branch that receives no weight becomes a leaf with its
 * parent's class distribution.</li>
 * </ul>
 *
 * <h2>Pruning</h2>
 * With {@code prune} (default), the grown tree is pruned bottom-up by pessimistic error estimates
 * (subtree replacement): a leaf covering {@code N} cases with {@code E} misclassified is charged
 * {@code N U_CF(E, N)} errors ({@link PessimisticError}, {@code CF = confidence_factor}, default 0.25), a
 * subtree the sum of its (already pruned) children's charges, and the subtree is replaced by a leaf when
 * the leaf's charge is at most the subtree's plus 0.1 (C4.5's rule). With {@code subtree_raising} (off by
 * default; on in C4.5 and J48) pruning works on the training cases themselves: a subtree may also be
 * replaced by its most used branch when that branch, given all the subtree's cases (class weights and
 * branch proportions re-estimated from them), is estimated at most 0.1 worse than the subtree. The exact
 * binomial bound is used where C4.5 and J48 use a normal approximation for {@code E >= 1}, so trees can
 * differ from J48's in rare borderline cases.
 *
 * <h2>Prediction</h2>
 * See {@link C45Model}: missing values follow every branch with the training branch proportions; class
 * probabilities are the weighted leaf class distributions.
 *
 * <p>Parameters (J48 option in brackets): {@code confidence_factor} 0.25 ({@code -C}),
 * {@code min_samples_leaf} 2 ({@code -M}), {@code prune} true ({@code -U} turns it off),
 * {@code mdl_correction} true, {@code subtree_raising} false (J48: true), {@code threshold} midpoint (C4.5
 * and J48: training_value). Data set sample weights multiply the case weights.
 */
public final class C45 extends NamedLearner<C45, C45Model> {

    /** The registered name. */
    public static final String NAME = "c45";
    /** The model kind in files. */
    public static final String KIND = "c45.classifier";

    /** Slack of the average-gain filter (C4.5's Epsilon). */
    static final double AVERAGE_GAIN_SLACK = 1e-3;
    /** C4.5 replaces a subtree by a leaf when the leaf's estimated errors are at most the subtree's plus this. */
    static final double PRUNE_SLACK = 0.1;

    static final List<Param<?>> SPECS = List.of(
            Param.real("confidence_factor", 0.25, 0, false, 0.5, true,
                    "confidence CF of the pessimistic error bound used in pruning; smaller prunes more"),
            Param.integer("min_samples_leaf", 2, 1, Integer.MAX_VALUE,
                    "least (weighted) number of cases in at least two branches of a split (C4.5's -m)"),
            Param.flag("prune", true, "prune the grown tree by pessimistic error estimates (subtree replacement)"),
            Param.flag("mdl_correction", true, "subtract log2(N-1)/W from the gain of a numeric threshold (Quinlan 1996)"),
            Param.flag("subtree_raising", false,
                    "while pruning, also try replacing a subtree by its most used branch with all the subtree's cases (C4.5 and J48)"),
            Param.choice("threshold", "midpoint", List.of("midpoint", "training_value"),
                    "numeric split point: the midpoint between consecutive values, or (as C4.5 and J48) the largest training value not above it"));

    private C45(Params params) {
        super(NAME, Dataset.Task.CLASSIFICATION, params);
    }

    /** C4.5 with the defaults of C4.5 Release 8 and J48 (CF 0.25, at least 2 cases, pruned). */
    public static C45 learner() {
        return new C45(defaults(SPECS));
    }

    public C45 confidenceFactor(double cf) {
        return with("confidence_factor", cf);
    }

    public C45 minSamplesLeaf(int m) {
        return with("min_samples_leaf", m);
    }

    public C45 prune(boolean p) {
        return with("prune", p);
    }

    public C45 mdlCorrection(boolean m) {
        return with("mdl_correction", m);
    }


    @Override
    protected C45 create(Params params) {
        return new C45(params);
    }

    /**
     * How one feature scores as a split of a node.
     *
     * @param feature   the feature index
     * @param usable    whether the split is allowed (two branches with enough weight; for a numeric
     *                  feature a threshold exists and the corrected gain is positive)
     * @param gain      the gain in bits (after the MDL correction for a numeric feature, if on)
     * @param splitInfo the split information in bits
     * @param threshold the threshold of a numeric feature ({@code NaN} for a categorical one)
     */
    public record SplitScore(int feature, boolean usable, double gain, double splitInfo, double threshold) {
        /** {@code gain / splitInfo}. */
        public double gainRatio() {
            return gain / splitInfo;
        }
    }

    /** The score of every feature at the root (all of {@code data}) with this learner's settings. */
    public List<SplitScore> rootScores(Dataset data) {
        Builder b = new Builder(Input.of(data), params());
        int n = data.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        double[] w = b.in.w.clone();
        double total = 0;
        for (double v : w) {
            total += v;
        }
        List<SplitScore> out = new ArrayList<>();
        for (int j = 0; j < b.in.p; j++) {
            out.add(b.score(rows, w, j, total));
        }
        return out;
    }

    @Override
    protected C45Model train(Dataset data) {
        long t0 = System.nanoTime();
        Builder b = new Builder(Input.of(data), params());
        int n = data.size();
        int count = 0;
        for (double v : b.in.w) {
            count += v > 0 ? 1 : 0;
        }
        int[] rows = new int[count];
        double[] w = new double[count];
        for (int i = 0, at = 0; i < n; i++) {
            if (b.in.w[i] > 0) {
                rows[at] = i;
                w[at++] = b.in.w[i];
            }
        }
        MultiwayTree.Node root = b.grow(rows, w, new boolean[b.in.p]);
        MultiwayTree grown = MultiwayTree.flatten(root, b.in.k, b.in.p);
        double estimated = Double.NaN;
        if (params().getBoolean("prune")) {
            estimated = params().getBoolean("subtree_raising") ? b.pruneWithCases(root, rows, w, true) : b.prune(root);
        }
        MultiwayTree tree = MultiwayTree.flatten(root, b.in.k, b.in.p);
        TrainingReport report = new TrainingReport(1, true, params().getBoolean("prune") ? "tree grown and pruned" : "tree grown",
                new double[0], secondsSince(t0), List.of(),
                Map.of("nodes", (double) tree.nodeCount(), "leaves", (double) tree.leafCount(), "depth", (double) tree.depth(),
                        "grown_nodes", (double) grown.nodeCount(), "estimated_errors", Double.isNaN(estimated) ? -1.0 : estimated));
        return new C45Model(params(), ModelSchema.of(data), report, tree);
    }

    /** The training data: feature columns (NaN = missing), categorical level counts (0 = numeric), labels, weights. */
    record Input(double[][] x, int[] levels, int[] y, double[] w, int n, int p, int k) {
        static Input of(Dataset data) {
            int n = data.size();
            int p = data.featureCount();
            List<Dataset.Feature> fs = data.featureInfo();
            double[][] x = new double[p][n];
            int[] levels = new int[p];
            for (int j = 0; j < p; j++) {
                Dataset.Feature f = fs.get(j);
                levels[j] = f.isCategorical() ? f.levels().size() : 0;
                for (int i = 0; i < n; i++) {
                    double v = data.features().get(i, j);
                    if (Double.isInfinite(v)) {
                        throw new IllegalArgumentException(NAME + " does not accept infinite values: feature '" + f.name()
                                + "' is " + v + " at row " + i);
                    }
                    if (f.isCategorical() && !Double.isNaN(v) && (v != Math.rint(v) || v < 0 || v >= levels[j])) {
                        throw new IllegalArgumentException("feature '" + f.name() + "' at row " + i + " is " + v
                                + ", not a level code 0 .. " + (levels[j] - 1));
                    }
                    x[j][i] = v;
                }
            }
            double[] w = new double[n];
            if (data.hasWeights()) {
                double[] dw = data.weights();
                for (int i = 0; i < n; i++) {
                    if (!(dw[i] >= 0) || Double.isInfinite(dw[i])) {
                        throw new IllegalArgumentException("sample weight " + dw[i] + " at row " + i + " is not a finite number >= 0");
                    }
                    w[i] = dw[i];
                }
            } else {
                Arrays.fill(w, 1.0);
            }
            double total = 0;
            for (double v : w) {
                total += v;
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("the sample weights sum to " + total + "; at least one must be positive");
            }
            return new Input(x, levels, data.labels(), w, n, p, data.numClasses());
        }
    }

    /** Grows and prunes one tree. */
    static final class Builder {
        final Input in;
        final double minObjs;
        final boolean mdl;
        final double cf;

        /** Per numeric feature, its sorted distinct training values (when thresholds snap to training values), else null. */
        final double[][] values;

        final boolean raising;

        Builder(Input in, Params params) {
            this.in = in;
            this.raising = params.getBoolean("subtree_raising");
            this.minObjs = params.getInt("min_samples_leaf");
            this.mdl = params.getBoolean("mdl_correction");
            this.cf = params.getDouble("confidence_factor");
            this.values = new double[in.p][];
            if (params.getString("threshold").equals("training_value")) {
                for (int j = 0; j < in.p; j++) {
                    if (in.levels[j] == 0) {
                        values[j] = Arrays.stream(in.x[j]).filter(v -> !Double.isNaN(v)).sorted().distinct().toArray();
                    }
                }
            }
        }

        /** The split point for a cut between {@code v} and {@code next}: the midpoint, or the largest training value not above it. */
        private double splitPoint(int j, double v, double next) {
            double mid = v + (next - v) / 2;
            if (!(mid < next)) {
                mid = v;
            }
            if (values[j] == null) {
                return mid;
            }
            int at = Arrays.binarySearch(values[j], mid);
            return at >= 0 ? values[j][at] : values[j][-at - 2];
        }

        MultiwayTree.Node grow(int[] rows, double[] w, boolean[] tested) {
            double[] dist = new double[in.k];
            for (int i = 0; i < rows.length; i++) {
                dist[in.y[rows[i]]] += w[i];
            }
            MultiwayTree.Node node = new MultiwayTree.Node(dist);
            double total = 0;
            int present = 0;
            for (double d : dist) {
                total += d;
                present += d > 0 ? 1 : 0;
            }
            if (present <= 1 || total < 2 * minObjs) {
                return node;
            }
            SplitScore[] scores = new SplitScore[in.p];
            double sumGain = 0;
            int usable = 0;
            for (int j = 0; j < in.p; j++) {
                if (tested[j]) {
                    continue;
                }
                scores[j] = score(rows, w, j, total);
                if (scores[j].usable()) {
                    sumGain += scores[j].gain();
                    usable++;
                }
            }
            if (usable == 0) {
                return node;
            }
            double average = sumGain / usable;
            SplitScore best = null;
            for (SplitScore s : scores) {
                if (s != null && s.usable() && s.gain() > 1e-12 && s.gain() >= average - AVERAGE_GAIN_SLACK && s.splitInfo() > 0
                        && (best == null || s.gainRatio() > best.gainRatio())) {
                    best = s;
                }
            }
            if (best == null) {
                return node;
            }
            split(node, rows, w, tested, best);
            return node;
        }

        private void split(MultiwayTree.Node node, int[] rows, double[] w, boolean[] tested, SplitScore s) {
            int j = s.feature();
            double[] col = in.x[j];
            boolean categorical = in.levels[j] > 0;
            int branches = categorical ? in.levels[j] : 2;
            double[] known = new double[branches];
            double knownTotal = 0;
            int[] counts = new int[branches];
            int missing = 0;
            for (int i = 0; i < rows.length; i++) {
                double v = col[rows[i]];
                if (Double.isNaN(v)) {
                    missing++;
                    continue;
                }
                int b = categorical ? (int) v : v <= s.threshold() ? 0 : 1;
                known[b] += w[i];
                knownTotal += w[i];
                counts[b]++;
            }
            boolean[] testedBelow = tested;
            if (categorical) {
                testedBelow = tested.clone();
                testedBelow[j] = true;
            }
            node.feature = j;
            node.threshold = categorical ? Double.NaN : s.threshold();
            node.children = new MultiwayTree.Node[branches];
            for (int b = 0; b < branches; b++) {
                double share = known[b] / knownTotal;
                int m = counts[b] + (share > 0 ? missing : 0);
                int[] cr = new int[m];
                double[] cw = new double[m];
                int at = 0;
                for (int i = 0; i < rows.length; i++) {
                    double v = col[rows[i]];
                    if (Double.isNaN(v)) {
                        if (share > 0) {
                            cr[at] = rows[i];
                            cw[at++] = w[i] * share;
                        }
                    } else if ((categorical ? (int) v : v <= s.threshold() ? 0 : 1) == b) {
                        cr[at] = rows[i];
                        cw[at++] = w[i];
                    }
                }
                MultiwayTree.Node child = at == 0 ? new MultiwayTree.Node(new double[in.k]) : grow(cr, cw, testedBelow);
                child.branchProb = share;
                node.children[b] = child;
            }
        }

        SplitScore score(int[] rows, double[] w, int j, double total) {
            return in.levels[j] > 0 ? scoreCategorical(rows, w, j) : scoreNumeric(rows, w, j);
        }

        private SplitScore scoreCategorical(int[] rows, double[] w, int j) {
            int levels = in.levels[j];
            double[][] byLevel = new double[levels][in.k];
            double[] lw = new double[levels];
            double[] knownDist = new double[in.k];
            double known = 0;
            double unknown = 0;
            double[] col = in.x[j];
            for (int i = 0; i < rows.length; i++) {
                double v = col[rows[i]];
                if (Double.isNaN(v)) {
                    unknown += w[i];
                } else {
                    int b = (int) v;
                    int c = in.y[rows[i]];
                    byLevel[b][c] += w[i];
                    lw[b] += w[i];
                    knownDist[c] += w[i];
                    known += w[i];
                }
            }
            double all = known + unknown;
            if (!(known > 0)) {
                return new SplitScore(j, false, 0, 0, Double.NaN);
            }
            int reasonable = 0;
            double after = 0;
            double split = SplitEntropy.term(unknown, all);
            for (int b = 0; b < levels; b++) {
                if (lw[b] >= minObjs) {
                    reasonable++;
                }
                if (lw[b] > 0) {
                    after += lw[b] / known * SplitEntropy.of(byLevel[b], lw[b]);
                    split += SplitEntropy.term(lw[b], all);
                }
            }
            double gain = known / all * (SplitEntropy.of(knownDist, known) - after);
            return new SplitScore(j, reasonable >= 2, gain, split, Double.NaN);
        }

        private SplitScore scoreNumeric(int[] rows, double[] w, int j) {
            double[] col = in.x[j];
            int m = 0;
            double unknown = 0;
            for (int i = 0; i < rows.length; i++) {
                if (Double.isNaN(col[rows[i]])) {
                    unknown += w[i];
                } else {
                    m++;
                }
            }
            int[] order = new int[m];
            double[] key = new double[m];
            for (int i = 0, at = 0; i < rows.length; i++) {
                if (!Double.isNaN(col[rows[i]])) {
                    key[at] = col[rows[i]];
                    order[at++] = i;
                }
            }
            sortByKey(order, key);
            double[] knownDist = new double[in.k];
            double known = 0;
            int distinct = m == 0 ? 0 : 1;
            for (int a = 0; a < m; a++) {
                int i = order[a];
                knownDist[in.y[rows[i]]] += w[i];
                known += w[i];
                if (a > 0 && key[a] > key[a - 1]) {
                    distinct++;
                }
            }
            double all = known + unknown;
            if (distinct < 2) {
                return new SplitScore(j, false, 0, 0, Double.NaN);
            }
            double minSplit = Math.min(25, Math.max(minObjs, 0.1 * known / in.k));
            double base = SplitEntropy.of(knownDist, known);
            double[] left = new double[in.k];
            double[] right = new double[in.k];
            double leftW = 0;
            double bestGain = Double.NEGATIVE_INFINITY;
            double bestLeft = 0;
            double threshold = Double.NaN;
            for (int a = 0; a < m - 1; a++) {
                int i = order[a];
                left[in.y[rows[i]]] += w[i];
                leftW += w[i];
                double v = col[rows[i]];
                double next = key[a + 1];
                if (!(next > v)) {
                    continue;
                }
                double rightW = known - leftW;
                if (leftW < minSplit || rightW < minSplit) {
                    continue;
                }
                for (int c = 0; c < in.k; c++) {
                    right[c] = Math.max(0, knownDist[c] - left[c]);
                }
                double after = leftW / known * SplitEntropy.of(left, leftW) + rightW / known * SplitEntropy.of(right, rightW);
                double g = base - after;
                if (g > bestGain) {
                    bestGain = g;
                    bestLeft = leftW;
                    threshold = splitPoint(j, v, next);
                }
            }
            if (Double.isNaN(threshold)) {
                return new SplitScore(j, false, 0, 0, Double.NaN);
            }
            double gain = known / all * bestGain;
            if (mdl) {
                gain -= SplitEntropy.log2(distinct - 1) / all;
            }
            double split = SplitEntropy.term(bestLeft, all) + SplitEntropy.term(known - bestLeft, all) + SplitEntropy.term(unknown, all);
            return new SplitScore(j, gain > 0, gain, split, threshold);
        }

        /** Sorts {@code idx} by {@code key} (both permuted together), stable, by bottom-up merge sort. */
        static void sortByKey(int[] idx, double[] key) {
            int n = idx.length;
            int[] ti = new int[n];
            double[] tk = new double[n];
            int[] ai = idx;
            double[] ak = key;
            int[] bi = ti;
            double[] bk = tk;
            for (int width = 1; width < n; width *= 2) {
                for (int lo = 0; lo < n; lo += 2 * width) {
                    int mid = Math.min(lo + width, n);
                    int hi = Math.min(lo + 2 * width, n);
                    int i = lo;
                    int j = mid;
                    for (int t = lo; t < hi; t++) {
                        if (i < mid && (j >= hi || ak[i] <= ak[j])) {
                            bi[t] = ai[i];
                            bk[t] = ak[i++];
                        } else {
                            bi[t] = ai[j];
                            bk[t] = ak[j++];
                        }
                    }
                }
                int[] si = ai;
                ai = bi;
                bi = si;
                double[] sk = ak;
                ak = bk;
                bk = sk;
            }
            if (ai != idx) {
                System.arraycopy(ai, 0, idx, 0, n);
                System.arraycopy(ak, 0, key, 0, n);
            }
        }

        /** Prunes the subtree at {@code node} in place by subtree replacement; returns its estimated errors. */
        double prune(MultiwayTree.Node node) {
            double asLeaf = leafErrors(node);
            if (node.isLeaf()) {
                return asLeaf;
            }
            double subtree = 0;
            for (MultiwayTree.Node c : node.children) {
                subtree += prune(c);
            }
            if (asLeaf <= subtree + PRUNE_SLACK) {
                node.makeLeaf();
                return asLeaf;
            }
            return subtree;
        }

        private double leafErrors(MultiwayTree.Node node) {
            return leafErrors(node.dist);
        }

        private double leafErrors(double[] dist) {
            double total = 0;
            double max = 0;
            for (double d : dist) {
                total += d;
                max = Math.max(max, d);
            }
            if (!(total > 0)) {
                return 0;
            }
            double errors = Math.max(0, total - max);
            return PessimisticError.estimatedErrors(errors, total, cf);
        }

        /**
         * C4.5's pruning with the training cases (Quinlan 1993, ch. 4): the estimated errors of the subtree
         * at {@code node} for the cases {@code rows} with weights {@code w}. With {@code update} the class
         * weights and branch proportions are recomputed from these cases and the subtree is pruned: replaced
         * by a leaf when the leaf's estimate is at most both the subtree's and its most used branch's plus
         * 0.1; otherwise (with subtree raising) replaced by its most used branch, re-fitted to all the cases,
         * when that branch's estimate on all of them is at most the subtree's plus 0.1. Without {@code update}
         * nothing changes and the subtree's estimate is returned.
         */
        double pruneWithCases(MultiwayTree.Node node, int[] rows, double[] w, boolean update) {
            double[] dist = new double[in.k];
            for (int i = 0; i < rows.length; i++) {
                dist[in.y[rows[i]]] += w[i];
            }
            if (update) {
                System.arraycopy(dist, 0, node.dist, 0, in.k);
            }
            double asLeaf = leafErrors(dist);
            if (node.isLeaf()) {
                return asLeaf;
            }
            int branches = node.children.length;
            int[][] cr = new int[branches][];
            double[][] cw = new double[branches][];
            double[] share = route(node, rows, w, cr, cw);
            double subtree = 0;
            for (int b = 0; b < branches; b++) {
                if (update) {
                    node.children[b].branchProb = share[b];
                }
                subtree += pruneWithCases(node.children[b], cr[b], cw[b], update);
            }
            if (!update) {
                return subtree;
            }
            double branch = Double.POSITIVE_INFINITY;
            int largest = 0;
            if (raising) {
                double most = -1;
                for (int b = 0; b < branches; b++) {
                    double t = 0;
                    for (double v : cw[b]) {
                        t += v;
                    }
                    if (t > most) {
                        most = t;
                        largest = b;
                    }
                }
                branch = pruneWithCases(node.children[largest], rows, w, false);
            }
            if (asLeaf <= branch + PRUNE_SLACK && asLeaf <= subtree + PRUNE_SLACK) {
                node.makeLeaf();
                return asLeaf;
            }
            if (branch <= subtree + PRUNE_SLACK) {
                MultiwayTree.Node raised = node.children[largest];
                node.feature = raised.feature;
                node.threshold = raised.threshold;
                node.children = raised.children;
                return pruneWithCases(node, rows, w, true);
            }
            return subtree;
        }

        /**
         * Routes cases down the test at {@code node} into {@code cr}/{@code cw} (unknown values to every branch
         * with the known-weight proportions, or the stored branch probabilities when no case has a known value);
         * returns the proportions.
         */
        private double[] route(MultiwayTree.Node node, int[] rows, double[] w, int[][] cr, double[][] cw) {
            int branches = node.children.length;
            double[] col = in.x[node.feature];
            boolean categorical = Double.isNaN(node.threshold);
            double[] known = new double[branches];
            int[] counts = new int[branches];
            double knownTotal = 0;
            int missing = 0;
            for (int i = 0; i < rows.length; i++) {
                double v = col[rows[i]];
                if (Double.isNaN(v)) {
                    missing++;
                } else {
                    int b = categorical ? (int) v : v <= node.threshold ? 0 : 1;
                    known[b] += w[i];
                    knownTotal += w[i];
                    counts[b]++;
                }
            }
            double[] share = new double[branches];
            for (int b = 0; b < branches; b++) {
                share[b] = knownTotal > 0 ? known[b] / knownTotal : node.children[b].branchProb;
            }
            for (int b = 0; b < branches; b++) {
                int m = counts[b] + (share[b] > 0 ? missing : 0);
                cr[b] = new int[m];
                cw[b] = new double[m];
            }
            int[] at = new int[branches];
            for (int i = 0; i < rows.length; i++) {
                double v = col[rows[i]];
                if (Double.isNaN(v)) {
                    for (int b = 0; b < branches; b++) {
                        if (share[b] > 0) {
                            cr[b][at[b]] = rows[i];
                            cw[b][at[b]++] = w[i] * share[b];
                        }
                    }
                } else {
                    int b = categorical ? (int) v : v <= node.threshold ? 0 : 1;
                    cr[b][at[b]] = rows[i];
                    cw[b][at[b]++] = w[i];
                }
            }
            return share;
        }
    }
}
