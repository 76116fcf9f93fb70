package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.learn.select.CrossValidation;
import dev.derive.learn.select.CvResult;
import dev.derive.learn.select.Scorer;
import dev.derive.learn.select.Scorers;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Minimal cost-complexity pruning (Breiman, Friedman, Olshen &amp; Stone 1984, ch. 3). The cost of a
 * subtree {@code T} is {@code R_alpha(T) = R(T) + alpha |leaves(T)|} with {@code R(T)} the total leaf
 * impurity {@code sum_leaves W_leaf I_leaf / W_root}. Weakest-link pruning repeatedly collapses the internal
 * node {@code t} with the smallest effective alpha {@code g(t) = (R(t) - R(T_t)) / (|leaves(T_t)| - 1)}
 * (the lowest node index on a tie, as scikit-learn), giving the nested sequence of optimal subtrees; the
 * path records each collapse's alpha and the total leaf impurity after it (the first entry is alpha 0 and
 * the full tree). Pruning at a given {@code ccp_alpha} collapses while the weakest link's alpha is
 * {@code <= ccp_alpha}. The arithmetic (incremental updates of the branch costs along the ancestors)
 * follows scikit-learn's {@code _cost_complexity_prune}, so the path matches it to rounding.
 */
public final class CostComplexityPruning {

    private CostComplexityPruning() {
    }

    /**
     * A pruning path: {@code alphas[i]} is the effective alpha at which the i-th collapse happens
     * ({@code alphas[0] = 0}) and {@code impurities[i]} the total leaf impurity of the subtree after it;
     * the last entry is the root alone.
     */
    public record Path(double[] alphas, double[] impurities) {
        public Path {
            alphas = alphas.clone();
            impurities = impurities.clone();
        }

        @Override
        public double[] alphas() {
            return alphas.clone();
        }

        @Override
        public double[] impurities() {
            return impurities.clone();
        }
    }

    /** The pruning path of {@code tree} (as scikit-learn's {@code cost_complexity_pruning_path}). */
    public static Path path(Tree tree) {
        State st = new State(tree);
        double[] alphas = new double[tree.nodeCount()];
        double[] imps = new double[tree.nodeCount()];
        int count = 0;
        alphas[count] = 0;
        imps[count++] = st.rBranch[0];
        while (st.candidate[0]) {
            int node = st.weakest();
            double alpha = st.lastAlpha;
            st.collapse(node);
            alphas[count] = alpha;
            imps[count++] = st.rBranch[0];
        }
        return new Path(Arrays.copyOf(alphas, count), Arrays.copyOf(imps, count));
    }

    /**
     * {@code tree} pruned at {@code ccpAlpha >= 0}: weakest links are collapsed while their effective alpha
     * is at most {@code ccpAlpha}; the kept nodes are renumbered in depth-first pre-order and keep their values.
     * As scikit-learn, {@code ccpAlpha == 0} returns {@code tree} unchanged (zero-alpha links are kept).
     */
    public static Tree prune(Tree tree, double ccpAlpha) {
        if (!(ccpAlpha >= 0) || Double.isInfinite(ccpAlpha)) {
            throw new IllegalArgumentException("ccp_alpha = " + ccpAlpha + " must be a finite number >= 0");
        }
        if (ccpAlpha == 0) {
            return tree;
        }
        State st = new State(tree);
        while (st.candidate[0]) {
            int node = st.weakest();
            if (st.lastAlpha > ccpAlpha) {
                break;
            }
            st.collapse(node);
        }
        return st.build();
    }

    /**
     * The result of {@link #selectAlpha}: the candidate alphas, their mean and standard deviation of the
     * cross-validated score, the index of the best mean score ({@code best}, the smallest alpha on a tie) and
     * of the 1-SE choice ({@code oneSe}: the largest alpha whose mean score is within one standard error
     * {@code std_best / sqrt(folds)} of the best, Breiman's 1-SE rule).
     */
    public record Selection(double[] candidates, double[] meanScore, double[] stdScore, int best, int oneSe, String scorer) {
        /** The alpha with the best mean cross-validated score. */
        public double bestAlpha() {
            return candidates[best];
        }

