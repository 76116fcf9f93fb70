package dev.derive.neighbors;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted k-NN classifier: class probabilities are the (weighted) vote shares of the {@code k} nearest
 * training rows; the prediction is the class with the largest share, the lowest class index on a tie.
 * Holds the training rows and their neighbour index. Immutable and thread-safe.
 */
public final class KNeighborsClassifierModel extends AbstractModel implements Classifier {

    private final NeighborIndex index;
    private final Matrix trainX;
    private final int[] labels;
    private final int k;
    private final boolean distance;

    KNeighborsClassifierModel(Params params, ModelSchema schema, TrainingReport report, NeighborIndex index, Matrix trainX,
                              int[] labels, int k, boolean distance) {
        super(params, schema, report);
        this.index = index;
        this.trainX = trainX;
        this.labels = labels;
        this.k = k;
        this.distance = distance;
    }

    @Override
    public String kind() {
        return KNeighbors.CLASSIFIER_KIND;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, "knn", true);
        int nc = schema().classes().size();
        Neighbors nb = index.query(x, k);
        Matrix p = Matrix.zeros(x.rows(), nc);
        double[] w = new double[k];
        for (int r = 0; r < x.rows(); r++) {
            KNeighbors.neighbourWeights(nb.distances()[r], distance, w);
            double total = 0;
            for (int t = 0; t < k; t++) {
                p.add(r, labels[nb.indices()[r][t]], w[t]);
                total += w[t];
            }
            for (int c = 0; c < nc; c++) {
                p.set(r, c, p.get(r, c) / total);
            }
        }
        return p;
    }

    @Override
    public int[] predict(Matrix x) {
        return predictProba(x).rowArgmax();
    }


    int[] trainingLabels() {
        return labels.clone();
    }

    /** The training rows (read-only, for persistence). */
    Matrix trainingFeatures() {
        return trainX;
    }

    /** The number of neighbours k. */
    public int neighbors() {
        return k;
    }
}
