package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linear support vector classifier trained by dual coordinate descent as LIBLINEAR (Hsieh et al. 2008; see
 * {@link DualCoordinateDescent}), with scikit-learn's {@code LinearSVC(dual=True)} objective and parameter
 * names ({@code C} is spelled {@code c}): for each binary problem it minimises
 * {@code ||w||^2 / 2 + sum_i C_i xi(y_i (w'x_i + b))} with the hinge {@code max(0, 1 - m)} or the squared
 * hinge {@code max(0, 1 - m)^2} (default), {@code C_i = C * class_weight * sample_weight}.
 *
 * <p>Intercept: as LIBLINEAR, each row gets an extra constant feature {@code intercept_scaling} whose weight
 * {@code w_b} is penalised like the others, and {@code b = intercept_scaling * w_b} (so the intercept is
 * shrunk; a larger {@code intercept_scaling} weakens that).
 *
 * <p>Two classes fit one vector, for the second class ({@code y = +1}); more classes fit one-vs-rest, one
 * vector per class, and predict the class with the largest decision value. With class weights, as
 * LIBLINEAR's one-vs-rest, the rows of class {@code k} get {@code C * weight_k} and all other rows plain
 * {@code C} in the problem of class {@code k}. Coordinates are visited in a random order drawn from
 * {@code seed}, one independent stream per binary problem; the one-vs-rest problems run in parallel
 * ({@link Parallelism}) and the results do not depend on the thread count.
 *
 * <p>No probabilities: an SVM's decision values are not calibrated, and this model does not fit a Platt
 * sigmoid; {@link LinearSvmModel#predictProba} throws {@link UnsupportedOperationException}. Use
 * {@link LinearSvmModel#decisionFunction}, or {@link LogisticRegression} when probabilities are needed.
 */
public final class LinearSVC extends NamedLearner<LinearSVC, LinearSvmModel> {

    /** The registered name. */
    public static final String NAME = "linear_svm";

    static final List<Param<?>> SPECS = List.of(
            Param.positive("c", 1.0, "scikit-learn's C: weight of the summed loss against ||w||^2 / 2"),
            Param.choice("loss", "squared_hinge", List.of("hinge", "squared_hinge"), "hinge max(0, 1 - m) or its square"),
            Param.flag("fit_intercept", true, "append a constant feature intercept_scaling (penalised, as LIBLINEAR)"),
            Param.positive("intercept_scaling", 1.0, "value of the appended bias feature; intercept = intercept_scaling * its weight"),
            Param.positive("tol", 1e-4, "stop when the spread of projected dual gradients is at most tol"),
            Param.integer("max_iter", 1000, 1, Integer.MAX_VALUE, "maximum epochs of coordinate descent"),
            Param.choice("class_weight", "none", List.of("none", "balanced"), "none, or balanced: n / (K n_k) per class"),
            Param.flag("shrinking", true, "remove coordinates stuck at a bound from the active set (Hsieh et al. 2008, 3.2)"),
            Param.seed(0));

    private LinearSVC(Params params) {
        super(NAME, Dataset.Task.CLASSIFICATION, params);
    }

    /** The learner with scikit-learn's defaults (squared hinge, {@code C = 1}, {@code tol = 1e-4}, 1000 epochs). */
    public static LinearSVC learner() {
        return new LinearSVC(defaults(SPECS));
    }

    public LinearSVC c(double c) {
        return with("c", c);
    }

    public LinearSVC loss(String loss) {
        return with("loss", loss);
    }

    public LinearSVC fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }

    public LinearSVC interceptScaling(double s) {
        return with("intercept_scaling", s);
    }

    public LinearSVC tol(double t) {
        return with("tol", t);
    }

    public LinearSVC maxIter(int n) {
        return with("max_iter", n);
    }

    public LinearSVC classWeight(String s) {
        return with("class_weight", s);
    }

    public LinearSVC shrinking(boolean b) {
        return with("shrinking", b);
    }

    public LinearSVC seed(long seed) {
        return with("seed", seed);
    }

    @Override
    protected LinearSVC create(Params params) {
        return new LinearSVC(params);
    }

    /** Row-major copies of the rows of {@code x}, with the bias feature {@code scaling} appended when {@code bias}. */
    static double[][] rows(Matrix x, boolean bias, double scaling) {
        int n = x.rows();
        int p = x.cols();
        double[][] r = new double[n][p + (bias ? 1 : 0)];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                r[i][j] = x.get(i, j);
            }
        }
        if (bias) {
            for (int i = 0; i < n; i++) {
                r[i][p] = scaling;
            }
        }
        return r;
    }

    /** Sample weights, checked (ones when the data have none). */
    static double[] sampleWeights(Dataset data, String name) {
        double[] w = data.hasWeights() ? data.weights() : null;
        double[] s = new double[data.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = w == null ? 1 : w[i];
            if (!(s[i] >= 0) || Double.isInfinite(s[i])) {
                throw new IllegalArgumentException(name + ": sample weight " + s[i] + " at row " + i + " must be finite and >= 0");
            }
        }
        return s;
    }

    @Override
    protected LinearSvmModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        Params ps = params();
        double c = ps.getDouble("c");
        boolean bias = ps.getBoolean("fit_intercept");
        double scaling = ps.getDouble("intercept_scaling");
        boolean squared = ps.getString("loss").equals("squared_hinge");
        int[] y = data.labels();
        int n = y.length;
        int numClasses = data.numClasses();
        double[] sw = sampleWeights(data, NAME);
        int[] counts = new int[numClasses];
        for (int l : y) {
            counts[l]++;
        }
        double[] classWeight = new double[numClasses];
        int present = 0;
        for (int cnt : counts) {
            present += cnt > 0 ? 1 : 0;
        }
        for (int k = 0; k < numClasses; k++) {
            classWeight[k] = ps.getString("class_weight").equals("balanced") && counts[k] > 0 ? (double) n / (present * counts[k]) : 1;
        }
        // sparse data: CSR rows with the bias as one more entry per row, never densified
        DualCoordinateDescent.Rows rows = data.isSparse() ? DualCoordinateDescent.sparse(data.sparseFeatures(), bias, scaling)
                : DualCoordinateDescent.dense(rows(data.features(), bias, scaling));
        int p = data.featureCount();
        int problems = numClasses == 2 ? 1 : numClasses;
        Matrix coef = Matrix.zeros(problems, p);
        double[] intercepts = new double[problems];
        List<String> warnings = new ArrayList<>();
        DualCoordinateDescent.Result[] results = new DualCoordinateDescent.Result[problems];
        // the one-vs-rest problems are independent, each with its own seed: the same answer on any thread count
        Parallelism.forEach(problems, 2, k -> {
            int positive = numClasses == 2 ? 1 : k;
            double[] yy = new double[n];
            double[] ci = new double[n];
            for (int i = 0; i < n; i++) {
                yy[i] = y[i] == positive ? 1 : -1;
                // LIBLINEAR: binary problems weight both classes; one-vs-rest weights only the positive class
                double cw = numClasses == 2 || y[i] == positive ? classWeight[y[i]] : 1;
                ci[i] = c * cw * sw[i];
            }
            long seed = ps.getLong("seed") * 0x9E3779B97F4A7C15L + k;
            results[k] = DualCoordinateDescent.classify(rows, yy, ci, squared, ps.getDouble("tol"), ps.getInt("max_iter"),
                    ps.getBoolean("shrinking"), seed);
        });
        int maxEpochs = 0;
        boolean converged = true;
        double worst = 0;
        for (int k = 0; k < problems; k++) {
            DualCoordinateDescent.Result r = results[k];
            int positive = numClasses == 2 ? 1 : k;
            for (int j = 0; j < p; j++) {
                coef.set(k, j, r.w()[j]);
            }
            intercepts[k] = bias ? scaling * r.w()[p] : 0;
            maxEpochs = Math.max(maxEpochs, r.epochs());
            converged &= r.converged();
            worst = Math.max(worst, r.violation());
            if (!r.converged()) {
                warnings.add(String.format(Locale.ROOT, "class '%s': dual coordinate descent did not converge in %d epochs "
                        + "(projected gradient spread %.3g > tol %.3g); increase max_iter or scale the features",
                        data.classes().get(positive), r.epochs(), r.violation(), ps.getDouble("tol")));
            }
        }
        for (int k = 0; k < numClasses; k++) {
            if (counts[k] == 0) {
                warnings.add("class '" + data.classes().get(k) + "' has no training rows: it is never predicted");
            }
        }
        TrainingReport report = new TrainingReport(maxEpochs, converged, converged ? "converged" : "max iterations", null,
                secondsSince(t0), warnings, Map.of("projected_gradient_spread", worst));
        return new LinearSvmModel(ps, ModelSchema.of(data), report, coef, intercepts);
    }
}
