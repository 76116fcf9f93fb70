package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SVD;
import dev.derive.linalg.SymmetricEigen;
import dev.derive.stat.Distributions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classical inference for an ordinary (or weighted) least-squares fit, with statsmodels' OLS/WLS formulas.
 * With the design {@code A = [1, X]} (the column of ones only when an intercept was fitted), weights {@code w}
 * (all 1 when unweighted), residuals {@code r = y - A theta}, {@code n} rows and {@code k = rank(A)} parameters:
 *
 * <ul>
 *   <li>{@code s^2 = sum w r^2 / (n - k)}, {@code Cov(theta) = s^2 (A'WA)^-1}, standard errors its root diagonal;
 *   <li>{@code t_j = theta_j / se_j}, two-sided p-value {@code 2 P(T_{n-k} > |t_j|)}, confidence interval
 *       {@code theta_j -/+ t_{n-k, (1+level)/2} se_j};
 *   <li>{@code R^2 = 1 - SSR/SST} with {@code SST = sum w (y - ybar_w)^2} (uncentred {@code sum w y^2} without an
 *       intercept), adjusted {@code 1 - (n - c)/(n - k) (1 - R^2)} with {@code c} = 1 with an intercept, 0 without;
 *   <li>{@code F = ((SST - SSR)/(k - c)) / (SSR/(n - k))} and its p-value {@code P(F_{k-c, n-k} > F)};
 *   <li>the Gaussian log-likelihood {@code -n/2 (ln(2 pi SSR/n) + 1) + 1/2 sum ln w_i}, {@code AIC = -2 llf + 2k},
 *       {@code BIC = -2 llf + k ln n}.
 * </ul>
 *
 * <p>A rank-deficient design ({@code k} below the number of parameters): {@code (A'WA)^-1} is replaced by the
 * pseudo-inverse and the degrees of freedom use the rank, as statsmodels does; the coefficients of collinear
 * columns are then not identifiable, which {@link #warnings()} says. On sparse (CSR) data {@code A'WA} is accumulated
 * from the stored entries and inverted by Cholesky when its pivots {@code L_jj^2} are above {@code max(n, k) eps max_j
 * (A'WA)_jj}, else pseudo-inverted by its eigendecomposition (rank: eigenvalues above {@code max(n, k) eps lambda_max});
 * only the diagonal is kept, for at most 8192 parameters ({@link SparseLeastSquares#DENSE_LIMIT}: a 512 MB
 * matrix, three of which live at once, within half the maximum heap); with more, the summary is not available (an
 * {@link IllegalArgumentException} names the limit). A parameter whose standard error is 0
 * (a column of zeros) gets {@code t = 0} and {@code p = 1} rather than NaN, with a warning. Nothing here is NaN.
 *
 * @param names        parameter names ({@code "const"} first when there is an intercept, then the features)
 * @param params       the estimates {@code theta}
 * @param level        the confidence level of the intervals, e.g. 0.95
 * @param nobs         number of rows {@code n}
 * @param dfModel      {@code k - c}
 * @param dfResid      {@code n - k}
 */
public record OlsSummary(String target, List<String> names, double[] params, double[] standardErrors, double[] tValues,
                         double[] pValues, double[] ciLower, double[] ciUpper, double level, int nobs, int dfModel, int dfResid,
                         double rSquared, double adjRSquared, double fStatistic, double fPValue, double residualStdError,
                         double logLikelihood, double aic, double bic, List<String> warnings) {

    public OlsSummary {
        names = List.copyOf(names);
        warnings = List.copyOf(warnings);
        params = params.clone();
        standardErrors = standardErrors.clone();
        tValues = tValues.clone();
        pValues = pValues.clone();
        ciLower = ciLower.clone();
        ciUpper = ciUpper.clone();
    }

    @Override
    public double[] params() {
        return params.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] tValues() {
        return tValues.clone();
    }

    @Override
    public double[] pValues() {
        return pValues.clone();
    }

    @Override
    public double[] ciLower() {
        return ciLower.clone();
    }

    @Override
    public double[] ciUpper() {
        return ciUpper.clone();
    }

    /** Computes the summary of {@code model} (kind {@code ols}) on its training data {@code data}. */
    static OlsSummary of(LinearModel model, Dataset data, double level) {
        if (!model.kind().equals(LinearRegression.NAME)) {
            throw new IllegalArgumentException("an OLS summary needs a model of kind 'ols', got '" + model.kind()
                    + "' (penalised estimates have no such classical standard errors)");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("summary: level must be in (0, 1), got " + level);
        }
        if (data.task() != Dataset.Task.REGRESSION) {
            throw new IllegalArgumentException("summary: the data must have a numeric target (the training data of the model)");
        }
        boolean sparse = data.isSparse();
        Matrix x = sparse ? null : data.features();
        if (sparse) {
            if (data.featureCount() != model.schema().featureCount()) {
                throw new IllegalArgumentException("summary: the data have " + data.featureCount() + " features but the model was trained on "
                        + model.schema().featureCount());
            }
        } else {
            model.schema().check(x, LinearRegression.NAME, true);
        }
        double[] y = data.target();
        double[] w = data.weights();
        int n = y.length;
        if (w != null) {
            for (int i = 0; i < n; i++) {
                if (!(w[i] > 0)) {
                    throw new IllegalArgumentException("summary: sample weight " + w[i] + " at row " + i
                            + " must be > 0 (the WLS likelihood needs ln w); drop zero-weight rows first");
                }
            }
        }
        boolean intercept = model.params().getBoolean("fit_intercept");
        int p = data.featureCount();
        int c = intercept ? 1 : 0;
        int m = p + c;
        if (sparse) {
            // A'WA, the eigendecomposition's copy and its vectors
            SparseLeastSquares.checkDense("summary", "the standard errors need the pseudo-inverse of A'WA, which", p, m, 3,
                    "the coefficients themselves have no such limit (solver lsqr), but their standard errors need the diagonal of"
                            + " (A'WA)^-1: refit on at most " + (SparseLeastSquares.DENSE_LIMIT - c) + " selected features for a summary");
        }
        double[] theta = new double[m];
        if (intercept) {
            theta[0] = model.intercept();
        }
        System.arraycopy(model.coefficients(), 0, theta, c, p);
        double[] pred = sparse ? model.predict(data.sparseFeatures()) : model.predict(x);
        double ssr = 0;
        double sumW = 0;
        double sumWy = 0;
        double sumLogW = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double r = y[i] - pred[i];
            ssr += wi * r * r;
            sumW += wi;
            sumWy += wi * y[i];
            sumLogW += Math.log(wi);
        }
        double ybar = sumWy / sumW;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double d = intercept ? y[i] - ybar : y[i];
            sst += wi * d * d;
        }
        List<String> warnings = new ArrayList<>();
        double[] covDiag;  // the diagonal of (A'WA)^+: only the standard errors need it
        int k;
        Matrix g = null;
        if (sparse) {
            // A'WA from the stored entries; full rank (Cholesky pivots above max(n, m) eps max_j G_jj): the diagonal of
            // its inverse from the factor; otherwise its pseudo-inverse by the eigendecomposition (rank: eigenvalues
            // above max(n, m) eps lambda_max): diag((A'WA)^+)_a = sum_{lambda_q > tau} v_aq^2 / lambda_q
            g = SparseLeastSquares.crossProduct(data.sparseFeatures(), w, intercept);
            covDiag = fullRankInverseDiagonal(g, Math.max(n, m));
            k = m;
        } else {
            covDiag = null;
            k = 0;
        }
        if (sparse && covDiag == null) {
            SymmetricEigen eig = SymmetricEigen.of(g);
            double[] lam = eig.values();
            double lamMax = 0;
            for (double v : lam) {
                lamMax = Math.max(lamMax, v);
            }
            double tau = Math.max(n, m) * Math.ulp(1.0) * lamMax;
            covDiag = new double[m];
            k = pseudoInverseDiagonal(eig.vectors(), lam, tau, covDiag);
        } else if (!sparse) {
            Matrix a = Matrix.zeros(n, m);
            for (int i = 0; i < n; i++) {
                double sw = w == null ? 1 : Math.sqrt(w[i]);
                if (intercept) {
                    a.set(i, 0, sw);
                }
                for (int j = 0; j < p; j++) {
                    a.set(i, j + c, sw * x.get(i, j));
                }
            }
            SVD svd = SVD.of(a);
            k = svd.rank();
            covDiag = svd.pinv().mmult(svd.pinv()).diagonal();   // (A'A)^+ = A^+ A^+'
        }
        if (k < m) {
            warnings.add("the design has rank " + k + " < " + m + " parameters (collinear or constant columns): the covariance uses the "
                    + "pseudo-inverse of A'WA and the degrees of freedom use the rank; coefficients of collinear columns are not identifiable");
        }
        int dfResid = n - k;
        if (dfResid <= 0) {
            throw new IllegalArgumentException("summary: " + n + " rows leave no residual degrees of freedom for " + k
                    + " estimated parameters; inference needs more rows than parameters");
        }
        int dfModel = k - c;
        if (ssr == 0) {
            throw new IllegalArgumentException("summary: the fit is exact (SSR = 0); the log-likelihood and standard errors are undefined");
        }
        double s2 = ssr / dfResid;
        double tq = Distributions.studentTQuantile(0.5 + 0.5 * level, dfResid);
        double[] se = new double[m];
        double[] t = new double[m];
        double[] pv = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add("const");
        }
        names.addAll(model.schema().featureNames());
        for (int j = 0; j < m; j++) {
            se[j] = Math.sqrt(Math.max(0, s2 * covDiag[j]));
            if (se[j] > 0) {
                t[j] = theta[j] / se[j];
                pv[j] = 2 * Distributions.studentTSurvival(Math.abs(t[j]), dfResid);
            } else {
                t[j] = 0;
                pv[j] = 1;
                warnings.add("parameter '" + names.get(j) + "' has standard error 0 (a column of zeros): t = 0 and p = 1 reported");
            }
            lo[j] = theta[j] - tq * se[j];
            hi[j] = theta[j] + tq * se[j];
        }
        double r2 = sst > 0 ? 1 - ssr / sst : 0;
        double adj = 1 - (double) (n - c) / dfResid * (1 - r2);
        double f;
        double fp;
        if (dfModel > 0) {
            f = ((sst - ssr) / dfModel) / (ssr / dfResid);
            fp = Distributions.fSurvival(f, dfModel, dfResid);
        } else {
            f = 0;
            fp = 1;
            warnings.add("no regressors besides the intercept: F = 0, p = 1 reported");
        }
        double llf = -0.5 * n * (Math.log(2 * Math.PI * ssr / n) + 1) + 0.5 * sumLogW;
        return new OlsSummary(data.targetName() == null ? "y" : data.targetName(), names, theta, se, t, pv, lo, hi, level, n, dfModel,
                dfResid, r2, adj, f, fp, Math.sqrt(s2), llf, -2 * llf + 2 * k, -2 * llf + k * Math.log(n), warnings);
    }

    /**
     * The diagonal of {@code g^-1} by Cholesky ({@code m^3} flops in all, against about {@code 9 m^3} for an
     * eigendecomposition), or {@code null} when {@code g} is numerically singular: not positive definite, or a pivot
     * {@code L_jj^2} at or below {@code scale eps max_j g_jj} (as the sparse least-squares solver decides).
     */
    private static double[] fullRankInverseDiagonal(Matrix g, int scale) {
        int m = g.rows();
        double maxDiag = 0;
        for (int j = 0; j < m; j++) {
            maxDiag = Math.max(maxDiag, g.get(j, j));
        }
        try {
            dev.derive.linalg.Cholesky ch = dev.derive.linalg.Cholesky.of(g);
            double[] pivots = ch.l().diagonal();
            for (double l : pivots) {
                if (!(l * l > scale * Math.ulp(1.0) * maxDiag)) {
                    return null;
                }
            }
            return ch.inverse().diagonal();
        } catch (dev.derive.linalg.NotPositiveDefiniteException e) {
            return null;
        }
    }

    /**
     * Fills {@code diag} with the diagonal of {@code V diag(1/lambda) V'} over the eigenpairs with {@code lambda > tau}
     * (columns of {@code v}) and returns their number, the rank.
     */
    private static int pseudoInverseDiagonal(Matrix v, double[] lam, double tau, double[] diag) {
        int m = diag.length;
        int rank = 0;
        double[] col = new double[m];
        for (int q = 0; q < lam.length; q++) {
            if (lam[q] > tau) {
                rank++;
                v.copyColumn(q, 0, col, 0, m);
                for (int a = 0; a < m; a++) {
                    diag[a] += col[a] * (col[a] / lam[q]);
                }
            }
        }
        return rank;
    }

    /** A statsmodels-like text table. */
    @Override
    public String toString() {
        String rule = "=".repeat(84) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%52s%n", "OLS Regression Results"));
        sb.append(rule);
        sb.append(row("Dep. Variable:", target, "R-squared:", fmt(rSquared)));
        sb.append(row("No. Observations:", Integer.toString(nobs), "Adj. R-squared:", fmt(adjRSquared)));
        sb.append(row("Df Residuals:", Integer.toString(dfResid), "F-statistic:", fmt(fStatistic)));
        sb.append(row("Df Model:", Integer.toString(dfModel), "Prob (F-statistic):", String.format(Locale.ROOT, "%.3g", fPValue)));
        sb.append(row("Residual std err:", fmt(residualStdError), "Log-Likelihood:", fmt(logLikelihood)));
        sb.append(row("AIC:", fmt(aic), "BIC:", fmt(bic)));
        sb.append(rule);
        String lq = String.format(Locale.ROOT, "[%.3f", (1 - level) / 2);
        String uq = String.format(Locale.ROOT, "%.3f]", (1 + level) / 2);
        sb.append(String.format(Locale.ROOT, "%-18s %12s %12s %9s %8s %10s %10s%n", "", "coef", "std err", "t", "P>|t|", lq, uq));
        sb.append("-".repeat(84)).append('\n');
        for (int j = 0; j < params.length; j++) {
            String name = names.get(j).length() > 18 ? names.get(j).substring(0, 18) : names.get(j);
            sb.append(String.format(Locale.ROOT, "%-18s %12.5g %12.5g %9.3f %8.3f %10.5g %10.5g%n", name, params[j], standardErrors[j],
                    tValues[j], pValues[j], ciLower[j], ciUpper[j]));
        }
        sb.append(rule);
        for (String wn : warnings) {
            sb.append("Warning: ").append(wn).append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String row(String k1, String v1, String k2, String v2) {
        return String.format(Locale.ROOT, "%-20s%20s   %-22s%19s%n", k1, v1, k2, v2);
    }
}
