package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.optim.LBFGS;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sparse-input paths of the linear learners: when {@link Dataset#isSparse()} the learners
 * {@link Lasso}, {@link ElasticNet}, {@link LogisticRegression} and {@link LinearSVC} come here and fit on
 * the CSR matrix without densifying it. The objectives are exactly those of the dense fits, so the
 * solutions agree with them (and with scikit-learn on {@code scipy.sparse} input) to solver tolerance.
 *
 * <p>Centring, as scikit-learn does for sparse {@code X}: the features are never centred in memory. The
 * elastic net keeps the centring implicit ({@link SparseElasticNet}: the same minimiser as on the centred
 * dense design); logistic regression and the linear SVM do not centre at all on dense input either (an
 * unpenalised intercept for logistic regression; LIBLINEAR's penalised bias feature for the SVM, appended
 * as one more stored entry per row).
 */
final class SparseLearners {

    private SparseLearners() {
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Lasso / elastic net on sparse features by {@link SparseElasticNet} ({@code precompute} is ignored). */
    static PenalizedLinearModel elasticNet(String name, Params p, Dataset data, double rho, double[] start) {
        data.requireFiniteFeatures(name);
        long t0 = System.nanoTime();
        if (data.size() == 0) {
            throw new IllegalArgumentException(name + " cannot be fitted on an empty data set (0 rows)");
        }
        double alpha = p.getDouble("alpha");
        SparseElasticNet.Fit r = SparseElasticNet.fit(data.sparseFeatures(), data.target(), data.weights(), alpha, rho,
                p.getBoolean("fit_intercept"), p.getBoolean("positive"), p.getDouble("tol"), p.getInt("max_iter"), start);
        List<String> warnings = new ArrayList<>();
        if (!r.converged()) {
            warnings.add("coordinate descent did not converge in max_iter = " + p.getInt("max_iter") + " sweeps (duality gap "
                    + r.dualGap() + "); increase max_iter or tol");
        }
        if (alpha == 0) {
            warnings.add("alpha = 0: coordinate descent on plain least squares converges slowly; prefer ols");
        }
        TrainingReport report = new TrainingReport(r.iterations(), r.converged(),
                r.converged() ? "duality gap <= tol" : "max_iter reached", new double[0], secondsSince(t0), warnings,
                Map.of("dual_gap", r.dualGap(), "alpha", alpha, "nonzero", (double) ElasticNet.countNonZero(r.coef()),
                        "gram", 0.0, "sparse", 1.0));
        return new PenalizedLinearModel(name, p, ModelSchema.of(data), report, r.coef(), r.intercept(), alpha, rho,
                r.dualGap(), new double[0], new double[0]);
    }

    /**
     * Logistic regression on sparse features: {@code lbfgs} (smooth penalties) on {@link SparseLogistic.Objective},
     * {@code newton_cd} by {@link SparseLogistic#proximalNewton} (any penalty), {@code saga} by {@link LogisticSaga}
     * on the CSR arrays. {@code newton} (exact dense Hessian, {@code (K p)^2} memory) runs as {@code newton_cd},
     * which is the same Newton method with coordinate-descent subproblems (a warning says so).
     */
    static LogisticModel logistic(LogisticRegression learner, Dataset data) {
        String name = LogisticRegression.NAME;
        data.requireFiniteFeatures(name);
        long t0 = System.nanoTime();
        Params ps = learner.params();
        double[] s = LogisticRegression.rowWeights(data, ps.getString("class_weight"));
        double total = 0;
        for (double v : s) {
            total += v;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException(name + ": the sample weights sum to " + total + "; at least one must be positive");
        }
        SparseMatrix x = data.sparseFeatures();
        int[] y = data.labels();
        int numClasses = data.numClasses();
        double[] pen = learner.penaltyStrengths();
        double l1 = pen[0];
        String solver = ps.getString("solver");
        List<String> warnings = new ArrayList<>();
        if (l1 > 0 && (solver.equals("lbfgs") || solver.equals("newton"))) {
            throw new IllegalArgumentException(name + ": solver '" + solver + "' handles only the smooth penalties l2 and none, not penalty '"
                    + ps.getString("penalty") + "'; use solver 'newton_cd' or 'saga'");
        }
        if (solver.equals("newton")) {
            warnings.add("solver 'newton' forms a dense (K p)^2 Hessian; on sparse input it runs as 'newton_cd' (the same "
                    + "Newton steps solved by coordinate descent)");
            solver = "newton_cd";
        }
        boolean intercept = ps.getBoolean("fit_intercept");
        SparseLogistic.Objective f = new SparseLogistic.Objective(x, y, s, numClasses, intercept, pen[1]);
        int maxIter = ps.getInt("max_iter");
        double gtol = ps.getDouble("tol") * total;
        double[] theta;
        int iterations;
        boolean converged;
        String stopReason;
        double[] trajectory;
        String notConverged;
        switch (solver) {
            case "newton_cd" -> {
                LogisticProximalNewton.Result r = SparseLogistic.proximalNewton(f, x.transpose(), l1, gtol, maxIter);
                theta = r.theta();
                iterations = r.iterations();
                converged = r.converged();
                stopReason = converged ? "converged" : "stopped";
                trajectory = r.trajectory();
                notConverged = String.format(Locale.ROOT, "newton_cd did not converge after %d iterations: KKT residual %.3g > tol * sum(weights) = %.3g; "
                        + "increase max_iter or scale the features", r.iterations(), r.kkt(), gtol);
            }
            case "saga" -> {
                LogisticSaga.Fit r = LogisticSaga.run(x.rows(), x.cols(), x.rowPointers(), x.columnIndices(), x.values(), y, s,
                        numClasses, intercept, l1, pen[1], ps.getDouble("tol"), maxIter, ps.getLong("seed"));
                theta = new double[f.dimension()];
                for (int c = 0; c < r.coef().rows(); c++) {
                    for (int j = 0; j < f.p; j++) {
                        theta[c * f.d + j] = r.coef().get(c, j);
                    }
                    if (intercept) {
                        theta[c * f.d + f.p] = r.intercepts()[c];
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
                StopCriteria stop = StopCriteria.DEFAULT.withMaxIterations(maxIter)
                        .withMaxEvaluations(Math.max(100_000, 20 * maxIter + 1))
                        .withGradientTolerance(gtol).withRecordTrajectory(true);
                OptimResult r = LBFGS.defaults().withStop(stop).minimize(f, new double[f.dimension()], null);
                theta = r.solution();
                iterations = r.iterations();
                converged = r.converged();
                stopReason = r.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
                trajectory = r.trajectory();
                notConverged = String.format(Locale.ROOT, "lbfgs did not converge: %s after %d iterations, gradient norm %.3g > tol * sum(weights) = %.3g; "
                        + "increase max_iter or scale the features", r.stopReason(), r.iterations(), r.gradientNorm(), gtol);
            }
        }
        double[] grad = new double[f.dimension()];
        double objective = f.valueAndGradient(theta, grad) + l1 * LogisticProximalNewton.l1Norm(f, theta);
        double kkt = LogisticProximalNewton.norm2(LogisticProximalNewton.minNormSubgradient(f, theta, grad, l1));
        Matrix coef = Matrix.zeros(f.k, f.p);
        double[] b = new double[f.k];
        int nonzero = 0;
        for (int c = 0; c < f.k; c++) {
            for (int j = 0; j < f.p; j++) {
                double v = theta[c * f.d + j];
                coef.set(c, j, v);
                nonzero += v != 0 ? 1 : 0;
            }
            b[c] = intercept ? theta[c * f.d + f.p] : 0;
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
        if (!converged) {
            warnings.add(notConverged);
        }
        ModelSchema schema = ModelSchema.of(data);
        LogisticModel model0 = new LogisticModel(ps, schema, TrainingReport.closedForm(0, List.of(), Map.of()), coef, b);
        int[] pred = model0.predict(x);
        boolean separated = true;
        for (int i = 0; i < y.length && separated; i++) {
            separated = s[i] == 0 || pred[i] == y[i];
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
                Map.of("objective", objective, "gradient_norm", kkt, "kkt_residual", kkt, "nonzero_coefficients", (double) nonzero,
                        "sparse", 1.0));
        return new LogisticModel(ps, schema, report, coef, b);
    }
}
