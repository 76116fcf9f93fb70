package dev.derive.neighbors;

import dev.derive.linalg.Matrix;

/**
 * An index over the rows of a data matrix that answers exact Euclidean k-nearest-neighbour queries.
 * Implementations: {@link KDTree} (low dimension) and {@link BruteForceSearch} (BLAS distance blocks,
 * best in high dimension). Both return identical neighbours, ties broken by row index. Thread-safe.
 */
public interface NeighborIndex {

    /** The number of indexed rows. */
    int size();

    /** The dimension of the indexed rows. */
    int dimension();

    /**
     * The {@code k} nearest indexed rows of every row of {@code queries}.
     *
     * @throws IllegalArgumentException if {@code k} is not in {@code [1, size()]}, if the query dimension
     *                                  differs, or if a query has NaN/Inf entries
     */
    Neighbors query(Matrix queries, int k);

    /** Chooses an index for {@code data}: a KD-tree up to 15 dimensions, brute force above. */
    static NeighborIndex build(Matrix data) {
        return data.cols() <= 15 ? KDTree.build(data, KDTree.DEFAULT_LEAF_SIZE) : BruteForceSearch.build(data);
    }

    /** Shared argument checks for queries. */
    static void checkQuery(NeighborIndex index, Matrix queries, int k) {
        if (queries.cols() != index.dimension()) {
            throw new IllegalArgumentException("queries have " + queries.cols() + " columns but the index holds "
                    + index.dimension() + "-dimensional rows");
        }
        if (k < 1 || k > index.size()) {
            throw new IllegalArgumentException("k = " + k + " is invalid: it must be in [1, " + index.size()
                    + "] (the number of indexed rows)");
        }
        checkFinite(queries, "queries");
    }

    /** Rejects NaN/Inf entries, naming the first one. */
    static void checkFinite(Matrix m, String what) {
        for (int j = 0; j < m.cols(); j++) {
            for (int i = 0; i < m.rows(); i++) {
                double v = m.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " have " + v + " at row " + i + ", column " + j
                            + "; neighbour search needs finite values (impute missing values first)");
                }
            }
        }
    }
}
