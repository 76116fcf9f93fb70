package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ridge regression (Hoerl &amp; Kennard 1970): minimises
 * {@code sum_i w_i (y_i - b - x_i' beta)^2 + alpha ||beta||^2}, the intercept unpenalised. Closed form
 * {@code beta = (X'X + alpha I)^-1 X'y} on centred data, by Cholesky (default; the dual
 * {@code X'(XX' + alpha I)^-1 y} when there are more features than rows) or by the SVD with filter
 * factors {@code s^2/(s^2 + alpha)}; for large data, matrix-free conjugate gradients ({@code cg}) or L-BFGS
 * ({@code lbfgs}) on the same centred problem, stopped at {@code tol} relative to {@code ||X'y||}
 * (see {@code LeastSquares}). Same objective and parameter names as scikit-learn's {@code Ridge}. Several
 * targets at once: {@link #fitMulti(Matrix, Matrix)} factorises once and solves for every column of {@code Y}
 * ({@link MultiOutputLinearModel}).
 *
 * <p>Solver {@code lsqr} (dense or sparse input): LSQR (Paige &amp; Saunders 1982, {@code LsqrFit}) on
 * {@code min ||Xs beta - ys||^2 + alpha ||beta||^2} ({@code damp = sqrt(alpha)}) with the design centred and
 * {@code sqrt(w)}-scaled through its products, never formed, {@code atol = btol = tol} and at most {@code max_iter}
 * (default {@code max(2 p, 100)}) iterations, as scikit-learn's {@code Ridge(solver='lsqr')}.
 *
 * <p>Sparse input ({@link Dataset#isSparse()}): solvers {@code auto} and {@code cg} fit the CSR matrix by
 * conjugate gradients with implicit centring ({@code SparseRidge}, scikit-learn's {@code sparse_cg}; the dual
 * system when there are more features than rows), stopped at {@code tol} as the dense {@code cg}, except that
 * {@code auto} runs {@code lsqr} beyond 8192 features ({@code SparseLeastSquares.DENSE_LIMIT}, the limit of the dense
 * systems formed from sparse data, as the sparse least squares); {@code lsqr} keeps the design sparse too; the other
 * solvers densify the design (with a warning). The same holds for {@link #fitMulti}: on sparse features {@code auto},
 * {@code cg} and {@code lsqr} run their solver once per target.
 */
public final class Ridge extends NamedLearner<Ridge, LinearModel> implements MultiOutputRegressor {

    /** The registered name. */
    public static final String NAME = "ridge";

    static final List<Param<?>> SPECS = List.of(
            Param.nonNegative("alpha", 1.0, "L2 penalty strength (0 = least squares)"),
            Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
            Param.choice("solver", "auto", List.of("auto", "cholesky", "svd", "cg", "lbfgs", "lsqr"),
                    "auto/cholesky: normal equations (primal or dual) by Cholesky; svd: SVD filter factors; "
                            + "cg: matrix-free conjugate gradients; lbfgs: L-BFGS on the penalised least squares; "
                            + "lsqr: LSQR (damp = sqrt(alpha)) on the implicitly centred design; sparse input: auto = cg, lsqr beyond 8192 features"),
            Param.positive("tol", 1e-4, "cg/lbfgs: stop when the residual of the normal equations is at most tol * ||X'y||; "
                    + "lsqr: atol = btol = tol"),
            Param.optionalInteger("max_iter", null, 1, Integer.MAX_VALUE,
                    "cg/lbfgs/lsqr iteration budget (none: max(10p, 100) for cg, 15000 for lbfgs, max(2p, 100) for lsqr)"));

    private Ridge(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with default parameters ({@code alpha = 1}). */
    public static Ridge learner() {
        return new Ridge(defaults(SPECS));
    }

    public Ridge alpha(double alpha) {
        return with("alpha", alpha);
    }

    public Ridge fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public Ridge solver(String s) {
        return with("solver", s);
    }

    public Ridge tol(double t) {
        return with("tol", t);
    }

    public Ridge maxIter(Integer n) {
        return with("max_iter", n);
    }


    @Override
    protected Ridge create(Params params) {
        return new Ridge(params);
    }

    @Override
    protected LinearModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        String solver = params().getString("solver");
        boolean sparse = data.isSparse() && (solver.equals("auto") || solver.equals("cg") || solver.equals("lsqr"));
        LeastSquares.Fit fit;
        List<String> extraWarnings = new ArrayList<>();
        LsqrFit.Run run = null;
        if (usesLsqr(solver, data.isSparse(), data.featureCount())) {
            boolean b = params().getBoolean("fit_intercept");
            double alpha = params().getDouble("alpha");
            double tol = params().getDouble("tol");
            Integer maxIter = params().getOptionalInt("max_iter");
            run = sparse ? LsqrFit.fit(data.sparseFeatures(), data.target(), data.weights(), b, alpha, tol, maxIter)
                    : LsqrFit.fit(data.features(), data.target(), data.weights(), b, alpha, tol, maxIter);
            fit = run.fit();
        } else if (sparse) {
            // CSR, never densified: conjugate gradients with implicit centring (scikit-learn's sparse_cg)
            fit = SparseRidge.fit(data.sparseFeatures(), data.target(), data.weights(), params().getBoolean("fit_intercept"),
                    params().getDouble("alpha"), params().getDouble("tol"), params().getOptionalInt("max_iter"));
        } else {
            if (data.isSparse()) {
                extraWarnings.add("solver '" + solver + "' needs the dense design: the sparse input was densified (" + data.size()
                        + " x " + data.featureCount() + "); solver 'auto', 'cg' or 'lsqr' keeps it sparse");
            }
            fit = LeastSquares.ridge(data.features(), data.target(), data.weights(),
                    params().getBoolean("fit_intercept"), params().getDouble("alpha"), solver,
                    params().getDouble("tol"), params().getOptionalInt("max_iter"));
        }
        extraWarnings.addAll(fit.warnings());
        Map<String, Double> extra = new java.util.LinkedHashMap<>();
        if (sparse) {
            extra.put("sparse", 1.0);
        }
        if (run != null) {
            extra.putAll(run.extra());
        }
        TrainingReport report = fit.iterations() == 0 && fit.converged() && run == null
                ? TrainingReport.closedForm(secondsSince(t0), extraWarnings, extra)
                : new TrainingReport(fit.iterations(), fit.converged(), run != null ? run.stopReason()
                        : fit.converged() ? "residual below tol" : "max_iter reached", new double[0], secondsSince(t0), extraWarnings, extra);
        return new LinearModel(NAME, params(), ModelSchema.of(data), report, fit.coef(), fit.intercept(), fit.solver(), fit.rank());
    }

    /**
     * Ridge regression for every column of {@code y} with the same {@code alpha}, from one factorisation of
     * {@code x}: column {@code t} of the coefficients is what {@link #fit} gives for target {@code t} alone, as
     * scikit-learn's {@code Ridge(alpha).fit(X, Y)}. The iterative solvers run once per target.
     */
    @Override
    public MultiOutputLinearModel fitMulti(Dataset features, Matrix y, List<String> targetNames) {
        double[] alphas = new double[y == null ? 0 : y.cols()];
        java.util.Arrays.fill(alphas, params().getDouble("alpha"));
        return fitMulti(features, y, targetNames, alphas);
    }

    /**
     * Ridge regression for every column of {@code y} with its own penalty: target {@code t} gets {@code alphas[t]}
     * (the learner's {@code alpha} is not used), as scikit-learn's {@code Ridge(alpha=array).fit(X, Y)} with
     * {@code alpha} of shape {@code (n_targets,)}. Column {@code t} of the coefficients is what {@link #fit} gives for
     * target {@code t} alone with {@code alpha = alphas[t]}. One centring for all targets; the SVD solver decomposes
     * once, Cholesky factors once per distinct alpha. {@link MultiOutputLinearModel#alphas()} returns the alphas.
     *
     * @throws IllegalArgumentException if {@code alphas} does not have one finite, non-negative value per target
     */
    public MultiOutputLinearModel fitMulti(Dataset features, Matrix y, List<String> targetNames, double[] alphas) {
        MultiOutputLinearModel.checkProblem(NAME, features, y);
        if (alphas == null || alphas.length != y.cols()) {
            throw new IllegalArgumentException(NAME + ": alphas has " + (alphas == null ? "no" : alphas.length) + " values for "
                    + y.cols() + " targets (one alpha per target)");
        }
        long t0 = System.nanoTime();
        String solver = params().getString("solver");
        if (usesLsqr(solver, features.isSparse(), features.featureCount())) {
            dev.derive.linalg.Lsqr.Operator op = features.isSparse() ? dev.derive.linalg.Lsqr.Operator.of(features.sparseFeatures())
                    : dev.derive.linalg.Lsqr.Operator.of(features.features());
            LsqrFit.MultiRun r = LsqrFit.multi(op, y, features.weights(), params().getBoolean("fit_intercept"), alphas,
                    params().getDouble("tol"), params().getOptionalInt("max_iter"));
            TrainingReport report = new TrainingReport(r.iterations(), r.converged(), r.converged() ? "lsqr converged" : "lsqr did not converge",
                    new double[0], secondsSince(t0), r.fit().warnings(), features.isSparse() ? Map.of("sparse", 1.0) : Map.of());
            return new MultiOutputLinearModel(MultiOutputLinearModel.RIDGE_KIND, params(), MultiOutputLinearModel.schema(features, targetNames),
                    report, r.fit().coef(), r.fit().intercepts(), targetNames, "lsqr", features.featureCount(), alphas);
        }
        if (features.isSparse() && (solver.equals("auto") || solver.equals("cg"))) {
            return fitMultiSparse(features, y, targetNames, alphas, t0);
        }
        List<String> densified = new ArrayList<>();
        if (features.isSparse()) {
            densified.add("solver '" + solver + "' needs the dense design: the sparse input was densified (" + features.size()
                    + " x " + features.featureCount() + "); solver 'auto', 'cg' or 'lsqr' keeps it sparse");
        }
        LeastSquares.MultiFit fit = LeastSquares.ridge(features.features(), y, features.weights(), params().getBoolean("fit_intercept"),
                alphas, solver, params().getDouble("tol"), params().getOptionalInt("max_iter"));
        densified.addAll(fit.warnings());
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), densified, Map.of());
        return new MultiOutputLinearModel(MultiOutputLinearModel.RIDGE_KIND, params(), MultiOutputLinearModel.schema(features, targetNames),
                report, fit.coef(), fit.intercepts(), targetNames, fit.solver(), fit.rank(), alphas);
    }

    /**
     * The multi-output fit on sparse features ({@code solver} {@code auto} or {@code cg}): {@link SparseRidge} (conjugate
     * gradients with implicit centring, as {@link #fit} on sparse data) once per target, never densifying {@code X}.
     */
    private MultiOutputLinearModel fitMultiSparse(Dataset features, Matrix y, List<String> targetNames, double[] alphas, long t0) {
        int p = features.featureCount();
        int k = y.cols();
        Matrix coef = Matrix.zeros(p, k);
        double[] b0 = new double[k];
        List<String> warnings = new ArrayList<>();
        String solverUsed = "cg";
        boolean converged = true;
        int iterations = 0;
        for (int t = 0; t < k; t++) {
            LeastSquares.Fit f = SparseRidge.fit(features.sparseFeatures(), y.columnArray(t), features.weights(),
                    params().getBoolean("fit_intercept"), alphas[t], params().getDouble("tol"), params().getOptionalInt("max_iter"));
            for (int j = 0; j < p; j++) {
                coef.set(j, t, f.coef()[j]);
            }
            b0[t] = f.intercept();
            solverUsed = f.solver();
            converged &= f.converged();
            iterations = Math.max(iterations, f.iterations());
            for (String m : f.warnings()) {
                warnings.add("target " + t + ": " + m);
            }
        }
        TrainingReport report = new TrainingReport(iterations, converged, converged ? "residual below tol" : "max_iter reached",
                new double[0], secondsSince(t0), warnings, Map.of("sparse", 1.0));
        return new MultiOutputLinearModel(MultiOutputLinearModel.RIDGE_KIND, params(), MultiOutputLinearModel.schema(features, targetNames),
                report, coef, b0, targetNames, solverUsed, p, alphas);
    }

    /** Whether {@code solver} runs LSQR: {@code lsqr}, or {@code auto} on sparse data beyond {@link SparseLeastSquares#DENSE_LIMIT} features. */
    static boolean usesLsqr(String solver, boolean sparse, int p) {
        return solver.equals("lsqr") || (sparse && solver.equals("auto") && p > SparseLeastSquares.DENSE_LIMIT);
    }

    /** {@link #fitMulti(Dataset, Matrix, List, double[])} on {@code x} (features {@code x0, ...}, targets {@code y0, ...}). */
    public MultiOutputLinearModel fitMulti(Matrix x, Matrix y, double[] alphas) {
        return fitMulti(MultiOutputLinearModel.features(x, null), y,
                MultiOutputLinearModel.defaultTargetNames(y == null ? 0 : y.cols()), alphas);
    }
}
