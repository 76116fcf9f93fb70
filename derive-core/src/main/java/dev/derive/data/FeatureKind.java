package dev.derive.data;

import java.util.List;

/**
 * How a learner should treat one feature column of a {@link Dataset}: as a number, or as a category
 * whose value (stored as a double) is an index into {@code levels}, so that trees can split on sets of
 * levels instead of thresholds.
 */
public record FeatureKind(Type type, List<String> levels) {

    /** Numeric or categorical. */
    public enum Type {
        /** An ordinary real-valued feature. */
        NUMERIC,
        /** Values 0, 1, ..., levels - 1 (as doubles) index the levels; NaN is missing. */
        CATEGORICAL
    }

    /** A numeric feature. */
    public static final FeatureKind NUMERIC = new FeatureKind(Type.NUMERIC, List.of());

    /** Checks the components and copies the levels. */
    public FeatureKind {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        levels = List.copyOf(levels);
        if (type == Type.NUMERIC && !levels.isEmpty()) {
            throw new IllegalArgumentException("a numeric feature has no levels, got " + levels);
        }
    }

    /** A categorical feature with these levels. */
    public static FeatureKind categorical(List<String> levels) {
        return new FeatureKind(Type.CATEGORICAL, levels);
    }

    /** True for a categorical feature. */
    public boolean isCategorical() {
        return type == Type.CATEGORICAL;
    }

    /** Number of levels (0 for a numeric feature). */
    public int numLevels() {
        return levels.size();
    }

    @Override
    public String toString() {
        return isCategorical() ? "categorical" + levels : "numeric";
    }
}
