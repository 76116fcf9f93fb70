package dev.derive.learn;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link Pipeline}: the fitted transformers in order and the final model. Its schema is the raw
 * input's (features, target and classes of the data the pipeline was fitted on); its report is the final
 * model's (iterations, convergence, loss curve) with the whole pipeline's time, every step's warnings
 * prefixed by the step name and every step's extra numbers as {@code step__key}. The subclasses
 * {@link PipelineClassifier}, {@link PipelineRegressor}, {@link PipelineClusterer} and
 * {@link PipelineTransformer} predict through the final model. Immutable and thread-safe.
 */
public sealed class PipelineModel implements Model
        permits PipelineClassifier, PipelineRegressor, PipelineClusterer, PipelineTransformer {

    private final Params params;
    private final ModelSchema schema;
    private final TrainingReport report;
    private final List<String> names;
    private final List<Model> models;

    PipelineModel(Params params, ModelSchema schema, TrainingReport report, List<String> names, List<Model> models) {
        if (names.size() != models.size() || models.isEmpty()) {
            throw new IllegalArgumentException("a pipeline model needs one model per step name and at least one step; got "
                    + names.size() + " names and " + models.size() + " models");
        }
        List<Dataset.Feature> in = schema.features();
        for (int i = 0; i < models.size(); i++) {
            if (!models.get(i).schema().features().equals(in)) {
                throw new IllegalArgumentException("pipeline step '" + names.get(i) + "' expects features "
                        + models.get(i).schema().featureNames() + " but "
                        + (i == 0 ? "the pipeline's input has " : "the previous step outputs ") + featureNames(in));
            }
            if (i < models.size() - 1) {
                if (!(models.get(i) instanceof Transformer t)) {
                    throw new IllegalArgumentException("pipeline step '" + names.get(i) + "' is a "
                            + models.get(i).getClass().getSimpleName() + ", not a Transformer");
                }
                in = t.outputFeatures();
            }
        }
        this.params = params;
        this.schema = schema;
        this.report = report;
        this.names = List.copyOf(names);
        this.models = List.copyOf(models);
    }

    /**
     * The pipeline model of the kind its final model calls for, from fitted steps (for {@link Pipeline}
     * and for persistence).
     *
     * @param params the pipeline's parameters ({@code step__param})
     * @param schema the raw input's schema
     * @param report the pipeline's training report
     * @param names  step names, in order
     * @param models fitted step models, in order; all but the last must be {@link Transformer}s, each
     *               step's input features must be the previous step's output features (the first step's,
     *               the raw input's)
     * @throws IllegalArgumentException if the steps do not fit together
     */
    public static PipelineModel create(Params params, ModelSchema schema, TrainingReport report, List<String> names,
                                       List<Model> models) {
        Model last = models.get(models.size() - 1);
        if (last instanceof Classifier) {
            return new PipelineClassifier(params, schema, report, names, models);
        }
        if (last instanceof Regressor) {
            return new PipelineRegressor(params, schema, report, names, models);
        }
        if (last instanceof Clusterer) {
            return new PipelineClusterer(params, schema, report, names, models);
        }
        if (last instanceof Transformer) {
            return new PipelineTransformer(params, schema, report, names, models);
        }
        return new PipelineModel(params, schema, report, names, models);
    }

    /**
     * The report of a pipeline: the final model's iterations, convergence, loss curve and named curves, {@code seconds},
     * every step's warnings prefixed by its name and every step's extra numbers as {@code step__key}.
     */
    static TrainingReport combineReports(List<String> names, List<Model> models, double seconds) {
        TrainingReport fin = models.get(models.size() - 1).report();
        List<String> warnings = new ArrayList<>();
        Map<String, Double> extra = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            TrainingReport r = models.get(i).report();
            for (String w : r.warnings()) {
                warnings.add(names.get(i) + ": " + w);
            }
            for (Map.Entry<String, Double> e : r.extra().entrySet()) {
                extra.put(names.get(i) + Pipeline.SEPARATOR + e.getKey(), e.getValue());
            }
        }
        return new TrainingReport(fin.iterations(), fin.converged(), fin.stopReason(), fin.lossCurve(), seconds,
                warnings, extra, fin.curves());
    }

    private static List<String> featureNames(List<Dataset.Feature> f) {
        List<String> n = new ArrayList<>(f.size());
        for (Dataset.Feature x : f) {
            n.add(x.name());
        }
        return n;
    }

    @Override
    public final String kind() {
        return Pipeline.NAME;
    }

    @Override
    public final Params params() {
        return params;
    }

    @Override
    public final TrainingReport report() {
        return report;
    }

    /** The raw input's schema (what {@code predict} and {@link #preprocess} expect). */
    @Override
    public final ModelSchema schema() {
        return schema;
    }

    /** The step names, in order. */
    public final List<String> stepNames() {
        return names;
    }

    /** The fitted models of all steps, in order (the final model last). */
    public final List<Model> stepModels() {
        return models;
    }

    /** The fitted model of step {@code name}; an unknown name lists the steps. */
    public final Model step(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown pipeline step '" + name + "'; steps: " + String.join(", ", names));
        }
        return models.get(i);
    }

    /** The fitted transformers (every step but the last), in order. */
    public final List<Transformer> transformers() {
        List<Transformer> t = new ArrayList<>(models.size() - 1);
        for (int i = 0; i < models.size() - 1; i++) {
            t.add((Transformer) models.get(i));
        }
        return t;
    }

    /** The final step's model. */
    public final Model finalModel() {
        return models.get(models.size() - 1);
    }

    /** {@code x} (raw input features) passed through the fitted transformers: what the final model sees. */
    public final Matrix preprocess(Matrix x) {
        schema.check(x, Pipeline.NAME, false);
        Matrix cur = x;
        for (int i = 0; i < models.size() - 1; i++) {
            try {
                cur = ((Transformer) models.get(i)).transform(cur);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline step '" + names.get(i) + "': " + e.getMessage(), e);
            }
        }
        return cur;
    }

    /** {@code data} passed through the fitted transformers (target and weights unchanged). */
    public final Dataset preprocess(Dataset data) {
        schema.check(data.features(), Pipeline.NAME, false);
        Dataset cur = data;
        for (int i = 0; i < models.size() - 1; i++) {
            try {
                cur = ((Transformer) models.get(i)).transform(cur);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline step '" + names.get(i) + "': " + e.getMessage(), e);
            }
        }
        return cur;
    }

    /** Runs the final model's prediction, prefixing its input errors with the final step's name. */
    final <T> T atFinal(java.util.function.Function<Matrix, T> f, Matrix preprocessed) {
        try {
            return f.apply(preprocessed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pipeline step '" + names.get(names.size() - 1) + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return Pipeline.NAME + names;
    }
}
