package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.data.KFold;
import dev.derive.data.Split;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.runtime.Parallelism;
import java.util.ArrayList;
import java.util.List;

/**
 * Elastic net with {@code alpha} (and {@code l1_ratio}, when a list is given) chosen by k-fold
 * cross-validation, as scikit-learn's {@code ElasticNetCV}: for each {@code l1_ratio} the grid of {@code n_alphas} values from {@code alpha_max = max|X'y|/(n l1_ratio)}
 * down to {@code eps alpha_max} is computed on the whole data; on each fold ({@link KFold} without
 * shuffling, the folds of scikit-learn's {@code cv=k}) the {@link ElasticNetPath} is fitted on the training
 * rows (centred on them) and the mean squared error of every grid point measured on the held-out rows
 * (weighted by the sample weights if any). The pair {@code (l1_ratio, alpha)} with the smallest mean over
 * folds is refitted on all the data; ties go to the larger alpha and then to the earlier {@code l1_ratio} of
 * the list, as scikit-learn. {@code l1_ratio} is a list parameter ({@code 0.1,0.5,0.9,1} on the command line;
 * a single number is a one-element list). The model keeps the chosen {@code l1_ratio}, and the grid and the
 * mean MSE per alpha of that {@code l1_ratio}.
 * Folds run in parallel ({@link Parallelism}); each fold is deterministic, so the result does not depend
 * on the thread count.
 *
 * <p>Sparse input ({@link Dataset#isSparse()}): the grid, the fold paths and the refit run on the CSR matrix with
 * implicit centring ({@link SparseElasticNet}), as scikit-learn's {@code ElasticNetCV} on {@code scipy.sparse} input;
 * the data are never densified. The fold paths use the sequential strong rule with the KKT check (as the dense path),
 * which leaves most inactive features out of each solve and gives the unscreened path to solver tolerance. The solutions are the dense ones to solver tolerance.
 */
public final class ElasticNetCV extends NamedLearner<ElasticNetCV, PenalizedLinearModel> {

    /** The registered name. */
    public static final String NAME = "elastic_net_cv";

    static List<Param<?>> cvSpecs() {
        return List.of(
                Param.integer("n_alphas", 100, 1, 100_000, "number of alphas on the grid"),
                Param.positive("eps", 1e-3, "smallest alpha on the grid relative to alpha_max"),
                Param.integer("cv", 5, 2, 1_000_000, "number of folds (k-fold without shuffling, as scikit-learn's cv=k)"));
    }

    static final List<Param<?>> SPECS;

    static {
        List<Param<?>> s = new ArrayList<>();
        s.add(Param.reals("l1_ratio", new double[] {0.5}, 0, false, 1, true,
                "mix(es) of the penalty in (0, 1] to choose from by CV, e.g. 0.1,0.5,1 (1 = lasso)"));
        s.addAll(cvSpecs());
        s.addAll(ElasticNet.commonSpecs());
        SPECS = List.copyOf(s);
    }

