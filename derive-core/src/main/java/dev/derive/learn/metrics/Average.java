package dev.derive.learn.metrics;

/**
 * How a per-class score (precision, recall, F, one-vs-rest ROC AUC) is reduced to one number; the
 * {@code average} argument of scikit-learn's metrics.
 *
 * <ul>
 *   <li>{@link #BINARY}: the score of the positive class only (label 1; {@link #binary(int)} picks another).
 *       The labels must take at most two values.</li>
 *   <li>{@link #MICRO}: pool true positives, predicted and true counts over the classes, then divide once.
 *       For single-label data micro precision = micro recall = micro F = accuracy (over the classes
 *       considered).</li>
 *   <li>{@link #MACRO}: the unweighted mean of the per-class scores.</li>
 *   <li>{@link #WEIGHTED}: the mean of the per-class scores weighted by each class's support (its number,
 *       or total sample weight, of true samples).</li>
 *   <li>{@link #NONE}: no reduction; one score per class. Scalar methods reject it and point to the
 *       per-class method.</li>
 * </ul>
 *
 * <p>Used like an enum ({@code Average.MACRO}); it is a small value class only so that {@code BINARY} can
 * carry its positive label.
 */
public final class Average {

    /** The kind of reduction. */
    public enum Kind { BINARY, MICRO, MACRO, WEIGHTED, NONE }

    /** The score of class 1 (scikit-learn's default {@code average="binary", pos_label=1}). */
    public static final Average BINARY = new Average(Kind.BINARY, 1);
    /** Global counts over the classes ({@code average="micro"}). */
    public static final Average MICRO = new Average(Kind.MICRO, -1);
    /** Unweighted mean over the classes ({@code average="macro"}). */
    public static final Average MACRO = new Average(Kind.MACRO, -1);
    /** Support-weighted mean over the classes ({@code average="weighted"}). */
    public static final Average WEIGHTED = new Average(Kind.WEIGHTED, -1);
    /** One value per class ({@code average=None}). */
    public static final Average NONE = new Average(Kind.NONE, -1);

    private final Kind kind;
    private final int positiveLabel;

    private Average(Kind kind, int positiveLabel) {
        this.kind = kind;
        this.positiveLabel = positiveLabel;
    }

    /**
     * Binary averaging with the given positive class ({@code average="binary", pos_label=positiveLabel}).
     *
     * @throws IllegalArgumentException if {@code positiveLabel < 0}
     */
    public static Average binary(int positiveLabel) {
        if (positiveLabel < 0) {
            throw new IllegalArgumentException("positive label must be a class index >= 0, got " + positiveLabel);
        }
        return positiveLabel == 1 ? BINARY : new Average(Kind.BINARY, positiveLabel);
    }

    /** The kind of reduction. */
    public Kind kind() {
        return kind;
    }

    /** The positive class for {@link Kind#BINARY}; -1 for the other kinds. */
    public int positiveLabel() {
        return positiveLabel;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Average a && a.kind == kind && a.positiveLabel == positiveLabel;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + positiveLabel;
    }

    @Override
    public String toString() {
        return kind == Kind.BINARY ? "BINARY(positive=" + positiveLabel + ")" : kind.name();
    }
}
