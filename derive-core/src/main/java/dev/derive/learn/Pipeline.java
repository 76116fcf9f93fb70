package dev.derive.learn;

import dev.derive.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chain of named steps, zero or more transformer learners followed by a final learner of any task,
 * that is itself a learner (scikit-learn's {@code Pipeline}). {@link #fit} fits each transformer on the
 * output of the previous one (the first on the input data) and the final learner on the last output; the
 * resulting {@link PipelineModel} applies the fitted transformers and then the final model. Its kind
 * follows the final model: a {@link PipelineClassifier}, {@link PipelineRegressor},
 * {@link PipelineClusterer} or {@link PipelineTransformer} (in that order of preference), otherwise a
 * plain {@link PipelineModel}. Targets and sample weights reach every step unchanged; the model's schema
 * is the raw input's.
 *
 * <pre>{@code
 * Pipeline<PipelineRegressor> pipe = Pipeline.of(
 *         Pipeline.step("scaler", StandardScaler.learner()),
 *         Pipeline.step("ridge", Ridge.learner())).regressor();
 * PipelineRegressor model = pipe.with("ridge__alpha", 0.1).fit(train);
 * double[] yhat = model.predict(test.features());
 * }</pre>
 *
 * <p>Parameters are the steps' parameters prefixed by the step name and two underscores, as in
 * scikit-learn ({@code scaler__with_mean}, {@code ridge__alpha}); a nested pipeline's parameters nest
 * the same way ({@code outer_step__inner_step__param}). Steps are named explicitly with
 * {@link #step(String, Learner)} or, by {@link #of(Learner[])}, after their learner's {@link Learner#name()}
 * ({@code standard_scaler}, {@code ridge}; a repeated name gets {@code _2}, {@code _3}, ...). Step names are
 * lower_snake_case without a double underscore.
 *
 * @param <M> the model type: {@link PipelineModel}, or a subclass fixed by {@link #regressor()},
 *            {@link #classifier()}, {@link #transformer()} or {@link #clusterer()}
 */
public final class Pipeline<M extends PipelineModel> implements Learner<M> {

    /** The registered name. */
    public static final String NAME = "pipeline";

    /** Separates a step name from the step's parameter name. */
    public static final String SEPARATOR = "__";

    /**
     * A named step.
     *
     * @param name    lower_snake_case, no double underscore, not ending in an underscore
     * @param learner the step's learner
     */
    public record Step(String name, Learner<?> learner) {
        public Step {
            Objects.requireNonNull(learner, "learner of step " + name);
            if (name == null || !name.matches("[a-z][a-z0-9_]*") || name.contains(SEPARATOR) || name.endsWith("_")) {
                throw new IllegalArgumentException("pipeline step name '" + name + "' is invalid; step names are"
                        + " lower_snake_case ([a-z][a-z0-9_]*) without '" + SEPARATOR + "' and not ending in '_'");
            }
        }
    }

    private final List<Step> steps;
    private final Class<M> modelType;
    private final Params params;

    private Pipeline(List<Step> steps, Class<M> modelType) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one step (the final learner)");
        }
        this.steps = List.copyOf(steps);
        this.modelType = modelType;
        List<String> names = new ArrayList<>();
        List<Params> stepParams = new ArrayList<>();
        for (Step s : this.steps) {
            names.add(s.name());
            stepParams.add(s.learner().params());
        }
        this.params = combine(names, stepParams);
    }

    /**
     * The parameters of steps {@code names} with parameters {@code stepParams}, as {@code step__param};
     * step names must be unique.
     */
    static Params combine(List<String> names, List<Params> stepParams) {
        Map<String, Integer> seen = new HashMap<>();
        List<Param<?>> specs = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer prev = seen.put(names.get(i), i);
            if (prev != null) {
                throw new IllegalArgumentException("pipeline steps " + prev + " and " + i + " are both named '" + names.get(i)
                        + "'; step names must be unique");
            }
            Params p = stepParams.get(i);
            for (Param<?> spec : p.specs()) {
                String full = names.get(i) + SEPARATOR + spec.name();
                specs.add(spec.renamed(full));
                values.put(full, p.get(spec.name()));
            }
        }
        Params all = Params.defaults(specs);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            all = all.with(e.getKey(), e.getValue());
        }
        return all;
    }

    /** A named step, for {@link #of(Step...)}. */
    public static Step step(String name, Learner<?> learner) {
        return new Step(name, learner);
    }

    /**
     * A pipeline of {@code learners} (the last one is the final learner), each step named after its
     * learner's {@link Learner#name()}, with {@code _2}, {@code _3}, ... for repeats.
     */
    public static Pipeline<PipelineModel> of(Learner<?>... learners) {
        List<Step> steps = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        for (Learner<?> l : learners) {
            Objects.requireNonNull(l, "pipeline learner");
            int c = count.merge(l.name(), 1, Integer::sum);
            steps.add(new Step(c == 1 ? l.name() : l.name() + "_" + c, l));
        }
        return new Pipeline<>(steps, PipelineModel.class);
    }

    /** A pipeline of named steps (the last one is the final learner). */
    public static Pipeline<PipelineModel> of(Step... steps) {
        return new Pipeline<>(List.of(steps), PipelineModel.class);
    }

    /** A pipeline of named steps (the last one is the final learner). */
    public static Pipeline<PipelineModel> of(List<Step> steps) {
        return new Pipeline<>(steps, PipelineModel.class);
    }

    /** This pipeline typed to produce a {@link PipelineRegressor}; the final learner must be a regression learner. */
    public Pipeline<PipelineRegressor> regressor() {
        requireTask(Dataset.Task.REGRESSION, "regressor");
        return new Pipeline<>(steps, PipelineRegressor.class);
    }

    /** This pipeline typed to produce a {@link PipelineClassifier}; the final learner must be a classification learner. */
    public Pipeline<PipelineClassifier> classifier() {
        requireTask(Dataset.Task.CLASSIFICATION, "classifier");
        return new Pipeline<>(steps, PipelineClassifier.class);
    }

    /** This pipeline typed to produce a {@link PipelineTransformer} (checked when fitting). */
    public Pipeline<PipelineTransformer> transformer() {
        return new Pipeline<>(steps, PipelineTransformer.class);
    }

    /** This pipeline typed to produce a {@link PipelineClusterer} (checked when fitting). */
    public Pipeline<PipelineClusterer> clusterer() {
        return new Pipeline<>(steps, PipelineClusterer.class);
    }

    private void requireTask(Dataset.Task task, String what) {
        Step last = steps.get(steps.size() - 1);
        if (last.learner().task() != task) {
            throw new IllegalArgumentException("the pipeline's final step '" + last.name() + "' (" + last.learner().name()
                    + ") learns " + last.learner().task().name().toLowerCase() + ", so the pipeline is not a " + what);
        }
    }

    /** The steps, in order (the final learner last). */
    public List<Step> steps() {
        return steps;
    }

    /** The step names, in order. */
    public List<String> stepNames() {
        List<String> n = new ArrayList<>(steps.size());
        for (Step s : steps) {
            n.add(s.name());
        }
        return n;
    }

    /** The learner of step {@code name}; an unknown name lists the steps. */
    public Learner<?> step(String name) {
        return steps.get(indexOf(name, null)).learner();
    }

    /** A copy with step {@code name}'s learner replaced by {@code learner}. */
    public Pipeline<M> withStep(String name, Learner<?> learner) {
        int i = indexOf(name, null);
        List<Step> s = new ArrayList<>(steps);
        s.set(i, new Step(name, learner));
        return new Pipeline<>(s, modelType);
    }

    private int indexOf(String name, String parameter) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown pipeline step '" + name + "'"
                + (parameter == null ? "" : " in parameter '" + parameter + "'")
                + "; steps: " + String.join(", ", stepNames())
                + (parameter == null ? "" : "; valid parameters: " + String.join(", ", params.names())));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The final learner's task. */
    @Override
    public Dataset.Task task() {
        return steps.get(steps.size() - 1).learner().task();
    }

    /** Every step's parameters as {@code step__param}, in step order. */
    @Override
    public Params params() {
        return params;
    }

    /**
     * A copy with parameter {@code step__param} set on the named step; an unknown step or parameter lists
     * the valid names.
     */
    @Override
    public Pipeline<M> with(String name, Object value) {
        int k = name == null ? -1 : name.indexOf(SEPARATOR);
        if (k <= 0) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; pipeline parameters are named step"
                    + SEPARATOR + "parameter; steps: " + String.join(", ", stepNames())
                    + "; valid parameters: " + String.join(", ", params.names()));
        }
        int i = indexOf(name.substring(0, k), name);
        Object v = params.spec(name).validate(value); // lists the valid names; names step__param in range errors
        Step s = steps.get(i);
        List<Step> changed = new ArrayList<>(steps);
        changed.set(i, new Step(s.name(), s.learner().with(name.substring(k + SEPARATOR.length()), v)));
        return new Pipeline<>(changed, modelType);
    }

    /**
     * Fits the transformers in order, each on the previous one's output, then the final learner. An error
     * in a step is reported with the step's name.
     *
     * @throws IllegalArgumentException if a step other than the last does not produce a {@link Transformer},
     *                                  or the data do not suit a step
     * @throws IllegalStateException    if the final model is not of the kind this pipeline was typed for
     */
    @Override
    public M fit(Dataset data) {
        long t0 = System.nanoTime();
        List<Model> models = new ArrayList<>(steps.size());
        Dataset current = data;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Model m;
            try {
                m = s.learner().fit(current);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline step '" + s.name() + "': " + e.getMessage(), e);
            }
            models.add(m);
            if (i < steps.size() - 1) {
                if (!(m instanceof Transformer t)) {
                    throw new IllegalArgumentException("pipeline step '" + s.name() + "' (" + s.learner().name() + ") produced a "
                            + m.getClass().getSimpleName() + ", which is not a Transformer; only the last step may be a"
                            + " predictor");
                }
                try {
                    current = t.transform(current);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pipeline step '" + s.name() + "': " + e.getMessage(), e);
                }
            }
        }
        List<String> names = stepNames();
        PipelineModel model = PipelineModel.create(params, ModelSchema.of(data),
                PipelineModel.combineReports(names, models, (System.nanoTime() - t0) / 1e9), names, models);
        if (!modelType.isInstance(model)) {
            Step last = steps.get(steps.size() - 1);
            throw new IllegalStateException("the pipeline was typed to produce a " + modelType.getSimpleName()
                    + " but its final step '" + last.name() + "' produced a " + models.get(models.size() - 1).getClass().getSimpleName());
        }
        return modelType.cast(model);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(NAME).append('[');
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(steps.get(i).name()).append('=').append(steps.get(i).learner());
        }
        return sb.append(']').toString();
    }
}
