package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.optim.LBFGS;
import dev.derive.optim.Newton;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generalised linear models with the log link and a Tweedie family, as scikit-learn 1.2's
 * {@code PoissonRegressor} ({@link #poisson()}, registered {@code poisson}), {@code GammaRegressor}
 * ({@link #gamma()}, {@code gamma}) and {@code TweedieRegressor(power, link="log")} ({@link #tweedie()},
 * {@code tweedie}). It minimises
 * {@code 1/(2 sum w) sum_i w_i d_p(y_i, exp(b + x_i' beta)) + alpha/2 ||beta||^2} (intercept unpenalised),
 * where {@code d_p} is the Tweedie unit deviance (see {@link GlmObjective}); Poisson is {@code p = 1}, Gamma
 * {@code p = 2}, and {@code p = 0} is the normal distribution with a log link.
 *
 * <p>Solvers: {@code lbfgs} (default, as scikit-learn) and {@code newton} (Newton's method on the exact Hessian
 * {@code X' diag(s h) X + alpha I} with Armijo backtracking from the unit step, i.e. IRLS with a line search).
 * Both start, as scikit-learn, from {@code beta = 0} and {@code b = log(weighted mean of y)}. The run stops when
 * the 2-norm of the gradient of the objective (a weighted mean, so scale-free in {@code n}) is at most {@code tol}
 * (scikit-learn's lbfgs tests the largest gradient component instead).
 *
 * <p>Sparse input ({@link Dataset#isSparse()}): the objective works on the CSR matrix ({@code O(nnz)} per evaluation;
 * {@code newton} forms the {@code p x p} Hessian from the pairs of stored entries of each row), never densifying it;
 * the solution is the dense one. No centring is involved (the intercept is a parameter of the objective).
 *
 * <p>Targets: Poisson needs {@code y >= 0} with a positive weighted mean; Gamma {@code y > 0}; Tweedie
 * {@code 1 <= p < 2} needs {@code y >= 0}, {@code p >= 2} needs {@code y > 0}, {@code p = 0} accepts any real
 * {@code y}; {@code 0 < p < 1} has no distribution and is refused.
 */
public final class GeneralizedLinearRegression extends NamedLearner<GeneralizedLinearRegression, GlmModel> {

    /** Registered names. */
    public static final String POISSON = "poisson";
    public static final String GAMMA = "gamma";
    public static final String TWEEDIE = "tweedie";

    private static List<Param<?>> common() {
        return List.of(
                Param.nonNegative("alpha", 1.0, "L2 penalty alpha/2 ||beta||^2 against the mean half deviance (scikit-learn's default 1)"),
                Param.flag("fit_intercept", true, "fit an unpenalised intercept"),
                Param.choice("solver", "lbfgs", List.of("lbfgs", "newton"), "lbfgs: limited-memory BFGS; newton: Newton/IRLS with line search"),
                Param.integer("max_iter", 100, 0, Integer.MAX_VALUE, "maximum solver iterations"),
                Param.positive("tol", 1e-4, "stop when the 2-norm of the objective's gradient is at most tol"));
    }

    static final List<Param<?>> SPECS = common();
    static final List<Param<?>> TWEEDIE_SPECS;

    static {
        List<Param<?>> t = new ArrayList<>(common());
        t.add(Param.real("power", 0.0, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
                "Tweedie power p: 0 normal, 1 Poisson, (1,2) compound Poisson-Gamma, 2 Gamma, 3 inverse Gaussian; not in (0, 1)"));
        TWEEDIE_SPECS = List.copyOf(t);
    }

    private final String family;

    private GeneralizedLinearRegression(String family, Params params) {
        super(family, Dataset.Task.REGRESSION, params);
        this.family = family;
        if (family.equals(TWEEDIE)) {
            double p = params.getDouble("power");
            if (p < 0 || (p > 0 && p < 1)) {
                throw new IllegalArgumentException("tweedie: power must be 0 or >= 1 (with the log link; 0 < p < 1 has no Tweedie "
                        + "distribution and p < 0 is not supported), got " + p);
            }
        }
    }

    /** Poisson regression with scikit-learn's defaults ({@code alpha = 1}, lbfgs, {@code max_iter = 100}, {@code tol = 1e-4}). */
    public static GeneralizedLinearRegression poisson() {
        return new GeneralizedLinearRegression(POISSON, defaults(SPECS));
    }

    /** Gamma regression with the log link and scikit-learn's defaults. */
    public static GeneralizedLinearRegression gamma() {
        return new GeneralizedLinearRegression(GAMMA, defaults(SPECS));
    }

    /** Tweedie regression with the log link and scikit-learn's defaults ({@code power = 0}). */
    public static GeneralizedLinearRegression tweedie() {
        return new GeneralizedLinearRegression(TWEEDIE, defaults(TWEEDIE_SPECS));
    }

    static GeneralizedLinearRegression of(String family) {
        return switch (family) {
            case POISSON -> poisson();
            case GAMMA -> gamma();
            case TWEEDIE -> tweedie();
            default -> throw new IllegalArgumentException("unknown GLM family '" + family + "'");
        };
    }

    public GeneralizedLinearRegression alpha(double a) {
        return with("alpha", a);
    }

    public GeneralizedLinearRegression fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public GeneralizedLinearRegression solver(String s) {
        return with("solver", s);
    }

    public GeneralizedLinearRegression maxIter(int n) {
        return with("max_iter", n);
    }

    public GeneralizedLinearRegression tol(double t) {
        return with("tol", t);
    }

    /** The Tweedie power (only for {@link #tweedie()}). */
    public GeneralizedLinearRegression power(double p) {
        return with("power", p);
    }

    /** The Tweedie power of this learner's family. */
    public double familyPower() {
        return switch (family) {
            case POISSON -> 1;
            case GAMMA -> 2;
            default -> params().getDouble("power");
        };
    }


    @Override
    protected GeneralizedLinearRegression create(Params params) {
        return new GeneralizedLinearRegression(family, params);
    }

    /** Throws unless every target suits the Tweedie power (see the class comment). */
    static void checkTarget(String name, double[] y, double power) {
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            boolean ok = Double.isFinite(v) && (power == 0 || (power < 2 ? v >= 0 : v > 0));
            if (!ok) {
                String need = power == 0 ? "finite" : power < 2 ? ">= 0" : "> 0";
                throw new IllegalArgumentException(name + ": the target must be " + need + (power == 0 ? "" : " (power " + power + ")")
                        + ", got y = " + v + " at row " + i);
            }
        }
    }

    @Override
    protected GlmModel train(Dataset data) {
        data.requireFiniteFeatures(family);
        long t0 = System.nanoTime();
        Params ps = params();
        double power = familyPower();
        double[] y = data.target();
        checkTarget(family, y, power);
        double[] w = data.weights();
        boolean intercept = ps.getBoolean("fit_intercept");
        int p = data.featureCount();
        // CSR input stays sparse: the objective's products cost O(nnz)
        GlmObjective f = data.isSparse() ? new GlmObjective(data.sparseFeatures(), y, w, power, ps.getDouble("alpha"), intercept)
                : new GlmObjective(data.features(), y, w, power, ps.getDouble("alpha"), intercept);
        double[] theta0 = new double[f.dimension()];
        if (intercept) {
            double sy = 0;
            double sw = 0;
            for (int i = 0; i < y.length; i++) {
                double wi = w == null ? 1 : w[i];
                sy += wi * y[i];
                sw += wi;
            }
            double mean = sy / sw;
            if (!(mean > 0)) {
                throw new IllegalArgumentException(family + ": the weighted mean of the target is " + mean
                        + "; with the log link it must be > 0 (all-zero counts have their optimum at an infinite negative intercept)");
            }
            theta0[p] = Math.log(mean);
        }
        int maxIter = ps.getInt("max_iter");
        StopCriteria stop = StopCriteria.DEFAULT.withMaxIterations(maxIter).withMaxEvaluations(Math.max(100_000, 20 * maxIter + 1))
                .withGradientTolerance(ps.getDouble("tol")).withRecordTrajectory(true);
        String solver = ps.getString("solver");
        OptimResult r = solver.equals("newton")
                ? Newton.defaults().withStop(stop).minimize(f, theta0, null)
                : LBFGS.defaults().withStop(stop).minimize(f, theta0, null);
        double[] theta = r.solution();
        double[] coef = java.util.Arrays.copyOf(theta, p);
        double b = intercept ? theta[p] : 0;
        for (double c : theta) {
            if (!Double.isFinite(c)) {
                throw new IllegalStateException(family + ": the solver produced a non-finite coefficient (" + r.stopReason()
                        + "); scale the features or increase alpha");
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!r.converged()) {
            warnings.add(String.format(Locale.ROOT, "%s did not converge: %s after %d iterations, gradient norm %.3g > tol = %.3g; "
                    + "increase max_iter or scale the features", solver, r.stopReason(), r.iterations(), r.gradientNorm(), ps.getDouble("tol")));
        }
        TrainingReport report = new TrainingReport(r.iterations(), r.converged(),
                r.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' '), r.trajectory(), secondsSince(t0), warnings,
                data.isSparse() ? Map.of("objective", r.value(), "gradient_norm", r.gradientNorm(), "sparse", 1.0)
                        : Map.of("objective", r.value(), "gradient_norm", r.gradientNorm()));
        return new GlmModel(family, power, ps, ModelSchema.of(data), report, coef, b);
    }
}
