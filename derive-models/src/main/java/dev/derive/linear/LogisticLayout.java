package dev.derive.linear;

import dev.derive.linalg.Matrix;

/**
 * The parameter layout shared by the logistic / softmax objectives on dense ({@link LogisticObjective}) and
 * sparse ({@link SparseLogistic.Objective}) features: class block {@code c} of {@code K'} ({@code K' = 1} for
 * binary problems, {@code K} otherwise) occupies {@code theta[c d .. c d + d)}, {@code d = p + [fit_intercept]},
 * the intercept last in each block, so {@code theta} has {@code K' d} entries. The coefficients are penalised,
 * the intercepts are not.
 */
abstract class LogisticLayout {

    /** The number of score blocks {@code K'} (1 for binary problems). */
    final int k;
    /** The number of features {@code p}. */
    final int p;
    /** The block length {@code d = p + [fit_intercept]}. */
    final int d;
    /** True if each block ends with an intercept. */
    final boolean intercept;

    LogisticLayout(int numClasses, int p, boolean intercept) {
        this.k = numClasses == 2 ? 1 : numClasses;
        this.p = p;
        this.intercept = intercept;
        this.d = p + (intercept ? 1 : 0);
    }

    /** The number of parameters {@code K' d}. */
    public int dimension() {
        return k * d;
    }

    /** True if parameter {@code i} is a coefficient (penalised), false for an intercept. */
    boolean penalised(int i) {
        return i % d < p;
    }

    /** The coefficients as a {@code K' x p} matrix. */
    Matrix weights(double[] theta) {
        Matrix w = Matrix.zeros(k, p);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                w.set(c, j, theta[c * d + j]);
            }
        }
        return w;
    }

    /** The {@code K'} intercepts (zeros without an intercept). */
    double[] intercepts(double[] theta) {
        double[] b = new double[k];
        if (intercept) {
            for (int c = 0; c < k; c++) {
                b[c] = theta[c * d + p];
            }
        }
        return b;
    }

    /** The parameter vector of coefficients {@code coef} (one row per block) and {@code intercepts}. */
    double[] pack(Matrix coef, double[] intercepts) {
        double[] theta = new double[dimension()];
        for (int c = 0; c < coef.rows(); c++) {
            for (int j = 0; j < p; j++) {
                theta[c * d + j] = coef.get(c, j);
            }
            if (intercept) {
                theta[c * d + p] = intercepts[c];
            }
        }
        return theta;
    }
}
