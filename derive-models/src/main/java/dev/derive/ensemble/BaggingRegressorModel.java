package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.List;

/** A fitted bagging regressor: the mean of the estimators' predictions (each on its own feature columns). */
public final class BaggingRegressorModel extends AbstractModel implements Regressor {

    private final String estimator;
    private final List<Model> models;
    private final int[][] features;
    private final double oobScore;

    BaggingRegressorModel(Params params, ModelSchema schema, TrainingReport report, String estimator, List<Model> models,
                          int[][] features, double oobScore) {
        super(params, schema, report);
        check(models, features, schema, Regressor.class);
        this.estimator = estimator;
        this.models = List.copyOf(models);
        this.features = features;
        this.oobScore = oobScore;
    }

    static void check(List<Model> models, int[][] features, ModelSchema schema, Class<?> type) {
        if (models.isEmpty() || models.size() != features.length) {
            throw new IllegalArgumentException("bagging needs one feature subset per model; got " + models.size() + " models and "
                    + features.length + " subsets");
        }
        for (int t = 0; t < features.length; t++) {
            if (!type.isInstance(models.get(t))) {
                throw new IllegalArgumentException("base model " + t + " (" + models.get(t).kind() + ") is not a " + type.getSimpleName());
            }
            if (features[t].length != models.get(t).schema().featureCount() || features[t].length == 0) {
                throw new IllegalArgumentException("base model " + t + " has " + models.get(t).schema().featureCount()
                        + " features but its subset has " + features[t].length);
            }
            for (int f : features[t]) {
                if (f < 0 || f >= schema.featureCount()) {
                    throw new IllegalArgumentException("base model " + t + " uses feature " + f + " of " + schema.featureCount());
                }
            }
        }
    }

    @Override
    public String kind() {
        return Bagging.REGRESSOR_KIND;
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, Bagging.NAME, false);
        Bagging.checkValues(x, schema().featureNames(), estimator);
        double[][] parts = new double[models.size()][];
        Parallelism.forEach(models.size(), 2, t -> parts[t] = ((Regressor) models.get(t)).predict(Bagging.columns(x, features[t])));
        double[] out = new double[x.rows()];
        for (double[] part : parts) {
            for (int i = 0; i < out.length; i++) {
                out[i] += part[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= models.size();
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

    /** The out-of-bag R^2 (NaN unless fitted with {@code oob_score}). */
    public double oobScore() {
        return oobScore;
    }
}
