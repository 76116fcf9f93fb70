package dev.derive.boost;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted histogram boosting classifier (see {@link HistGradientBoosting}). Binary objective: one raw
 * score {@code F(x) = F_0 + sum_m tree_m(x)}, the log-odds of the second class, probabilities
 * {@code [1 - sigma(F), sigma(F)]}, label {@code F > 0}. Multiclass: K scores
 * {@code F_c(x) = F_0c + sum_m tree_mc(x)}, probabilities {@code softmax(F)}, label the most probable class
 * (the first on a tie). A custom objective ({@code objective = custom}) has one score and the probability
 * {@code link(F)} of its {@code custom_link} ({@code logit}: sigma, {@code probit}: Phi; label {@code F > 0}),
 * or K scores with {@code custom_link = softmax} (as multiclass). Missing values follow each split's learned
 * default direction. Immutable and thread-safe.
 */
public final class HistGradientBoostingClassifierModel extends AbstractModel implements Classifier {

    private final BoostedTrees model;
    private final String objective;
    private final double[] validationCurve;
    /** The probability of the second class from one raw score ({@code null} for K scores). */
    private final java.util.function.DoubleUnaryOperator binaryLink;

    /** Raw scores per row for {@code objective} with {@code k} classes (custom: from {@code custom_link}). */
    static int outputs(String objective, Params params, int k) {
        if (objective.equals("binary")) {
            return 1;
        }
        if (objective.equals("custom")) {
            return params.getString("custom_link").equals("softmax") ? k : 1;
        }
        return k;
    }

    HistGradientBoostingClassifierModel(Params params, ModelSchema schema, TrainingReport report, BoostedTrees model,
                                        String objective, double[] validationCurve) {
        super(params, schema, report);
        int k = schema.classes().size();
        int outs = outputs(objective, params, k);
        if (outs == 1 && k != 2) {
            throw new IllegalArgumentException("objective " + objective + " with one score per row needs 2 classes, got " + k);
        }
        if (model.outputs() != outs || model.featureCount != schema.featureCount()) {
            throw new IllegalArgumentException("objective " + objective + " with " + k + " classes needs " + outs
                    + " scores per row and " + schema.featureCount() + " features");
        }
        this.model = model;
        this.objective = objective;
        this.validationCurve = validationCurve.clone();
        this.binaryLink = outs != 1 ? null : objective.equals("custom")
                ? CustomObjective.Link.valueOf(params.getString("custom_link").toUpperCase(java.util.Locale.ROOT))::transform
                : Objectives::sigmoid;
    }

    @Override
    public String kind() {
        return HistGradientBoosting.CLASSIFIER_KIND;
    }

    /** Number of boosting rounds kept. */
    public int rounds() {
        return model.rounds();
    }

    /** The raw scores of the first {@code rounds} rounds: n log-odds (binary) or row-major n x K. */
    public double[] decisionFunction(Matrix x, int rounds) {
        schema().check(x, HistGradientBoosting.NAME, false);
        BoostedTrees.requireNoInfinity(x, schema().featureNames(), HistGradientBoosting.NAME);
        return model.raw(x, rounds);
    }

    /** Class probabilities of the first {@code rounds} rounds (staged). */
    public Matrix predictProba(Matrix x, int rounds) {
        double[] f = decisionFunction(x, rounds);
        int n = x.rows();
        int k = schema().classes().size();
        Matrix p = Matrix.zeros(n, k);
        if (model.outputs() == 1) {
            for (int i = 0; i < n; i++) {
                double s = binaryLink.applyAsDouble(f[i]);
                p.set(i, 0, 1 - s);
                p.set(i, 1, s);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double lse = Objectives.logSumExp(f, i * k, k);
                for (int c = 0; c < k; c++) {
                    p.set(i, c, Math.exp(f[i * k + c] - lse));
                }
            }
        }
        return p;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return predictProba(x, rounds());
    }

    /** Labels of the first {@code rounds} rounds (staged). */
    public int[] predict(Matrix x, int rounds) {
        if (model.outputs() == 1) {
            double[] f = decisionFunction(x, rounds);
            int[] out = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i] > 0 ? 1 : 0;
            }
            return out;
        }
        return predictProba(x, rounds).rowArgmax();
    }

    @Override
    public int[] predict(Matrix x) {
        return predict(x, rounds());
    }

    /**
     * SHAP values of the raw scores (exact TreeSHAP, {@link TreeShap}; node covers are training row
     * counts), one {@code n x (p + 1)} matrix per raw score (one for binary: the log-odds of the second
     * class; K for multiclass, in class order): column {@code j < p} the contribution of feature {@code j},
     * column {@code p} the expected raw score; each row sums to {@link #decisionFunction} of all rounds
     * (LightGBM's {@code pred_contrib}, split per class).
     */
    public List<Matrix> shapValues(Matrix x) {
        schema().check(x, HistGradientBoosting.NAME, false);
        BoostedTrees.requireNoInfinity(x, schema().featureNames(), HistGradientBoosting.NAME);
        int p = schema().featureCount();
        double[][] s = model.shap(x.toArray(), x.rows());
        List<Matrix> out = new java.util.ArrayList<>();
        for (double[] a : s) {
            out.add(Matrix.wrap(x.rows(), p + 1, HistGradientBoostingRegressorModel.transpose(a, x.rows(), p + 1)));
        }
        return List.copyOf(out);
    }

    /**
     * SHAP interaction values of the raw scores (exact, {@link TreeShap#addInteractions}), one
     * {@code [row][a][b]} array per raw score (one for binary, K for multiclass): per row a {@code (p + 1) x
     * (p + 1)} symmetric matrix, diagonal = main effects, {@code [p][p]} = the expected raw score; row {@code a}
     * sums to {@link #shapValues} of feature {@code a}, all entries to {@link #decisionFunction}.
     */
    public List<double[][][]> shapInteractionValues(Matrix x) {
        schema().check(x, HistGradientBoosting.NAME, false);
        BoostedTrees.requireNoInfinity(x, schema().featureNames(), HistGradientBoosting.NAME);
        return List.of(model.shapInteractions(x.toArray(), x.rows()));
    }

    /** A readable JSON dump of the model (format: {@link HistGradientBoostingJson}); read back with {@link HistGradientBoosting#fromJson}. */
    public String dumpJson() {
        return HistGradientBoostingJson.dump(HistGradientBoosting.CLASSIFIER_KIND, params(), schema(), model, objective, validationCurve);
    }

    /** The objective's name ({@code binary}, {@code multiclass} or {@code custom}). */
    public String objective() {
        return objective;
    }

    /** The initial raw scores F_0. */
    public double[] init() {
        return model.init.clone();
    }

    /** The trees, in round order (multiclass: round m holds trees m K .. m K + K - 1, one per class). */
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
