package dev.derive.learn;

/**
 * Base class for fitted models: holds what every model reports (parameters, schema, training report) so
 * concrete models only hold what they learned.
 */
public abstract class AbstractModel implements Model {

    private final Params params;
    private final ModelSchema schema;
    private final TrainingReport report;

    protected AbstractModel(Params params, ModelSchema schema, TrainingReport report) {
        this.params = params;
        this.schema = schema;
        this.report = report;
    }

    @Override
    public final Params params() {
        return params;
    }

    @Override
    public final ModelSchema schema() {
        return schema;
    }

    @Override
    public final TrainingReport report() {
        return report;
    }
}
