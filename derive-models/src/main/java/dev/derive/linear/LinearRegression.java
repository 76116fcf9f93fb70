package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.Map;

/**
 * Ordinary least squares: minimises {@code sum_i w_i (y_i - b - x_i' beta)^2}. Solvers: pivoted
 * Householder QR (default; a rank-deficient design gets the minimum-norm solution from the SVD, as
 * scikit-learn's {@code LinearRegression} returns, with a warning in the training report), the SVD, or
 * the normal equations by Cholesky. Parameters ({@code derive models} lists them): {@code fit_intercept},
 * {@code solver}. Several targets at once: {@link #fitMulti(Matrix, Matrix)} factorises the design once and
 * solves for every column of {@code Y} ({@link MultiOutputLinearModel}).
 */
public final class LinearRegression extends NamedLearner<LinearRegression, LinearModel> implements MultiOutputRegressor {

    /** The registered name. */
    public static final String NAME = "ols";

    static final List<Param<?>> SPECS = List.of(
            Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
            Param.choice("solver", "auto", List.of("auto", "qr", "svd", "normal"),
                    "auto/qr: pivoted QR (minimum-norm SVD solution if rank-deficient); svd; normal: Cholesky of X'X"));

    private LinearRegression(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with default parameters. */
    public static LinearRegression learner() {
        return new LinearRegression(defaults(SPECS));
    }

    public LinearRegression fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public LinearRegression solver(String s) {
        return with("solver", s);
    }


    @Override
    protected LinearRegression create(Params params) {
        return new LinearRegression(params);
    }

    @Override
    protected LinearModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        LeastSquares.Fit fit = LeastSquares.ols(data.features(), data.target(), data.weights(),
                params().getBoolean("fit_intercept"), params().getString("solver"));
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), fit.warnings(),
                Map.of("rank", (double) fit.rank()));
        return new LinearModel(NAME, params(), ModelSchema.of(data), report, fit.coef(), fit.intercept(), fit.solver(), fit.rank());
    }

    /**
     * Least squares for every column of {@code y} from one factorisation of {@code x}: column {@code t} of the
     * coefficients is what {@link #fit} gives for target {@code t} alone, as scikit-learn's
     * {@code LinearRegression().fit(X, Y)}.
     */
    @Override
    public MultiOutputLinearModel fitMulti(Dataset features, Matrix y, List<String> targetNames) {
        MultiOutputLinearModel.checkProblem(NAME, features, y);
        long t0 = System.nanoTime();
        LeastSquares.MultiFit fit = LeastSquares.ols(features.features(), y, features.weights(), params().getBoolean("fit_intercept"),
                params().getString("solver"));
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), fit.warnings(), Map.of("rank", (double) fit.rank()));
        return new MultiOutputLinearModel(MultiOutputLinearModel.OLS_KIND, params(), MultiOutputLinearModel.schema(features, targetNames),
                report, fit.coef(), fit.intercepts(), targetNames, fit.solver(), fit.rank());
    }
}
