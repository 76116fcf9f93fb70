package dev.derive.neighbors;

import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;

/**
 * An exact k-d tree for Euclidean nearest neighbours (Friedman, Bentley &amp; Finkel 1977). Nodes split
 * at the median of the dimension of widest spread; each node keeps its bounding box, and a query visits
 * the nearer child first and skips any node whose box lies farther than the current k-th neighbour.
 *
 * <p>Memory is flat arrays (a row permutation, per-node ranges, split dimension and box), not node
 * objects. The data are copied row-major into the tree so a leaf scan reads contiguous memory. Queries
 * run in parallel over query rows; every query is independent, so results do not depend on threads.
 */
public final class KDTree implements NeighborIndex {

    /** Default maximum number of rows in a leaf (scikit-learn uses 30 for its KDTree). */
    public static final int DEFAULT_LEAF_SIZE = 30;

    private final int n;
    private final int d;
    private final double[] points;   // row-major, in tree order: point p at [p * d, (p + 1) * d)
    private final int[] order;       // tree position -> original row
    private final int[] start;       // node -> first tree position
    private final int[] end;         // node -> one past last
    private final int[] left;        // node -> left child or -1 for a leaf
    private final int[] right;
    private final double[] lo;       // node box, node * d + dim
    private final double[] hi;
    private int nodes;

    private KDTree(Matrix data, int leafSize) {
        this.n = data.rows();
        this.d = data.cols();
        double[] rowMajor = new double[n * d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                rowMajor[i * d + j] = data.get(i, j);
            }
        }
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int maxNodes = Math.max(1, 2 * (n / Math.max(1, leafSize) + 1) * 2);
        start = new int[maxNodes];
        end = new int[maxNodes];
        left = new int[maxNodes];
        right = new int[maxNodes];
        lo = new double[maxNodes * d];
        hi = new double[maxNodes * d];
        build(rowMajor, 0, n, leafSize);
        points = new double[n * d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(rowMajor, order[p] * d, points, p * d, d);
        }
    }

    /**
     * Builds a tree over the rows of {@code data} (copied; the matrix may change afterwards).
     *
     * @param leafSize maximum rows per leaf, {@code >= 1}
     */
    public static KDTree build(Matrix data, int leafSize) {
        if (leafSize < 1) {
            throw new IllegalArgumentException("leaf_size = " + leafSize + " is invalid; allowed: [1, inf)");
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("cannot index an empty data set (0 rows)");
        }
        NeighborIndex.checkFinite(data, "data");
        return new KDTree(data, leafSize);
    }

    private int build(double[] x, int s, int e, int leafSize) {
        int node = nodes++;
        start[node] = s;
        end[node] = e;
        int best = 0;
        double bestSpread = -1;
        for (int j = 0; j < d; j++) {
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int p = s; p < e; p++) {
                double v = x[order[p] * d + j];
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            lo[node * d + j] = mn;
            hi[node * d + j] = mx;
            if (mx - mn > bestSpread) {
                bestSpread = mx - mn;
                best = j;
            }
        }
        if (e - s <= leafSize || bestSpread <= 0) {
            left[node] = -1;
            right[node] = -1;
            return node;
        }
        int mid = (s + e) >>> 1;
        select(x, s, e - 1, mid, best);
        left[node] = build(x, s, mid, leafSize);
        right[node] = build(x, mid, e, leafSize);
        return node;
    }

    /** Quickselect on {@code order[s..e]} so that position {@code k} holds the k-th value of dimension {@code dim}. */
    private void select(double[] x, int s, int e, int k, int dim) {
        while (e > s) {
            double pivot = x[order[(s + e) >>> 1] * d + dim];
            int i = s;
            int j = e;
            while (i <= j) {
                while (x[order[i] * d + dim] < pivot) {
                    i++;
                }
                while (x[order[j] * d + dim] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                e = j;
            } else if (k >= i) {
                s = i;
            } else {
                return;
            }
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Neighbors query(Matrix queries, int k) {
        NeighborIndex.checkQuery(this, queries, k);
        int m = queries.rows();
        int[][] idx = new int[m][k];
        double[][] dist = new double[m][k];
        Parallelism.forEach(m, 64, q -> {
            TopK heap = new TopK(k);
            search(0, queries.rowArray(q), heap);
            heap.drainSorted(idx[q], dist[q], true);
        });
        return new Neighbors(idx, dist);
    }

    private double boxDistance(int node, double[] q) {
        double s = 0;
        int b = node * d;
        for (int j = 0; j < d; j++) {
            double v = q[j];
            double t = v < lo[b + j] ? lo[b + j] - v : v > hi[b + j] ? v - hi[b + j] : 0;
            s += t * t;
        }
        return s;
    }

    private void search(int node, double[] q, TopK heap) {
        if (left[node] < 0) {
            for (int p = start[node]; p < end[node]; p++) {
                double s = 0;
                int b = p * d;
                for (int j = 0; j < d; j++) {
                    double t = points[b + j] - q[j];
                    s += t * t;
                }
                heap.offer(s, order[p]);
            }
            return;
        }
        int l = left[node];
        int r = right[node];
        double dl = boxDistance(l, q);
        double dr = boxDistance(r, q);
        int first = dl <= dr ? l : r;
        int second = first == l ? r : l;
        double d1 = Math.min(dl, dr);
        double d2 = Math.max(dl, dr);
        // "<=" keeps equal-distance candidates reachable so ties resolve by index
        if (d1 <= heap.bound()) {
            search(first, q, heap);
        }
        if (d2 <= heap.bound()) {
            search(second, q, heap);
        }
    }
}
