package dev.derive.boost;

import java.util.function.IntPredicate;

/**
 * Exact TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent individualized feature attribution for tree
 * ensembles", Algorithm 2) for one binary tree given as flat node arrays: the Shapley values of the set
 * function {@code v(S) = E[f(x) | x_S]}, where the conditional expectation is the path-dependent one of the
 * paper: at a node splitting on a feature in {@code S} the row's branch is followed; at a node splitting on a
 * feature outside {@code S} both branches are followed, weighted by their share of the node's cover
 * ({@code cover[child] / cover[node]}). Cost O(L D^2) per row (L leaves, D depth).
 *
 * <p>Learner-agnostic: it needs only {@code feature} (-1 at leaves), {@code left}, {@code right},
 * {@code value} (leaf outputs), {@code cover} (any non-negative node weight with
 * {@code cover[left] + cover[right] = cover[node]}: training row counts (LightGBM) or hessian sums
 * (XGBoost)) and a per-row routing predicate {@code goesLeft(node)}. The CART and forest trees of
 * {@code dev.derive.tree} can call it unchanged. The sum of the values plus {@link #expectedValue} equals
 * the tree's output for the row (local accuracy).
 *
 * <p>SHAP interaction values ({@link #addInteractions}; Lundberg et al. 2018, section 4, and Lundberg et al.
 * 2020, "From local explanations to global understanding with explainable AI for trees"): the Shapley
 * interaction index
 * <pre>
 *   Phi_ij = sum over S in M \ {i, j} of |S|! (M - |S| - 2)! / (2 (M - 1)!) * (v(S+i+j) - v(S+i) - v(S+j) + v(S)),  i != j
 *   Phi_ii = phi_i - sum_{j != i} Phi_ij
 * </pre>
 * computed as {@code Phi_ij = (phi_i[j present] - phi_i[j absent]) / 2}, where {@code phi_i[j present]} is the
 * Shapley value of {@code i} in the game of the other features with {@code v_j+(S) = v(S + j)} (at nodes on
 * {@code j} only the row's branch is followed, and {@code j} never enters the path) and
 * {@code phi_i[j absent]} the same with {@code v_j-(S) = v(S)} (both branches, weighted by cover). Both are
 * sums over {@code S} with the weights {@code |S|! (M - 2 - |S|)! / (M - 1)!}, so their half-difference is the
 * index above. Cost O(U L D^2) per row, U = the distinct features the tree uses.
 */
public final class TreeShap {

    private final int[] feature;
    private final int[] left;
    private final int[] right;
    private final double[] value;
    private final double[] cover;
    private final int maxDepth;
    // path storage: one segment of length (maxDepth + 2) per recursion level
    private final int[] pd;
    private final double[] pz;
    private final double[] po;
    private final double[] pw;

    /**
     * Prepares the tree (arrays are not copied; they must not change while this object is used).
     *
     * @throws IllegalArgumentException if a node has a non-positive cover, an internal node's children's covers
     *                                  do not sum to its own (relative 1e-9), or a leaf value is not finite
     */
    public TreeShap(int[] feature, int[] left, int[] right, double[] value, double[] cover) {
        int m = feature.length;
        if (left.length != m || right.length != m || value.length != m || cover.length != m || m == 0) {
            throw new IllegalArgumentException("tree arrays must all have the node count " + m + " > 0");
        }
        for (int v = 0; v < m; v++) {
            if (!(cover[v] > 0) || Double.isInfinite(cover[v])) {
                throw new IllegalArgumentException("node " + v + " has cover " + cover[v]
                        + "; TreeSHAP needs a positive finite cover at every node");
            }
            if (feature[v] >= 0) {
                double s = cover[left[v]] + cover[right[v]];
                if (Math.abs(s - cover[v]) > 1e-9 * cover[v]) {
                    throw new IllegalArgumentException("node " + v + " has cover " + cover[v] + " but its children "
                            + cover[left[v]] + " + " + cover[right[v]] + "; TreeSHAP needs positive, additive node covers");
                }
            } else if (!Double.isFinite(value[v])) {
                throw new IllegalArgumentException("leaf " + v + " has the non-finite value " + value[v]);
            }
        }
        this.feature = feature;
        this.left = left;
        this.right = right;
        this.value = value;
        this.cover = cover;
        this.maxDepth = depth(0);
        int seg = maxDepth + 2;
        int size = seg * (maxDepth + 2);
        pd = new int[size];
        pz = new double[size];
        po = new double[size];
        pw = new double[size];
    }

