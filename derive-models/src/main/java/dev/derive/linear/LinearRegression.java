package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordinary least squares: minimises {@code sum_i w_i (y_i - b - x_i' beta)^2}. Solvers: pivoted
 * Householder QR (default; a rank-deficient design gets the minimum-norm solution from the SVD, as
 * scikit-learn's {@code LinearRegression} returns, with a warning in the training report), the SVD, or
 * the normal equations by Cholesky. Parameters ({@code derive models} lists them): {@code fit_intercept},
 * {@code solver}. Several targets at once: {@link #fitMulti(Matrix, Matrix)} factorises the design once and
 * solves for every column of {@code Y} ({@link MultiOutputLinearModel}).
 *
 * <p>Solver {@code cg}: conjugate gradients on the normal equations without forming {@code X'X} (from 0, stopped at a
 * relative normal-equation residual of {@value SparseLeastSquares#CG_TOL}, or after {@code max(10 p, 100)} iterations).
 *
 * <p>Solver {@code lsqr}: LSQR (Paige &amp; Saunders 1982, {@link LsqrFit}) on the implicitly centred, {@code sqrt(w)}-scaled
 * design, from 0 (minimum-norm solution when rank-deficient), {@code atol = btol = }{@value LsqrFit#OLS_TOL}, at most
 * {@code max(10 p, 100)} iterations; dense or sparse input, nothing {@code p x p} formed, as scikit-learn's
 * {@code LinearRegression} on sparse input (which runs scipy's {@code lsqr}).
 *
 * <p>Sparse input ({@link Dataset#isSparse()}) is never densified by {@code auto}, {@code normal}, {@code cg} and
 * {@code lsqr} ({@link SparseLeastSquares}): {@code auto} forms the centred {@code X'WX} from the stored entries and solves it by
 * Cholesky (minimum-norm eigen solution when singular) when {@code p <= }{@value SparseLeastSquares#GRAM_LIMIT}, else runs
 * {@code lsqr}; {@code normal} forms it up to 8192 features (a 512 MB matrix, {@link SparseLeastSquares#DENSE_LIMIT}); the
 * centring is implicit. {@code qr} and {@code svd} need the dense design: they densify, with a warning (a matrix too
 * large to densify is then refused). The summary ({@link LinearModel#summary}) works on sparse data up to 8192
 * parameters (the same limit, on {@code A'WA}), with a clear error beyond.
 */
public final class LinearRegression extends NamedLearner<LinearRegression, LinearModel> implements MultiOutputRegressor {

    /** The registered name. */
    public static final String NAME = "ols";

    static final List<Param<?>> SPECS = List.of(
            Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
            Param.choice("solver", "auto", List.of("auto", "qr", "svd", "normal", "cg", "lsqr"),
                    "auto/qr: pivoted QR (minimum-norm SVD solution if rank-deficient); svd; normal: Cholesky of X'X; "
                            + "cg: conjugate gradients on the normal equations; lsqr: LSQR on the implicitly centred design; "
                            + "sparse input: auto = normal (p <= 2000) or lsqr, normal up to p = 8192"));

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
        boolean intercept = params().getBoolean("fit_intercept");
        String solver = params().getString("solver");
        List<String> warnings = new ArrayList<>();
        LeastSquares.Fit fit;
        boolean sparse = data.isSparse() && sparseSolver(solver);
        LsqrFit.Run run = null;
        if (solver.equals("lsqr") || (sparse && SparseLeastSquares.usesLsqr(solver, data.featureCount()))) {
            run = sparse ? LsqrFit.fit(data.sparseFeatures(), data.target(), data.weights(), intercept, 0, LsqrFit.OLS_TOL,
                    LsqrFit.olsBudget(data.featureCount()))
                    : LsqrFit.fit(data.features(), data.target(), data.weights(), intercept, 0, LsqrFit.OLS_TOL,
                    LsqrFit.olsBudget(data.featureCount()));
            fit = run.fit();
        } else if (sparse) {
            fit = SparseLeastSquares.ols(data.sparseFeatures(), data.target(), data.weights(), intercept, solver);
        } else {
            if (data.isSparse()) {
                warnings.add("solver '" + solver + "' needs the dense design: the sparse input was densified (" + data.size() + " x "
                        + data.featureCount() + "); solver 'auto', 'normal', 'cg' or 'lsqr' keeps it sparse");
            }
            fit = solver.equals("cg")
                    ? LeastSquares.ridge(data.features(), data.target(), data.weights(), intercept, 0, "cg", SparseLeastSquares.CG_TOL, null)
                    : LeastSquares.ols(data.features(), data.target(), data.weights(), intercept, solver);
        }
        warnings.addAll(fit.warnings());
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("rank", (double) fit.rank());
        if (sparse) {
            extra.put("sparse", 1.0);
        }
        if (run != null) {
            extra.putAll(run.extra());
        }
        TrainingReport report = fit.iterations() == 0 && fit.converged() && run == null
                ? TrainingReport.closedForm(secondsSince(t0), warnings, extra)
                : new TrainingReport(fit.iterations(), fit.converged(), run != null ? run.stopReason()
                        : fit.converged() ? "residual below tol" : "max_iter reached", new double[0], secondsSince(t0), warnings, extra);
        return new LinearModel(NAME, params(), ModelSchema.of(data), report, fit.coef(), fit.intercept(), fit.solver(), fit.rank());
    }

    /** Whether {@code solver} runs on the CSR matrix ({@code auto}, {@code normal}, {@code cg}, {@code lsqr}). */
    private static boolean sparseSolver(String solver) {
        return solver.equals("auto") || solver.equals("normal") || solver.equals("cg") || solver.equals("lsqr");
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
        boolean intercept = params().getBoolean("fit_intercept");
        String solver = params().getString("solver");
        List<String> warnings = new ArrayList<>();
        LeastSquares.MultiFit fit;
        boolean sparse = features.isSparse() && sparseSolver(solver);
        if (!sparse && solver.equals("lsqr")) {
            fit = LsqrFit.multi(dev.derive.linalg.Lsqr.Operator.of(features.features()), y, features.weights(), intercept,
                    new double[y.cols()], LsqrFit.OLS_TOL, LsqrFit.olsBudget(features.featureCount())).fit();
        } else if (sparse) {
            fit = SparseLeastSquares.ols(features.sparseFeatures(), y, features.weights(), intercept, solver);
        } else {
            if (features.isSparse()) {
                warnings.add("solver '" + solver + "' needs the dense design: the sparse input was densified (" + features.size() + " x "
                        + features.featureCount() + "); solver 'auto', 'normal', 'cg' or 'lsqr' keeps it sparse");
            }
            fit = solver.equals("cg")
                    ? LeastSquares.ridge(features.features(), y, features.weights(), intercept, 0, "cg", SparseLeastSquares.CG_TOL, null)
                    : LeastSquares.ols(features.features(), y, features.weights(), intercept, solver);
        }
        warnings.addAll(fit.warnings());
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("rank", (double) fit.rank());
        if (sparse) {
            extra.put("sparse", 1.0);
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, extra);
        return new MultiOutputLinearModel(MultiOutputLinearModel.OLS_KIND, params(), MultiOutputLinearModel.schema(features, targetNames),
                report, fit.coef(), fit.intercepts(), targetNames, fit.solver(), fit.rank());
    }
}
