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
 * L2-penalised logistic regression, binary and multinomial (softmax), with scikit-learn's objective and
 * parameter names (scikit-learn's {@code C} is spelled {@code c}, since parameter names are lower_snake_case): it minimises {@code sum_i s_i * logloss_i + ||W||^2 / (2C)} (intercepts unpenalised),
 * where {@code s_i} is the sample weight times the class weight ({@code class_weight = "balanced"} gives
 * class {@code k} the weight {@code n / (K n_k)} with {@code n_k} the number of rows of class {@code k}, not their summed sample weight, as scikit-learn's {@code compute_class_weight}).
 * Binary problems fit one coefficient vector for the second class (as scikit-learn); more than two classes
 * fit the full softmax model. Solvers: {@code lbfgs} (default) and {@code newton} (exact Hessian, for
 * small {@code K p}). See {@link LogisticObjective} for the mathematics.
 *
 * <p>Stopping: the run converges when the 2-norm of the gradient is at most {@code tol * sum_i s_i}, i.e.
 * {@code tol} applies to the gradient of the weighted mean loss (scikit-learn applies {@code tol} to the
 * largest gradient component of its own scaling of the objective, so iteration counts differ).
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
            Param.choice("solver", "lbfgs", List.of("lbfgs", "newton"), "lbfgs: limited-memory BFGS; newton: Newton with the exact Hessian"),
            Param.choice("class_weight", "none", List.of("none", "balanced"), "none, or balanced: n / (K n_k) per class"));

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
        int n = data.size();
        double[] w = data.hasWeights() ? data.weights() : null;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = w == null ? 1 : w[i];
        }
        if (classWeight.equals("balanced")) {
            int[] y = data.labels();
            int kk = data.numClasses();
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
        LogisticObjective f = new LogisticObjective(data.features(), y, s, numClasses, ps.getBoolean("fit_intercept"), ps.getDouble("c"));
        StopCriteria stop = StopCriteria.DEFAULT.withMaxIterations(ps.getInt("max_iter"))
                .withMaxEvaluations(Math.max(100_000, 20 * ps.getInt("max_iter") + 1))
                .withGradientTolerance(ps.getDouble("tol") * total).withRecordTrajectory(true);
        double[] x0 = new double[f.dimension()];
        OptimResult r = ps.getString("solver").equals("newton")
                ? Newton.defaults().withStop(stop).minimize(f, x0, null)
                : LBFGS.defaults().withStop(stop).minimize(f, x0, null);
        double[] theta = r.solution();
        Matrix coef = f.weights(theta);
        double[] b = f.intercepts(theta);
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
        if (!r.converged()) {
            warnings.add(String.format(Locale.ROOT, "%s did not converge: %s after %d iterations, gradient norm %.3g > tol * sum(weights) = %.3g; "
                    + "increase max_iter or scale the features", ps.getString("solver"), r.stopReason(), r.iterations(), r.gradientNorm(),
                    stop.gradientTolerance()));
        }
        LogisticModel model0 = new LogisticModel(ps, ModelSchema.of(data), TrainingReport.closedForm(0, List.of(), Map.of()), coef, b);
        int[] pred = model0.predict(data.features());
        boolean separated = true;
        for (int i = 0; i < y.length && separated; i++) {
            separated = s[i] == 0 || pred[i] == y[i];
        }
        if (separated) {
            warnings.add(String.format(Locale.ROOT, "the classes are perfectly separated: every training row is classified correctly, so the "
                    + "coefficients (norm %.3g) are bounded only by the penalty and grow without limit as C increases (C = %g)",
                    coef.normFrobenius(), ps.getDouble("c")));
        }
        TrainingReport report = new TrainingReport(r.iterations(), r.converged(), r.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' '),
                r.trajectory(), secondsSince(t0), warnings, Map.of("objective", r.value(), "gradient_norm", r.gradientNorm()));
        return new LogisticModel(ps, ModelSchema.of(data), report, coef, b);
    }
}