    private int depth(int v) {
        return feature[v] < 0 ? 0 : 1 + Math.max(depth(left[v]), depth(right[v]));
    }

    /** {@code E[f(x)]}: the cover-weighted mean of the leaf values (the value of the empty coalition). */
    public double expectedValue() {
        return expected(0);
    }

    private double expected(int v) {
        if (feature[v] < 0) {
            return value[v];
        }
        return (cover[left[v]] * expected(left[v]) + cover[right[v]] * expected(right[v])) / cover[v];
    }

    /**
     * Adds this tree's SHAP values for one row to {@code phi[feature]}. {@code goesLeft.test(node)} tells
     * where the row goes at internal node {@code node} (including the missing-value default direction).
     * Not thread-safe (uses internal scratch space): one instance per thread.
     */
    public void addShap(IntPredicate goesLeft, double[] phi) {
        recurse(0, 0, 0, 1, 1, -1, goesLeft, phi, -1, false, 1, true);
    }

    /**
     * Adds this tree's SHAP interaction values for one row to the row-major {@code p x p} matrix
     * {@code out} ({@code out[i * p + j] = Phi_ij}, symmetric; the diagonal holds the main effects, so each row
     * sums to the SHAP value {@code phi_i}). {@code p} must exceed every feature index the tree uses.
     * Not thread-safe (uses internal scratch space).
     */
    public void addInteractions(IntPredicate goesLeft, double[] out, int p) {
        if (out.length != p * p) {
            throw new IllegalArgumentException("out must have p * p = " + (p * p) + " entries, got " + out.length);
        }
        double[] phi = new double[p];
        recurse(0, 0, 0, 1, 1, -1, goesLeft, phi, -1, false, 1, true);
        for (int i = 0; i < p; i++) {
            out[i * p + i] += phi[i];
        }
        double[] on = new double[p];
        double[] off = new double[p];
        for (int j : usedFeatures()) {
            if (j >= p) {
                throw new IllegalArgumentException("the tree uses feature " + j + ", p is " + p);
            }
            java.util.Arrays.fill(on, 0);
            java.util.Arrays.fill(off, 0);
            recurse(0, 0, 0, 1, 1, -1, goesLeft, on, j, true, 1, true);
            recurse(0, 0, 0, 1, 1, -1, goesLeft, off, j, false, 1, true);
            for (int i = 0; i < p; i++) {
                if (i != j) {
                    double v = (on[i] - off[i]) / 2;
                    out[i * p + j] += v;
                    out[i * p + i] -= v;
                }
            }
        }
    }

    /** The distinct features the tree splits on, increasing. */
    private int[] usedFeatures() {
        return java.util.Arrays.stream(feature).filter(v -> v >= 0).distinct().sorted().toArray();
    }

