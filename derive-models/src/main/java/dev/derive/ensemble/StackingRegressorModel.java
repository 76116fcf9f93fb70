package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/** A fitted stacking regressor (see {@link Stacking}): the final regressor applied to the base models' predictions. */
public final class StackingRegressorModel extends AbstractModel implements Regressor {

    private final List<String> names;
    private final List<Model> bases;
    private final Regressor finalModel;

    StackingRegressorModel(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> bases, Model fin) {
        super(params, schema, report);
        double[] ones = new double[bases.size()];
        java.util.Arrays.fill(ones, 1);
        Voting.checkModels(bases, names, ones, schema, Regressor.class);
        checkFinal(fin, schema, bases.size(), params, Regressor.class);
        this.names = List.copyOf(names);
        this.bases = List.copyOf(bases);
        this.finalModel = (Regressor) fin;
    }

    static void checkFinal(Model fin, ModelSchema schema, int bases, Params params, Class<?> type) {
        if (!type.isInstance(fin)) {
            throw new IllegalArgumentException("the final model (" + fin.kind() + ") is not a " + type.getSimpleName());
        }
        int wdt = type == Classifier.class && schema.classes().size() > 2 ? schema.classes().size() : 1;
        int expected = bases * wdt + (params.getBoolean("passthrough") ? schema.featureCount() : 0);
        if (fin.schema().featureCount() != expected) {
            throw new IllegalArgumentException("the final model has " + fin.schema().featureCount() + " features; expected " + expected);
        }
    }

    @Override
    public String kind() {
        return Stacking.REGRESSOR_KIND;
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, Stacking.NAME, false);
        return finalModel.predict(Stacking.metaInput(bases, x, 0, params().getBoolean("passthrough")));
    }

    /** The base estimators' learner names. */
    public List<String> names() {
        return names;
    }

    /** The base models (fitted on all the data). */
    public List<Model> bases() {
        return bases;
    }

    /** The final model. */
    public Regressor finalModel() {
        return finalModel;
    }
}
