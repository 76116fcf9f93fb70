package dev.derive.learn.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.KFold;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation of a sparse (CSR) data set keeps the folds sparse: each fold's training part reaches the learner
 * as a CSR data set, and the fold's model is asked for predictions only through its sparse entry points
 * ({@code predict(SparseMatrix)}, {@code predictProba(SparseMatrix)}). The test learners wrap
 * {@link TinyLearners}: they fail if a fold arrives dense, and their models fail on a dense prediction, so the
 * scores, out-of-fold predictions and probabilities equal those of the wrapped learner on the dense copy exactly.
 */
class SparseCrossValidationTest {

    /** Wraps a dense learner: requires a sparse training set, fits the wrapped learner on its dense copy. */
    static final class SparseOnly extends AbstractLearner<SparseOnly, SparseOnlyModel> {
        final Learner<?> inner;

        SparseOnly(Learner<?> inner) {
            super(inner.params());
            this.inner = inner;
        }

        @Override
        public String name() {
            return "sparse_only_" + inner.name();
        }

        @Override
        public Dataset.Task task() {
            return inner.task();
        }

        @Override
        protected SparseOnly create(Params params) {
            return new SparseOnly(inner);
        }

        @Override
        protected SparseOnlyModel train(Dataset data) {
            if (!data.isSparse()) {
                throw new AssertionError("the training fold arrived dense");
            }
            Matrix x = data.sparseFeatures().toDense();
            Dataset dense = data.task() == Dataset.Task.CLASSIFICATION ? Dataset.classification(x, data.labels(), data.classes())
                    : Dataset.regression(x, data.target());
            Model m = inner.fit(dense);
            return m instanceof Classifier c ? new SparseClassifier(c, ModelSchema.of(data)) : new SparseRegressor((Regressor) m, ModelSchema.of(data));
        }
    }

    interface SparseOnlyModel extends Model {
    }

    record SparseClassifier(Classifier inner, ModelSchema schema) implements SparseOnlyModel, Classifier {
        public String kind() {
            return "sparse_only";
        }

        public Params params() {
            return inner.params();
        }

        public TrainingReport report() {
            return inner.report();
        }

        public int[] predict(Matrix x) {
            throw new AssertionError("dense prediction");
        }

        public Matrix predictProba(Matrix x) {
            throw new AssertionError("dense prediction");
        }

        @Override
        public int[] predict(SparseMatrix x) {
            return inner.predict(x.toDense());
        }

        @Override
        public Matrix predictProba(SparseMatrix x) {
            return inner.predictProba(x.toDense());
        }

        @Override
        public List<String> classes() {
            return inner.classes();
        }
    }

    record SparseRegressor(Regressor inner, ModelSchema schema) implements SparseOnlyModel, Regressor {
        public String kind() {
            return "sparse_only";
        }

        public Params params() {
            return inner.params();
        }

        public TrainingReport report() {
            return inner.report();
        }

        public double[] predict(Matrix x) {
            throw new AssertionError("dense prediction");
        }

        @Override
        public double[] predict(SparseMatrix x) {
            return inner.predict(x.toDense());
        }
    }

    static Dataset sparseCopy(Dataset d) {
        SparseMatrix x = SparseMatrix.fromDense(d.features());
        return d.task() == Dataset.Task.CLASSIFICATION ? Dataset.classification(x, d.labels(), d.classes()) : Dataset.regression(x, d.target());
    }

    @Test
    void classificationFoldsStaySparseAndScoreAsTheDenseCopy() {
        Dataset dense = TinyLearners.blobs(90, 3, 4, 7);
        Dataset sparse = sparseCopy(dense);
        assertTrue(sparse.isSparse() && sparse.subset(new int[] {3, 1, 4}).isSparse());
        TinyLearners.Centroids c = TinyLearners.Centroids.learner();
        CrossValidator cv = new StratifiedKFold(4, true, 3);
        List<Scorer> scorers = Scorers.defaultsFor(Dataset.Task.CLASSIFICATION);
        CvResult d = CrossValidation.run(c, dense, cv, scorers, null);
        CvResult s = CrossValidation.run(new SparseOnly(c), sparse, cv, scorers, null);
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(d.foldScores()[f], s.foldScores()[f], 0.0, "fold " + f);
        }
        assertArrayEquals(CrossValidation.crossValPredictLabels(c, dense, cv), CrossValidation.crossValPredictLabels(new SparseOnly(c), sparse, cv));
        assertArrayEquals(CrossValidation.crossValPredictProba(c, dense, cv).toArray(),
                CrossValidation.crossValPredictProba(new SparseOnly(c), sparse, cv).toArray(), 0.0);
    }

    @Test
    void regressionFoldsStaySparseAndScoreAsTheDenseCopy() {
        Dataset dense = TinyLearners.linear(80, 3, 5);
        Dataset sparse = sparseCopy(dense);
        TinyLearners.TinyRidge r = TinyLearners.TinyRidge.learner();
        CrossValidator cv = new KFold(5, true, 2);
        List<Scorer> scorers = Scorers.defaultsFor(Dataset.Task.REGRESSION);
        CvResult d = CrossValidation.run(r, dense, cv, scorers, null);
        CvResult s = CrossValidation.run(new SparseOnly(r), sparse, cv, scorers, null);
        for (int f = 0; f < 5; f++) {
            assertArrayEquals(d.foldScores()[f], s.foldScores()[f], 0.0, "fold " + f);
        }
        assertArrayEquals(CrossValidation.crossValPredict(r, dense, cv), CrossValidation.crossValPredict(new SparseOnly(r), sparse, cv), 0.0);
    }
}