    private ElasticNetCV(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults ({@code l1_ratio = 0.5}, 100 alphas, eps 1e-3, 5 folds). */
    public static ElasticNetCV learner() {
        return new ElasticNetCV(defaults(SPECS));
    }

    public ElasticNetCV l1Ratio(double r) {
        return with("l1_ratio", r);
    }

    /** Several mixes to choose from jointly with alpha by cross-validation (scikit-learn's list {@code l1_ratio}). */
    public ElasticNetCV l1Ratios(double... r) {
        return with("l1_ratio", r);
    }

    public ElasticNetCV nAlphas(int n) {
        return with("n_alphas", n);
    }

    public ElasticNetCV eps(double e) {
        return with("eps", e);
    }

    public ElasticNetCV cv(int k) {
        return with("cv", k);
    }

    public ElasticNetCV tol(double t) {
        return with("tol", t);
    }

    public ElasticNetCV maxIter(int m) {
        return with("max_iter", m);
    }


    @Override
    protected ElasticNetCV create(Params params) {
        return new ElasticNetCV(params);
    }

    @Override
    protected PenalizedLinearModel train(Dataset data) {
        return fitCv(NAME, params(), data, params().getDoubles("l1_ratio"));
    }

    /**
     * The cross-validation result.
     *
     * @param alphas   the grid (decreasing)
     * @param msePath  {@code m x k}: the held-out MSE of grid point {@code i} on fold {@code f}
     * @param meanMse  the mean over folds per grid point
     * @param best     the index of the chosen alpha
     */
    public record CvPath(double[] alphas, Matrix msePath, double[] meanMse, int best) {
        public double bestAlpha() {
            return alphas[best];
        }
    }

    /**
     * Cross-validates the elastic-net path on {@code data} over {@code folds} contiguous folds.
     */
    public static CvPath crossValidate(Dataset data, ElasticNetPath.Settings s, int nAlphas, double eps, int folds) {
        data.requireFiniteFeatures("cross-validated elastic net");
        if (data.isSparse()) {
            return crossValidateSparse(data, s, nAlphas, eps, folds);
        }
        Matrix x = data.features();
        double[] y = data.target();
        double[] w = data.weights();
        int n = x.rows();
        double[] alphas = ElasticNetPath.alphaGrid(x, y, w, s.fitIntercept(), s.l1Ratio(), nAlphas, eps);
        List<Split> splits = new KFold(folds).split(n);
        int m = alphas.length;
        double[][] mse = new double[folds][];
        Parallelism.forEach(folds, 2, f -> {
            Split sp = splits.get(f);
            Dataset train = data.subset(sp.train());
            ElasticNetPath.Path path = ElasticNetPath.compute(train.features(), train.target(), train.weights(), s, alphas);
            int[] test = sp.test();
            double[] e = new double[m];
            for (int k = 0; k < m; k++) {
                double[] b = path.coef(k);
                double b0 = path.intercepts()[k];
                double sum = 0;
                double sw = 0;
                for (int i : test) {
                    double pred = b0;
                    for (int j = 0; j < b.length; j++) {
                        if (b[j] != 0) {
                            pred += x.get(i, j) * b[j];
                        }
                    }
                    double wi = w == null ? 1 : w[i];
                    double r = y[i] - pred;
                    sum += wi * r * r;
                    sw += wi;
                }
                e[k] = sum / sw;
            }
            mse[f] = e;
        });
        return summarise(alphas, mse, folds);
    }

    /**
     * The sparse (CSR) version of {@link #crossValidate}: the grid from the implicitly centred {@code X~'y~} on all
     * rows, each fold's path by {@link SparseElasticNet#path} on its training rows (centred on them, implicitly), the
     * held-out MSE by sparse row products. The same folds and criterion, so the same choice as on dense data.
     */
    static CvPath crossValidateSparse(Dataset data, ElasticNetPath.Settings s, int nAlphas, double eps, int folds) {
        SparseMatrix x = data.sparseFeatures();
        double[] y = data.target();
        double[] w = data.weights();
        int n = x.rows();
        SparseElasticNet.Design all = SparseElasticNet.Design.of(x, y, w, s.fitIntercept());
        double[] alphas = ElasticNetPath.grid(all.xty(), n, s.l1Ratio(), nAlphas, eps);
        List<Split> splits = new KFold(folds).split(n);
        int m = alphas.length;
        int[] rp = x.rowPointers();
        int[] ci = x.columnIndices();
        double[] xv = x.values();
        double[][] mse = new double[folds][];
        Parallelism.forEach(folds, 2, f -> {
            Split sp = splits.get(f);
            Dataset train = data.subset(sp.train());
            ElasticNetPath.Path path = SparseElasticNet.path(
                    SparseElasticNet.Design.of(train.sparseFeatures(), train.target(), train.weights(), s.fitIntercept()), alphas, s);
            int[] test = sp.test();
            double[] e = new double[m];
            for (int k = 0; k < m; k++) {
                double[] b = path.coef(k);
                double b0 = path.intercepts()[k];
                double sum = 0;
                double sw = 0;
                for (int i : test) {
                    double pred = b0;
                    for (int q = rp[i]; q < rp[i + 1]; q++) {
                        pred += xv[q] * b[ci[q]];
                    }
                    double wi = w == null ? 1 : w[i];
                    double r = y[i] - pred;
                    sum += wi * r * r;
                    sw += wi;
                }
                e[k] = sum / sw;
            }
            mse[f] = e;
        });
        return summarise(alphas, mse, folds);
    }

    private static CvPath summarise(double[] alphas, double[][] mse, int folds) {
        int m = alphas.length;
        Matrix msePath = Matrix.zeros(m, folds);
        double[] mean = new double[m];
        int best = 0;
        for (int k = 0; k < m; k++) {
            double s2 = 0;
            for (int f = 0; f < folds; f++) {
                msePath.set(k, f, mse[f][k]);
                s2 += mse[f][k];
            }
            mean[k] = s2 / folds;
            if (mean[k] < mean[best]) {
                best = k;
            }
        }
        return new CvPath(alphas, msePath, mean, best);
    }

    static PenalizedLinearModel fitCv(String name, Params p, Dataset data, double rho) {
        return fitCv(name, p, data, new double[] {rho});
    }

    /**
     * Cross-validates every {@code l1_ratio} of {@code rhos} and refits the best {@code (l1_ratio, alpha)}: the
     * first l1_ratio whose best mean MSE is strictly smaller than all earlier ones', as scikit-learn.
     */
    static PenalizedLinearModel fitCv(String name, Params p, Dataset data, double[] rhos) {
        long t0 = System.nanoTime();
        int folds = p.getInt("cv");
        if (data.size() < folds) {
            throw new IllegalArgumentException(name + ": cv = " + folds + " folds need at least " + folds + " rows; got " + data.size());
        }
        CvPath cv = null;
        double rho = Double.NaN;
        for (double r : rhos) {
            CvPath c = crossValidate(data, ElasticNet.settings(p, r), p.getInt("n_alphas"), p.getDouble("eps"), folds);
            if (cv == null || c.meanMse()[c.best()] < cv.meanMse()[cv.best()]) {
                cv = c;
                rho = r;
            }
        }
        ElasticNetPath.Settings s = ElasticNet.settings(p, rho);
        double alpha = cv.bestAlpha();
        if (data.isSparse()) {
            return SparseLearners.elasticNetRefit(name, p, data, alpha, rho, cv.alphas(), cv.meanMse(), t0);
        }
        PenalizedDesign.Prepared d = PenalizedDesign.prepare(data.features(), data.target(), data.weights(), s.fitIntercept());
        int n = d.rows();
        CoordinateDescent cd = ElasticNetPath.solver(d, s);
        CoordinateDescent.Result r = cd.solve(n * alpha * rho, n * alpha * (1 - rho), null, null, s.positive(), s.tol(),
                s.maxIter());
        return ElasticNet.model(name, p, data, d, r, alpha, rho, cd.usesGram(), secondsSince(t0), cv.alphas(), cv.meanMse(),
                List.of());
    }
}
