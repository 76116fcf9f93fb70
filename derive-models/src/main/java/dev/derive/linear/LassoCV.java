package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * The lasso with {@code alpha} chosen by k-fold cross-validation over its regularisation path, as
 * scikit-learn's {@code LassoCV}: {@link ElasticNetCV} with {@code l1_ratio = 1}. The grid runs from
 * {@code alpha_max = max|X'y|/n} down to {@code eps alpha_max}; folds are contiguous (k-fold without
 * shuffling); the alpha with the smallest mean held-out MSE is refitted on all the data.
 */
public final class LassoCV extends NamedLearner<LassoCV, PenalizedLinearModel> {

    /** The registered name. */
    public static final String NAME = "lasso_cv";

    static final List<Param<?>> SPECS;

    static {
        List<Param<?>> s = new ArrayList<>(ElasticNetCV.cvSpecs());
        s.addAll(ElasticNet.commonSpecs());
        SPECS = List.copyOf(s);
    }

    private LassoCV(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults (100 alphas, eps 1e-3, 5 folds). */
    public static LassoCV learner() {
        return new LassoCV(defaults(SPECS));
    }

    public LassoCV nAlphas(int n) {
        return with("n_alphas", n);
    }

    public LassoCV eps(double e) {
        return with("eps", e);
    }

    public LassoCV cv(int k) {
        return with("cv", k);
    }

    public LassoCV tol(double t) {
        return with("tol", t);
    }

    public LassoCV maxIter(int m) {
        return with("max_iter", m);
    }


    @Override
    protected LassoCV create(Params params) {
        return new LassoCV(params);
    }

    @Override
    protected PenalizedLinearModel train(Dataset data) {
        return ElasticNetCV.fitCv(NAME, params(), data, 1.0);
    }
}
