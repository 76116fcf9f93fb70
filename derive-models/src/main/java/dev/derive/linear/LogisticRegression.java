package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.optim.LBFGS;
import dev.derive.optim.Newton;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Penalised logistic regression, binary and multinomial (softmax), with scikit-learn's objective and
 * parameter names (scikit-learn's {@code C} is spelled {@code c}, since parameter names are lower_snake_case): it
 * minimises {@code sum_i s_i * logloss_i + penalty(W) / C} (intercepts unpenalised), scikit-learn's
 * {@code C sum loss + penalty} divided by {@code C}, with {@code penalty}
 * {@code l2}: {@code ||W||^2 / 2} (default); {@code l1}: {@code ||W||_1}; {@code elasticnet}:
 * {@code l1_ratio ||W||_1 + (1 - l1_ratio) ||W||^2 / 2}; {@code none}: 0. Here {@code s_i} is the sample weight
 * times the class weight ({@code class_weight = "balanced"} gives
 * class {@code k} the weight {@code n / (K n_k)} with {@code n_k} the number of rows of class {@code k}, not their summed sample weight, as scikit-learn's {@code compute_class_weight}).
 * Binary problems fit one coefficient vector for the second class (as scikit-learn); more than two classes
 * fit the full softmax model. See {@link LogisticObjective} for the mathematics of the smooth part.
 *
 * <p>Solvers: {@code lbfgs} (default) and {@code newton} (exact Hessian, for small {@code K p}) for the
 * smooth penalties ({@code l2}, {@code none}); for any penalty, {@code newton_cd}, a deterministic proximal
 * Newton method whose subproblems are solved by coordinate descent ({@link LogisticProximalNewton}: quadratic
 * convergence, no seed, exact KKT), and {@code saga} ({@link LogisticSaga}: Defazio et al. 2014, seeded, with
 * just-in-time penalty updates for sparse rows; {@link LogisticSaga#fit(dev.derive.linalg.SparseMatrix, int[], int, double[], LogisticRegression)}
 * takes CSR features directly). Asking {@code lbfgs} or {@code newton} for a non-smooth penalty is an
 * {@link IllegalArgumentException} at fit, as in scikit-learn.
 *
 * <p>Stopping: for {@code lbfgs}, {@code newton} and {@code newton_cd} the run converges when the 2-norm of
 * the (minimum-norm sub)gradient is at most {@code tol * sum_i s_i}, i.e. {@code tol} applies to the gradient of
 * the weighted mean loss (scikit-learn applies {@code tol} to the largest gradient component of its own
 * scaling of the objective, so iteration counts differ). For {@code saga} it is scikit-learn's criterion:
 * the largest parameter change over an epoch, relative to the largest parameter, is at most {@code tol}.
 * Every fit reports the KKT residual ({@code kkt_residual}, the 2-norm of the minimum-norm subgradient of the
 * summed objective) and {@code nonzero_coefficients}.
 *
 * <p>Perfect separation: when the fitted model classifies every training row correctly the classes are
 * linearly separable, the unpenalised optimum is at infinity and the coefficients are held only by the
 * penalty (they grow like {@code log C}); the report then carries a warning.
 */
public final class LogisticRegression extends NamedLearner<LogisticRegression, LogisticModel> {

    /** The registered name. */
    public static final String NAME = "logistic";

    static final List<Param<?>> SPECS = List.of(
            Param.positive("c", 1.0, "scikit-learn's C: inverse L2 regularisation strength: penalty ||w||^2 / (2C) against the summed log-loss"),
            Param.flag("fit_intercept", true, "fit unpenalised intercepts"),
            Param.integer("max_iter", 100, 0, Integer.MAX_VALUE, "maximum solver iterations"),
            Param.positive("tol", 1e-4, "gradient tolerance, relative to the summed sample weight"),
            Param.choice("solver", "lbfgs", List.of("lbfgs", "newton", "newton_cd", "saga"),
                    "lbfgs: limited-memory BFGS; newton: Newton with the exact Hessian (both smooth penalties only); "
                    + "newton_cd: proximal Newton with coordinate descent (any penalty); saga: SAGA (any penalty, seeded)"),
            Param.choice("class_weight", "none", List.of("none", "balanced"), "none, or balanced: n / (K n_k) per class"),
            Param.choice("penalty", "l2", List.of("l2", "l1", "elasticnet", "none"),
                    "l2: ||W||^2/2; l1: ||W||_1; elasticnet: l1_ratio ||W||_1 + (1 - l1_ratio) ||W||^2/2; none; each times 1/C"),
            Param.real("l1_ratio", 0.5, 0, true, 1, true, "elastic-net mixing: 1 is the lasso penalty, 0 the ridge penalty (penalty = elasticnet only)"),
            Param.seed(0));

    private LogisticRegression(Params params) {
        super(NAME, Dataset.Task.CLASSIFICATION, params);
    }

    /** The learner with scikit-learn's defaults ({@code C = 1}, lbfgs, {@code max_iter = 100}, {@code tol = 1e-4}). */
    public static LogisticRegression learner() {
        return new LogisticRegression(defaults(SPECS));
    }

    public LogisticRegression c(double c) {
        return with("c", c);
    }

    public LogisticRegression fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public LogisticRegression maxIter(int n) {
        return with("max_iter", n);
    }

    public LogisticRegression tol(double t) {
        return with("tol", t);
    }

    public LogisticRegression solver(String s) {
        return with("solver", s);
    }

    public LogisticRegression classWeight(String s) {
        return with("class_weight", s);
    }

    public LogisticRegression penalty(String s) {
        return with("penalty", s);
    }

    public LogisticRegression l1Ratio(double r) {
        return with("l1_ratio", r);
    }

    public LogisticRegression seed(long seed) {
        return with("seed", seed);
    }

    /**
     * The strengths {@code {l1, l2}} of the penalty {@code l1 ||W||_1 + l2 ||W||^2 / 2} added to the summed
     * weighted log-loss: scikit-learn's {@code C sum loss + penalty} divided by {@code C}.
     */
    double[] penaltyStrengths() {
        double invC = 1.0 / params().getDouble("c");
        double r = params().getDouble("l1_ratio");
        return switch (params().getString("penalty")) {
            case "l1" -> new double[] {invC, 0};
            case "elasticnet" -> new double[] {r * invC, (1 - r) * invC};
            case "none" -> new double[] {0, 0};
            default -> new double[] {0, invC};
        };
    }

    @Override
    protected LogisticRegression create(Params params) {
        return new LogisticRegression(params);
    }

    /** The row weights {@code s_i}: sample weights times class weights. */
    static double[] rowWeights(Dataset data, String classWeight) {
        return rowWeights(data.labels(), data.numClasses(), data.hasWeights() ? data.weights() : null, classWeight);
    }

    /** The row weights {@code s_i} from labels, optional sample weights ({@code null}: ones) and the class weighting. */
    static double[] rowWeights(int[] y, int kk, double[] w, String classWeight) {
        int n = y.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = w == null ? 1 : w[i];
            if (!(s[i] >= 0) || Double.isInfinite(s[i])) {
                throw new IllegalArgumentException(NAME + ": sample weight " + s[i] + " at row " + i + " must be finite and >= 0");
            }
        }
        if (classWeight.equals("balanced")) {
            int[] counts = new int[kk];
            for (int l : y) {
                counts[l]++;
            }
            int present = 0;
            for (int c : counts) {
                present += c > 0 ? 1 : 0;
            }
            // scikit-learn's compute_class_weight counts rows (not sample weights): n / (K n_k)
            for (int i = 0; i < n; i++) {
                s[i] *= (double) n / (present * counts[y[i]]);
            }
        }
        return s;
    }

    @Override
    protected LogisticModel train(Dataset data) {
        if (data.isSparse()) {
            return SparseLearners.logistic(this, data); // CSR, never densified
        }
        long t0 = System.nanoTime();
        Params ps = params();
        int numClasses = data.numClasses();
        boolean intercept = ps.getBoolean("fit_intercept");
        String solver = ps.getString("solver");
        // binary fits by lbfgs, newton and newton_cd start with a pass of the objective over X: it checks the
        // features while each block is in cache (no pass of its own); the others check first
        boolean checkInPass = numClasses == 2 && !solver.equals("saga");
        if (!checkInPass) {
            data.requireFiniteFeatures(NAME);
        }
        int[] y = data.labels();
        double[] s;
        double total;
        if (!data.hasWeights() && ps.getString("class_weight").equals("none")) {
            s = new double[y.length];  // unit weights: no check or sum to run over the rows
            java.util.Arrays.fill(s, 1.0);
            total = y.length;
        } else {
            s = rowWeights(y, data.numClasses(), data.hasWeights() ? data.weights() : null, ps.getString("class_weight"));
            total = totalWeight(s);
        }
        double[] pen = penaltyStrengths();
        double l1 = pen[0];
        if (l1 > 0 && (solver.equals("lbfgs") || solver.equals("newton"))) {
            throw new IllegalArgumentException(NAME + ": solver '" + solver + "' handles only the smooth penalties l2 and none, not penalty '"
                    + ps.getString("penalty") + "'; use solver 'newton_cd' or 'saga'");
        }
        LogisticObjective f = LogisticObjective.withL2(data.features(), y, s, numClasses, intercept, pen[1]);
        if (checkInPass) {
            f.checkFeaturesOnFirstPass(data, NAME);
        }
        StopCriteria stop = stopCriteria(ps.getInt("max_iter"), ps.getDouble("tol") * total);
        SolverRun run = switch (solver) {
            case "newton_cd" -> SolverRun.of(LogisticProximalNewton.minimize(f, l1, stop.gradientTolerance(), ps.getInt("max_iter")),
                    stop.gradientTolerance());
            case "saga" -> {
                LogisticSaga.Fit r = LogisticSaga.fit(data.features(), y, s, numClasses, intercept, l1, pen[1], ps.getDouble("tol"),
                        ps.getInt("max_iter"), ps.getLong("seed"));
                yield SolverRun.of(r, f.pack(r.coef(), r.intercepts()), ps.getDouble("tol"));
            }
            default -> {
                double[] x0 = new double[f.dimension()];
                OptimResult r = solver.equals("newton")
                        ? Newton.defaults().withStop(stop).minimize(f, x0, null)
                        : LBFGS.defaults().withStop(stop).minimize(f, x0, null);
                yield SolverRun.of(solver, r, stop.gradientTolerance());
            }
        };
        if (!f.featuresChecked()) {
            data.requireFiniteFeatures(NAME);  // no pass ran (not expected: every solver evaluates at its start)
        }
        double[] theta = run.theta();
        double[] grad = new double[f.dimension()];
        boolean[] separatedOut = f.k == 1 ? new boolean[1] : null;
        // binary: the final gradient and the separation check in one pass over X (no prediction pass)
        double objective = (f.k == 1 ? f.binary(theta, grad, separatedOut) : f.valueAndGradient(theta, grad))
                + l1 * LogisticProximalNewton.l1Norm(f, theta);
        double kkt = LogisticProximalNewton.norm2(LogisticProximalNewton.minNormSubgradient(f, theta, grad, l1));
        Boolean separated = separatedOut == null ? null : separatedOut[0];
        return finish(ps, data, s, pen, run, f.weights(theta), f.intercepts(theta), separated, objective, kkt, new ArrayList<>(), t0);
    }

    /** The L-BFGS / Newton stopping rule: {@code max_iter} iterations, gradient norm {@code gtol}, the trajectory recorded. */
    static StopCriteria stopCriteria(int maxIter, double gtol) {
        return StopCriteria.DEFAULT.withMaxIterations(maxIter).withMaxEvaluations(Math.max(100_000, 20 * maxIter + 1))
                .withGradientTolerance(gtol).withRecordTrajectory(true);
    }

    /** Checks the row weights (finite, {@code >= 0}, positive sum) and returns their sum. */
    static double totalWeight(double[] s) {
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] >= 0) || Double.isInfinite(s[i])) {
                throw new IllegalArgumentException(NAME + ": sample weight " + s[i] + " at row " + i + " must be finite and >= 0");
            }
            total += s[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException(NAME + ": the sample weights sum to " + total + "; at least one must be positive");
        }
        return total;
    }

    /**
     * One solver run as the training report needs it: the solution, iterations, convergence, the stop reason, the
     * objective trajectory and the warning to give when it did not converge (built only when asked: a converged
     * fit never formats it, which spares the first fit in a JVM loading {@code java.util.Formatter} and its locale data).
     */
    record SolverRun(double[] theta, int iterations, boolean converged, String stopReason, double[] trajectory,
                     java.util.function.Supplier<String> warning) {

        /** The warning to give when the solver did not converge. */
        String notConverged() {
            return warning.get();
        }

        /** An L-BFGS or Newton run named {@code solver}, stopping at gradient norm {@code gtol}. */
        static SolverRun of(String solver, OptimResult r, double gtol) {
            return new SolverRun(r.solution(), r.iterations(), r.converged(),
                    r.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' '), r.trajectory(),
                    () -> new StringBuilder(solver).append(" did not converge: ").append(r.stopReason()).append(" after ").append(r.iterations())
                            .append(" iterations, gradient norm ").append(g3(r.gradientNorm())).append(" > tol * sum(weights) = ").append(g3(gtol))
                            .append("; increase max_iter or scale the features").toString());
        }

        /** A {@code newton_cd} (proximal Newton) run stopping at KKT residual {@code gtol}. */
        static SolverRun of(LogisticProximalNewton.Result r, double gtol) {
            return new SolverRun(r.theta(), r.iterations(), r.converged(), r.converged() ? "converged" : "stopped", r.trajectory(),
                    () -> new StringBuilder("newton_cd did not converge after ").append(r.iterations()).append(" iterations: KKT residual ")
                            .append(g3(r.kkt())).append(" > tol * sum(weights) = ").append(g3(gtol))
                            .append("; increase max_iter or scale the features").toString());
        }

        /** A {@code saga} run, its solution packed as {@code theta}, stopping at relative change {@code tol}. */
        static SolverRun of(LogisticSaga.Fit r, double[] theta, double tol) {
            return new SolverRun(theta, r.epochs(), r.converged(), r.converged() ? "converged" : "max iterations", new double[0],
                    () -> new StringBuilder("saga did not converge in ").append(r.epochs()).append(" epochs: relative change ")
                            .append(g3(r.relativeChange())).append(" > tol = ").append(g3(tol))
                            .append("; increase max_iter or scale the features").toString());
        }
    }

    /**
     * {@code v} with 3 significant digits as {@code String.format(Locale.ROOT, "%.3g", v)} writes it (decimal
     * notation for {@code 1e-4 <= |v| < 1000} after rounding, else {@code d.dde+XX}), rounding the shortest decimal
     * form of {@code v} ({@link Double#toString}) half up as the formatter does, without {@link java.util.Formatter}:
     * its first use in a JVM loads locale data (0.1-0.25 s measured), which a fit stopped by {@code max_iter} paid
     * for its warning.
     */
    static String g3(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        }
        java.math.BigDecimal r = new java.math.BigDecimal(Double.toString(v)).round(new java.math.MathContext(3, java.math.RoundingMode.HALF_UP));
        if (r.signum() == 0) {
            return (Double.doubleToRawLongBits(v) < 0 ? "-" : "") + "0.00";
        }
        int exp = r.precision() - r.scale() - 1;  // the power of ten of the leading digit
        if (exp >= -4 && exp < 3) {
            return r.setScale(2 - exp, java.math.RoundingMode.UNNECESSARY).toPlainString();
        }
        String mant = r.movePointLeft(exp).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
        int a = Math.abs(exp);
        return mant + (exp < 0 ? "e-" : "e+") + (a < 10 ? "0" : "") + a;
    }

    /**
     * The fitted model (dense or sparse features) with its training report: after the notes in {@code warnings},
     * a warning per class without training rows, one if the solver did not converge and one if the classes are
     * perfectly separated ({@code separated}, or, when {@code null}, every positive-weight row predicted right
     * by the fitted coefficients); the report carries the objective, the KKT residual and the nonzero count.
     */
    static LogisticModel finish(Params ps, Dataset data, double[] s, double[] pen, SolverRun run, Matrix coef, double[] b,
                                Boolean separated, double objective, double kkt, List<String> warnings, long t0) {
        int[] y = data.labels();
        int numClasses = data.numClasses();
        double l1 = pen[0];
        int nonzero = 0;
        for (int c = 0; c < coef.rows(); c++) {
            for (int j = 0; j < coef.cols(); j++) {
                nonzero += coef.get(c, j) != 0 ? 1 : 0;
            }
        }
        int[] counts = new int[numClasses];
        for (int l : y) {
            counts[l]++;
        }
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                warnings.add("class '" + data.classes().get(c) + "' has no training rows: its unpenalised intercept decreases "
                        + "without bound (its probability tends to 0), so the solver may stop at max_iter");
            }
        }
        if (!run.converged()) {
            warnings.add(run.notConverged());
        }
        ModelSchema schema = ModelSchema.of(data);
        boolean sep;
        if (separated != null) {
            sep = separated;
        } else {
            LogisticModel model0 = new LogisticModel(ps, schema, TrainingReport.closedForm(0, List.of(), Map.of()), coef, b);
            int[] pred = data.isSparse() ? model0.predict(data.sparseFeatures()) : model0.predict(data.features());
            sep = true;
            for (int i = 0; i < y.length && sep; i++) {
                sep = s[i] == 0 || pred[i] == y[i];
            }
        }
        if (sep && (pen[1] > 0 || l1 > 0)) {
            warnings.add(String.format(Locale.ROOT, "the classes are perfectly separated: every training row is classified correctly, so the "
                    + "coefficients (norm %.3g) are bounded only by the penalty and grow without limit as C increases (C = %g)",
                    coef.normFrobenius(), ps.getDouble("c")));
        }
        if (sep && pen[1] == 0 && l1 == 0) {
            warnings.add("the classes are perfectly separated and penalty = none: the unpenalised optimum is at infinity, "
                    + "the coefficients only reflect where the solver stopped");
        }
        Map<String, Double> numbers = data.isSparse()
                ? Map.of("objective", objective, "gradient_norm", kkt, "kkt_residual", kkt, "nonzero_coefficients", (double) nonzero,
                        "sparse", 1.0)
                : Map.of("objective", objective, "gradient_norm", kkt, "kkt_residual", kkt, "nonzero_coefficients", (double) nonzero);
        TrainingReport report = new TrainingReport(run.iterations(), run.converged(), run.stopReason(), run.trajectory(),
                secondsSince(t0), warnings, numbers);
        return new LogisticModel(ps, schema, report, coef, b);
    }
}
