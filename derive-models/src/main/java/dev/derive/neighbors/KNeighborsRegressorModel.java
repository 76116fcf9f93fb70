package dev.derive.neighbors;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted k-NN regressor: the prediction is the (weighted) mean target of the {@code k} nearest training
 * rows. Holds the training rows and their neighbour index. Immutable and thread-safe.
 */
public final class KNeighborsRegressorModel extends AbstractModel implements Regressor {

    private final NeighborIndex index;
    private final Matrix trainX;
    private final double[] y;
    private final int k;
    private final boolean distance;

    KNeighborsRegressorModel(Params params, ModelSchema schema, TrainingReport report, NeighborIndex index, Matrix trainX,
                             double[] y, int k, boolean distance) {
        super(params, schema, report);
        this.index = index;
        this.trainX = trainX;
        this.y = y;
        this.k = k;
        this.distance = distance;
    }

    @Override
    public String kind() {
        return KNeighbors.REGRESSOR_KIND;
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, "knn", true);
        Neighbors nb = index.query(x, k);
        double[] out = new double[x.rows()];
        double[] w = new double[k];
        for (int r = 0; r < out.length; r++) {
            KNeighbors.neighbourWeights(nb.distances()[r], distance, w);
            double s = 0;
            double total = 0;
            for (int t = 0; t < k; t++) {
                s += w[t] * y[nb.indices()[r][t]];
                total += w[t];
            }
            out[r] = s / total;
        }
        return out;
    }

    double[] trainingTargets() {
        return y.clone();
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
