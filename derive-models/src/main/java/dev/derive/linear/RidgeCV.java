package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SVD;
import dev.derive.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ridge regression with {@code alpha} chosen by efficient leave-one-out cross-validation, as scikit-learn's
 * {@code RidgeCV} with {@code cv=None} (Golub, Heath &amp; Wahba 1979; Rifkin &amp; Lippert 2007).
 *
 * <p>On the weighted-centred data {@code Xs = sqrt(W)(X - xbar)}, {@code ys = sqrt(W)(y - ybar)}, the ridge hat
 * matrix with an unpenalised intercept is {@code H = U diag(e_k/(e_k + alpha)) U' + sqrt(w) sqrt(w)'/sum w},
 * where {@code (U, e)} are the left singular vectors and squared singular values of {@code Xs}. Three ways to
 * get them: {@code gcv_mode = "covariance"} (the default when rows &gt; features) eigendecomposes the
 * {@code p x p} matrix {@code Xs'Xs = V diag(e) V'} and uses {@code U S = Xs V}, so
 * {@code h_ii = w_i/sum w + sum_j (Xs V)_ij^2/(e_j + alpha)}, evaluated for the whole grid by two matrix
 * products (the cost is one {@code dsyrk}, one {@code p x p} eigenproblem and one {@code n x p x p} product,
 * several times less than the thin SVD; the price is the squared condition number, which matters only for
 * directions with {@code e_j} far below {@code alpha}); {@code "svd"} takes the thin SVD of {@code Xs};
 * {@code "eigen"} (the default otherwise) the eigenpairs of {@code Xs Xs'}. The leave-one-out residual of row {@code i} is {@code r_i / (1 - h_ii)} with
 * {@code r = ys - H ys}, so one decomposition gives the LOO error of every {@code alpha} in {@code O(n k)}
 * each. The criterion is the mean over rows of the squared scaled LOO residuals, i.e.
 * {@code (1/n) sum_i w_i (y_i - yhat_(-i))^2}, exactly scikit-learn's (its {@code best_score_} is minus this);
 * the first alpha of the grid wins ties. The coefficients are then the ridge solution for the chosen alpha,
 * from the SVD ({@code V diag(s/(s^2 + alpha)) U' ys}), in covariance mode as {@code V diag(1/(e + alpha)) V'Xs'ys}
 * or, in eigen mode, by Cholesky as {@link Ridge}.
 *
 * <p>The grid is the list {@code alphas} when given (scikit-learn's {@code alphas}, e.g. {@code 0.1,1,10} on the
 * command line; kept in the order given), else {@code n_alphas} values log-spaced from {@code alpha_min} to
 * {@code alpha_max} ({@code numpy.logspace(log10(alpha_min), log10(alpha_max), n_alphas)}); the default
 * {@code 0.1, 1, 10} is scikit-learn's default {@code alphas}. Setting both {@code alphas} and a grid bound is an
 * error. Training reports the chosen {@code alpha} and the mean LOO error of
 * each grid value ({@code loo_mse_0}, ...) in {@link TrainingReport#extra()}; {@link #crossValidate} returns
 * them with the per-row errors.
 *
 * <p>Sparse input ({@link Dataset#isSparse()}): the same computation on the CSR matrix without densifying it
 * ({@code SparseRidgeCV}: the implicitly centred covariance, streamed row by row, or the {@code n x n} kernel).
 *
 * <p>Several targets: {@link #fitMulti(Dataset, Matrix, List)} reuses the decomposition for every column of {@code Y} and
 * chooses one alpha for all targets or, with {@code alpha_per_target}, one per target.
 */
public final class RidgeCV extends NamedLearner<RidgeCV, LinearModel> implements MultiOutputRegressor {

    /** The registered name. */
    public static final String NAME = "ridge_cv";

    static final List<Param<?>> SPECS = List.of(
            Param.optionalReals("alphas", null, 0, false, Double.POSITIVE_INFINITY, false,
                    "the alphas to try, e.g. 0.1,1,10 (none: the log-spaced grid alpha_min, alpha_max, n_alphas)"),
            Param.positive("alpha_min", 0.1, "smallest alpha of the log-spaced grid"),
            Param.positive("alpha_max", 10.0, "largest alpha of the log-spaced grid"),
            Param.integer("n_alphas", 3, 1, 100_000, "number of log-spaced alphas (scikit-learn's default grid is 0.1, 1, 10)"),
            Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
            Param.choice("gcv_mode", "auto", List.of("auto", "svd", "eigen", "covariance"),
                    "auto: covariance when rows > features, else eigen; svd: SVD of X; eigen: eigendecomposition of X X'; "
                    + "covariance: eigendecomposition of X'X"),
            Param.flag("alpha_per_target", false, "multi-output fits (fitMulti): choose an alpha for each target instead of "
                    + "one for all (scikit-learn's alpha_per_target); a single target is unaffected"));

    private RidgeCV(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
        if (params.getDouble("alpha_max") < params.getDouble("alpha_min")) {
            throw new IllegalArgumentException("ridge_cv: alpha_max (" + params.getDouble("alpha_max") + ") must be >= alpha_min ("
                    + params.getDouble("alpha_min") + ")");
        }
        if (params.get("alphas") != null) {
            for (String g : List.of("alpha_min", "alpha_max", "n_alphas")) {
                if (!params.get(g).equals(params.spec(g).defaultValue())) {
                    throw new IllegalArgumentException("ridge_cv: set either alphas (" + params.get("alphas") + ") or the log-spaced grid ("
                            + g + " = " + params.get(g) + "), not both");
                }
            }
        }
    }

    /** The learner with scikit-learn's default grid {@code 0.1, 1, 10}. */
    public static RidgeCV learner() {
        return new RidgeCV(defaults(SPECS));
    }

    /** A log-spaced grid of {@code n} alphas from {@code min} to {@code max}. */
    public RidgeCV alphas(double min, double max, int n) {
        return with("alpha_min", min).with("alpha_max", max).with("n_alphas", n);
    }

    /** An explicit list of alphas to try (scikit-learn's {@code alphas}), in the order given. */
    public RidgeCV alphaList(double... alphas) {
        return with("alphas", alphas);
    }

    public RidgeCV fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public RidgeCV gcvMode(String mode) {
        return with("gcv_mode", mode);
    }

    /** Multi-output fits: one alpha per target ({@code true}) or one for all ({@code false}, default). */
    public RidgeCV alphaPerTarget(boolean b) {
        return with("alpha_per_target", b);
    }


    @Override
    protected RidgeCV create(Params params) {
        return new RidgeCV(params);
    }

    /**
     * The grid: the list {@code alphas} if set, else {@code 10^(lo + k (hi - lo)/(n - 1))}, the last exactly
     * {@code 10^hi}, as numpy's logspace.
     */
    public double[] alphaGrid() {
        double[] given = params().getDoubles("alphas");
        if (given != null) {
            return given;
        }
        int n = params().getInt("n_alphas");
        double lo = Math.log10(params().getDouble("alpha_min"));
        double hi = Math.log10(params().getDouble("alpha_max"));
        double[] a = new double[n];
        if (n == 1) {
            a[0] = Math.pow(10, lo);
            return a;
        }
        double step = (hi - lo) / (n - 1);
        for (int k = 0; k < n; k++) {
            a[k] = Math.pow(10, k == n - 1 ? hi : lo + k * step);
        }
        return a;
    }

    /**
     * The leave-one-out errors: {@code errors(i, k) = w_i (y_i - yhat_(-i))^2} for alpha {@code k},
     * their column means {@code meanErrors}, the index {@code best} of the smallest mean, and the mode used.
     */
    public record CvResult(double[] alphas, double[] meanErrors, Matrix errors, int best, String mode) {
        public CvResult {
            alphas = alphas.clone();
            meanErrors = meanErrors.clone();
        }

        @Override
        public double[] alphas() {
            return alphas.clone();
        }

        @Override
        public double[] meanErrors() {
            return meanErrors.clone();
        }

        /** The chosen alpha. */
        public double alpha() {
            return alphas[best];
        }
    }

    /**
     * The decomposition: basis {@code u} (n x k), energies {@code e} (squared singular values or eigenvalues); in
     * covariance mode {@code u} holds {@code Z = Xs V} (the basis times the singular values, {@code U S}), with
     * {@code v} the eigenvectors of {@code Xs'Xs}.
     */
    private record Basis(Matrix u, double[] e, SVD svd, Matrix v, String mode) {
    }

    private Basis basis(Matrix xs) {
        String mode = params().getString("gcv_mode");
        if (mode.equals("auto")) {
            mode = xs.rows() > xs.cols() ? "covariance" : "eigen";
        }
        if (mode.equals("covariance")) {
            // Xs'Xs = V diag(e) V' (dsyrk + dsyevr on p x p); Z = Xs V = U S, one dgemm
            SymmetricEigen eig = SymmetricEigen.of(xs.gram());
            double[] e = eig.values();
            for (int k = 0; k < e.length; k++) {
                e[k] = Math.max(e[k], 0);
            }
            return new Basis(xs.mmul(eig.vectors()), e, null, eig.vectors(), mode);
        }
        if (mode.equals("svd")) {
            SVD svd = SVD.of(xs);
            double[] s = svd.singularValues();
            double[] e = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                e[k] = s[k] * s[k];
            }
            return new Basis(svd.u(), e, svd, null, mode);
        }
        SymmetricEigen eig = SymmetricEigen.of(xs.mmult(xs));
        double[] e = eig.values();
        for (int k = 0; k < e.length; k++) {
            e[k] = Math.max(e[k], 0);   // the Gram matrix is positive semi-definite; clip rounding below 0
        }
        return new Basis(eig.vectors(), e, null, null, mode);
    }

    private static void checkWeights(double[] w) {
        if (w == null) {
            return;
        }
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException(NAME + ": sample weight " + w[i] + " at row " + i + " must be finite and >= 0");
            }
        }
    }

    /** Runs the leave-one-out computation on {@code data} (no model is built). */
    public CvResult crossValidate(Dataset data) {
        data.requireFiniteFeatures(NAME);
        checkWeights(data.weights());
        if (data.isSparse()) {
            return sparse(data, new ArrayList<>()).cv();
        }
        LeastSquares.Centered c = LeastSquares.center(data.features(), data.target(), data.weights(), params().getBoolean("fit_intercept"));
        return cv(c, data.weights(), basis(c.x())).result();
    }

    private record Cv(CvResult result, double[] uty) {
    }

    private Cv cv(LeastSquares.Centered c, double[] w, Basis b) {
        int n = c.y().length;
        int k = b.e().length;
        Matrix u = b.u();
        double[] uty = u.tmvmul(c.y());
        double[] lev0 = new double[n];   // intercept leverage w_i / sum w
        if (params().getBoolean("fit_intercept")) {
            double sw = 0;
            for (int i = 0; i < n; i++) {
                sw += w == null ? 1 : w[i];
            }
            for (int i = 0; i < n; i++) {
                lev0[i] = (w == null ? 1 : w[i]) / sw;
            }
        }
        double[] alphas = alphaGrid();
        if (b.v() != null) {
            return covarianceCv(c, b, uty, lev0, alphas);
        }
        Matrix errors = Matrix.zeros(n, alphas.length);
        double[] f = new double[k];
        double[] fu = new double[k];
        for (int a = 0; a < alphas.length; a++) {
            double alpha = alphas[a];
            for (int j = 0; j < k; j++) {
                f[j] = b.e()[j] / (b.e()[j] + alpha);
                fu[j] = f[j] * uty[j];
            }
            double[] fitted = u.mvmul(fu);
            for (int i = 0; i < n; i++) {
                double h = lev0[i];
                for (int j = 0; j < k; j++) {
                    double uij = u.get(i, j);
                    h += uij * uij * f[j];
                }
                double loo = (c.y()[i] - fitted[i]) / (1 - h);
                errors.set(i, a, loo * loo);
            }
        }
        return new Cv(result(alphas, errors, b.mode()), uty);
    }

    /**
     * The LOO errors of every alpha from {@code Z = Xs V} ({@code n x p}) and the eigenvalues {@code e} of
     * {@code Xs'Xs}: {@code h_ii = w_i/sum w + sum_j Z_ij^2 / (e_j + alpha)} and
     * {@code yhat = Z diag(1/(e + alpha)) Z'ys}, for the whole grid at once as two {@code dgemm}:
     * {@code (Z o Z) D} and {@code Z diag(Z'ys) D} with {@code D_ja = 1/(e_j + alpha_a)}.
     */
    private Cv covarianceCv(LeastSquares.Centered c, Basis b, double[] zty, double[] lev0, double[] alphas) {
        Matrix z = b.u();
        int n = z.rows();
        int k = z.cols();
        int na = alphas.length;
        Matrix dInv = Matrix.zeros(k, na);
        Matrix dFit = Matrix.zeros(k, na);
        for (int a = 0; a < na; a++) {
            for (int j = 0; j < k; j++) {
                double f = 1 / (b.e()[j] + alphas[a]);
                dInv.set(j, a, f);
                dFit.set(j, a, f * zty[j]);
            }
        }
        Matrix zsq = z.mul(z);
        Matrix lev = zsq.mmul(dInv);     // n x na: sum_j Z_ij^2 / (e_j + alpha)
        zsq = null;
        Matrix fitted = z.mmul(dFit);    // n x na
        Matrix errors = Matrix.zeros(n, na);
        double[] y = c.y();
        for (int a = 0; a < na; a++) {
            for (int i = 0; i < n; i++) {
                double loo = (y[i] - fitted.get(i, a)) / (1 - lev0[i] - lev.get(i, a));
                errors.set(i, a, loo * loo);
            }
        }
        return new Cv(result(alphas, errors, b.mode()), zty);
    }

    /**
     * The CV result from the squared LOO errors {@code errors} ({@code n x alphas}): the mean error of each alpha and
     * the first alpha of least mean error.
     */
    static CvResult result(double[] alphas, Matrix errors, String mode) {
        int n = errors.rows();
        double[] mean = new double[alphas.length];
        int best = 0;
        for (int a = 0; a < alphas.length; a++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += errors.get(i, a);
            }
            mean[a] = sum / n;
            if (mean[a] < mean[best]) {
                best = a;
            }
        }
        return new CvResult(alphas, mean, errors, best, mode);
    }

    @Override
    protected LinearModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        double[] w = data.weights();
        checkWeights(w);
        boolean intercept = params().getBoolean("fit_intercept");
        if (data.isSparse()) {
            List<String> warnings = new ArrayList<>();
            SparseRidgeCV.Result sr = sparse(data, warnings);
            CvResult r = sr.cv();
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put("alpha", r.alpha());
            extra.put("best_score", -r.meanErrors()[r.best()]);
            for (int a = 0; a < r.alphas().length; a++) {
                extra.put("loo_mse_" + a, r.meanErrors()[a]);
            }
            extra.put("sparse", 1.0);
            edgeWarning(r.alphas(), r.alpha(), "", warnings);
            TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, extra);
            return new LinearModel(NAME, params(), ModelSchema.of(data), report, sr.coef(), sr.intercept(), r.mode(), sr.rank());
        }
        LeastSquares.Centered c = LeastSquares.center(data.features(), data.target(), w, intercept);
        Basis b = basis(c.x());
        Cv cv = cv(c, w, b);
        CvResult r = cv.result();
        double alpha = r.alpha();
        Solution sol = solution(b, cv.uty(), alpha, data.features(), data.target(), w, intercept);
        double[] beta = sol.beta();
        int rank = sol.rank();
        double b0 = intercept ? LeastSquares.intercept(c, beta) : 0;
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("alpha", alpha);
        extra.put("best_score", -r.meanErrors()[r.best()]);
        for (int a = 0; a < r.alphas().length; a++) {
            extra.put("loo_mse_" + a, r.meanErrors()[a]);
        }
        List<String> warnings = new ArrayList<>();
        edgeWarning(r.alphas(), alpha, "", warnings);
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, extra);
        return new LinearModel(NAME, params(), ModelSchema.of(data), report, beta, b0, r.mode(), rank);
    }

    /**
     * The sparse (CSR) computation ({@link SparseRidgeCV}): {@code covariance} when rows &gt; features, else
     * {@code eigen} ({@code gcv_mode = svd} has no sparse form and runs as the one of these that {@code auto} picks, with a
     * warning).
     */
    private SparseRidgeCV.Result sparse(Dataset data, List<String> warnings) {
        String mode = params().getString("gcv_mode");
        int n = data.size();
        int p = data.featureCount();
        String use = mode.equals("covariance") || mode.equals("eigen") ? mode : n > p ? "covariance" : "eigen";
        if (mode.equals("svd")) {
            warnings.add("gcv_mode 'svd' needs the dense design; on sparse input it runs as '" + use + "'");
        }
        return SparseRidgeCV.run(data.sparseFeatures(), data.target(), data.weights(), params().getBoolean("fit_intercept"),
                alphaGrid(), use);
    }

    private static void edgeWarning(double[] alphas, double alpha, String target, List<String> warnings) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double a : alphas) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        if (lo < hi && (alpha == lo || alpha == hi)) {
            warnings.add(String.format(Locale.ROOT, "%sthe chosen alpha %.6g is at the %s end of the grid [%.6g, %.6g]; widen the grid",
                    target, alpha, alpha == lo ? "lower" : "upper", lo, hi));
        }
    }

    /**
     * Ridge for several targets with {@code alpha} chosen by leave-one-out CV, as scikit-learn's {@code RidgeCV(cv=None)}
     * fitted on a 2-D {@code Y}: one centring and one decomposition of the design serve every target and every alpha.
     * With {@code alpha_per_target = false} (default) one alpha is chosen for all targets, the one with the smallest
     * mean LOO error over all rows and targets; with {@code alpha_per_target = true} each target gets the alpha with the
     * smallest mean LOO error of its own (scikit-learn's {@code alpha_per_target=True}). Column {@code t} of the
     * coefficients is the ridge solution of target {@code t} at its alpha ({@link MultiOutputLinearModel#alphas()}).
     * The report's {@code extra} holds {@code alpha_t} and {@code best_score_t} per target ({@code best_score_t = -}
     * the target's mean LOO error at its alpha) and, when one alpha is shared, {@code alpha}, {@code best_score} (minus
     * the mean over targets) and {@code loo_mse_a} per grid value (mean over targets).
     */
    @Override
    public MultiOutputLinearModel fitMulti(Dataset features, Matrix y, List<String> targetNames) {
        MultiOutputLinearModel.checkProblem(NAME, features, y);
        long t0 = System.nanoTime();
        double[] w = features.weights();
        checkWeights(w);
        boolean intercept = params().getBoolean("fit_intercept");
        Matrix x = features.features();
        LeastSquares.CenteredMulti cm = LeastSquares.center(x, y, w, intercept);
        Basis b = basis(cm.x());
        int k = y.cols();
        Cv[] cvs = new Cv[k];
        LeastSquares.Centered[] cs = new LeastSquares.Centered[k];
        for (int t = 0; t < k; t++) {
            cs[t] = new LeastSquares.Centered(cm.x(), cm.y().columnArray(t), cm.xMean(), cm.yMean()[t]);
            cvs[t] = cv(cs[t], w, b);
        }
        double[] grid = cvs[0].result().alphas();
        double[] joint = new double[grid.length];
        int jointBest = 0;
        for (int a = 0; a < grid.length; a++) {
            double sum = 0;
            for (int t = 0; t < k; t++) {
                sum += cvs[t].result().meanErrors()[a];
            }
            joint[a] = sum / k;
            if (joint[a] < joint[jointBest]) {
                jointBest = a;
            }
        }
        boolean perTarget = params().getBoolean("alpha_per_target");
        Matrix beta = Matrix.zeros(x.cols(), k);
        double[] b0 = new double[k];
        double[] alphas = new double[k];
        int rank = 0;
        Map<String, Double> extra = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            CvResult r = cvs[t].result();
            int best = perTarget ? r.best() : jointBest;
            alphas[t] = grid[best];
            Solution sol = solution(b, cvs[t].uty(), alphas[t], x, y.columnArray(t), w, intercept);
            for (int j = 0; j < x.cols(); j++) {
                beta.set(j, t, sol.beta()[j]);
            }
            b0[t] = intercept ? LeastSquares.intercept(cs[t], sol.beta()) : 0;
            rank = sol.rank();
            extra.put("alpha_" + t, alphas[t]);
            extra.put("best_score_" + t, -r.meanErrors()[best]);
            if (perTarget) {
                edgeWarning(grid, alphas[t], "target " + targetNames.get(t) + ": ", warnings);
            }
        }
        if (!perTarget) {
            extra.put("alpha", grid[jointBest]);
            extra.put("best_score", -joint[jointBest]);
            for (int a = 0; a < grid.length; a++) {
                extra.put("loo_mse_" + a, joint[a]);
            }
            edgeWarning(grid, grid[jointBest], "", warnings);
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, extra);
        return new MultiOutputLinearModel(MultiOutputLinearModel.RIDGE_CV_KIND, params(),
                MultiOutputLinearModel.schema(features, targetNames), report, beta, b0, targetNames, b.mode(), rank, alphas);
    }

    /**
     * The leave-one-out errors of every target and every alpha (one decomposition): {@code result[t]} is target
     * {@code t}'s {@link CvResult}, as {@link #crossValidate(Dataset)} gives for that target alone.
     */
    public CvResult[] crossValidateMulti(Dataset features, Matrix y) {
        MultiOutputLinearModel.checkProblem(NAME, features, y);
        checkWeights(features.weights());
        LeastSquares.CenteredMulti cm = LeastSquares.center(features.features(), y, features.weights(),
                params().getBoolean("fit_intercept"));
        Basis b = basis(cm.x());
        CvResult[] out = new CvResult[y.cols()];
        for (int t = 0; t < out.length; t++) {
            out[t] = cv(new LeastSquares.Centered(cm.x(), cm.y().columnArray(t), cm.xMean(), cm.yMean()[t]), features.weights(), b)
                    .result();
        }
        return out;
    }

    private record Solution(double[] beta, int rank) {
    }

    /** The ridge coefficients at {@code alpha} from the decomposition {@code b} ({@code uty}: the basis times the centred target). */
    private static Solution solution(Basis b, double[] uty, double alpha, Matrix x, double[] y, double[] w, boolean intercept) {
        double[] beta;
        int rank;
        int k = b.e().length;
        if (b.v() != null) {
            // beta = V diag(1/(e + alpha)) V' Xs'ys, with V' Xs'ys = Z'ys
            double[] z = new double[k];
            int rk = 0;
            double emax = 0;
            for (double e : b.e()) {
                emax = Math.max(emax, e);
            }
            for (int j = 0; j < k; j++) {
                z[j] = uty[j] / (b.e()[j] + alpha);
                rk += b.e()[j] > emax * k * Math.ulp(1.0) ? 1 : 0;
            }
            beta = b.v().mvmul(z);
            rank = rk;
        } else if (b.svd() != null) {
            // beta = V diag(s / (s^2 + alpha)) U' ys
            double[] s = b.svd().singularValues();
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                z[j] = s[j] / (b.e()[j] + alpha) * uty[j];
            }
            beta = b.svd().v().mvmul(z);
            rank = b.svd().rank();
        } else {
            // the dual formula X' Q diag(1/(lambda + alpha)) Q' ys loses digits when rows >= features: solve the
            // ridge problem for the chosen alpha directly (Cholesky of the primal or dual normal equations)
            LeastSquares.Fit fit = LeastSquares.ridge(x, y, w, intercept, alpha, "auto");
            beta = fit.coef();
            rank = fit.rank();
        }
        return new Solution(beta, rank);
    }
}
