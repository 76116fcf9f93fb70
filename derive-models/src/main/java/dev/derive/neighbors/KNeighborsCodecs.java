package dev.derive.neighbors;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.linalg.Matrix;
import java.io.IOException;

/**
 * Persistence of k-NN models: the training rows, their labels or targets and the parameters; the
 * neighbour index is rebuilt on load (deterministically, so predictions are identical).
 */
public final class KNeighborsCodecs {

    private KNeighborsCodecs() {
    }

    private static Matrix features(ModelState.Reader in) throws IOException {
        Matrix x = in.matrix("x");
        in.expectSize("training rows", x.rows(), in.schema().trainingRows());
        in.expectSize("training features", x.cols(), in.schema().featureCount());
        return x;
    }

    /** Codec of {@link KNeighborsClassifierModel}. */
    public static final class Classifier implements ModelCodec<KNeighborsClassifierModel> {
        @Override
        public String kind() {
            return KNeighbors.CLASSIFIER_KIND;
        }

        @Override
        public Class<KNeighborsClassifierModel> type() {
            return KNeighborsClassifierModel.class;
        }

        @Override
        public void write(KNeighborsClassifierModel m, ModelState.Writer out) {
            out.putMatrix("x", m.trainingFeatures());
            out.putArray("labels", m.trainingLabels());
        }

        @Override
        public KNeighborsClassifierModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(KNeighbors.classifier().params());
            Matrix x = features(in);
            int[] labels = in.ints("labels");
            in.expectSize("labels", labels.length, x.rows());
            int classes = in.schema().classes().size();
            for (int l : labels) {
                if (l < 0 || l >= classes) {
                    throw new IllegalArgumentException("label " + l + " outside the " + classes + " classes");
                }
            }
            int k = p.getInt("n_neighbors");
            if (k > x.rows()) {
                throw new IllegalArgumentException("n_neighbors = " + k + " exceeds the " + x.rows() + " stored rows");
            }
            return new KNeighborsClassifierModel(p, in.schema(), in.report(), KNeighbors.buildIndex(x, p), x, labels, k,
                    p.getString("weights").equals("distance"));
        }
    }

    /** Codec of {@link KNeighborsRegressorModel}. */
    public static final class Regressor implements ModelCodec<KNeighborsRegressorModel> {
        @Override
        public String kind() {
            return KNeighbors.REGRESSOR_KIND;
        }

        @Override
        public Class<KNeighborsRegressorModel> type() {
            return KNeighborsRegressorModel.class;
        }

        @Override
        public void write(KNeighborsRegressorModel m, ModelState.Writer out) {
            out.putMatrix("x", m.trainingFeatures());
            out.putArray("y", m.trainingTargets());
        }

        @Override
        public KNeighborsRegressorModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(KNeighbors.regressor().params());
            Matrix x = features(in);
            double[] y = in.doubles("y");
            in.expectSize("targets", y.length, x.rows());
            int k = p.getInt("n_neighbors");
            if (k > x.rows()) {
                throw new IllegalArgumentException("n_neighbors = " + k + " exceeds the " + x.rows() + " stored rows");
            }
            return new KNeighborsRegressorModel(p, in.schema(), in.report(), KNeighbors.buildIndex(x, p), x, y, k,
                    p.getString("weights").equals("distance"));
        }
    }
}
