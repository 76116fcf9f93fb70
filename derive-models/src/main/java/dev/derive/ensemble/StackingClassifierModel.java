package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/** A fitted stacking classifier (see {@link Stacking}): the final classifier applied to the base models' probabilities. */
public final class StackingClassifierModel extends AbstractModel implements Classifier {

    private final List<String> names;
    private final List<Model> bases;
    private final Classifier finalModel;

    StackingClassifierModel(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> bases, Model fin) {
        super(params, schema, report);
        double[] ones = new double[bases.size()];
        java.util.Arrays.fill(ones, 1);
        Voting.checkModels(bases, names, ones, schema, Classifier.class);
        StackingRegressorModel.checkFinal(fin, schema, bases.size(), params, Classifier.class);
        if (!fin.schema().classes().equals(schema.classes())) {
            throw new IllegalArgumentException("the final model has classes " + fin.schema().classes() + ", the ensemble " + schema.classes());
        }
        this.names = List.copyOf(names);
        this.bases = List.copyOf(bases);
        this.finalModel = (Classifier) fin;
    }

    @Override
    public String kind() {
        return Stacking.CLASSIFIER_KIND;
    }

    private Matrix meta(Matrix x) {
        schema().check(x, Stacking.NAME, false);
        return Stacking.metaInput(bases, x, schema().classes().size(), params().getBoolean("passthrough"));
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return finalModel.predictProba(meta(x));
    }

    @Override
    public int[] predict(Matrix x) {
        return finalModel.predict(meta(x));
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
    public Classifier finalModel() {
        return finalModel;
    }
}
