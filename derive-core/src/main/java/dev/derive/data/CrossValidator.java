package dev.derive.data;

import java.util.List;

/**
 * A cross-validation scheme: produces a list of train/test {@link Split}s of {@code n} rows, possibly
 * using class labels (stratified schemes) or group ids (group schemes). Implementations are immutable
 * and deterministic for their seed.
 */
public interface CrossValidator {

    /** Number of splits {@link #split} produces. */
    int numSplits();

    /**
     * The splits of {@code n} rows. {@code labels} (class of each row) and {@code groups} (group id of
     * each row) may be {@code null} unless the scheme needs them; when given they must have length
     * {@code n}.
     */
    List<Split> split(int n, int[] labels, int[] groups);

    /** The splits of a dataset's rows, with its labels when it is a classification dataset. */
    default List<Split> split(Dataset data) {
        return split(data.size(), data.task() == Dataset.Task.CLASSIFICATION ? data.labels() : null, null);
    }
}
