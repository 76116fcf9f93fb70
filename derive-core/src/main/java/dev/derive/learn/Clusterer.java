package dev.derive.learn;

import dev.derive.linalg.Matrix;

/** A model that assigns each row to one of its clusters. */
public interface Clusterer extends Model {

    /** The cluster index of each row of {@code x}. */
    int[] predict(Matrix x);

    /** The number of clusters. */
    int clusterCount();
}
