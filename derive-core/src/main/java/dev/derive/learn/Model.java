package dev.derive.learn;

/**
 * A fitted model: immutable and safe to use from several threads at once. It knows its kind (the name
 * under which it is saved and registered), the parameters it was trained with, what training did and
 * the schema of the data it expects.
 */
public interface Model {

    /** The registered kind, e.g. {@code "ridge"}; the key of the persistence registry. */
    String kind();

    /** The hyper-parameters the model was trained with. */
    Params params();

    /** What training did (iterations, convergence, loss curve, time, warnings). */
    TrainingReport report();

    /** The features (and classes) the model was trained on. */
    ModelSchema schema();
}
