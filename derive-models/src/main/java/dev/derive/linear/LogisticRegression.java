package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.ModelSchema;
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
public final class LogisticRegression extends AbstractLearner<LogisticRegression, LogisticModel> {

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
        super(params);
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
    public String name() {
        return NAME;
    }

    @Override
    public Dataset.Task task() {
        return Dataset.Task.CLASSIFICATION;
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
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        Params ps = params();
        double[] s = rowWeights(data, ps.getString("class_weight"));
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
        int[] y = data.labels();
        int numClasses = data.numClasses();
        double[] pen = penaltyStrengths();
        double l1 = pen[0];
        String solver = ps.getString("solver");
        if (l1 > 0 && (solver.equals("lbfgs") || solver.equals("newton"))) {
            throw new IllegalArgumentException(NAME + ": solver '" + solver + "' handles only the smooth penalties l2 and none, not penalty '"
                    + ps.getString("penalty") + "'; use solver 'newton_cd' or 'saga'");
        }
        boolean intercept = ps.getBoolean("fit_intercept");
        LogisticObjective f = LogisticObjective.withL2(data.features(), y, s, numClasses, intercept, pen[1]);
        StopCriteria stop = StopCriteria.DEFAULT.withMaxIterations(ps.getInt("max_iter"))
                .withMaxEvaluations(Math.max(100_000, 20 * ps.getInt("max_iter") + 1))
                .withGradientTolerance(ps.getDouble("tol") * total).withRecordTrajectory(true);
        double[] theta;
        int iterations;
        boolean converged;
        String stopReason;
        double[] trajectory;
        String notConverged;
        switch (solver) {
            case "newton_cd" -> {
                LogisticProximalNewton.Result r = LogisticProximalNewton.minimize(f, l1, stop.gradientTolerance(), ps.getInt("max_iter"));
                theta = r.theta();
                iterations = r.iterations();
                converged = r.converged();
                stopReason = converged ? "converged" : "stopped";
                trajectory = r.trajectory();
                notConverged = String.format(Locale.ROOT, "newton_cd did not converge after %d iterations: KKT residual %.3g > tol * sum(weights) = %.3g; "
                        + "increase max_iter or scale the features", r.iterations(), r.kkt(), stop.gradientTolerance());
            }
            case "saga" -> {
                LogisticSaga.Fit r = LogisticSaga.fit(data.features(), y, s, numClasses, intercept, l1, pen[1], ps.getDouble("tol"),
                        ps.getInt("max_iter"), ps.getLong("seed"));
                theta = new double[f.dimension()];
                int k = r.coef().rows();
                int d = f.d;
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < f.p; j++) {
                        theta[c * d + j] = r.coef().get(c, j);
                    }
                    if (intercept) {
                        theta[c * d + f.p] = r.intercepts()[c];
                    }
                }
                iterations = r.epochs();
                converged = r.converged();
                stopReason = converged ? "converged" : "max iterations";
                trajectory = new double[0];
                notConverged = String.format(Locale.ROOT, "saga did not converge in %d epochs: relative change %.3g > tol = %.3g; "
                        + "increase max_iter or scale the features", r.epochs(), r.relativeChange(), ps.getDouble("tol"));
            }
            default -> {
                double[] x0 = new double[f.dimension()];
                OptimResult r = solver.equals("newton")
                        ? Newton.defaults().withStop(stop).minimize(f, x0, null)
                        : LBFGS.defaults().withStop(stop).minimize(f, x0, null);
                theta = r.solution();
                iterations = r.iterations();
                converged = r.converged();
                stopReason = r.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
                trajectory = r.trajectory();
                notConverged = String.format(Locale.ROOT, "%s did not converge: %s after %d iterations, gradient norm %.3g > tol * sum(weights) = %.3g; "
                        + "increase max_iter or scale the features", solver, r.stopReason(), r.iterations(), r.gradientNorm(),
                        stop.gradientTolerance());
            }
        }
        double[] grad = new double[f.dimension()];
        boolean[] separatedOut = f.k == 1 ? new boolean[1] : null;
        // binary: the final gradient and the separation check in one pass over X (no prediction pass)
        double objective = (f.k == 1 ? f.binary(theta, grad, separatedOut) : f.valueAndGradient(theta, grad))
                + l1 * LogisticProximalNewton.l1Norm(f, theta);
        double kkt = LogisticProximalNewton.norm2(LogisticProximalNewton.minNormSubgradient(f, theta, grad, l1));
        Matrix coef = f.weights(theta);
        double[] b = f.intercepts(theta);
        int nonzero = 0;
        for (int c = 0; c < coef.rows(); c++) {
            for (int j = 0; j < coef.cols(); j++) {
                nonzero += coef.get(c, j) != 0 ? 1 : 0;
            }
        }
        List<String> warnings = new ArrayList<>();
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
        if (!converged) {
            warnings.add(notConverged);
        }
        boolean separated;
        if (separatedOut != null) {
            separated = separatedOut[0];
        } else {
            LogisticModel model0 = new LogisticModel(ps, ModelSchema.of(data), TrainingReport.closedForm(0, List.of(), Map.of()), coef, b);
            int[] pred = model0.predict(data.features());
            separated = true;
            for (int i = 0; i < y.length && separated; i++) {
                separated = s[i] == 0 || pred[i] == y[i];
            }
        }
        if (separated && (pen[1] > 0 || l1 > 0)) {
            warnings.add(String.format(Locale.ROOT, "the classes are perfectly separated: every training row is classified correctly, so the "
                    + "coefficients (norm %.3g) are bounded only by the penalty and grow without limit as C increases (C = %g)",
                    coef.normFrobenius(), ps.getDouble("c")));
        }
        if (separated && pen[1] == 0 && l1 == 0) {
            warnings.add("the classes are perfectly separated and penalty = none: the unpenalised optimum is at infinity, "
                    + "the coefficients only reflect where the solver stopped");
        }
        TrainingReport report = new TrainingReport(iterations, converged, stopReason, trajectory, secondsSince(t0), warnings,
                Map.of("objective", objective, "gradient_norm", kkt, "kkt_residual", kkt, "nonzero_coefficients", (double) nonzero));
        return new LogisticModel(ps, ModelSchema.of(data), report, coef, b);
    }
}
