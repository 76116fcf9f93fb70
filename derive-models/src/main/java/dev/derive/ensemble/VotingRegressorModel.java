package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/** A fitted voting regressor: the weighted mean {@code sum_t w_t f_t(x) / sum_t w_t} of the estimators' predictions. */
public final class VotingRegressorModel extends AbstractModel implements Regressor {

    private final List<String> names;
    private final List<Model> models;
    private final double[] weights;

    VotingRegressorModel(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models,
                         double[] weights) {
        super(params, schema, report);
        Voting.checkModels(models, names, weights, schema, Regressor.class);
        this.names = List.copyOf(names);
        this.models = List.copyOf(models);
        this.weights = weights.clone();
    }

    @Override
    public String kind() {
        return Voting.REGRESSOR_KIND;
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, Voting.NAME, false);
        double[] out = new double[x.rows()];
        double total = 0;
        for (int t = 0; t < models.size(); t++) {
            double[] p = ((Regressor) models.get(t)).predict(x);
            total += weights[t];
            for (int i = 0; i < out.length; i++) {
                out[i] += weights[t] * p[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    /** The estimators' learner names. */
    public List<String> names() {
        return names;
    }

    /** The fitted estimators. */
    public List<Model> models() {
        return models;
    }

    /** The voting weights. */
    public double[] weights() {
        return weights.clone();
    }
}
