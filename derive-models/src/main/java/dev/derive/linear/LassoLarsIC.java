package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.learn.metrics.InformationCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lasso with {@code alpha} chosen by an information criterion over the LARS-lasso path ({@link Lars}), as
 * scikit-learn 1.2's {@code LassoLarsIC}. At each knot {@code k} of the path, with {@code RSS_k} the residual
 * sum of squares on the centred data and {@code df_k} the number of nonzero coefficients (the degrees of
 * freedom of the lasso, Zou, Hastie &amp; Tibshirani 2007), the Gaussian log-likelihood with noise variance
 * {@code s^2} is {@code log L_k = -n/2 log(2 pi s^2) - RSS_k / (2 s^2)} and the criterion is
 * {@link InformationCriteria#aic} ({@code 2 df - 2 log L}) or {@link InformationCriteria#bic}
 * ({@code df ln n - 2 log L}). {@code s^2} is estimated from the least-squares fit,
 * {@code RSS_ols / (n - p - fit_intercept)}, which needs {@code n > p + fit_intercept}. The knot with the
 * smallest criterion gives the coefficients; the model keeps the knots and the criterion at each.
 */
public final class LassoLarsIC extends NamedLearner<LassoLarsIC, PenalizedLinearModel> {

    /** The registered name. */
    public static final String NAME = "lasso_lars_ic";

    static final List<Param<?>> SPECS = List.of(
            Param.choice("criterion", "aic", List.of("aic", "bic"), "information criterion: aic (2 df) or bic (df ln n)"),
            Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
            Param.integer("max_iter", 500, 1, Integer.MAX_VALUE, "maximum LARS steps"));

    private LassoLarsIC(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults ({@code criterion = aic}). */
    public static LassoLarsIC learner() {
        return new LassoLarsIC(defaults(SPECS));
    }

    public LassoLarsIC criterion(String c) {
        return with("criterion", c);
    }

    public LassoLarsIC fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }


    @Override
    protected LassoLarsIC create(Params params) {
        return new LassoLarsIC(params);
    }

    @Override
    protected PenalizedLinearModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        boolean intercept = params().getBoolean("fit_intercept");
        int n = data.size();
        int p = data.featureCount();
        if (n <= p + (intercept ? 1 : 0)) {
            throw new IllegalArgumentException(NAME + " estimates the noise variance by least squares, which needs more rows ("
                    + n + ") than features + intercept (" + (p + (intercept ? 1 : 0)) + ")");
        }
        PenalizedDesign d = PenalizedDesign.of(data.features(), data.target(), data.weights(), intercept);
        LeastSquares.Fit ols = LeastSquares.ols(d.x(), d.y(), null, false, "auto");
        double[] olsFit = d.x().mvmul(ols.coef());
        double rssOls = 0;
        for (int i = 0; i < n; i++) {
            double r = d.y()[i] - olsFit[i];
            rssOls += r * r;
        }
        double sigma2 = rssOls / (n - p - (intercept ? 1 : 0));
        if (!(sigma2 > 0)) {
            throw new IllegalArgumentException(NAME + ": the least-squares fit is exact (noise variance " + sigma2
                    + "); the information criterion is undefined");
        }
        Lars.Path path = Lars.solve(d, "lasso", params().getInt("max_iter"), false);
        double[] rssOverN = path.trainingMse(d);
        int m = rssOverN.length;
        double[] crit = new double[m];
        boolean bic = params().getString("criterion").equals("bic");
        int best = 0;
        for (int k = 0; k < m; k++) {
            double rss = rssOverN[k] * n;
            double logL = -0.5 * n * Math.log(2 * Math.PI * sigma2) - rss / (2 * sigma2);
            int df = 0;
            for (double v : path.coef(k)) {
                df += Math.abs(v) > Math.ulp(1.0) ? 1 : 0;
            }
            crit[k] = bic ? InformationCriteria.bic(logL, df, n) : InformationCriteria.aic(logL, df);
            if (crit[k] < crit[best]) {
                best = k;
            }
        }
        double[] b = path.coef(best);
        List<String> warnings = new ArrayList<>(ols.warnings());
        warnings.addAll(path.warnings());
        TrainingReport report = new TrainingReport(path.steps(), true, "LARS-lasso path: " + path.steps() + " steps",
                new double[0], secondsSince(t0), warnings,
                Map.of("alpha", path.alphas()[best], "noise_variance", sigma2, "nonzero", (double) ElasticNet.countNonZero(b),
                        "criterion", crit[best]));
        return new PenalizedLinearModel(NAME, params(), ModelSchema.of(data), report, b, d.intercept(b), path.alphas()[best],
                1.0, 0.0, path.alphas(), crit);
    }
}
