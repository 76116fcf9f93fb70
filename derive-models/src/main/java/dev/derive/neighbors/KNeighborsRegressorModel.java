package dev.derive.neighbors;

import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted k-NN regressor: the prediction is the (weighted) mean target of the {@code k} nearest training
 * rows. Holds the training rows and their neighbour index. Immutable and thread-safe.
 */
public final class KNeighborsRegressorModel implements Regressor {

    private final Params params;
    private final ModelSchema schema;
    private final TrainingReport report;
    private final NeighborIndex index;
    private final double[] y;
    private final int k;
    private final boolean distance;

    KNeighborsRegressorModel(Params params, ModelSchema schema, TrainingReport report, NeighborIndex index,
                             double[] y, int k, boolean distance) {
        this.params = params;
        this.schema = schema;
        this.report = report;
        this.index = index;
        this.y = y;
        this.k = k;
        this.distance = distance;
    }

    @Override
    public String kind() {
        return KNeighbors.NAME;
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public TrainingReport report() {
        return report;
    }

    @Override
    public ModelSchema schema() {
        return schema;
    }

    @Override
    public double[] predict(Matrix x) {
        schema.check(x, "knn", true);
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

    /** The number of neighbours k. */
    public int neighbors() {
        return k;
    }
}