    /**
     * Node {@code j}; the parent's path has length {@code l} and is stored at segment {@code depth - 1}
     * (for {@code depth > 0}); extends it with (pZero, pOne, pIndex) into segment {@code depth} when
     * {@code extend} (not for an edge out of a node on the conditioned feature). {@code cond >= 0}: the
     * feature held present ({@code on}: only the row's branch) or absent (both branches), never on the path;
     * {@code frac} is the product of the cover shares taken at its nodes (the leaf values are scaled by it).
     */
    private void recurse(int j, int depth, int l, double pZero, double pOne, int pIndex, IntPredicate goesLeft, double[] phi,
                         int cond, boolean on, double frac, boolean extend) {
        int seg = maxDepth + 2;
        int b = depth * seg;
        if (depth > 0) {
            int a = b - seg;
            System.arraycopy(pd, a, pd, b, l);
            System.arraycopy(pz, a, pz, b, l);
            System.arraycopy(po, a, po, b, l);
            System.arraycopy(pw, a, pw, b, l);
        }
        if (extend) {
            // EXTEND
            pd[b + l] = pIndex;
            pz[b + l] = pZero;
            po[b + l] = pOne;
            pw[b + l] = l == 0 ? 1 : 0;
            for (int i = l - 1; i >= 0; i--) {
                pw[b + i + 1] += pOne * pw[b + i] * (i + 1) / (l + 1);
                pw[b + i] = pZero * pw[b + i] * (l - i) / (l + 1);
            }
            l++;
        }
        if (feature[j] < 0) {
            for (int i = 1; i < l; i++) {
                double w = unwoundSum(b, l, i);
                phi[pd[b + i]] += w * (po[b + i] - pz[b + i]) * value[j] * frac;
            }
            return;
        }
        boolean goLeft = goesLeft.test(j);
        int hot = goLeft ? left[j] : right[j];
        int cold = goLeft ? right[j] : left[j];
        int d = feature[j];
        if (d == cond) {
            // the conditioned feature: present -> the row's branch only; absent -> both, by cover share
            if (on) {
                recurse(hot, depth + 1, l, 1, 1, -1, goesLeft, phi, cond, on, frac, false);
            } else {
                recurse(hot, depth + 1, l, 1, 1, -1, goesLeft, phi, cond, on, frac * cover[hot] / cover[j], false);
                recurse(cold, depth + 1, l, 1, 1, -1, goesLeft, phi, cond, on, frac * cover[cold] / cover[j], false);
            }
            return;
        }
        double iz = 1;
        double io = 1;
        int k = -1;
        for (int i = 1; i < l; i++) {
            if (pd[b + i] == d) {
                k = i;
                break;
            }
        }
        if (k >= 0) {
            iz = pz[b + k];
            io = po[b + k];
            unwind(b, l, k);
            l--;
        }
        recurse(hot, depth + 1, l, iz * cover[hot] / cover[j], io, d, goesLeft, phi, cond, on, frac, true);
        recurse(cold, depth + 1, l, iz * cover[cold] / cover[j], 0, d, goesLeft, phi, cond, on, frac, true);
    }

    /** UNWIND: removes path element {@code k} from the path of length {@code l} at offset {@code b}, in place. */
    private void unwind(int b, int l, int k) {
        double n = pw[b + l - 1];
        double o = po[b + k];
        double z = pz[b + k];
        for (int j = l - 2; j >= 0; j--) {
            if (o != 0) {
                double t = pw[b + j];
                pw[b + j] = n * l / ((j + 1) * o);
                n = t - pw[b + j] * z * (l - j - 1) / l;
            } else {
                pw[b + j] = pw[b + j] * l / (z * (l - j - 1));
            }
        }
        for (int j = k; j < l - 1; j++) {
            pd[b + j] = pd[b + j + 1];
            pz[b + j] = pz[b + j + 1];
            po[b + j] = po[b + j + 1];
        }
    }

    /** The sum of the weights the path would have after UNWIND of element {@code k} (the path is not changed). */
    private double unwoundSum(int b, int l, int k) {
        double n = pw[b + l - 1];
        double o = po[b + k];
        double z = pz[b + k];
        double s = 0;
        for (int j = l - 2; j >= 0; j--) {
            double wj;
            if (o != 0) {
                wj = n * l / ((j + 1) * o);
                n = pw[b + j] - wj * z * (l - j - 1) / l;
            } else {
                wj = pw[b + j] * l / (z * (l - j - 1));
            }
            s += wj;
        }
        return s;
    }
}