        /** The alpha chosen by the 1-SE rule (a simpler tree, at most one standard error worse). */
        public double oneStandardErrorAlpha() {
            return candidates[oneSe];
        }
    }

    /**
     * Chooses {@code ccp_alpha} by k-fold cross-validation (Breiman et al. 1984, section 3.4): the pruning
     * path of the tree grown on all of {@code data} gives the breakpoints {@code a_0 = 0 < a_1 < ...}; the
     * candidates are {@code 0} and the geometric means {@code sqrt(a_i a_(i+1))} of consecutive breakpoints
     * (each one inside the alpha interval where one subtree is optimal), plus the last breakpoint (the root
     * alone). Each candidate is scored by {@link CrossValidation} with {@link CrossValidation#defaultCv}
     * ({@code folds}, {@code seed}) and {@code scorer} ({@code null}: accuracy for classification,
     * R^2 for regression). The result names the best candidate and the 1-SE rule's choice; the
     * learner is then refitted by the caller, e.g. {@code learner.ccpAlpha(selection.bestAlpha()).fit(data)}.
     */
    public static <M extends Model> Selection selectAlpha(DecisionTree<M> learner, Dataset data, int folds, Scorer scorer,
                                                          long seed) {
        double[] a = learner.costComplexityPruningPath(data).alphas();
        double[] cand = new double[a.length];
        int c = 0;
        cand[c++] = 0;
        for (int i = 1; i + 1 < a.length; i++) {
            double g = a[i] > 0 ? Math.sqrt(a[i] * a[i + 1]) : 0.5 * a[i + 1];
            if (g > cand[c - 1]) {
                cand[c++] = g;
            }
        }
        if (a.length > 1 && a[a.length - 1] > cand[c - 1]) {
            cand[c++] = a[a.length - 1];
        }
        cand = Arrays.copyOf(cand, c);
        Scorer sc = scorer != null ? scorer : Scorers.primaryFor(data.task());
        var cv = CrossValidation.defaultCv(data, folds, seed);
        double[] mean = new double[c];
        double[] std = new double[c];
        int best = 0;
        double sign = sc.greaterIsBetter() ? 1 : -1;
        for (int i = 0; i < c; i++) {
            CvResult r = CrossValidation.run(learner.with("ccp_alpha", cand[i]), data, cv, List.of(sc), null);
            mean[i] = r.mean()[0];
            std[i] = r.std()[0];
            if (sign * mean[i] > sign * mean[best]) {
                best = i;
            }
        }
        int oneSe = best;
        double bound = sign * mean[best] - std[best] / Math.sqrt(folds);
        for (int i = c - 1; i > best; i--) {
            if (sign * mean[i] >= bound) {
                oneSe = i;
                break;
            }
        }
        return new Selection(cand, mean, std, best, oneSe, sc.name());
    }

    /** The bookkeeping of scikit-learn's weakest-link loop. */
    private static final class State {
        final Tree t;
        final int n;
        final double[] rNode;
        final double[] rBranch;
        final int[] nLeaves;
        final int[] parent;
        final boolean[] candidate;
        final boolean[] inSubtree;
        final boolean[] isLeaf;
        double lastAlpha;

        State(Tree t) {
            this.t = t;
            n = t.nodeCount();
            rNode = new double[n];
            rBranch = new double[n];
            nLeaves = new int[n];
            parent = new int[n];
            candidate = new boolean[n];
            inSubtree = new boolean[n];
            isLeaf = new boolean[n];
            Arrays.fill(parent, -1);
            double[] tWeighted = t.weighted();
            double total = tWeighted[0];
            for (int i = 0; i < n; i++) {
                rNode[i] = tWeighted[i] * t.impurity[i] / total;
                inSubtree[i] = true;
                if (t.left[i] == -1) {
                    isLeaf[i] = true;
                } else {
                    candidate[i] = true;
                    parent[t.left[i]] = i;
                    parent[t.right[i]] = i;
                }
            }
            // leaves in node order bubble their cost and count up to the root
            for (int i = 0; i < n; i++) {
                if (isLeaf[i]) {
                    double r = rNode[i];
                    for (int a = i; a != -1; a = parent[a]) {
                        rBranch[a] += r;
                        nLeaves[a]++;
                    }
                }
            }
        }

