package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted voting classifier (see {@link Voting}): soft voting averages the estimators' probabilities with
 * the weights; hard voting returns the weighted vote shares of the predicted classes. The class is the arg
 * max (lowest index on a tie).
 */
public final class VotingClassifierModel extends AbstractModel implements Classifier {

    private final List<String> names;
    private final List<Model> models;
    private final double[] weights;

    VotingClassifierModel(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models,
                          double[] weights) {
        super(params, schema, report);
        Voting.checkModels(models, names, weights, schema, Classifier.class);
        this.names = List.copyOf(names);
        this.models = List.copyOf(models);
        this.weights = weights.clone();
    }

    @Override
    public String kind() {
        return Voting.CLASSIFIER_KIND;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, Voting.NAME, false);
        boolean soft = params().getString("voting").equals("soft");
        int n = x.rows();
        int k = schema().classes().size();
        Matrix out = Matrix.zeros(n, k);
        double total = 0;
        for (int t = 0; t < models.size(); t++) {
            Classifier c = (Classifier) models.get(t);
            double w = weights[t];
            total += w;
            if (soft) {
                Matrix p = c.predictProba(x);
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        out.add(i, j, w * p.get(i, j));
                    }
                }
            } else {
                int[] y = c.predict(x);
                for (int i = 0; i < n; i++) {
                    out.add(i, y[i], w);
                }
            }
        }
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                out.set(i, j, out.get(i, j) / total);
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
