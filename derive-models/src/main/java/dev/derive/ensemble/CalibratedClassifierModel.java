package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted {@link CalibratedClassifier}: one or more classifiers, each with its calibrators (one for two
 * classes, one per class otherwise); the probabilities are the mean over the members of their calibrated
 * probabilities (see {@link CalibratedClassifier} for the formulas). Immutable and thread-safe; always gives
 * probabilities.
 */
public final class CalibratedClassifierModel extends AbstractModel implements Classifier {

    private final String estimator;
    private final List<Classifier> members;
    private final List<List<Calibrator>> calibrators;

    CalibratedClassifierModel(Params params, ModelSchema schema, TrainingReport report, String estimator, List<Classifier> members,
                              List<List<Calibrator>> calibrators) {
        super(params, schema, report);
        int k = schema.classes().size();
        int per = k == 2 ? 1 : k;
        if (members.isEmpty() || members.size() != calibrators.size()) {
            throw new IllegalArgumentException(members.size() + " calibrated classifiers with " + calibrators.size() + " calibrator sets");
        }
        for (int t = 0; t < members.size(); t++) {
            Classifier m = members.get(t);
            if (m.schema().featureCount() != schema.featureCount() || !m.schema().classes().equals(schema.classes())) {
                throw new IllegalArgumentException("calibrated member " + t + " (" + m.kind() + ") has " + m.schema().featureCount()
                        + " features and classes " + m.schema().classes() + "; the model " + schema.featureCount() + " and " + schema.classes());
            }
            if (calibrators.get(t).size() != per) {
                throw new IllegalArgumentException("calibrated member " + t + " has " + calibrators.get(t).size() + " calibrators for "
                        + k + " classes (expected " + per + ")");
            }
        }
        this.estimator = estimator;
        this.members = List.copyOf(members);
        List<List<Calibrator>> c = new ArrayList<>();
        for (List<Calibrator> l : calibrators) {
            c.add(List.copyOf(l));
        }
        this.calibrators = List.copyOf(c);
    }

    @Override
    public String kind() {
        return CalibratedClassifier.NAME;
    }

    /** The name of the calibrated learner. */
    public String estimator() {
        return estimator;
    }

    /** The fitted classifiers (one per fold with {@code ensemble}, else one). */
    public List<Classifier> members() {
        return members;
    }

    /** The calibrators of member {@code t}. */
    public List<Calibrator> calibrators(int t) {
        return calibrators.get(t);
    }

    @Override
    public int[] predict(Matrix x) {
        return predictProba(x).rowArgmax();
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, kind(), true);
        int n = x.rows();
        int k = schema().classes().size();
        Matrix mean = Matrix.zeros(n, k);
        for (int t = 0; t < members.size(); t++) {
            Matrix s = CalibratedClassifier.scores(members.get(t), x, k);
            List<Calibrator> cal = calibrators.get(t);
            for (int i = 0; i < n; i++) {
                double[] p = new double[k];
                if (k == 2) {
                    p[1] = cal.get(0).predict(s.get(i, 0));
                    p[0] = 1 - p[1];
                } else {
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        p[c] = cal.get(c).predict(s.get(i, c));
                        sum += p[c];
                    }
                    for (int c = 0; c < k; c++) {
                        p[c] = sum == 0 ? 1.0 / k : p[c] / sum;
                    }
                }
                for (int c = 0; c < k; c++) {
                    double v = p[c] > 1 && p[c] <= 1 + 1e-5 ? 1 : p[c];
                    mean.add(i, c, v);
                }
            }
        }
        double m = members.size();
        return mean.mapi(v -> v / m);
    }

    @Override
    public String toString() {
        return "calibrated " + estimator + " (" + params().getString("method") + ", " + members.size() + " member"
                + (members.size() == 1 ? "" : "s") + ")";
    }
}
