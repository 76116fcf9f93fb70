package dev.derive.learn;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A test-only nearest-centroid classifier (probabilities: softmax of minus the squared distances) so that
 * derive-core can test classification pipelines.
 */
final class TinyCentroid extends AbstractLearner<TinyCentroid, TinyCentroid.Fitted> {

    private TinyCentroid(Params p) {
        super(p);
    }

    static TinyCentroid learner() {
        return new TinyCentroid(defaults(List.of()));
    }

    @Override
    public String name() {
        return "centroid";
    }

    @Override
    public Dataset.Task task() {
        return Dataset.Task.CLASSIFICATION;
    }

    @Override
    protected TinyCentroid create(Params params) {
        return new TinyCentroid(params);
    }

    @Override
    protected Fitted train(Dataset data) {
        data.requireFiniteFeatures(name());
        int k = data.numClasses();
        int p = data.featureCount();
        double[][] c = new double[k][p];
        int[] count = new int[k];
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            for (int j = 0; j < p; j++) {
                c[labels[i]][j] += data.features().get(i, j);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int j = 0; j < p; j++) {
                c[a][j] /= Math.max(1, count[a]);
            }
        }
        return new Fitted(params(), ModelSchema.of(data), c);
    }

    record Fitted(Params params, ModelSchema schema, double[][] centroids) implements Classifier {
        @Override
        public String kind() {
            return "centroid";
        }

        @Override
        public TrainingReport report() {
            return TrainingReport.closedForm(0, List.of(), null);
        }

        @Override
        public Matrix predictProba(Matrix x) {
            schema.check(x, kind(), true);
            Matrix p = Matrix.zeros(x.rows(), centroids.length);
            for (int i = 0; i < x.rows(); i++) {
                double[] d = new double[centroids.length];
                double min = Double.POSITIVE_INFINITY;
                for (int a = 0; a < centroids.length; a++) {
                    for (int j = 0; j < x.cols(); j++) {
                        double t = x.get(i, j) - centroids[a][j];
                        d[a] += t * t;
                    }
                    min = Math.min(min, d[a]);
                }
                double s = 0;
                for (int a = 0; a < d.length; a++) {
                    d[a] = Math.exp(-(d[a] - min));
                    s += d[a];
                }
                for (int a = 0; a < d.length; a++) {
                    p.set(i, a, d[a] / s);
                }
            }
            return p;
        }

        @Override
        public int[] predict(Matrix x) {
            Matrix p = predictProba(x);
            int[] out = new int[x.rows()];
            for (int i = 0; i < out.length; i++) {
                for (int a = 1; a < p.cols(); a++) {
                    if (p.get(i, a) > p.get(i, out[i])) {
                        out[i] = a;
                    }
                }
            }
            return out;
        }
    }
}
