package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted linear model with {@code k} outputs, {@code Y = 1 b' + X B}: the coefficients {@code B}
 * ({@code p x k}, column {@code t} for target {@code t}) and intercepts {@code b} ({@code k}), as
 * scikit-learn's {@code LinearRegression}/{@code Ridge} fitted on a 2-D {@code y} (whose {@code coef_} is
 * {@code B'}). Produced by {@link LinearRegression#fitMulti} (kind {@code ols.multi_output}) and
 * {@link Ridge#fitMulti} (kind {@code ridge.multi_output}; one alpha for all targets or one per target, {@link #alphas()})
 * and {@link RidgeCV#fitMulti} (kind {@code ridge_cv.multi_output}, alpha chosen by leave-one-out CV jointly or per
 * target): each column is the solution the single-target
 * learner would give for that target, all from one factorisation of the design. {@link #predict(Matrix)} returns
 * an {@code n x k} matrix ({@link #predict(SparseMatrix)} on CSR rows). Fitted on sparse (CSR) features, the OLS and ridge
 * fits never densify them (see {@link LinearRegression} and {@link Ridge}). Immutable and thread-safe. The schema's target name lists the target names,
 * comma-separated; {@link #targetNames()} gives them as a list.
 */
public final class MultiOutputLinearModel extends AbstractModel {

    /** Kind of the models of {@link LinearRegression#fitMulti}. */
    public static final String OLS_KIND = LinearRegression.NAME + ".multi_output";
    /** Kind of the models of {@link Ridge#fitMulti}. */
    public static final String RIDGE_KIND = Ridge.NAME + ".multi_output";
    /** Kind of the models of {@link RidgeCV#fitMulti}. */
    public static final String RIDGE_CV_KIND = RidgeCV.NAME + ".multi_output";

    private final String kind;
    private final Matrix coef;
    private final double[] intercepts;
    private final List<String> targetNames;
    private final String solver;
    private final int rank;
    private final double[] alphas;

    MultiOutputLinearModel(String kind, Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts,
                           List<String> targetNames, String solver, int rank) {
        this(kind, params, schema, report, coef, intercepts, targetNames, solver, rank, null);
    }

    MultiOutputLinearModel(String kind, Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts,
                           List<String> targetNames, String solver, int rank, double[] alphas) {
        super(params, schema, report);
        if (alphas != null && alphas.length != intercepts.length) {
            throw new IllegalArgumentException("multi-output model has " + alphas.length + " alphas for " + intercepts.length + " targets");
        }
        this.alphas = alphas == null ? null : alphas.clone();
        if (coef.rows() != schema.featureCount() || coef.cols() != intercepts.length || targetNames.size() != intercepts.length) {
            throw new IllegalArgumentException("multi-output coefficients are " + coef.rows() + " x " + coef.cols() + " for "
                    + schema.featureCount() + " features, " + intercepts.length + " intercepts and " + targetNames.size() + " target names");
        }
        this.kind = kind;
        this.coef = coef.copy();
        this.intercepts = intercepts.clone();
        this.targetNames = List.copyOf(targetNames);
        this.solver = solver;
        this.rank = rank;
    }

    @Override
    public String kind() {
        return kind;
    }

    /** The coefficients {@code B}, {@code p x k}: column {@code t} for target {@code t} (a copy). */
    public Matrix coefficients() {
        return coef.copy();
    }

    /** The intercepts, one per target (zeros when fitted without). */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** The number of targets {@code k}. */
    public int outputs() {
        return intercepts.length;
    }

    /** The target names, {@code y0, y1, ...} unless given. */
    public List<String> targetNames() {
        return targetNames;
    }

    /** The solver that produced the coefficients. */
    public String solver() {
        return solver;
    }

    /** The numerical rank of the centred design as seen by the solver. */
    public int rank() {
        return rank;
    }

    /**
     * The ridge penalty of each target ({@code k} values; all equal unless fitted with one alpha per target, or chosen
     * per target by {@link RidgeCV#fitMulti} with {@code alpha_per_target}); {@code null} for least squares. A copy.
     */
    public double[] alphas() {
        return alphas == null ? null : alphas.clone();
    }

    /** The predictions {@code 1 b' + X B}, {@code n x k}. */
    public Matrix predict(Matrix x) {
        schema().check(x, kind, true);
        Matrix y = x.rows() == 0 ? Matrix.zeros(0, intercepts.length) : x.mmul(coef);
        return y.addRowVector(intercepts);
    }

    /** The predictions {@code 1 b' + X B}, {@code n x k}, for sparse (CSR) {@code x}, never densified ({@code O(nnz k)}). */
    public Matrix predict(SparseMatrix x) {
        if (x.cols() != schema().featureCount()) {
            throw new IllegalArgumentException(kind + ": the matrix has " + x.cols() + " columns but the model was trained on "
                    + schema().featureCount() + " features");
        }
        Matrix y = x.rows() == 0 ? Matrix.zeros(0, intercepts.length) : x.mmul(coef);
        return y.addRowVector(intercepts);
    }

    // ------------------------------------------------------------------ shared fitting checks

    /** The targets' default names {@code y0, y1, ...}. */
    static List<String> defaultTargetNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int t = 0; t < k; t++) {
            names.add("y" + t);
        }
        return names;
    }

    /** Checks the shapes and values of a multi-output problem, naming the learner and the offending entry. */
    static void checkProblem(String learner, Dataset features, Matrix y) {
        if (y == null) {
            throw new IllegalArgumentException(learner + ": the target matrix is null");
        }
        int n = features.size();
        if (n == 0) {
            throw new IllegalArgumentException(learner + " cannot be fitted on an empty data set (0 rows)");
        }
        if (features.featureCount() == 0) {
            throw new IllegalArgumentException(learner + " needs at least one feature; the data set has none");
        }
        if (y.rows() != n) {
            throw new IllegalArgumentException(learner + ": the target matrix has " + y.rows() + " rows but the features have " + n);
        }
        if (y.cols() == 0) {
            throw new IllegalArgumentException(learner + ": the target matrix has no columns (needs at least one target)");
        }
        features.requireFiniteFeatures(learner);
        for (int t = 0; t < y.cols(); t++) {
            for (int i = 0; i < n; i++) {
                double v = y.get(i, t);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(learner + ": target " + t + " is " + v + " at row " + i + "; targets must be finite");
                }
            }
        }
        double[] w = features.weights();
        if (w != null) {
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                    throw new IllegalArgumentException(learner + ": sample weight " + w[i] + " at row " + i + " must be finite and >= 0");
                }
            }
        }
    }

    /** The schema of a multi-output fit: the features of {@code data}, the target names joined by commas. */
    static ModelSchema schema(Dataset data, List<String> targetNames) {
        return new ModelSchema(data.featureInfo(), String.join(",", targetNames), List.of(), data.size(), null);
    }

    /** {@code x} (copied) as a data set with features {@code x0, x1, ...} and sample weights {@code w} (may be null). */
    static Dataset features(Matrix x, double[] w) {
        if (x == null) {
            throw new IllegalArgumentException("the feature matrix is null");
        }
        Dataset d = Dataset.regression(x, new double[x.rows()]);
        return w == null ? d : d.withWeights(w);
    }

    @Override
    public String toString() {
        return kind + " model: " + schema().featureCount() + " features x " + intercepts.length + " targets " + targetNames;
    }
}
