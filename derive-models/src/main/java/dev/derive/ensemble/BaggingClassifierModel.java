package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.List;

/**
 * A fitted bagging classifier: the class probabilities are the mean of the estimators' probabilities
 * (each on its own feature columns), the class their arg max (lowest index on a tie). Immutable and
 * thread-safe if the base models are.
 */
public final class BaggingClassifierModel extends AbstractModel implements Classifier {

    private final String estimator;
    private final List<Model> models;
    private final int[][] features;
    private final double oobScore;

    BaggingClassifierModel(Params params, ModelSchema schema, TrainingReport report, String estimator, List<Model> models,
                           int[][] features, double oobScore) {
        super(params, schema, report);
        BaggingRegressorModel.check(models, features, schema, Classifier.class);
        for (Model m : models) {
            if (m.schema().classes().size() != schema.classes().size()) {
                throw new IllegalArgumentException("a base model knows " + m.schema().classes().size() + " classes; the ensemble has "
                        + schema.classes().size());
            }
        }
        this.estimator = estimator;
        this.models = List.copyOf(models);
        this.features = features;
        this.oobScore = oobScore;
    }

    @Override
    public String kind() {
        return Bagging.CLASSIFIER_KIND;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, Bagging.NAME, false);
        Bagging.checkValues(x, schema().featureNames(), estimator);
        int n = x.rows();
        int k = schema().classes().size();
        Matrix[] parts = new Matrix[models.size()];
        Parallelism.forEach(models.size(), 2, t -> parts[t] = ((Classifier) models.get(t)).predictProba(Bagging.columns(x, features[t])));
        Matrix out = Matrix.zeros(n, k);
        for (Matrix part : parts) { // fixed order: the same sums whatever the thread count
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < n; i++) {
                    out.add(i, c, part.get(i, c));
                }
            }
        }
        double s = 1.0 / models.size();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                out.set(i, c, out.get(i, c) * s);
            }
        }
        return out;
    }

    @Override
    public int[] predict(Matrix x) {
        Matrix p = predictProba(x);
        int[] out = new int[p.rows()];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < p.cols(); c++) {
                if (p.get(i, c) > p.get(i, best)) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The base learner's registered name. */
    public String estimator() {
        return estimator;
    }

    /** The fitted base models. */
    public List<Model> models() {
        return models;
    }

    /** The feature columns of estimator {@code t}. */
    public int[] features(int t) {
        return features[t].clone();
    }

    /** The out-of-bag accuracy (NaN unless fitted with {@code oob_score}). */
    public double oobScore() {
        return oobScore;
    }
}
