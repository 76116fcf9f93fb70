package dev.derive.optim.admm;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.optim.prox.GroupLasso;
import dev.derive.optim.prox.L1Norm;
import dev.derive.optim.prox.ProximalFunction;

/**
 * {@code min 1/2 ||X b - y||^2 + g(b)} for a proximable {@code g} as the ADMM problem
 * {@code f(x) = 1/2 ||X x - y||^2, g(z), x - z = 0} (Boyd et al. 2011, section 6.4: lasso with
 * {@code g = lambda ||.||_1}; section 6.4.2: group lasso). The x-update solves
 * {@code (X'X + rho I) x = X'y + rho v} with a Cholesky factor of {@code X'X + rho I} cached per {@code rho}
 * (refactored only when residual balancing changes {@code rho}); the z-update is {@code prox_{g/rho}}.
 * The solution is {@link AdmmResult#z()} (exactly sparse) or {@link AdmmResult#x()}.
 *
 * <p>The cache makes an instance unsafe to share between concurrent solves; create one per solve.
 */
public final class RegularizedLeastSquares implements AdmmProblem {

    private final Matrix x;
    private final double[] y;
    private final ProximalFunction g;
    private final Matrix gram;
    private final double[] xty;
    private double cachedRho = Double.NaN;
    private Cholesky cached;

    private RegularizedLeastSquares(Matrix x, double[] y, ProximalFunction g) {
        if (x == null || y == null || g == null) {
            throw new IllegalArgumentException("RegularizedLeastSquares: X, y and g must not be null");
        }
        if (x.rows() != y.length) {
            throw new IllegalArgumentException("RegularizedLeastSquares: X has " + x.rows() + " rows but y has length "
                    + y.length);
        }
        if (!x.isFinite()) {
            throw new IllegalArgumentException("RegularizedLeastSquares: X has a non-finite entry");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("RegularizedLeastSquares: y[" + i + "] = " + y[i] + " is not finite");
            }
        }
        int d = g.dimension();
        if (d != ProximalFunction.ANY_DIMENSION && d != x.cols()) {
            throw new IllegalArgumentException("RegularizedLeastSquares: g has dimension " + d + " but X has " + x.cols()
                    + " columns");
        }
        this.x = x.copy();
        this.y = y.clone();
        this.g = g;
        this.gram = x.gram();
        this.xty = x.tmvmul(y);
    }

    /** Least squares with any proximable penalty {@code g}. */
    public static RegularizedLeastSquares of(Matrix x, double[] y, ProximalFunction g) {
        return new RegularizedLeastSquares(x, y, g);
    }

    /** The lasso {@code 1/2 ||X b - y||^2 + lambda ||b||_1}. */
    public static RegularizedLeastSquares lasso(Matrix x, double[] y, double lambda) {
        return new RegularizedLeastSquares(x, y, new L1Norm(lambda));
    }

    /** The group lasso {@code 1/2 ||X b - y||^2 + lambda sum_g sqrt(|g|) ||b_g||_2}. */
    public static RegularizedLeastSquares groupLasso(Matrix x, double[] y, double lambda, int[] groupOf) {
        GroupLasso gl = GroupLasso.of(lambda, groupOf);
        return new RegularizedLeastSquares(x, y, gl);
    }

    /** The penalty {@code g}. */
    public ProximalFunction penalty() {
        return g;
    }

    @Override
    public int xDimension() {
        return x.cols();
    }

    @Override
    public int zDimension() {
        return x.cols();
    }

    @Override
    public int constraintRows() {
        return x.cols();
    }

    @Override
    public void applyA(double[] v, double[] out) {
        System.arraycopy(v, 0, out, 0, v.length);
    }

    @Override
    public void applyATranspose(double[] r, double[] out) {
        System.arraycopy(r, 0, out, 0, r.length);
    }

    @Override
    public void applyB(double[] z, double[] out) {
        for (int i = 0; i < z.length; i++) {
            out[i] = -z[i];
        }
    }

    @Override
    public double[] c() {
        return new double[x.cols()];
    }

    @Override
    public void xUpdate(double[] v, double rho, double[] out) {
        if (rho != cachedRho) {
            Matrix k = gram.copy();
            for (int i = 0; i < k.rows(); i++) {
                k.add(i, i, rho);
            }
            cached = Cholesky.of(k);
            cachedRho = rho;
        }
        double[] rhs = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            rhs[i] = xty[i] + rho * v[i];
        }
        System.arraycopy(cached.solve(rhs), 0, out, 0, v.length);
    }

    @Override
    public void zUpdate(double[] w, double rho, double[] out) {
        // argmin g(z) + rho/2 ||-z - w||^2 = prox_{g/rho}(-w)
        double[] nw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            nw[i] = -w[i];
        }
        g.prox(nw, 1 / rho, out);
    }

    /** {@code 1/2 ||X b - y||^2 + g(b)} at {@code b}. */
    public double value(double[] b) {
        double[] r = x.mvmul(b);
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            double d = r[i] - y[i];
            s += d * d;
        }
        return 0.5 * s + g.value(b);
    }

    @Override
    public double objective(double[] xv, double[] z) {
        double[] r = x.mvmul(xv);
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            double d = r[i] - y[i];
            s += d * d;
        }
        return 0.5 * s + g.value(z);
    }
}
