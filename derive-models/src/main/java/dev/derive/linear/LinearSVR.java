package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linear support vector regression trained by dual coordinate descent as LIBLINEAR (Ho &amp; Lin 2012; see
 * {@link DualCoordinateDescent}), with scikit-learn's {@code LinearSVR(dual=True)} objective and parameter
 * names ({@code C} is spelled {@code c}): it minimises {@code ||w||^2 / 2 + sum_i C_i xi(w'x_i + b - y_i)}
 * with the epsilon-insensitive loss {@code max(0, |r| - epsilon)} (default) or its square,
 * {@code C_i = C * sample_weight_i}. The intercept is LIBLINEAR's penalised bias feature of value
 * {@code intercept_scaling} ({@code b = intercept_scaling * w_b}). The fitted model is a {@link LinearModel}
 * of kind {@code linear_svr} (solver {@code "dual_cd"}; its rank is reported as {@code -1}, not computed).
 *
 * <p>Sparse input ({@link Dataset#isSparse()}) is never densified: the dual coordinate steps read CSR rows (the bias as
 * one more entry per row), {@code O(nnz_i)} each; the same seed visits the same coordinates, so the sparse fit is the
 * dense one up to rounding.
 */
public final class LinearSVR extends NamedLearner<LinearSVR, LinearModel> {

    /** The registered name. */
    public static final String NAME = "linear_svr";

    static final List<Param<?>> SPECS = List.of(
            Param.positive("c", 1.0, "scikit-learn's C: weight of the summed loss against ||w||^2 / 2"),
            Param.nonNegative("epsilon", 0.0, "half-width of the insensitive tube (in target units)"),
            Param.choice("loss", "epsilon_insensitive", List.of("epsilon_insensitive", "squared_epsilon_insensitive"),
                    "max(0, |r| - epsilon) or its square"),
            Param.flag("fit_intercept", true, "append a constant feature intercept_scaling (penalised, as LIBLINEAR)"),
            Param.positive("intercept_scaling", 1.0, "value of the appended bias feature; intercept = intercept_scaling * its weight"),
            Param.positive("tol", 1e-4, "stop when the summed dual optimality violation is tol times its initial value"),
            Param.integer("max_iter", 1000, 1, Integer.MAX_VALUE, "maximum epochs of coordinate descent"),
            Param.seed(0));

    private LinearSVR(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults (epsilon-insensitive, {@code epsilon = 0}, {@code C = 1}). */
    public static LinearSVR learner() {
        return new LinearSVR(defaults(SPECS));
    }

    public LinearSVR c(double c) {
        return with("c", c);
    }

    public LinearSVR epsilon(double e) {
        return with("epsilon", e);
    }

    public LinearSVR loss(String loss) {
        return with("loss", loss);
    }

    public LinearSVR fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public LinearSVR interceptScaling(double s) {
        return with("intercept_scaling", s);
    }

    public LinearSVR tol(double t) {
        return with("tol", t);
    }

    public LinearSVR maxIter(int n) {
        return with("max_iter", n);
    }

    public LinearSVR seed(long seed) {
        return with("seed", seed);
    }


    @Override
    protected LinearSVR create(Params params) {
        return new LinearSVR(params);
    }

    @Override
    protected LinearModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        Params ps = params();
        double[] y = data.target();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(NAME + ": target " + y[i] + " at row " + i + " is not finite");
            }
        }
        boolean bias = ps.getBoolean("fit_intercept");
        double scaling = ps.getDouble("intercept_scaling");
        double[] sw = LinearSVC.sampleWeights(data, NAME);
        double[] ci = new double[y.length];
        for (int i = 0; i < ci.length; i++) {
            ci[i] = ps.getDouble("c") * sw[i];
        }
        // sparse data: CSR rows with the bias as one more entry per row, never densified
        DualCoordinateDescent.Rows rows = data.isSparse() ? DualCoordinateDescent.sparse(data.sparseFeatures(), bias, scaling)
                : DualCoordinateDescent.dense(LinearSVC.rows(data.features(), bias, scaling));
        DualCoordinateDescent.Result r = DualCoordinateDescent.regress(rows, y, ci, ps.getDouble("epsilon"),
                ps.getString("loss").equals("squared_epsilon_insensitive"), ps.getDouble("tol"), ps.getInt("max_iter"), ps.getLong("seed"));
        int p = data.featureCount();
        double[] coef = new double[p];
        System.arraycopy(r.w(), 0, coef, 0, p);
        double intercept = bias ? scaling * r.w()[p] : 0;
        List<String> warnings = new ArrayList<>();
        if (!r.converged()) {
            warnings.add(String.format(Locale.ROOT, "dual coordinate descent did not converge in %d epochs (relative violation %.3g > tol %.3g); "
                    + "increase max_iter or scale the features", r.epochs(), r.violation(), ps.getDouble("tol")));
        }
        TrainingReport report = new TrainingReport(r.epochs(), r.converged(), r.converged() ? "converged" : "max iterations", null,
                secondsSince(t0), warnings, data.isSparse() ? Map.of("relative_violation", r.violation(), "sparse", 1.0)
                        : Map.of("relative_violation", r.violation()));
        return new LinearModel(NAME, ps, ModelSchema.of(data), report, coef, intercept, "dual_cd", -1);
    }
}
