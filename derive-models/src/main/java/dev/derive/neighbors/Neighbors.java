package dev.derive.neighbors;

/**
 * The result of a k-nearest-neighbour query: for query {@code q}, {@code indices()[q]} are the row
 * indices of its neighbours in the indexed data and {@code distances()[q]} their Euclidean distances, in
 * ascending order of distance, ties broken by the smaller row index (so every search algorithm returns
 * the same answer).
 */
public record Neighbors(int[][] indices, double[][] distances) {

    /** Number of queries. */
    public int size() {
        return indices.length;
    }
}
