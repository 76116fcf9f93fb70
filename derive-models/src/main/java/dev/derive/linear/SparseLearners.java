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
 * {@link Lasso}, {@link ElasticNet}, {@link LassoCV}/{@link ElasticNetCV} (refit), {@link LogisticRegression} and {@link LinearSVC} come here and fit on
 * the CSR matrix without densifying it. The objectives are exactly those of the dense fits, so the
 * solutions agree with them (and with scikit-learn on {@code scipy.sparse} input) to solver tolerance.
 *
 * <p>Centring, as scikit-learn does for sparse {@code X}: the features are never centred in memory. The
 * elastic net keeps the centring implicit ({@link SparseElasticNet}: the same minimiser as on the centred
 * dense design); logistic regression and the linear SVM do not centre at all on dense input either (an
 * unpenalised intercept for logistic regression; LIBLINEAR's penalised bias feature for the SVM, appended
 * as one more stored entry per row).
 *
 * <p>Other learners read CSR input in their own classes: {@link Ridge} ({@link SparseRidge}), {@link LinearRegression}
 * ({@link SparseLeastSquares}), {@link Huber} ({@link HuberObjective}), {@link QuantileRegression}
 * ({@link SparseQuantileRegression}), {@link LinearSVR} ({@link DualCoordinateDescent} rows), the multi-output fits of
 * {@code ols} and {@code ridge}, and the GLMs; {@link ElasticNetCV}/{@link LassoCV} fold paths use
 * {@link SparseElasticNet#path} with strong-rule screening.
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
        return elasticNet(name, p, data, p.getDouble("alpha"), rho, start, new double[0], new double[0], t0);
    }

    /** The refit of {@link ElasticNetCV}/{@link LassoCV} on sparse data at the chosen {@code alpha}, keeping the grid and scores. */
    static PenalizedLinearModel elasticNetRefit(String name, Params p, Dataset data, double alpha, double rho, double[] grid,
                                                double[] scores, long t0) {
        return elasticNet(name, p, data, alpha, rho, null, grid, scores, t0);
    }

    private static PenalizedLinearModel elasticNet(String name, Params p, Dataset data, double alpha, double rho, double[] start,
                                                   double[] grid, double[] scores, long t0) {
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
                r.dualGap(), grid, scores);
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
        double total = LogisticRegression.totalWeight(s);
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
        LogisticRegression.SolverRun run = switch (solver) {
            case "newton_cd" -> LogisticRegression.SolverRun.of(SparseLogistic.proximalNewton(f, x.transpose(), l1, gtol, maxIter), gtol);
            case "saga" -> {
                LogisticSaga.Fit r = LogisticSaga.run(x.rows(), x.cols(), x.rowPointers(), x.columnIndices(), x.values(), y, s,
                        numClasses, intercept, l1, pen[1], ps.getDouble("tol"), maxIter, ps.getLong("seed"));
                yield LogisticRegression.SolverRun.of(r, f.pack(r.coef(), r.intercepts()), ps.getDouble("tol"));
            }
            default -> {
                StopCriteria stop = LogisticRegression.stopCriteria(maxIter, gtol);
                yield LogisticRegression.SolverRun.of("lbfgs", LBFGS.defaults().withStop(stop).minimize(f, new double[f.dimension()], null),
                        gtol);
            }
        };
        double[] theta = run.theta();
        double[] grad = new double[f.dimension()];
        double objective = f.valueAndGradient(theta, grad) + l1 * LogisticProximalNewton.l1Norm(f, theta);
        double kkt = LogisticProximalNewton.norm2(LogisticProximalNewton.minNormSubgradient(f, theta, grad, l1));
        return LogisticRegression.finish(ps, data, s, pen, run, f.weights(theta), f.intercepts(theta), null, objective, kkt,
                warnings, t0);
    }
}
