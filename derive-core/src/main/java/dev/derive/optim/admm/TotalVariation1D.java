package dev.derive.optim.admm;

/**
 * One-dimensional total-variation denoising {@code min 1/2 ||x - y||^2 + lambda sum_i |x_{i+1} - x_i|}
 * (Rudin, Osher &amp; Fatemi 1992; Boyd et al. 2011, section 6.4.1 for the ADMM splitting) as
 * {@code f(x) = 1/2 ||x - y||^2, g(z) = lambda ||z||_1, D x - z = 0} with {@code D} the
 * {@code (n-1) x n} first-difference matrix. The x-update solves the tridiagonal system
 * {@code (I + rho D'D) x = y + rho D'v} by the Thomas algorithm in O(n); the z-update is soft thresholding.
 *
 * <p>Optimality: {@code x* = y - D' nu} for some {@code nu} with {@code |nu_i| <= lambda} and
 * {@code nu_i = lambda sign((D x*)_i)} where {@code (D x*)_i != 0}.
 */
public final class TotalVariation1D implements AdmmProblem {

    private final double[] y;
    private final double lambda;

    /**
     * @param y      the signal, length {@code >= 2}, finite
     * @param lambda the weight, finite and {@code >= 0}
     */
    public TotalVariation1D(double[] y, double lambda) {
        if (y == null || y.length < 2) {
            throw new IllegalArgumentException("TotalVariation1D: y must have length >= 2, got "
                    + (y == null ? "null" : y.length));
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("TotalVariation1D: y[" + i + "] = " + y[i] + " is not finite");
            }
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("TotalVariation1D: lambda must be finite and >= 0, got " + lambda);
        }
        this.y = y.clone();
        this.lambda = lambda;
    }

    @Override
    public int xDimension() {
        return y.length;
    }

    @Override
    public int zDimension() {
        return y.length - 1;
    }

    @Override
    public int constraintRows() {
        return y.length - 1;
    }

    @Override
    public void applyA(double[] x, double[] out) {
        for (int i = 0; i + 1 < x.length; i++) {
            out[i] = x[i + 1] - x[i];
        }
    }

    @Override
    public void applyATranspose(double[] r, double[] out) {
        int n = y.length;
        for (int i = 0; i < n; i++) {
            double s = 0;
            if (i > 0) {
                s += r[i - 1];
            }
            if (i < n - 1) {
                s -= r[i];
            }
            out[i] = s;
        }
    }

    @Override
    public void applyB(double[] z, double[] out) {
        for (int i = 0; i < z.length; i++) {
            out[i] = -z[i];
        }
    }

    @Override
    public double[] c() {
        return new double[y.length - 1];
    }

    @Override
    public void xUpdate(double[] v, double rho, double[] x) {
        int n = y.length;
        double[] rhs = new double[n];
        applyATranspose(v, rhs);
        for (int i = 0; i < n; i++) {
            rhs[i] = y[i] + rho * rhs[i];
        }
        // tridiagonal: diag 1 + rho * (1, 2, ..., 2, 1), off-diagonal -rho; Thomas algorithm
        double[] cp = new double[n];
        double[] dp = new double[n];
        double b0 = 1 + rho;
        cp[0] = -rho / b0;
        dp[0] = rhs[0] / b0;
        for (int i = 1; i < n; i++) {
            double bi = 1 + rho * (i == n - 1 ? 1 : 2);
            double denom = bi + rho * cp[i - 1];
            cp[i] = -rho / denom;
            dp[i] = (rhs[i] + rho * dp[i - 1]) / denom;
        }
        x[n - 1] = dp[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            x[i] = dp[i] - cp[i] * x[i + 1];
        }
    }

    @Override
    public void zUpdate(double[] w, double rho, double[] z) {
        double t = lambda / rho;
        for (int i = 0; i < w.length; i++) {
            double v = -w[i];
            z[i] = Math.signum(v) * Math.max(Math.abs(v) - t, 0);
        }
    }

    /** {@code 1/2 ||x - y||^2 + lambda ||D x||_1}. */
    public double value(double[] x) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = x[i] - y[i];
            s += 0.5 * d * d;
            if (i + 1 < y.length) {
                s += lambda * Math.abs(x[i + 1] - x[i]);
            }
        }
        return s;
    }

    @Override
    public double objective(double[] x, double[] z) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = x[i] - y[i];
            s += 0.5 * d * d;
        }
        for (double v : z) {
            s += lambda * Math.abs(v);
        }
        return s;
    }
}
