package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Elastic net regression (Zou &amp; Hastie 2005) with scikit-learn's objective and parameter names:
 * <pre>
 *   minimise  1/(2 sum w) sum_i w_i (y_i - b0 - x_i'b)^2 + alpha l1_ratio ||b||_1 + alpha (1 - l1_ratio)/2 ||b||^2
 * </pre>
 * (with unit weights the first term is {@code 1/(2n) ||y - b0 - Xb||^2}; {@code b0} is not penalised).
 * Solved by cyclic coordinate descent ({@link CoordinateDescent}) with covariance updates when
 * {@code p <= n} ({@code precompute=auto}) and residual updates otherwise, stopped by the duality gap
 * ({@code gap <= tol ||y - ybar||^2 / n}). {@code l1_ratio = 1} is the lasso ({@link Lasso}).
 * {@link #fitFrom} warm-starts from given coefficients (scikit-learn's {@code warm_start}).
 */
public final class ElasticNet extends NamedLearner<ElasticNet, PenalizedLinearModel> {

    /** The registered name. */
    public static final String NAME = "elastic_net";

    static List<Param<?>> commonSpecs() {
        return List.of(
                Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
                Param.flag("positive", false, "constrain the coefficients to be >= 0"),
                Param.nonNegative("tol", 1e-4, "stop when the duality gap is <= tol * ||y - mean(y)||^2 / n"),
                Param.integer("max_iter", 1000, 1, Integer.MAX_VALUE, "maximum coordinate-descent sweeps"),
                Param.choice("precompute", "auto", List.of("auto", "true", "false"),
                        "covariance (Gram) updates: auto = when n_features <= n_samples, true, or false (residual updates)"));
    }

    static final List<Param<?>> SPECS;

    static {
        List<Param<?>> s = new ArrayList<>();
        s.add(Param.nonNegative("alpha", 1.0, "penalty strength (0 = least squares; coordinate descent is slow there)"));
        s.add(Param.real("l1_ratio", 0.5, 0, true, 1, true, "mix of the penalty: 1 = lasso (L1), 0 = ridge (L2)"));
        s.addAll(commonSpecs());
        SPECS = List.copyOf(s);
    }

    private ElasticNet(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults ({@code alpha = 1}, {@code l1_ratio = 0.5}). */
    public static ElasticNet learner() {
        return new ElasticNet(defaults(SPECS));
    }

    public ElasticNet alpha(double a) {
        return with("alpha", a);
    }

    public ElasticNet l1Ratio(double r) {
        return with("l1_ratio", r);
    }

    public ElasticNet tol(double t) {
        return with("tol", t);
    }

    public ElasticNet maxIter(int m) {
        return with("max_iter", m);
    }

    public ElasticNet positive(boolean b) {
        return with("positive", b);
    }

    public ElasticNet fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public ElasticNet precompute(String s) {
        return with("precompute", s);
    }


    @Override
    protected ElasticNet create(Params params) {
        return new ElasticNet(params);
    }

    @Override
    protected PenalizedLinearModel train(Dataset data) {
        return fitOne(NAME, params(), data, params().getDouble("l1_ratio"), null);
    }

    /**
     * Fits starting coordinate descent from {@code start} (one coefficient per feature), as scikit-learn's
     * {@code warm_start=True} does with the previous {@code coef_}; the solution is the same up to {@code tol}.
     */
    public PenalizedLinearModel fitFrom(Dataset data, double[] start) {
        checkWarm(NAME, data, start);
        return fitOne(NAME, params(), data, params().getDouble("l1_ratio"), start);
    }

    static void checkWarm(String name, Dataset data, double[] start) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(name + " cannot be fitted on an empty data set (0 rows)");
        }
        if (data.task() != Dataset.Task.REGRESSION) {
            throw new IllegalArgumentException(name + " is a regressor but the target is " + data.task().name().toLowerCase());
        }
        if (start == null || start.length != data.featureCount()) {
            throw new IllegalArgumentException("warm start has " + (start == null ? "no" : start.length)
                    + " coefficients; the data have " + data.featureCount() + " features");
        }
        for (double v : start) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("warm start coefficient " + v + " is not finite");
            }
        }
    }

    static ElasticNetPath.Settings settings(Params p, double rho) {
        return new ElasticNetPath.Settings(rho, p.getBoolean("fit_intercept"), p.getBoolean("positive"), p.getDouble("tol"),
                p.getInt("max_iter"), p.getString("precompute"), true);
    }

    static PenalizedLinearModel fitOne(String name, Params p, Dataset data, double rho, double[] start) {
        if (data.isSparse()) {
            return SparseLearners.elasticNet(name, p, data, rho, start); // CSR, never densified
        }
        data.requireFiniteFeatures(name);
        long t0 = System.nanoTime();
        ElasticNetPath.Settings s = settings(p, rho);
        PenalizedDesign.Prepared d = PenalizedDesign.prepare(data.features(), data.target(), data.weights(), s.fitIntercept());
        int n = d.rows();
        double alpha = p.getDouble("alpha");
        CoordinateDescent cd = ElasticNetPath.solver(d, s); // the Gram of the centred design without forming it
        CoordinateDescent.Result r = cd.solve(n * alpha * rho, n * alpha * (1 - rho), start, null, s.positive(), s.tol(),
                s.maxIter());
        return model(name, p, data, d, r, alpha, rho, cd.usesGram(), secondsSince(t0), new double[0], new double[0], List.of());
    }

    static PenalizedLinearModel model(String name, Params p, Dataset data, PenalizedDesign.Prepared d, CoordinateDescent.Result r,
                                      double alpha, double rho, boolean gram, double seconds, double[] grid,
                                      double[] scores, List<String> extraWarnings) {
        List<String> warnings = new ArrayList<>(extraWarnings);
        if (!r.converged()) {
            warnings.add("coordinate descent did not converge in max_iter = " + p.getInt("max_iter") + " sweeps (duality gap "
                    + r.dualGap() / d.rows() + "); increase max_iter or tol");
        }
        if (alpha == 0) {
            warnings.add("alpha = 0: coordinate descent on plain least squares converges slowly; prefer ols");
        }
        double gap = r.dualGap() / d.rows();
        TrainingReport report = new TrainingReport(r.iterations(), r.converged(),
                r.converged() ? "duality gap <= tol" : "max_iter reached", new double[0], seconds, warnings,
                Map.of("dual_gap", gap, "alpha", alpha, "nonzero", (double) countNonZero(r.coef()),
                        "gram", gram ? 1.0 : 0.0));
        return new PenalizedLinearModel(name, p, ModelSchema.of(data), report, r.coef(), d.intercept(r.coef()), alpha, rho, gap,
                grid, scores);
    }

    static int countNonZero(double[] b) {
        int c = 0;
        for (double v : b) {
            c += v != 0 ? 1 : 0;
        }
        return c;
    }
}
