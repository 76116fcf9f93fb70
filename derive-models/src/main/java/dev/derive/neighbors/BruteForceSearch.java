package dev.derive.neighbors;

import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;

/**
 * Exact Euclidean k-nearest neighbours by brute force through BLAS: for a block of queries Q and the data
 * X, squared distances are {@code |q|^2 + |x|^2 - 2 Q X'}, one {@code dgemm} per block. That expansion
 * loses precision for near-equal distances, so candidates within a rounding margin of the k-th value are
 * re-scored with the exact difference formula before the final (distance, index) ordering, which makes
 * the answer identical to {@link KDTree}'s. Best when the dimension is high (the k-d tree's pruning fails
 * there) or the data set is small.
 */
public final class BruteForceSearch implements NeighborIndex {

    private static final int BLOCK = 256;

    private final Matrix data;        // n x d copy
    private final double[] rowMajor;  // for exact re-scoring
    private final double[] norms;     // |x_i|^2
    private final int n;
    private final int d;

    private BruteForceSearch(Matrix data) {
        this.data = data.copy();
        this.n = data.rows();
        this.d = data.cols();
        this.rowMajor = new double[n * d];
        this.norms = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                double v = this.data.get(i, j);
                rowMajor[i * d + j] = v;
                norms[i] += v * v;
            }
        }
    }

    /** Indexes the rows of {@code data} (copied). */
    public static BruteForceSearch build(Matrix data) {
        if (data.rows() == 0) {
            throw new IllegalArgumentException("cannot index an empty data set (0 rows)");
        }
        NeighborIndex.checkFinite(data, "data");
        return new BruteForceSearch(data);
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
        double maxNorm = 0;
        for (double v : norms) {
            maxNorm = Math.max(maxNorm, v);
        }
        final double dataMaxNorm = maxNorm;
        int blocks = (m + BLOCK - 1) / BLOCK;
        Parallelism.forEach(blocks, 2,
                b -> queryBlock(queries, b * BLOCK, Math.min(m, (b + 1) * BLOCK), k, dataMaxNorm, idx, dist));
        return new Neighbors(idx, dist);
    }

    private void queryBlock(Matrix queries, int q0, int q1, int k, double dataMaxNorm, int[][] idx, double[][] dist) {
        Matrix qb = queries.block(q0, 0, q1 - q0, d);
        Matrix cross = qb.mmult(data); // (q1-q0) x n
        double[] q = new double[d];
        double[] expanded = new double[n]; // one query's squared distances by the expansion
        TopK approx = new TopK(k);
        TopK exact = new TopK(k);
        for (int r = 0; r < q1 - q0; r++) {
            double qn = 0;
            for (int j = 0; j < d; j++) {
                q[j] = qb.get(r, j);
                qn += q[j] * q[j];
            }
            approx.clear();
            for (int i = 0; i < n; i++) {
                expanded[i] = qn + norms[i] - 2 * cross.get(r, i);
                approx.offer(expanded[i], i);
            }
            // every squared distance computed by expansion is within `margin` of the exact one
            double margin = 8 * Math.ulp(1.0) * (qn + dataMaxNorm) * Math.max(1, d);
            double cutoff = approx.bound() + 2 * margin;
            exact.clear();
            for (int i = 0; i < n; i++) {
                if (expanded[i] <= cutoff) {
                    double s = 0;
                    int b = i * d;
                    for (int j = 0; j < d; j++) {
                        double t = rowMajor[b + j] - q[j];
                        s += t * t;
                    }
                    exact.offer(s, i);
                }
            }
            exact.drainSorted(idx[q0 + r], dist[q0 + r], true);
        }
    }
}
