package dev.derive.cli;

import dev.derive.data.Column;
import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.io.LibSvm;
import dev.derive.learn.ModelSchema;
import dev.derive.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LibSVM / svmlight input for the CLI: read by {@link LibSvm} and made dense, as a {@link Frame} with a
 * numeric column {@code label} followed by {@code f1 .. fD} (named by the file's 1-based feature
 * indices). Features absent from a file are zeros, so a test file whose largest index is smaller than
 * the training file's still lines up (see {@link SchemaEncoder}).
 *
 * <p>{@code derive fit} trains on LibSVM input without densifying it: {@link #sparse} gives a sparse
 * {@link Dataset} (features {@code f1 .. fD}, target {@code label}) and {@link #sparseTest} reads a test file
 * to the training width, so wide text-like files (tens of thousands of features) fit in memory. {@code derive predict}
 * and {@code derive evaluate} keep LibSVM input sparse too when the model was trained on LibSVM features
 * ({@link #isLibSvmSchema}, {@link #readForModel}): the model predicts from the CSR matrix (linear models in
 * {@code O(nnz)}, others block by block); other models get the dense, by-name path of {@link #read}.
 */
final class LibSvmInput {

    /** The prefix of feature column names; {@code f7} is feature index 7. */
    static final String PREFIX = "f";

    private LibSvmInput() {
    }

    static Frame read(Path file) throws IOException {
        LibSvm.Data data = LibSvm.read(file);
        Matrix x = data.x().toDense();
        List<Column> cols = new ArrayList<>(x.cols() + 1);
        cols.add(NumericColumn.wrap("label", data.y()));
        for (int j = 0; j < x.cols(); j++) {
            cols.add(NumericColumn.wrap(PREFIX + (j + 1), x.columnArray(j)));
        }
        return Frame.of(cols);
    }

    /** True if {@code name} is a LibSVM feature column name ({@code f} and a positive index). */
    static boolean isFeatureName(String name) {
        return name.length() > 1 && name.startsWith(PREFIX) && name.substring(1).chars().allMatch(Character::isDigit)
                && name.charAt(1) != '0';
    }

    /** A LibSVM file read sparsely, with its label column as a one-column frame (for target encoding). */
    record Sparse(dev.derive.linalg.SparseMatrix x, Frame labels) {
    }

    /** Reads {@code file} sparsely ({@code numFeatures} 0: the largest index in the file). */
    static Sparse readSparse(Path file, int numFeatures) throws IOException {
        LibSvm.Data data = LibSvm.read(file, numFeatures);
        return new Sparse(data.x(), Frame.of(List.of(NumericColumn.wrap("label", data.y()))));
    }

    /**
     * True if {@code schema}'s features are those of a LibSVM file, {@code f1 .. fD} in this order and all numeric (a
     * model trained by {@code derive fit --data file.svm}): then LibSVM input for it can stay sparse, feature index
     * {@code j} being column {@code j - 1}.
     */
    static boolean isLibSvmSchema(ModelSchema schema) {
        List<Dataset.Feature> fs = schema.features();
        for (int j = 0; j < fs.size(); j++) {
            if (fs.get(j).isCategorical() || !fs.get(j).name().equals(PREFIX + (j + 1))) {
                return false;
            }
        }
        return !fs.isEmpty();
    }

    /**
     * Reads a LibSVM file sparsely for a model whose schema {@link #isLibSvmSchema is LibSVM's}: the CSR matrix has the
     * model's width {@code D}, so features absent from the file are zeros; an index above {@code D} is a data error that
     * names both (the model knows nothing of that feature), as for {@code derive fit --test}.
     */
    static Sparse readForModel(Path file, ModelSchema schema) throws IOException {
        try {
            return readSparse(file, schema.featureCount());
        } catch (IllegalArgumentException | dev.derive.data.io.MalformedDataException e) {
            throw CliException.data(file + " does not fit the model's features f1 .. f" + schema.featureCount() + ": "
                    + e.getMessage());
        }
    }

    /**
     * The sparse training set of a LibSVM file: features {@code f1 .. fD}, target {@code label} with the task
     * inferred as for a CSV file (a numeric target: regression, unless {@code task} says classification, whose
     * classes are then the distinct label values).
     */
    static Dataset sparse(Sparse in, Dataset.Task task) {
        // the target encoding of a CSV file (Dataset.from needs a feature column to count the rows: a placeholder)
        Frame f = Frame.of(List.of(in.labels().column("label"), NumericColumn.wrap("_rows", new double[in.x().rows()])));
        Dataset target = Dataset.from(f, "label", task);
        List<String> names = new ArrayList<>(in.x().cols());
        for (int j = 0; j < in.x().cols(); j++) {
            names.add(PREFIX + (j + 1));
        }
        Dataset ds = target.task() == Dataset.Task.CLASSIFICATION
                ? Dataset.classification(in.x(), target.labels(), target.classes())
                : Dataset.regression(in.x(), target.target());
        return ds.withFeatureNames(names).withTargetName("label");
    }
}
