package dev.derive.learn;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;

/**
 * Block-by-block densification of sparse prediction input, behind the default
 * {@link Regressor#predict(SparseMatrix)}, {@link Classifier#predict(SparseMatrix)} and
 * {@link Classifier#predictProba(SparseMatrix)}: rows {@code [from, from + m)} of an {@code n x p} CSR
 * matrix become a dense {@code m x p} block with {@code m = max(1, 2^20 / p)} (about 8 MiB per block),
 * handed to the dense prediction one block after another. Models whose predictions of one row do not
 * depend on other rows (every model in Derive) give the same answer as on the whole dense matrix.
 */
public final class SparseBlocks {

    /** Target number of dense entries per block. */
    public static final int ENTRIES_PER_BLOCK = 1 << 20;

    private SparseBlocks() {
    }

    /** Receives one dense block starting at row {@code from}. */
    @FunctionalInterface
    public interface BlockConsumer {
        void accept(int from, Matrix block);
    }

    /** The number of rows per block for {@code cols} columns. */
    public static int rowsPerBlock(int cols) {
        return Math.max(1, ENTRIES_PER_BLOCK / Math.max(1, cols));
    }

    /** Calls {@code f} on each dense block of rows of {@code x}, in row order (nothing for zero rows). */
    public static void forEachBlock(SparseMatrix x, BlockConsumer f) {
        int m = rowsPerBlock(x.cols());
        for (int from = 0; from < x.rows(); from += m) {
            int to = Math.min(x.rows(), from + m);
            f.accept(from, x.toDense(from, to));
        }
    }
}
