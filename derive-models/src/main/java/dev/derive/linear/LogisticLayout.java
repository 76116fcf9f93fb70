package dev.derive.linear;

import dev.derive.linalg.Matrix;

/**
 * The parameter layout shared by the logistic / softmax objectives on dense ({@link LogisticObjective}) and
 * sparse ({@link SparseLogistic.Objective}) features: class block {@code c} of {@code K'} ({@code K' = 1} for
 * binary problems, {@code K} otherwise) occupies {@code theta[c d .. c d + d)}, {@code d = p + [fit_intercept]},
 * the intercept last in each block. The coefficients are penalised, the intercepts are not.
 */
interface LogisticLayout {

    /** The number of score blocks {@code K'}. */
    int blocks();

    /** The number of features {@code p}. */
    int features();

    /** True if each block ends with an intercept. */
    boolean fitsIntercept();

    /** The block length {@code d = p + [fit_intercept]}. */
    default int blockSize() {
        return features() + (fitsIntercept() ? 1 : 0);
    }

    /** True if parameter {@code i} is a coefficient (penalised), false for an intercept. */
    default boolean penalised(int i) {
        return i % blockSize() < features();
    }

    /** The coefficients as a {@code K' x p} matrix. */
    default Matrix weights(double[] theta) {
        int k = blocks();
        int p = features();
        int d = blockSize();
        Matrix w = Matrix.zeros(k, p);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                w.set(c, j, theta[c * d + j]);
            }
        }
        return w;
    }

    /** The {@code K'} intercepts (zeros without an intercept). */
    default double[] intercepts(double[] theta) {
        int k = blocks();
        double[] b = new double[k];
        if (fitsIntercept()) {
            int d = blockSize();
            for (int c = 0; c < k; c++) {
                b[c] = theta[c * d + features()];
            }
        }
        return b;
    }

    /** The parameter vector of coefficients {@code coef} (one row per block) and {@code intercepts}. */
    default double[] pack(Matrix coef, double[] intercepts) {
        int p = features();
        int d = blockSize();
        double[] theta = new double[blocks() * d];
        for (int c = 0; c < coef.rows(); c++) {
            for (int j = 0; j < p; j++) {
                theta[c * d + j] = coef.get(c, j);
            }
            if (fitsIntercept()) {
                theta[c * d + p] = intercepts[c];
            }
        }
        return theta;
    }
}
