package dev.derive.boost;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted histogram boosting regressor (see {@link HistGradientBoosting}): raw score
 * {@code F(x) = F_0 + sum_m tree_m(x)}, prediction {@code F(x)} (identity link: l2, l1, huber, quantile) or
 * {@code exp(F(x))} (log link: poisson, gamma, tweedie). Missing values follow each split's learned default
 * direction. Immutable and thread-safe.
 */
public final class HistGradientBoostingRegressorModel extends AbstractModel implements Regressor {

    private final BoostedTrees model;
    private final String objective;
    private final java.util.function.DoubleUnaryOperator link;
    private final double[] validationCurve;

    HistGradientBoostingRegressorModel(Params params, ModelSchema schema, TrainingReport report, BoostedTrees model,
                                       String objective, double[] validationCurve) {
        super(params, schema, report);
        if (model.outputs() != 1 || model.featureCount != schema.featureCount()) {
            throw new IllegalArgumentException("a regressor needs 1 score per row and " + schema.featureCount() + " features");
        }
        this.model = model;
        this.objective = objective;
        if (objective.equals("lambdarank")) {
            this.link = f -> f;
        } else if (objective.equals("custom")) {
            this.link = CustomObjective.Link.valueOf(params.getString("custom_link").toUpperCase(java.util.Locale.ROOT))::transform;
        } else {
            this.link = Objectives.regression(objective, params.getDouble("alpha"), params.getDouble("tweedie_variance_power"))::transform;
        }
        this.validationCurve = validationCurve.clone();
    }

    @Override
    public String kind() {
        return HistGradientBoosting.REGRESSOR_KIND;
    }

    /** Number of boosting rounds (trees) kept. */
    public int rounds() {
        return model.rounds();
    }

    /** The raw scores F(x) of the first {@code rounds} rounds. */
    public double[] rawScores(Matrix x, int rounds) {
        schema().check(x, HistGradientBoosting.NAME, false);
        BoostedTrees.requireNoInfinity(x, schema().featureNames(), HistGradientBoosting.NAME);
        return model.raw(x, rounds);
    }

    /** Predictions of the first {@code rounds} rounds (staged predictions). */
    public double[] predict(Matrix x, int rounds) {
        double[] f = rawScores(x, rounds);
        for (int i = 0; i < f.length; i++) {
            f[i] = link.applyAsDouble(f[i]);
        }
        return f;
    }

    @Override
    public double[] predict(Matrix x) {
        return predict(x, rounds());
    }

    /**
     * SHAP values of the raw score (exact TreeSHAP, {@link TreeShap}; node covers are training row counts):
     * an {@code n x (p + 1)} matrix, column {@code j < p} the contribution of feature {@code j}, column
     * {@code p} the expected raw score; each row sums to {@link #rawScores} of all rounds (LightGBM's
     * {@code pred_contrib}). For log-link objectives the values are on the log scale.
     */
    public Matrix shapValues(Matrix x) {
        schema().check(x, HistGradientBoosting.NAME, false);
        BoostedTrees.requireNoInfinity(x, schema().featureNames(), HistGradientBoosting.NAME);
        int p = schema().featureCount();
        return Matrix.wrap(x.rows(), p + 1, transpose(model.shap(x.toArray(), x.rows())[0], x.rows(), p + 1));
    }

    /** Row-major n x c to column-major. */
    static double[] transpose(double[] a, int n, int c) {
        double[] out = new double[a.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                out[j * n + i] = a[i * c + j];
            }
        }
        return out;
    }

    /**
     * SHAP interaction values of the raw score (exact, {@link TreeShap#addInteractions}; covers are training
     * row counts): {@code [row][a][b]}, a {@code (p + 1) x (p + 1)} matrix per row, symmetric, the diagonal
     * the main effects, {@code [p][p]} the expected raw score (row and column {@code p} otherwise 0). Row
     * {@code a} sums to {@link #shapValues} of feature {@code a}; all entries sum to the raw score (the shap
     * package's {@code shap_interaction_values} layout). Memory: {@code n (p + 1)^2} doubles.
     */
    public double[][][] shapInteractionValues(Matrix x) {
        schema().check(x, HistGradientBoosting.NAME, false);
        BoostedTrees.requireNoInfinity(x, schema().featureNames(), HistGradientBoosting.NAME);
        return model.shapInteractions(x.toArray(), x.rows())[0];
    }

    /** A readable JSON dump of the model (format: {@link HistGradientBoostingJson}); read back with {@link HistGradientBoosting#fromJson}. */
    public String dumpJson() {
        return HistGradientBoostingJson.dump(HistGradientBoosting.REGRESSOR_KIND, params(), schema(), model, objective, validationCurve);
    }

    /**
     * Mean NDCG@k (see {@link Ranking}) of this model's scores on {@code x}, with query ids from the column
     * {@code group_column} of {@code x} and relevance labels {@code y}; for {@code lambdarank} models.
     */
    public double ndcg(Matrix x, double[] y, int k) {
        int gc = params().getInt("group_column");
        if (gc < 0 || gc >= x.cols()) {
            throw new IllegalArgumentException("group_column " + gc + " does not name a column of the input (" + x.cols() + " columns)");
        }
        int[] group = new int[x.rows()];
        for (int i = 0; i < group.length; i++) {
            double v = x.get(i, gc);
            if (!(v == Math.rint(v))) {
                throw new IllegalArgumentException("query id " + v + " at row " + i + " is not an integer");
            }
            group[i] = (int) v;
        }
        return Ranking.ndcg(rawScores(x, rounds()), y, group, k);
    }

    /** The objective's name. */
    public String objective() {
        return objective;
    }

    /** The initial raw score F_0. */
    public double init() {
        return model.init[0];
    }

    /** The trees, in round order. */
    public List<HistTree> trees() {
        return model.trees;
    }

    /** Per feature: the number of splits ({@code "split"}) or their total gain ({@code "gain"}). */
    public double[] featureImportance(String type) {
        return model.importance(type);
    }

    /**
     * The validation metric early stopping watches after each round run: the first {@code eval_metric} on the
     * last validation set (empty without validation sets or early stopping; every (set, metric) curve is in
     * {@code report().curves()}).
     */
    public double[] validationCurve() {
        return validationCurve.clone();
    }

    BoostedTrees boosted() {
        return model;
    }
}
