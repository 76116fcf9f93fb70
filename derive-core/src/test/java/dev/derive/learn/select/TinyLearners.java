package dev.derive.learn.select;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test-only learners for derive-core's model-selection tests (the real learners live in derive-models,
 * which depends on derive-core): a nearest-centroid classifier with softmax probabilities and an optional
 * seeded jitter of the centroids (a stochastic learner), and ridge regression by the normal equations.
 */
final class TinyLearners {

    private TinyLearners() {
    }

    /**
     * Nearest centroid: class {@code c}'s centroid is the mean of its training rows (plus, with
     * {@code noise > 0}, Gaussian jitter drawn from {@code seed}); {@code P(c | x)} is proportional to
     * {@code exp(-||x - mu_c||^2 / temperature)} over the classes seen in training, 0 for the others.
     */
    static final class Centroids extends AbstractLearner<Centroids, CentroidModel> {
        static final List<Param<?>> SPECS = List.of(
                Param.positive("temperature", 1.0, "softmax temperature"),
                Param.nonNegative("noise", 0.0, "standard deviation of the centroid jitter"),
                Param.choice("metric", "euclidean", List.of("euclidean", "manhattan"), "distance"),
                Param.seed(0));

        private Centroids(Params p) {
            super(p);
        }

        static Centroids learner() {
            return new Centroids(defaults(SPECS));
        }

        Centroids temperature(double t) {
            return with("temperature", t);
        }

        @Override
        public String name() {
            return "centroids";
        }

        @Override
        public Dataset.Task task() {
            return Dataset.Task.CLASSIFICATION;
        }

        @Override
        protected Centroids create(Params params) {
            return new Centroids(params);
        }

        @Override
        protected CentroidModel train(Dataset data) {
            int k = data.numClasses();
            int p = data.featureCount();
            double[][] mu = new double[k][p];
            int[] count = new int[k];
            int[] y = data.labels();
            Matrix x = data.features();
            for (int i = 0; i < y.length; i++) {
                count[y[i]]++;
                for (int j = 0; j < p; j++) {
                    mu[y[i]][j] += x.get(i, j);
                }
            }
            SplittableRandom rng = new SplittableRandom(params().getLong("seed"));
            double noise = params().getDouble("noise");
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < p; j++) {
                    mu[c][j] = count[c] == 0 ? Double.NaN : mu[c][j] / count[c] + noise * rng.nextGaussian();
                }
            }
            return new CentroidModel(params(), ModelSchema.of(data), mu, params().getDouble("temperature"),
                    params().getString("metric").equals("manhattan"));
        }
    }

    record CentroidModel(Params params, ModelSchema schema, double[][] mu, double temperature, boolean manhattan)
            implements Classifier {
        @Override
        public String kind() {
            return "centroids";
        }

        @Override
        public TrainingReport report() {
            return TrainingReport.closedForm(0, List.of(), Map.of());
        }

        @Override
        public Matrix predictProba(Matrix x) {
            int n = x.rows();
            int k = mu.length;
            Matrix out = Matrix.zeros(n, k);
            double[] s = new double[k];
            for (int i = 0; i < n; i++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (Double.isNaN(mu[c][0])) {
                        s[c] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double d = 0;
                    for (int j = 0; j < x.cols(); j++) {
                        double t = x.get(i, j) - mu[c][j];
                        d += manhattan ? Math.abs(t) : t * t;
                    }
                    s[c] = -d / temperature;
                    best = Math.max(best, s[c]);
                }
                double z = 0;
                for (int c = 0; c < k; c++) {
                    s[c] = Math.exp(s[c] - best);
                    z += s[c];
                }
                for (int c = 0; c < k; c++) {
                    out.set(i, c, s[c] / z);
                }
            }
            return out;
        }

        @Override
        public int[] predict(Matrix x) {
            return predictProba(x).rowArgmax();
        }
    }

    /** Ridge regression {@code (X'X + alpha I) beta = X'y} on centred data, with an unpenalised intercept. */
    static final class TinyRidge extends AbstractLearner<TinyRidge, RidgeModel> {
        static final List<Param<?>> SPECS = List.of(
                Param.nonNegative("alpha", 1.0, "L2 penalty"),
                Param.integer("min_rows", 1, 1, 1_000_000, "fail when the training part has fewer rows (for error tests)"));

        private TinyRidge(Params p) {
            super(p);
        }

        static TinyRidge learner() {
            return new TinyRidge(defaults(SPECS));
        }

        TinyRidge alpha(double a) {
            return with("alpha", a);
        }

        @Override
        public String name() {
            return "tiny_ridge";
        }

        @Override
        public Dataset.Task task() {
            return Dataset.Task.REGRESSION;
        }

        @Override
        protected TinyRidge create(Params params) {
            return new TinyRidge(params);
        }

        @Override
        protected RidgeModel train(Dataset data) {
            int minRows = params().getInt("min_rows");
            if (data.size() < minRows) {
                throw new IllegalArgumentException("tiny_ridge needs at least " + minRows + " rows, got " + data.size());
            }
            Matrix x = data.features();
            double[] y = data.target();
            double[] xm = x.columnMeans();
            double ym = 0;
            for (double v : y) {
                ym += v;
            }
            ym /= y.length;
            Matrix xc = x.subRowVector(xm);
            double[] yc = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                yc[i] = y[i] - ym;
            }
            Matrix g = xc.gram();
            double alpha = params().getDouble("alpha");
            for (int j = 0; j < g.rows(); j++) {
                g.add(j, j, alpha);
            }
            double[] beta = Cholesky.of(g).solve(xc.tmvmul(yc));
            double b = ym;
            for (int j = 0; j < beta.length; j++) {
                b -= xm[j] * beta[j];
            }
            return new RidgeModel(params(), ModelSchema.of(data), beta, b);
        }
    }

    record RidgeModel(Params params, ModelSchema schema, double[] beta, double intercept) implements Regressor {
        @Override
        public String kind() {
            return "tiny_ridge";
        }

        @Override
        public TrainingReport report() {
            return TrainingReport.closedForm(0, List.of(), Map.of());
        }

        @Override
        public double[] predict(Matrix x) {
            double[] out = x.mvmul(beta);
            for (int i = 0; i < out.length; i++) {
                out[i] += intercept;
            }
            return out;
        }
    }

    /** Two Gaussian-ish clouds per class in {@code p} dimensions: a classification set with {@code k} classes. */
    static Dataset blobs(int n, int k, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < p; j++) {
                rows[i][j] = r.nextGaussian() + (j == y[i] % p ? 2.0 : 0.0) + 0.5 * y[i];
            }
        }
        return Dataset.classification(Matrix.of(rows), y);
    }

    /** {@code y = x b + noise}: a regression set. */
    static Dataset linear(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                rows[i][j] = r.nextGaussian();
                y[i] += (j + 1) * rows[i][j];
            }
            y[i] += 0.5 * r.nextGaussian();
        }
        return Dataset.regression(Matrix.of(rows), y);
    }
}
