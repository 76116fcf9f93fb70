package dev.derive.ensemble;

/**
 * A map from a classifier's score for one class to a calibrated probability of that class, fitted by
 * {@link CalibratedClassifier}: {@link PlattScaling} (a sigmoid) or {@link IsotonicRegression} (a
 * non-decreasing step-linear function).
 */
public sealed interface Calibrator permits PlattScaling, IsotonicRegression {

    /** The calibrated probability for score {@code score}. */
    double predict(double score);
}
