package dev.derive.linear;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;

/**
 * A fitted sparse linear regression model {@code y = b0 + x'b} from an L1-penalised learner: {@link Lasso},
 * {@link ElasticNet}, {@link LassoCV}, {@link ElasticNetCV} (coordinate descent), {@link Lars} and
 * {@link LassoLarsIC} (least-angle regression). Besides the coefficients it keeps the penalty it was fitted
 * at ({@code alpha}, chosen by cross-validation or an information criterion for the selecting learners)
 * and, for those, the grid searched and the score at each grid point. Immutable and thread-safe.
 */
public final class PenalizedLinearModel extends AbstractModel implements Regressor {

    private final String kind;
    private final double[] coef;
    private final double intercept;
    private final double alpha;
    private final double l1Ratio;
    private final double dualGap;
    private final double[] alphaGrid;
    private final double[] gridScores;

    PenalizedLinearModel(String kind, Params params, ModelSchema schema, TrainingReport report, double[] coef,
                         double intercept, double alpha, double l1Ratio, double dualGap, double[] alphaGrid,
                         double[] gridScores) {
        super(params, schema, report);
        if (alphaGrid.length != gridScores.length) {
            throw new IllegalArgumentException("alpha grid has " + alphaGrid.length + " values but " + gridScores.length + " scores");
        }
        this.kind = kind;
        this.coef = coef.clone();
        this.intercept = intercept;
        this.alpha = alpha;
        this.l1Ratio = l1Ratio;
        this.dualGap = dualGap;
        this.alphaGrid = alphaGrid.clone();
        this.gridScores = gridScores.clone();
    }

    @Override
    public String kind() {
        return kind;
    }

    /** The coefficients {@code b}, one per feature (a copy). */
    public double[] coefficients() {
        return coef.clone();
    }

    /** The intercept {@code b0} (0 when fitted without one). */
    public double intercept() {
        return intercept;
    }

    /** The penalty strength the coefficients solve for (the chosen one for CV / information criteria). */
    public double alpha() {
        return alpha;
    }

    /** The elastic-net mixing {@code rho} (1 for lasso and LARS-lasso; 0 for plain LAR, which has no penalty). */
    public double l1Ratio() {
        return l1Ratio;
    }

    /** The final duality gap on scikit-learn's scale (0 for the LARS learners, which are exact). */
    public double dualGap() {
        return dualGap;
    }

    /** The number of nonzero coefficients. */
    public int nonZero() {
        int c = 0;
        for (double v : coef) {
            c += v != 0 ? 1 : 0;
        }
        return c;
    }

    /** The alphas searched (cross-validation grid or LARS knots); empty for single-alpha learners. */
    public double[] alphaGrid() {
        return alphaGrid.clone();
    }

    /** The score at each searched alpha: mean cross-validated MSE, or the AIC/BIC value; empty if none. */
    public double[] gridScores() {
        return gridScores.clone();
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, kind, true);
        double[] y = x.mvmul(coef);
        for (int i = 0; i < y.length; i++) {
            y[i] += intercept;
        }
        return y;
    }

    /** {@code X b + b0} on CSR rows, {@code O(nnz)} (the same values as the dense prediction up to summation order). */
    @Override
    public double[] predict(SparseMatrix x) {
        schema().check(x, kind, true);
        double[] y = x.mvmul(coef);
        for (int i = 0; i < y.length; i++) {
            y[i] += intercept;
        }
        return y;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append(" model (alpha ").append(alpha).append("): intercept ").append(intercept);
        for (int j = 0; j < coef.length; j++) {
            if (coef[j] != 0) {
                sb.append(", ").append(schema().featureNames().get(j)).append(' ').append(coef[j]);
            }
        }
        return sb.append(" (").append(nonZero()).append(" of ").append(coef.length).append(" nonzero)").toString();
    }
}
