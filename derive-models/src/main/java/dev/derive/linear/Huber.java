package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.optim.Bounds;
import dev.derive.optim.LBFGSB;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Huber regression with a jointly estimated scale, as scikit-learn's {@code HuberRegressor}: minimises
 * {@code sum_i w_i sigma (1 + H_eps((y_i - x_i' beta - b)/sigma)) + alpha ||beta||^2} over {@code (beta, b, sigma)}
 * with {@code sigma >= 10 eps_mach} by L-BFGS-B (see {@link HuberObjective}). Rows whose residual exceeds
 * {@code epsilon * sigma} in absolute value are outliers: they enter linearly, so they pull the fit far less than
 * in least squares; {@code epsilon = 1.35} gives 95% efficiency at the normal. Parameters and defaults as
 * scikit-learn: {@code epsilon} (1.35, {@code >= 1}), {@code alpha} (1e-4), {@code max_iter} (100), {@code tol}
 * (1e-5, on the 2-norm of the projected gradient of the summed objective; scikit-learn tests its largest
 * component), {@code fit_intercept}. Starts, as scikit-learn, from {@code beta = 0, b = 0, sigma = 1}.
 *
 * <p>Sparse input ({@link Dataset#isSparse()}) is not densified: the objective reads the CSR matrix through
 * {@code X beta} and {@code X'd} only, {@code O(nnz)} per evaluation, and the fit is the dense one up to rounding (as
 * scikit-learn's {@code HuberRegressor} on {@code scipy.sparse} input).
 */
public final class Huber extends NamedLearner<Huber, HuberModel> {

    /** The registered name. */
    public static final String NAME = "huber";

    static final List<Param<?>> SPECS = List.of(
            Param.real("epsilon", 1.35, 1, true, Double.POSITIVE_INFINITY, false, "rows with |residual| > epsilon * scale are outliers"),
            Param.nonNegative("alpha", 1e-4, "L2 penalty alpha ||beta||^2 (intercept and scale unpenalised)"),
            Param.flag("fit_intercept", true, "fit an unpenalised intercept"),
            Param.integer("max_iter", 100, 0, Integer.MAX_VALUE, "maximum L-BFGS-B iterations"),
            Param.positive("tol", 1e-5, "stop when the projected gradient's 2-norm is at most tol"));

    private Huber(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults. */
    public static Huber learner() {
        return new Huber(defaults(SPECS));
    }

    public Huber epsilon(double e) {
        return with("epsilon", e);
    }

    public Huber alpha(double a) {
        return with("alpha", a);
    }

    public Huber fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public Huber maxIter(int n) {
        return with("max_iter", n);
    }

    public Huber tol(double t) {
        return with("tol", t);
    }


    @Override
    protected Huber create(Params params) {
        return new Huber(params);
    }

    @Override
    protected HuberModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        Params ps = params();
        boolean intercept = ps.getBoolean("fit_intercept");
        double eps = ps.getDouble("epsilon");
        // sparse (CSR) input is never densified: the objective needs only X beta and X'd
        HuberObjective f = data.isSparse()
                ? new HuberObjective(data.sparseFeatures(), data.target(), data.weights(), eps, ps.getDouble("alpha"), intercept)
                : new HuberObjective(data.features(), data.target(), data.weights(), eps, ps.getDouble("alpha"), intercept);
        int d = f.dimension();
        double[] lower = new double[d];
        double[] upper = new double[d];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        lower[d - 1] = 10 * Math.ulp(1.0);
        double[] x0 = new double[d];
        x0[d - 1] = 1;
        int maxIter = ps.getInt("max_iter");
        StopCriteria stop = StopCriteria.DEFAULT.withMaxIterations(maxIter).withMaxEvaluations(Math.max(100_000, 20 * maxIter + 1))
                .withGradientTolerance(ps.getDouble("tol")).withRecordTrajectory(true);
        OptimResult r = LBFGSB.defaults().withStop(stop).minimize(f, new Bounds(lower, upper), x0);
        double[] theta = r.solution();
        int p = data.featureCount();
        double[] coef = Arrays.copyOf(theta, p);
        double b = intercept ? theta[p] : 0;
        double scale = theta[d - 1];
        double[] res = f.residuals(theta);
        int outliers = 0;
        for (double v : res) {
            outliers += Math.abs(v) > eps * scale ? 1 : 0;
        }
        List<String> warnings = new ArrayList<>();
        if (!r.converged()) {
            warnings.add(String.format(Locale.ROOT, "L-BFGS-B did not converge: %s after %d iterations, projected gradient norm %.3g > tol = %.3g; "
                    + "increase max_iter or scale the features", r.stopReason(), r.iterations(), r.gradientNorm(), ps.getDouble("tol")));
        }
        TrainingReport report = new TrainingReport(r.iterations(), r.converged(),
                r.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' '), r.trajectory(), secondsSince(t0), warnings,
                extras(r, scale, outliers, data.isSparse()));
        return new HuberModel(ps, ModelSchema.of(data), report, coef, b, scale);
    }

    private static Map<String, Double> extras(OptimResult r, double scale, int outliers, boolean sparse) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("objective", r.value());
        m.put("gradient_norm", r.gradientNorm());
        m.put("scale", scale);
        m.put("outliers", (double) outliers);
        if (sparse) {
            m.put("sparse", 1.0);
        }
        return m;
    }
}
