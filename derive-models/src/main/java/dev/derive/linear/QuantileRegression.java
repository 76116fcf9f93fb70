package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.linalg.QR;
import dev.derive.optim.Bounds;
import dev.derive.optim.constrained.InteriorPoint;
import dev.derive.optim.constrained.InteriorPointResult;
import dev.derive.optim.constrained.LinearProgram;
import dev.derive.optim.constrained.SolverStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linear quantile regression (Koenker &amp; Bassett 1978; Koenker, <i>Quantile Regression</i>, CUP 2005, ch. 6), as
 * scikit-learn 1.2's {@code QuantileRegressor}: minimises
 * <pre>
 *   (1 / sum_i w_i) sum_i w_i rho_q(y_i - x_i' beta - b) + alpha ||beta||_1,
 *   rho_q(r) = q max(r, 0) + (1 - q) max(-r, 0)      (the pinball or check loss)
 * </pre>
 * (with unit weights the first factor is {@code 1/n}; the intercept {@code b} is not penalised). The problem is solved
 * exactly as the linear program scikit-learn builds: split {@code beta = beta+ - beta-} and each residual
 * {@code y_i - x_i'beta - b = u_i - v_i} into non-negative parts, then
 * <pre>
 *   minimise    alpha 1'(beta+ + beta-) + sum_i (w_i / W) (q u_i + (1 - q) v_i)
 *   subject to  X beta+ - X beta- + b 1 + u - v = y,   beta+, beta-, u, v >= 0,
 * </pre>
 * {@code W = sum_i w_i}. Two departures that leave the optimal values unchanged: the intercept is one free variable
 * (scikit-learn splits it into two non-negative parts of zero cost, an unbounded optimal face for an interior-point
 * method), with {@code alpha = 0} the coefficients are free too (for the same reason), and the columns of {@code X}
 * and {@code y} are divided by their largest absolute values (the penalty on a scaled coefficient becomes
 * {@code alpha / s_j}), which keeps the interior point well conditioned on raw features. Rows of zero weight are
 * dropped first, as scikit-learn does. The program is solved by the primal–dual Mehrotra interior-point method
 * {@link InteriorPoint} (default tolerance 1e-10); its equality duals {@code lambda} are a subgradient certificate:
 * {@code -(1-q) w_i/W <= lambda_i <= q w_i/W}, {@code 1'lambda = 0} (intercept) and {@code |X_j'lambda| <= alpha}
 * with equality where {@code beta_j != 0} (available with {@link #solve}).
 *
 * <p>The optimum need not be unique (the check loss is piecewise linear): a simplex solver (scikit-learn's
 * {@code "highs"}) returns a vertex, the interior-point method a point near the centre of the optimal face; both have
 * the same objective value.
 *
 * <p>Parameters: {@code quantile} (0.5, in (0, 1)), {@code alpha} (1.0, {@code >= 0}), {@code fit_intercept} (true),
 * {@code solver} ({@code "interior-point"}, the only one), {@code tol} (1e-10, the interior point's relative KKT
 * tolerance) and {@code max_iter} (200 interior-point iterations). <b>Size limit:</b> the program has {@code 2p + 2n}
 * variables and {@code n} equality rows, and the solver is dense: memory grows as {@code n (2p + 2n)} plus
 * {@code (2p + 2n)^2} doubles and each iteration costs {@code O(n^3)}, so it suits {@code n <= ~2000} rows.
 *
 * <p>Sparse input ({@link Dataset#isSparse()}) takes a different route to the same optimum, {@link SparseQuantileRegression}:
 * a primal–dual interior point on the dual program whose Newton systems are {@code (p + 1) x (p + 1)}, formed from the
 * CSR rows (Frisch–Newton, Portnoy &amp; Koenker 1997). It never densifies {@code X}, so it has no limit on the rows;
 * the dense Newton matrix limits the features to {@code p + 1 <= 8192} (512 MB, {@link SparseLeastSquares#DENSE_LIMIT};
 * each iteration costs {@code O(sum_i nnz_i^2 + p^3 / 3)}), with a clear error beyond.
 */
public final class QuantileRegression extends NamedLearner<QuantileRegression, LinearModel> {

    /** The registered name. */
    public static final String NAME = "quantile";

    static final List<Param<?>> SPECS = List.of(
            Param.real("quantile", 0.5, 0, false, 1, false, "the quantile q in (0, 1) to predict"),
            Param.nonNegative("alpha", 1.0, "L1 penalty alpha ||beta||_1 (intercept unpenalised)"),
            Param.flag("fit_intercept", true, "fit an unpenalised intercept"),
            Param.choice("solver", "interior-point", List.of("interior-point"),
                    "linear-programming solver: the Mehrotra primal-dual interior point"),
            Param.real("tol", 1e-10, 0, false, 1, false, "relative KKT tolerance of the interior-point method"),
            Param.integer("max_iter", 200, 1, Integer.MAX_VALUE, "maximum interior-point iterations"));

    private QuantileRegression(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults (the median, alpha = 1). */
    public static QuantileRegression learner() {
        return new QuantileRegression(defaults(SPECS));
    }

    public QuantileRegression quantile(double q) {
        return with("quantile", q);
    }

    public QuantileRegression alpha(double a) {
        return with("alpha", a);
    }

    public QuantileRegression fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public QuantileRegression solver(String s) {
        return with("solver", s);
    }

    public QuantileRegression tol(double t) {
        return with("tol", t);
    }

    public QuantileRegression maxIter(int n) {
        return with("max_iter", n);
    }


    @Override
    protected QuantileRegression create(Params params) {
        return new QuantileRegression(params);
    }

    /**
     * The linear program of this learner's parameters on {@code data}, its interior-point solution and the layout of
     * its variables: {@code beta} (free when {@code alpha = 0}, else {@code beta+} then {@code beta-}), the intercept
     * (if fitted), then {@code u} and {@code v}, one per row of positive weight ({@code rows}). The program is in
     * equilibrated units (columns of X divided by their largest absolute value, y by {@code yScale}): its objective
     * times {@code yScale} is the quantile-regression objective and its equality duals are unchanged.
     */
    record Solution(LinearProgram program, InteriorPointResult result, int[] rows, double[] coef, double intercept,
                    boolean split, double weightSum, double yScale) {
    }

    /** Builds and solves the linear program (see the class comment). */
    Solution solve(Dataset data) {
        data.requireFiniteFeatures(NAME);
        Params ps = params();
        double q = ps.getDouble("quantile");
        double alpha = ps.getDouble("alpha");
        boolean intercept = ps.getBoolean("fit_intercept");
        Matrix x = data.features();
        double[] y = data.target();
        double[] w = data.weights();
        int n = x.rows();
        int p = x.cols();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(NAME + ": the target must be finite, got " + y[i] + " at row " + i);
            }
        }
        int[] rows = new int[n];
        int k = 0;
        double wSum = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi > 0) {
                rows[k++] = i;
                wSum += wi;
            }
        }
        rows = Arrays.copyOf(rows, k);
        if (k == 0) {
            throw new IllegalArgumentException(NAME + ": every sample weight is zero");
        }
        // equilibration: column j of X divided by s_j = max_i |x_ij| and y by sy = max_i |y_i| (the solver stalls on raw
        // features of very different scales); then beta_j = sy t_j / s_j, b = sy t_b, and the penalty on t_j is alpha / s_j
        // after dividing the objective by sy: the same LP in scaled variables
        double[] colScale = new double[p];
        for (int j = 0; j < p; j++) {
            double mx = 0;
            for (int r = 0; r < k; r++) {
                mx = Math.max(mx, Math.abs(x.get(rows[r], j)));
            }
            colScale[j] = mx > 0 ? mx : 1;
        }
        double yScale = 0;
        for (int r = 0; r < k; r++) {
            yScale = Math.max(yScale, Math.abs(y[rows[r]]));
        }
        yScale = yScale > 0 ? yScale : 1;
        boolean split = alpha > 0;
        int nb = split ? 2 * p : p;
        int nParams = nb + (intercept ? 1 : 0);
        int nVar = nParams + 2 * k;
        double[] c = new double[nVar];
        double[] lower = new double[nVar];
        double[] upper = new double[nVar];
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        if (split) {
            for (int j = 0; j < p; j++) {
                c[j] = alpha / colScale[j];
                c[p + j] = alpha / colScale[j];
            }
        } else {
            Arrays.fill(lower, 0, nb, Double.NEGATIVE_INFINITY);
        }
        if (intercept) {
            lower[nb] = Double.NEGATIVE_INFINITY;
        }
        Matrix aEq = Matrix.zeros(k, nVar);
        double[] bEq = new double[k];
        for (int r = 0; r < k; r++) {
            int i = rows[r];
            double wi = (w == null ? 1 : w[i]) / wSum;
            c[nParams + r] = q * wi;
            c[nParams + k + r] = (1 - q) * wi;
            for (int j = 0; j < p; j++) {
                double v = x.get(i, j) / colScale[j];
                aEq.set(r, j, v);
                if (split) {
                    aEq.set(r, p + j, -v);
                }
            }
            if (intercept) {
                aEq.set(r, nb, 1);
            }
            aEq.set(r, nParams + r, 1);
            aEq.set(r, nParams + k + r, -1);
            bEq[r] = y[i] / yScale;
        }
        LinearProgram lp = new LinearProgram(c, aEq, bEq, null, null, new Bounds(lower, upper));
        InteriorPointResult res = InteriorPoint.defaults().withTolerance(ps.getDouble("tol"))
                .withMaxIterations(ps.getInt("max_iter")).solve(lp);
        double[] sol = res.x();
        double[] coef = new double[p];
        for (int j = 0; j < p; j++) {
            coef[j] = (split ? sol[j] - sol[p + j] : sol[j]) * yScale / colScale[j];
        }
        double b = intercept ? sol[nb] * yScale : 0;
        return new Solution(lp, res, rows, coef, b, split, wSum, yScale);
    }

    @Override
    protected LinearModel train(Dataset data) {
        long t0 = System.nanoTime();
        Params ps = params();
        if (data.isSparse()) {
            return trainSparse(data, t0);
        }
        Solution s = solve(data);
        InteriorPointResult r = s.result();
        SolverStatus status = r.status();
        if (status != SolverStatus.OPTIMAL && status != SolverStatus.MAX_ITERATIONS) {
            throw new IllegalStateException(NAME + ": the interior-point method failed (" + status + "): " + r.message()
                    + "; try scaling the features");
        }
        List<String> warnings = new ArrayList<>();
        if (!r.optimal()) {
            warnings.add(String.format(Locale.ROOT, "the interior-point method stopped after %d iterations without meeting"
                    + " tol = %.3g (%s); increase max_iter or scale the features", r.iterations(), ps.getDouble("tol"), r.message()));
        }
        Matrix x = data.features();
        boolean intercept = ps.getBoolean("fit_intercept");
        Matrix design = x.copy();
        if (intercept) {
            for (int j = 0; j < design.cols(); j++) {
                double mean = 0;
                for (int i = 0; i < design.rows(); i++) {
                    mean += design.get(i, j);
                }
                mean /= design.rows();
                for (int i = 0; i < design.rows(); i++) {
                    design.add(i, j, -mean);
                }
            }
        }
        int rank = design.cols() == 0 ? 0 : QR.pivoted(design).rank();
        Map<String, Double> extras = new LinkedHashMap<>();
        extras.put("objective", r.primalObjective() * s.yScale());
        extras.put("duality_gap", r.dualityGap());
        extras.put("primal_residual", r.primalResidual());
        extras.put("dual_residual", r.dualResidual());
        TrainingReport report = new TrainingReport(r.iterations(), r.optimal(),
                status.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + r.message(), null,
                secondsSince(t0), warnings, extras);
        return new LinearModel(NAME, ps, ModelSchema.of(data), report, s.coef(), s.intercept(), "interior-point", rank);
    }

    /**
     * The sparse path ({@link SparseQuantileRegression}): the same optimum from {@code (p + 1) x (p + 1)} Newton systems
     * on the CSR rows, never densifying {@code X}; the rank is that of the centred {@code X'X} ({@link SparseLeastSquares}).
     */
    private LinearModel trainSparse(Dataset data, long t0) {
        data.requireFiniteFeatures(NAME);
        Params ps = params();
        SparseMatrix x = data.sparseFeatures();
        SparseQuantileRegression.Fit f = SparseQuantileRegression.fit(x, data.target(), data.weights(), ps.getDouble("quantile"),
                ps.getDouble("alpha"), ps.getBoolean("fit_intercept"), ps.getDouble("tol"), ps.getInt("max_iter"));
        List<String> warnings = new ArrayList<>();
        if (!f.converged()) {
            warnings.add(String.format(Locale.ROOT, "the interior-point method stopped after %d iterations without meeting tol = %.3g "
                    + "(relative gap %.3g, primal residual %.3g, dual residual %.3g); increase max_iter or scale the features",
                    f.iterations(), ps.getDouble("tol"), f.gap(), f.primalRes(), f.dualRes()));
        }
        int rank = SparseLeastSquares.rank(x, null, ps.getBoolean("fit_intercept"));
        Map<String, Double> extras = new LinkedHashMap<>();
        extras.put("objective", f.objective());
        extras.put("duality_gap", f.gap());
        extras.put("primal_residual", f.primalRes());
        extras.put("dual_residual", f.dualRes());
        extras.put("sparse", 1.0);
        TrainingReport report = new TrainingReport(f.iterations(), f.converged(),
                f.converged() ? "optimal: sparse Frisch-Newton interior point" : "max iterations", null, secondsSince(t0), warnings, extras);
        return new LinearModel(NAME, ps, ModelSchema.of(data), report, f.coef(), f.intercept(), "interior-point", rank);
    }
}