        /** The internal node with the smallest effective alpha (stored in lastAlpha); lowest index on a tie. */
        int weakest() {
            double best = Double.MAX_VALUE;
            int at = -1;
            for (int i = 0; i < n; i++) {
                if (!candidate[i]) {
                    continue;
                }
                double a = (rNode[i] - rBranch[i]) / (nLeaves[i] - 1);
                if (a < best) {
                    best = a;
                    at = i;
                }
            }
            if (at < 0) { // only when every candidate's alpha is NaN or huge: take the first candidate
                for (int i = 0; i < n && at < 0; i++) {
                    at = candidate[i] ? i : -1;
                }
            }
            lastAlpha = best;
            return at;
        }

        void collapse(int node) {
            ArrayDeque<Integer> stack = new ArrayDeque<>();
            stack.push(node);
            while (!stack.isEmpty()) {
                int i = stack.pop();
                if (!inSubtree[i]) {
                    continue;
                }
                candidate[i] = false;
                inSubtree[i] = false;
                if (t.left[i] != -1) {
                    stack.push(t.left[i]);
                    stack.push(t.right[i]);
                }
            }
            inSubtree[node] = true;
            int pruned = nLeaves[node] - 1;
            nLeaves[node] = 0;
            double diff = rNode[node] - rBranch[node];
            rBranch[node] = rNode[node];
            for (int a = parent[node]; a != -1; a = parent[a]) {
                nLeaves[a] -= pruned;
                rBranch[a] += diff;
            }
        }

        /** The kept nodes (collapsed ones as leaves) in depth-first pre-order. */
        Tree build() {
            int[] map = new int[n];
            int m = 0;
            int[] order = new int[n];
            ArrayDeque<Integer> stack = new ArrayDeque<>();
            stack.push(0);
            while (!stack.isEmpty()) {
                int i = stack.pop();
                map[i] = m;
                order[m++] = i;
                if (candidate[i]) { // still split
                    stack.push(t.right[i]);
                    stack.push(t.left[i]);
                }
            }
            int k = t.outputs;
            int[] feature = new int[m];
            double[] threshold = new double[m];
            int[] left = new int[m];
            int[] right = new int[m];
            double[] value = new double[m * k];
            double[] impurity = new double[m];
            int[] samples = new int[m];
            double[] weighted = new double[m];
            boolean[] missingLeft = new boolean[m];
            int[] catStart = t.catStart == null ? null : new int[m];
            double[] tValue = t.values();
            double[] tWeighted = t.weighted();
            for (int j = 0; j < m; j++) {
                int i = order[j];
                boolean split = candidate[i];
                feature[j] = split ? t.feature[i] : -2;
                threshold[j] = split ? t.threshold[i] : -2;
                left[j] = split ? map[t.left[i]] : -1;
                right[j] = split ? map[t.right[i]] : -1;
                missingLeft[j] = split && t.missingLeft[i];
                if (catStart != null) {
                    catStart[j] = split ? t.catStart[i] : -1; // the level set table is shared unchanged
                }
                System.arraycopy(tValue, i * k, value, j * k, k);
                impurity[j] = t.impurity[i];
                samples[j] = t.nodeSamples[i];
                weighted[j] = tWeighted[i];
            }
            return new Tree(feature, threshold, left, right, value, impurity, samples, weighted, missingLeft, k, t.featureCount,
                    catStart, t.catSets);
        }
    }
}
