package dev.derive.optim.prox;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SVD;

/**
 * The nuclear norm {@code g(X) = lambda ||X||_* = lambda sum_i sigma_i(X)} of a {@code rows x cols} matrix
 * stored column-major in a vector of length {@code rows * cols} (the convex surrogate of rank in matrix
 * completion). Its prox is singular value thresholding, {@code prox_{t g}(V) = U max(S - t lambda, 0) V'}
 * for {@code V = U S V'} (Cai, Candès &amp; Shen, SIAM J. Optim. 20(4), 2010), computed with {@link SVD}.
 *
 * @param lambda the weight, finite and {@code >= 0}
 * @param rows   the number of rows, {@code >= 1}
 * @param cols   the number of columns, {@code >= 1}
 */
public record NuclearNorm(double lambda, int rows, int cols) implements ProximalFunction {

    public NuclearNorm {
        Check.nonNegative("NuclearNorm", "lambda", lambda);
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("NuclearNorm: rows and cols must be >= 1, got " + rows + " x " + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("NuclearNorm: " + rows + " x " + cols + " is too large for one array");
        }
    }

    @Override
    public int dimension() {
        return rows * cols;
    }

    @Override
    public double value(double[] x) {
        Check.value("NuclearNorm", dimension(), x);
        double s = 0;
        for (double v : SVD.values(Matrix.fromColumnMajor(rows, cols, x))) {
            s += v;
        }
        return lambda * s;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        Check.prox("NuclearNorm", dimension(), v, t, out);
        SVD svd = SVD.of(Matrix.fromColumnMajor(rows, cols, v));
        double[] s = svd.singularValues();
        double k = t * lambda;
        double[] shrunk = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            shrunk[i] = Math.max(s[i] - k, 0);
        }
        Matrix p = svd.u().mulRowVector(shrunk).mmul(svd.vt());
        double[] a = p.toArray();
        System.arraycopy(a, 0, out, 0, a.length);
    }
}
