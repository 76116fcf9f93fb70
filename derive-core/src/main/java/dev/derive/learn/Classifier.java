package dev.derive.learn;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.List;

/**
 * A model that assigns each row one of {@code K} classes and, unless it is a margin classifier (a linear
 * SVM: {@link #hasProbabilities()} false), says how probable each class is.
 *
 * <p>Sparse input: {@link #predict(SparseMatrix)} and {@link #predictProba(SparseMatrix)} take CSR rows. By
 * default they densify {@link SparseBlocks a block of rows} at a time (at most about
 * {@code 2^20} entries per block, so memory stays bounded for any number of rows) and call the dense
 * method on each block; the answer equals the dense method's on {@code x.toDense()} for every model whose
 * rows are predicted independently. Linear models override them with {@code O(nnz)} CSR products.
 */
public interface Classifier extends Model {

    /** The predicted class index ({@code 0..K-1}, indexing {@link #classes()}) of each row of {@code x}. */
    int[] predict(Matrix x);

    /**
     * Class probabilities, {@code n x K}, each row summing to 1.
     *
     * @throws UnsupportedOperationException if {@link #hasProbabilities()} is false
     */
    Matrix predictProba(Matrix x);

    /**
     * The predicted class of each row of the sparse matrix {@code x} (see the class comment): the same as
     * {@code predict(x.toDense())} without building the whole dense matrix.
     */
    default int[] predict(SparseMatrix x) {
        int[] out = new int[x.rows()];
        SparseBlocks.forEachBlock(x, (from, block) -> System.arraycopy(predict(block), 0, out, from, block.rows()));
        return out;
    }

    /**
     * Class probabilities of each row of the sparse matrix {@code x}, as {@link #predictProba(Matrix)} on its
     * dense form, computed block by block.
     *
     * @throws UnsupportedOperationException if {@link #hasProbabilities()} is false
     */
    default Matrix predictProba(SparseMatrix x) {
        Matrix[] out = new Matrix[1];
        SparseBlocks.forEachBlock(x, (from, block) -> {
            Matrix pb = predictProba(block);
            if (out[0] == null) {
                out[0] = Matrix.zeros(x.rows(), pb.cols());
            }
            out[0].block(from, 0, pb.rows(), pb.cols()).assign(pb);
        });
        return out[0] != null ? out[0] : predictProba(x.toDense(0, 0));
    }

    /**
     * False for a classifier that gives only labels and margins (an SVM without calibration), whose
     * {@link #predictProba} throws; probability scores (log-loss, ROC AUC) are then not computed. True by default.
     */
    default boolean hasProbabilities() {
        return true;
    }

    /** The class names, in index order. */
    default List<String> classes() {
        return schema().classes();
    }
}
