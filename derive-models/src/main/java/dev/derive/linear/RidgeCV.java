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
 * directions with {@code e_j} far below {@code alpha}). This route streams over blocks of about 4 MB of rows and
 * never forms {@code Xs}, {@code Z} or an {@code n x alphas} matrix: one pass accumulates {@code Xs'Xs} and
 * {@code Xs'ys}, a second forms {@code Z_b = Xs_b V} per block and adds the block's squared LOO residuals to one sum
 * per alpha (memory: {@code X} plus a few block buffers; {@link #crossValidate} alone keeps the {@code n x alphas}
 * errors it returns). {@code "svd"} takes the thin SVD of {@code Xs};
 * {@code "eigen"} (the default otherwise) the eigenpairs of {@code Xs Xs'}. The leave-one-out residual of row {@code i} is {@code r_i / (1 - h_ii)} with
 * {@code r = ys - H ys}, so one decomposition gives the LOO error of every {@code alpha} in {@code O(n k)}
 * each (the svd and eigen routes stream over row blocks of {@code U} the same way). The criterion is the mean over rows of the squared scaled LOO residuals, i.e.
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
 * chooses one alpha for all targets or, with {@code alpha_per_target}, one per target; on sparse input too (one
 * {@code SparseRidgeCV} decomposition, never densified).
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
     * The problem as the leave-one-out formulas see it, without the centred design: the raw {@code X} ({@code n x p}),
     * the square roots {@code sqrtW} of the weights (null without weights), the weighted
     * feature means {@code xMean} (zeros without an intercept), the centred weighted targets
     * {@code ys = sqrt(w) (y - ybar)} ({@code n x T}, column-major in {@code yc}), the target means, and the
     * intercept leverages {@code lev0_i = w_i / sum w} (zeros without an intercept). Row {@code i} of the design
     * {@code Xs} is {@code sqrt(w_i) (x_i - xbar)}; {@link #centredRows} writes a block of it into a buffer, so the
     * covariance route streams over {@code X} and never holds an {@code n x p} copy.
     */
    private record Prep(Matrix x, double[] sqrtW, double[] xMean, double[] yc, int targets, double[] yMean,
                        double[] lev0) {

        int n() {
            return x.rows();
        }

        int p() {
            return x.cols();
        }

        Matrix ycMatrix() {
            return Matrix.wrap(n(), targets, yc);
        }

        /**
         * Rows {@code i0 .. i0 + m - 1} of {@code Xs} into {@code buf} (column-major, leading dimension {@code ld}):
         * {@code (x_ij - xbar_j) sqrt(w_i)}, the same two roundings as centring the whole matrix.
         */
        void centredRows(int i0, int m, double[] buf, int ld) {
            int p = p();
            for (int j = 0; j < p; j++) {
                int o = j * ld;
                x.copyColumn(j, i0, buf, o, m);
                double mu = xMean[j];
                if (sqrtW == null) {
                    for (int t = 0; t < m; t++) {
                        buf[o + t] -= mu;
                    }
                } else {
                    for (int t = 0; t < m; t++) {
                        buf[o + t] = (buf[o + t] - mu) * sqrtW[i0 + t];
                    }
                }
            }
        }

        /** The whole {@code Xs} ({@code n x p}, one copy of {@code X}), for the routes that decompose it. */
        Matrix centred() {
            double[] a = new double[Math.multiplyExact(n(), p())];
            centredRows(0, n(), a, Math.max(1, n()));
            return Matrix.wrap(n(), p(), a);
        }

        /** {@code ybar_t - xbar' beta}. */
        double intercept(int t, double[] beta) {
            double b = yMean[t];
            for (int j = 0; j < beta.length; j++) {
                b -= xMean[j] * beta[j];
            }
            return b;
        }
    }

    /**
     * The weighted means {@code sum_i w_i a_ij / sum w} and the centred weighted targets, as {@link LeastSquares#center}
     * computes them (the same sums in the same order), but reading {@code X} column by column without copying it.
     */
    private static Prep prep(Matrix x, Matrix y, double[] w, boolean intercept) {
        int n = x.rows();
        int p = x.cols();
        int nt = y.cols();
        double[] xMean = new double[p];
        double[] yMean = new double[nt];
        double[] lev0 = new double[n];
        double[] col = new double[n];
        if (intercept) {
            double sw = 0;
            for (int i = 0; i < n; i++) {
                sw += w == null ? 1 : w[i];
            }
            for (int j = 0; j < p; j++) {
                x.copyColumn(j, 0, col, 0, n);
                xMean[j] = weightedSum(col, w) / sw;
            }
            for (int t = 0; t < nt; t++) {
                y.copyColumn(t, 0, col, 0, n);
                yMean[t] = weightedSum(col, w) / sw;
            }
            for (int i = 0; i < n; i++) {
                lev0[i] = (w == null ? 1 : w[i]) / sw;
            }
        }
        double[] sqrtW = null;
        if (w != null) {
            sqrtW = new double[n];
            for (int i = 0; i < n; i++) {
                sqrtW[i] = Math.sqrt(w[i]);
            }
        }
        double[] yc = new double[Math.multiplyExact(n, nt)];
        for (int t = 0; t < nt; t++) {
            y.copyColumn(t, 0, yc, t * n, n);
            double mu = yMean[t];
            for (int i = 0; i < n; i++) {
                int k = t * n + i;
                yc[k] = sqrtW == null ? yc[k] - mu : sqrtW[i] * (yc[k] - mu);
            }
        }
        return new Prep(x, sqrtW, xMean, yc, nt, yMean, lev0);
    }

    private static double weightedSum(double[] a, double[] w) {
        double s = 0;
        if (w == null) {
            for (double v : a) {
                s += v;
            }
        } else {
            for (int i = 0; i < a.length; i++) {
                s += w[i] * a[i];
            }
        }
        return s;
    }

    /**
     * Rows per block of the streamed passes: about 4 MB of a {@code rows x width} block, at least 64 rows, at most
     * {@code limit} (tests set a small limit to exercise several blocks on small data).
     */
    private static int blockRows(int n, int width, int limit) {
        return Math.max(1, Math.min(Math.min(n, limit), Math.max(64, (1 << 19) / Math.max(1, width))));
    }

    /**
     * The decomposition: energies {@code e} (squared singular values or eigenvalues of {@code Xs'Xs}), and either the
     * basis {@code u} ({@code n x k}: left singular vectors or eigenvectors of {@code Xs Xs'}) or, in covariance
     * mode, the eigenvectors {@code v} of {@code Xs'Xs} ({@code u} is then null: {@code Z = Xs V} is formed block by
     * block when needed); {@code uty} ({@code k x T}) is the basis times the centred targets ({@code Z'ys = V'Xs'ys}
     * in covariance mode).
     */
    private record Basis(Matrix u, double[] e, SVD svd, Matrix v, Matrix uty, String mode) {
    }

    private String mode(int n, int p) {
        String mode = params().getString("gcv_mode");
        return mode.equals("auto") ? n > p ? "covariance" : "eigen" : mode;
    }

    private Basis basis(Prep pr, int blockLimit) {
        String mode = mode(pr.n(), pr.p());
        if (mode.equals("covariance")) {
            return covarianceBasis(pr, blockLimit);
        }
        Matrix xs = pr.centred();
        if (mode.equals("svd")) {
            SVD svd = SVD.of(xs);
            double[] s = svd.singularValues();
            double[] e = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                e[k] = s[k] * s[k];
            }
            return new Basis(svd.u(), e, svd, null, svd.u().tmmul(pr.ycMatrix()), mode);
        }
        SymmetricEigen eig = SymmetricEigen.of(xs.mmult(xs));
        xs = null;
        double[] e = eig.values();
        for (int k = 0; k < e.length; k++) {
            e[k] = Math.max(e[k], 0);   // the Gram matrix is positive semi-definite; clip rounding below 0
        }
        return new Basis(eig.vectors(), e, null, null, eig.vectors().tmmul(pr.ycMatrix()), mode);
    }

    /**
     * {@code Xs'Xs = V diag(e) V'} and {@code Xs'ys}, accumulated over row blocks of {@code Xs} (one {@code dsyrk} and
     * one {@code dgemm} per block, on a buffer of about 4 MB), then one {@code p x p} eigenproblem and
     * {@code Z'ys = V'(Xs'ys)}.
     */
    private static Basis covarianceBasis(Prep pr, int blockLimit) {
        int n = pr.n();
        int p = pr.p();
        int nt = pr.targets();
        int bs = blockRows(n, p, blockLimit);
        double[] buf = new double[bs * p];
        Matrix bufM = Matrix.wrap(bs, p, buf);
        Matrix ycM = pr.ycMatrix();
        double[] g = new double[p * p];
        Matrix xty = Matrix.zeros(p, nt);
        for (int i0 = 0; i0 < n; i0 += bs) {
            int m = Math.min(bs, n - i0);
            pr.centredRows(i0, m, buf, bs);
            double beta = i0 == 0 ? 0 : 1;
            dev.derive.linalg.Blas.dsyrkLower(true, p, m, 1, buf, 0, bs, beta, g, 0, p);
            Matrix.gemm(1, bufM.block(0, 0, m, p), true, ycM.block(i0, 0, m, nt), false, beta, xty);
        }
        for (int j = 0; j < p; j++) {
            for (int i = j + 1; i < p; i++) {
                g[j + i * p] = g[i + j * p];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(Matrix.wrap(p, p, g));
        double[] e = eig.values();
        for (int k = 0; k < e.length; k++) {
            e[k] = Math.max(e[k], 0);
        }
        return new Basis(null, e, null, eig.vectors(), eig.vectors().tmmul(xty), "covariance");
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
        return crossValidate(data, Integer.MAX_VALUE);
    }

    /** {@link #crossValidate(Dataset)} with the streamed passes over at most {@code blockLimit} rows at a time. */
    CvResult crossValidate(Dataset data, int blockLimit) {
        data.requireFiniteFeatures(NAME);
        checkWeights(data.weights());
        if (data.isSparse()) {
            return sparse(data, new ArrayList<>()).cv();
        }
        Prep pr = prep(data.features(), Matrix.wrap(data.size(), 1, data.target()), data.weights(),
                params().getBoolean("fit_intercept"));
        return cv(pr, basis(pr, blockLimit), true, blockLimit)[0];
    }

    /**
     * The LOO errors of every target and every alpha from one pass over the rows. With {@code B} the basis
     * ({@code Z = Xs V} in covariance mode, formed block by block as {@code Xs_b V}; else {@code U}) and
     * {@code g_ja = 1/(e_j + alpha_a)} (covariance) or {@code e_j/(e_j + alpha_a)} (svd, eigen), the leverages are
     * {@code h_ia = lev0_i + sum_j B_ij^2 g_ja} and the fits {@code yhat_ia = sum_j B_ij (B'ys)_j g_ja}: for each
     * block of rows two {@code dgemm}, {@code (B_b o B_b) G} and {@code B_b (diag(B'ys) G)}, then one primitive loop
     * forms {@code loo = (ys_i - yhat_ia) / (1 - h_ia)} and adds {@code loo^2} to the sum of alpha {@code a} (in row
     * order, one sum per alpha). The {@code n x alphas} matrix of squared errors is kept only when {@code keepErrors}.
     */
    private CvResult[] cv(Prep pr, Basis b, boolean keepErrors, int blockLimit) {
        int n = pr.n();
        int nt = pr.targets();
        double[] alphas = alphaGrid();
        int na = alphas.length;
        int k = b.e().length;
        boolean cov = b.v() != null;
        Matrix gm = Matrix.zeros(k, na);
        Matrix[] fitCoef = new Matrix[nt];
        for (int t = 0; t < nt; t++) {
            fitCoef[t] = Matrix.zeros(k, na);
        }
        for (int a = 0; a < na; a++) {
            for (int j = 0; j < k; j++) {
                double e = b.e()[j];
                double g = cov ? 1 / (e + alphas[a]) : e / (e + alphas[a]);
                gm.set(j, a, g);
                for (int t = 0; t < nt; t++) {
                    fitCoef[t].set(j, a, g * b.uty().get(j, t));
                }
            }
        }
        int p = pr.p();
        int bs = blockRows(n, Math.max(Math.max(k, na), cov ? p : 0), blockLimit);
        double[] xbuf = cov ? new double[bs * p] : null;
        double[] zbuf = cov ? new double[bs * k] : null;
        Matrix zM = cov ? Matrix.wrap(bs, k, zbuf) : null;
        double[] sq = new double[bs * k];
        Matrix sqM = Matrix.wrap(bs, k, sq);
        double[] lev = new double[bs * na];
        Matrix levM = Matrix.wrap(bs, na, lev);
        double[] fit = new double[bs * na];
        Matrix fitM = Matrix.wrap(bs, na, fit);
        double[][] sums = new double[nt][na];
        double[][] errors = keepErrors ? new double[nt][Math.multiplyExact(n, na)] : null;
        double[] y = pr.yc();
        double[] lev0 = pr.lev0();
        for (int i0 = 0; i0 < n; i0 += bs) {
            int m = Math.min(bs, n - i0);
            Matrix zb;
            if (cov) {
                pr.centredRows(i0, m, xbuf, bs);
                zb = zM.block(0, 0, m, k);
                Matrix.gemm(1, Matrix.wrap(bs, p, xbuf).block(0, 0, m, p), false, b.v(), false, 0, zb);
                System.arraycopy(zbuf, 0, sq, 0, bs * k);
            } else {
                zb = b.u().block(i0, 0, m, k);
                for (int j = 0; j < k; j++) {
                    b.u().copyColumn(j, i0, sq, j * bs, m);
                }
            }
            for (int j = 0; j < k; j++) {
                int o = j * bs;
                for (int r = 0; r < m; r++) {
                    sq[o + r] *= sq[o + r];
                }
            }
            Matrix.gemm(1, sqM.block(0, 0, m, k), false, gm, false, 0, levM.block(0, 0, m, na));
            for (int t = 0; t < nt; t++) {
                Matrix.gemm(1, zb, false, fitCoef[t], false, 0, fitM.block(0, 0, m, na));
                double[] sum = sums[t];
                double[] err = keepErrors ? errors[t] : null;
                int yo = t * n + i0;
                for (int a = 0; a < na; a++) {
                    int o = a * bs;
                    int eo = a * n + i0;
                    double s = sum[a];
                    for (int r = 0; r < m; r++) {
                        double loo = (y[yo + r] - fit[o + r]) / (1 - lev0[i0 + r] - lev[o + r]);
                        double sqErr = loo * loo;
                        s += sqErr;
                        if (err != null) {
                            err[eo + r] = sqErr;
                        }
                    }
                    sum[a] = s;
                }
            }
        }
        CvResult[] out = new CvResult[nt];
        for (int t = 0; t < nt; t++) {
            double[] mean = new double[na];
            int best = 0;
            for (int a = 0; a < na; a++) {
                mean[a] = sums[t][a] / n;
                if (mean[a] < mean[best]) {
                    best = a;
                }
            }
            out[t] = new CvResult(alphas, mean, keepErrors ? Matrix.wrap(n, na, errors[t]) : null, best, b.mode());
        }
        return out;
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
        Prep pr = prep(data.features(), Matrix.wrap(data.size(), 1, data.target()), w, intercept);
        Basis b = basis(pr, Integer.MAX_VALUE);
        CvResult r = cv(pr, b, false, Integer.MAX_VALUE)[0];
        double alpha = r.alpha();
        Solution sol = solution(b, 0, alpha, data.features(), data.target(), w, intercept);
        double[] beta = sol.beta();
        int rank = sol.rank();
        double b0 = intercept ? pr.intercept(0, beta) : 0;
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
        return SparseRidgeCV.run(data.sparseFeatures(), data.target(), data.weights(), params().getBoolean("fit_intercept"),
                alphaGrid(), sparseMode(data, warnings));
    }

    /** The sparse decomposition {@code gcv_mode} selects, with a warning when {@code svd} (dense only) was asked for. */
    private String sparseMode(Dataset data, List<String> warnings) {
        String mode = params().getString("gcv_mode");
        int n = data.size();
        int p = data.featureCount();
        String use = mode.equals("covariance") || mode.equals("eigen") ? mode : n > p ? "covariance" : "eigen";
        if (mode.equals("svd")) {
            warnings.add("gcv_mode 'svd' needs the dense design; on sparse input it runs as '" + use + "'");
        }
        return use;
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
     * fitted on a 2-D {@code Y}: one centring and one decomposition of the design serve every target and every alpha
     * (and one streamed pass over the rows gives the LOO errors of all of them).
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
        List<String> warnings = new ArrayList<>();
        int k = y.cols();
        int p = features.featureCount();
        CvResult[] cvs = new CvResult[k];
        TargetFit solve;
        String mode;
        if (features.isSparse()) {
            // CSR: one decomposition for every target (SparseRidgeCV), never densified
            features.requireFiniteFeatures(NAME);
            SparseRidgeCV.Multi sm = SparseRidgeCV.runMulti(features.sparseFeatures(), y, w, intercept, alphaGrid(),
                    sparseMode(features, warnings));
            for (int t = 0; t < k; t++) {
                cvs[t] = sm.cv(t);
            }
            mode = cvs[0].mode();
            solve = (t, alpha) -> {
                double[] beta = sm.coef(t, alpha);
                return new TargetSolution(beta, sm.intercept(t, beta), sm.rank());
            };
        } else {
            Matrix x = features.features();
            Prep pr = prep(x, y, w, intercept);
            Basis b = basis(pr, Integer.MAX_VALUE);
            cvs = cv(pr, b, false, Integer.MAX_VALUE);
            mode = b.mode();
            solve = (t, alpha) -> {
                Solution sol = solution(b, t, alpha, x, y.columnArray(t), w, intercept);
                return new TargetSolution(sol.beta(), intercept ? pr.intercept(t, sol.beta()) : 0, sol.rank());
            };
        }
        double[] grid = cvs[0].alphas();
        double[] joint = new double[grid.length];
        int jointBest = 0;
        for (int a = 0; a < grid.length; a++) {
            double sum = 0;
            for (int t = 0; t < k; t++) {
                sum += cvs[t].meanErrors()[a];
            }
            joint[a] = sum / k;
            if (joint[a] < joint[jointBest]) {
                jointBest = a;
            }
        }
        boolean perTarget = params().getBoolean("alpha_per_target");
        Matrix beta = Matrix.zeros(p, k);
        double[] b0 = new double[k];
        double[] alphas = new double[k];
        int rank = 0;
        Map<String, Double> extra = new LinkedHashMap<>();
        for (int t = 0; t < k; t++) {
            CvResult r = cvs[t];
            int best = perTarget ? r.best() : jointBest;
            alphas[t] = grid[best];
            TargetSolution sol = solve.at(t, alphas[t]);
            for (int j = 0; j < p; j++) {
                beta.set(j, t, sol.beta()[j]);
            }
            b0[t] = sol.intercept();
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
        if (features.isSparse()) {
            extra.put("sparse", 1.0);
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, extra);
        return new MultiOutputLinearModel(MultiOutputLinearModel.RIDGE_CV_KIND, params(),
                MultiOutputLinearModel.schema(features, targetNames), report, beta, b0, targetNames, mode, rank, alphas);
    }

    /** One target's coefficients, intercept and rank at an alpha, from the dense or the sparse decomposition. */
    private record TargetSolution(double[] beta, double intercept, int rank) {
    }

    private interface TargetFit {
        TargetSolution at(int target, double alpha);
    }

    /**
     * The leave-one-out errors of every target and every alpha (one decomposition): {@code result[t]} is target
     * {@code t}'s {@link CvResult}, as {@link #crossValidate(Dataset)} gives for that target alone.
     */
    public CvResult[] crossValidateMulti(Dataset features, Matrix y) {
        return crossValidateMulti(features, y, Integer.MAX_VALUE);
    }

    /** {@link #crossValidateMulti(Dataset, Matrix)} with the streamed passes over at most {@code blockLimit} rows at a time. */
    CvResult[] crossValidateMulti(Dataset features, Matrix y, int blockLimit) {
        MultiOutputLinearModel.checkProblem(NAME, features, y);
        checkWeights(features.weights());
        if (features.isSparse()) {
            features.requireFiniteFeatures(NAME);
            SparseRidgeCV.Multi sm = SparseRidgeCV.runMulti(features.sparseFeatures(), y, features.weights(),
                    params().getBoolean("fit_intercept"), alphaGrid(), sparseMode(features, new ArrayList<>()));
            CvResult[] out = new CvResult[y.cols()];
            for (int t = 0; t < out.length; t++) {
                out[t] = sm.cv(t);
            }
            return out;
        }
        Prep pr = prep(features.features(), y, features.weights(), params().getBoolean("fit_intercept"));
        return cv(pr, basis(pr, blockLimit), true, blockLimit);
    }

    private record Solution(double[] beta, int rank) {
    }

    /**
     * The ridge coefficients of target {@code t} at {@code alpha} from the decomposition {@code b} (its {@code uty}
     * column {@code t}: the basis times the centred target).
     */
    private static Solution solution(Basis b, int t, double alpha, Matrix x, double[] y, double[] w, boolean intercept) {
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
                z[j] = b.uty().get(j, t) / (b.e()[j] + alpha);
                rk += b.e()[j] > emax * k * Math.ulp(1.0) ? 1 : 0;
            }
            beta = b.v().mvmul(z);
            rank = rk;
        } else if (b.svd() != null) {
            // beta = V diag(s / (s^2 + alpha)) U' ys
            double[] s = b.svd().singularValues();
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                z[j] = s[j] / (b.e()[j] + alpha) * b.uty().get(j, t);
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
