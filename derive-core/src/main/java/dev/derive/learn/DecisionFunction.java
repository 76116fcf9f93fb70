package dev.derive.learn;

import dev.derive.linalg.Matrix;

/**
 * A classifier that also gives real-valued decision scores, larger meaning more confident (scikit-learn's
 * {@code decision_function}): {@code n x 1} for two classes (the score of the second class, positive where it
 * is predicted), {@code n x K} for {@code K > 2} classes. Meta-learners such as probability calibration use
 * these scores in preference to probabilities.
 */
public interface DecisionFunction extends Classifier {

    /** The decision scores of the rows of {@code x}: {@code n x 1} for two classes, {@code n x K} otherwise. */
    Matrix decisionFunction(Matrix x);
}
