package dev.derive.learn;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;

/** A model that predicts a real number for each row. */
public interface Regressor extends Model {

    /** The prediction for each row of {@code x}. */
    double[] predict(Matrix x);

    /**
     * The prediction for each row of the sparse (CSR) matrix {@code x}: by default the dense
     * {@link #predict(Matrix)} on {@link SparseBlocks blocks of rows} made dense one at a time (memory bounded
     * whatever the number of rows; the same answer as {@code predict(x.toDense())} since rows are predicted
     * independently). Linear models override it with an {@code O(nnz)} CSR product.
     */
    default double[] predict(SparseMatrix x) {
        double[] out = new double[x.rows()];
        SparseBlocks.forEachBlock(x, (from, block) -> System.arraycopy(predict(block), 0, out, from, block.rows()));
        return out;
    }
}
