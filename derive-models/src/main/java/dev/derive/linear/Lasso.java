package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * The lasso (Tibshirani 1996) with scikit-learn's objective and parameter names:
 * {@code minimise 1/(2 sum w) sum_i w_i (y_i - b0 - x_i'b)^2 + alpha ||b||_1}, the elastic net
 * ({@link ElasticNet}) with {@code l1_ratio = 1}, solved by cyclic coordinate descent with a duality-gap
 * stopping rule. The coefficients satisfy the KKT conditions {@code x_j'r/n = alpha sign(b_j)} for
 * {@code b_j != 0} and {@code |x_j'r/n| <= alpha} otherwise ({@code r} the weighted, centred residual).
 */
public final class Lasso extends NamedLearner<Lasso, PenalizedLinearModel> {

    /** The registered name. */
    public static final String NAME = "lasso";

    static final List<Param<?>> SPECS;

    static {
        List<Param<?>> s = new ArrayList<>();
        s.add(Param.nonNegative("alpha", 1.0, "L1 penalty strength (0 = least squares; coordinate descent is slow there)"));
        s.addAll(ElasticNet.commonSpecs());
        SPECS = List.copyOf(s);
    }

    private Lasso(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults ({@code alpha = 1}). */
    public static Lasso learner() {
        return new Lasso(defaults(SPECS));
    }

    public Lasso alpha(double a) {
        return with("alpha", a);
    }

    public Lasso tol(double t) {
        return with("tol", t);
    }

    public Lasso maxIter(int m) {
        return with("max_iter", m);
    }

    public Lasso positive(boolean b) {
        return with("positive", b);
    }

    public Lasso fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public Lasso precompute(String s) {
        return with("precompute", s);
    }


    @Override
    protected Lasso create(Params params) {
        return new Lasso(params);
    }

    @Override
    protected PenalizedLinearModel train(Dataset data) {
        return ElasticNet.fitOne(NAME, params(), data, 1.0, null);
    }

    /** Fits warm-started from {@code start} (scikit-learn's {@code warm_start}); same solution up to {@code tol}. */
    public PenalizedLinearModel fitFrom(Dataset data, double[] start) {
        ElasticNet.checkWarm(NAME, data, start);
        return ElasticNet.fitOne(NAME, params(), data, 1.0, start);
    }
}
