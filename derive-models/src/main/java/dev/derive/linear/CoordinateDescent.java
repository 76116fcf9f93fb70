package dev.derive.linear;

import dev.derive.linalg.Blas;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.Arrays;

/**
 * Cyclic coordinate descent for the elastic net (Friedman, Hastie &amp; Tibshirani 2010), on a design that is
 * already centred and weighted. With {@code n} rows it minimises
 * <pre>
 *   P(b) = 1/2 ||y - X b||^2 + l1 ||b||_1 + l2/2 ||b||^2          (l1 = n alpha rho, l2 = n alpha (1 - rho))
 * </pre>
 * which is {@code n} times scikit-learn's objective {@code 1/(2n)||y - Xb||^2 + alpha rho ||b||_1 +
 * alpha (1 - rho)/2 ||b||^2}. One coordinate step is the exact minimiser in {@code b_j}:
 * {@code b_j = S(z_j, l1) / (||x_j||^2 + l2)} with {@code z_j = x_j'r + ||x_j||^2 b_j} and the soft threshold
 * {@code S(z, t) = sign(z) max(|z| - t, 0)} (with {@code positive}, {@code max(z - t, 0)}).
 *
 * <p>Two update schemes: "naive" keeps the residual {@code r = y - Xb} (cost {@code O(n)} per coordinate);
 * "covariance" (Gram) keeps {@code h = X'X b} and uses {@code z_j = x_j'y - h_j + G_jj b_j} (cost {@code O(p)}
 * per coordinate after an {@code O(np^2)} Gram matrix). After each full sweep the solver iterates on the
 * active set (the nonzero coefficients) until it settles, then returns to a full sweep.
 *
 * <p>Stopping rule (as scikit-learn): when the largest coefficient change in a full sweep is at most
 * {@code tol} times the largest coefficient (and at least every 10 sweeps), the duality gap
 * {@code G = P(b) - D(nu)} is evaluated at the dual point {@code nu = r * min(1, l1 / ||X'r - l2 b||_inf)};
 * the solver stops when {@code G <= tol ||y||^2}, i.e. {@code G/n <= tol ||y||^2 / n} for scikit-learn's
 * scaling. The coordinates may be restricted to a subset (strong-rule screening in {@link ElasticNetPath});
 * the gap is then that of the restricted problem.
 */
public final class CoordinateDescent {

    /** The outcome of a solve. */
    public record Result(double[] coef, double dualGap, int iterations, boolean converged) {
    }

    private final int n;
    private final int p;
    private final double[] x;      // column-major n x p, null for the covariance scheme without residuals
    private final double[] y;
    private final double[] gram;   // p x p (covariance scheme) or null
    private final double[] xty;    // X'y
    private final double[] colSq;  // ||x_j||^2
    private final double yy;

    private CoordinateDescent(int n, int p, double[] x, double[] y, double[] gram, double[] xty, double[] colSq, double yy) {
        this.n = n;
        this.p = p;
        this.x = x;
        this.y = y;
        this.gram = gram;
        this.xty = xty;
        this.colSq = colSq;
        this.yy = yy;
    }

    /**
     * A solver for the (already centred and weighted) design {@code x} and target {@code y}.
     *
     * @param useGram use the covariance (Gram) updates; otherwise residual ("naive") updates
     */
    public static CoordinateDescent of(Matrix x, double[] y, boolean useGram) {
        int n = x.rows();
        int p = x.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
        }
        double[] xd = useGram ? null : x.toArray(); // the covariance scheme never reads X again: no copy
        double[] xty = x.tmvmul(y);
        double yy = dot(y, y);
        double[] colSq = new double[p];
        double[] g = null;
        if (useGram) {
            g = x.gram().toArray();
            for (int j = 0; j < p; j++) {
                colSq[j] = g[j * p + j];
            }
        } else {
            for (int j = 0; j < p; j++) {
                double s = 0;
                int o = j * n;
                for (int i = 0; i < n; i++) {
                    s += xd[o + i] * xd[o + i];
                }
                colSq[j] = s;
            }
        }
        return new CoordinateDescent(n, p, xd, y.clone(), g, xty, colSq, yy);
    }

    /**
     * A solver for the prepared design {@code d}, {@code X~ = diag(s) (X - 1 m')}. With {@code useGram} it never
     * forms {@code X~}: see {@link #centredProducts}. Without, {@code X~} is formed (the residual updates read
     * it); either way {@code X~'y} comes from {@link #centredXty}, so the alpha grid and the solver agree bit
     * for bit.
     */
    static CoordinateDescent ofCentred(PenalizedDesign.Prepared d, boolean useGram) {
        int n = d.rows();
        int p = d.cols();
        double[] y = d.y();
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
        }
        double[] colSq = new double[p];
        if (useGram) {
            double[] g = new double[p * p];
            double[] xty = centredProducts(d, g);
            for (int j = 0; j < p; j++) {
                colSq[j] = g[j * p + j];
                for (int i = j + 1; i < p; i++) {
                    g[j + i * p] = g[i + j * p];
                }
            }
            return new CoordinateDescent(n, p, null, y.clone(), g, xty, colSq, dot(y, y));
        }
        double[] xd = d.design().x().toArray();
        for (int j = 0; j < p; j++) {
            double t = 0;
            int o = j * n;
            for (int i = 0; i < n; i++) {
                t += xd[o + i] * xd[o + i];
            }
            colSq[j] = t;
        }
        return new CoordinateDescent(n, p, xd, y.clone(), null, centredXty(d), colSq, dot(y, y));
    }

    /** {@code X~'y} of the prepared design, without forming {@code X~} (the same sums as {@link #centredProducts}). */
    static double[] centredXty(PenalizedDesign.Prepared d) {
        return centredProducts(d, null);
    }

    /** Rows per block of {@link #centredProducts}: about 4 MB of the centred design at a time. */
    private static final int BLOCK_DOUBLES = 1 << 19;

    /** At most this many row chunks (partial products) in {@link #centredProducts}. */
    private static final int MAX_CHUNKS = 8;

    /** The partial Gram matrices of the chunks together hold at most this many doubles (64 MB). */
    private static final long CHUNK_GRAM_DOUBLES = 1L << 23;

    /**
     * {@code X~'y} and, when {@code gram} is given ({@code p x p}, zero), the lower triangle of
     * {@code X~'X~} added into it, without forming {@code X~ = diag(s) (X - 1 m')}.
     *
     * <p>The rows are cut into {@code K} chunks (at most 8, fewer when the partial Gram matrices would exceed
     * 64 MB or the data is small); {@code K} depends only on {@code n} and {@code p}, and {@code X~'y} is summed
     * the same way with or without the Gram matrix, so the alpha grid and the solver agree bit for bit. Each chunk is read in
     * blocks of about 4 MB, each block copied into the chunk's buffer, centred and scaled there, its share of
     * {@code X~'y} summed while it is in cache, then added to the chunk's Gram matrix by BLAS {@code dsyrk}
     * ({@code G_c += B'B}); the chunk products are then added in chunk order. The chunks run in parallel
     * ({@link Parallelism}) with OpenBLAS on one thread per call ({@link Blas#singleThreaded}); with {@code K = 1}
     * one threaded {@code dsyrk} per block. The entries are those of the explicitly centred design (no
     * {@code X'X - n m m'} cancellation), and the sums do not depend on the thread count.
     *
     * <p>Without weights, when the centring cannot cancel more than two bits ({@link #rankOneCentring}), the
     * copy is skipped: {@link #rankOneProducts} runs {@code dsyrk} on the chunks of the raw {@code X} and
     * subtracts {@code n m m'} (the copy, centring and 4 MB blocks cost about a fifth of the Gram time at
     * 50,000 x 500); {@code X~'y} is the same either way.
     */
    private static double[] centredProducts(PenalizedDesign.Prepared d, double[] gram) {
        int n = d.rows();
        int p = d.cols();
        double[] xty = new double[p];
        if (n == 0 || p == 0) {
            return xty;
        }
        int bs = Math.max(1, Math.min(n, BLOCK_DOUBLES / p));
        int blocks = (n + bs - 1) / bs;
        long pp = (long) p * p;
        int k = (int) Math.max(1, Math.min(Math.min(MAX_CHUNKS, blocks), CHUNK_GRAM_DOUBLES / pp));
        if (rankOneCentring(d)) {
            return rankOneProducts(d, gram, xty, bs, blocks, k);
        }
        if (k == 1) {
            chunkProducts(d, 0, n, bs, gram, xty);
            return xty;
        }
        int per = (blocks + k - 1) / k; // blocks per chunk
        int chunks = (blocks + per - 1) / per;
        double[][] g = new double[chunks][];
        double[][] v = new double[chunks][];
        Blas.singleThreaded(() -> Parallelism.forEach(chunks, 2, c -> {
            int r0 = c * per * bs;
            int r1 = Math.min(n, r0 + per * bs);
            g[c] = gram == null || c == 0 ? gram : new double[(int) pp];
            v[c] = new double[p];
            chunkProducts(d, r0, r1, bs, g[c], v[c]);
        }));
        for (int c = 0; c < chunks; c++) {
            if (c > 0 && gram != null) {
                double[] gc = g[c];
                for (int j = 0; j < p; j++) {
                    for (int i = j; i < p; i++) {
                        gram[i + j * p] += gc[i + j * p];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                xty[j] += v[c][j];
            }
        }
        return xty;
    }

    /**
     * Whether the centred Gram matrix may be taken as {@code X'X - n m m'} (no weights): when the means are
     * zero, or every column keeps at least a quarter of its raw sum of squares after centring,
     * {@code n m_j^2 <= 3/4 ||x_j||^2}. The subtraction then loses at most two bits against the explicitly
     * centred products (relative error a few {@code 1e-16} of {@code ||x_i|| ||x_j||}, far below any solver
     * tolerance); a column with a large mean relative to its spread (where the difference would cancel), or whose
     * raw sum of squares overflows, sends the whole matrix to the explicit centring.
     */
    static boolean rankOneCentring(PenalizedDesign.Prepared d) {
        if (d.rowScale() != null) {
            return false;
        }
        double[] m = d.xMean();
        double[] sq = d.rawSq();
        int n = d.rows();
        for (int j = 0; j < m.length; j++) {
            if (m[j] != 0 && (sq == null || !(Double.isFinite(sq[j]) && n * m[j] * m[j] <= 0.75 * sq[j]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #centredProducts} without copying {@code X}: each row chunk's raw {@code X_c'X_c} by one BLAS
     * {@code dsyrk} on the view of {@code X} (chunks in parallel, OpenBLAS single-threaded, summed in chunk
     * order), then {@code G = sum_c X_c'X_c - n m m'}; {@code X~'y} by the same block sums as the explicit
     * centring ({@code sum_i (x_ij - m_j) y_i}, so the alpha grid is unchanged bit for bit). Lower triangle of
     * {@code gram} written.
     */
    private static double[] rankOneProducts(PenalizedDesign.Prepared d, double[] gram, double[] xty, int bs,
                                            int blocks, int k) {
        Matrix x = d.raw();
        int n = d.rows();
        int p = d.cols();
        double[] m = d.xMean();
        int per = (blocks + k - 1) / k; // blocks per chunk
        int chunks = (blocks + per - 1) / per;
        double[][] g = new double[chunks][];
        double[][] v = new double[chunks][];
        Runnable body = () -> Parallelism.forEach(chunks, 2, c -> {
            int r0 = c * per * bs;
            int r1 = Math.min(n, r0 + per * bs);
            v[c] = new double[p];
            rawChunkXty(x, d.y(), m, r0, r1, bs, v[c]);
            if (gram != null) {
                g[c] = x.block(r0, 0, r1 - r0, p).gram().toArray();
            }
        });
        if (chunks == 1) {
            body.run(); // one threaded dsyrk
        } else {
            Blas.singleThreaded(body);
        }
        for (int c = 0; c < chunks; c++) {
            for (int j = 0; j < p; j++) {
                xty[j] += v[c][j];
            }
        }
        if (gram != null) {
            for (int j = 0; j < p; j++) {
                double nmj = n * m[j];
                for (int i = j; i < p; i++) {
                    double s = 0;
                    for (int c = 0; c < chunks; c++) {
                        s += g[c][i + j * p];
                    }
                    gram[i + j * p] = s - nmj * m[i];
                }
            }
        }
        return xty;
    }

    /** Adds {@code sum_i (x_ij - m_j) y_i} over rows {@code [r0, r1)} into {@code xty}, in blocks of {@code bs} rows. */
    private static void rawChunkXty(Matrix x, double[] y, double[] m, int r0, int r1, int bs, double[] xty) {
        int p = x.cols();
        for (int i0 = r0; i0 < r1; i0 += bs) {
            int b = Math.min(bs, r1 - i0);
            for (int j = 0; j < p; j++) {
                double mj = m[j];
                double t = 0;
                for (int i = 0; i < b; i++) {
                    t += (x.get(i0 + i, j) - mj) * y[i0 + i];
                }
                xty[j] += t;
            }
        }
    }

    /** Adds the products of rows {@code [r0, r1)} into {@code gram} (lower triangle, may be null) and {@code xty}. */
    private static void chunkProducts(PenalizedDesign.Prepared d, int r0, int r1, int bs, double[] gram, double[] xty) {
        Matrix x = d.raw();
        double[] y = d.y();
        double[] m = d.xMean();
        double[] s = d.rowScale();
        int p = x.cols();
        double[] buf = new double[Math.min(bs, r1 - r0) * p];
        for (int i0 = r0; i0 < r1; i0 += bs) {
            int b = Math.min(bs, r1 - i0);
            double[] a = b * p == buf.length ? buf : new double[b * p];
            Matrix.wrap(b, p, a).assign(x.block(i0, 0, b, p));
            for (int j = 0; j < p; j++) {
                int o = j * b;
                double mj = m[j];
                double t = 0;
                if (s == null) {
                    for (int i = 0; i < b; i++) {
                        double v = a[o + i] - mj;
                        a[o + i] = v;
                        t += v * y[i0 + i];
                    }
                } else {
                    for (int i = 0; i < b; i++) {
                        double v = (a[o + i] - mj) * s[i0 + i];
                        a[o + i] = v;
                        t += v * y[i0 + i];
                    }
                }
                xty[j] += t;
            }
            if (gram != null) {
                Blas.dsyrkLower(true, p, b, 1.0, a, 0, b, 1.0, gram, 0, p);
            }
        }
    }

    /** Whether this solver uses covariance (Gram) updates. */
    public boolean usesGram() {
        return gram != null;
    }

    int rows() {
        return n;
    }

    int cols() {
        return p;
    }

    double yy() {
        return yy;
    }

    double[] xty() {
        return xty.clone();
    }

    /** The correlations {@code X'(y - X b)} at {@code b}. */
    double[] correlations(double[] b) {
        double[] c = new double[p];
        if (gram != null) {
            for (int j = 0; j < p; j++) {
                c[j] = xty[j];
            }
            for (int k = 0; k < p; k++) {
                double bk = b[k];
                if (bk != 0) {
                    int o = k * p;
                    for (int j = 0; j < p; j++) {
                        c[j] -= gram[o + j] * bk;
                    }
                }
            }
        } else {
            double[] r = residual(b);
            for (int j = 0; j < p; j++) {
                c[j] = colDot(j, r);
            }
        }
        return c;
    }

    private double[] residual(double[] b) {
        double[] r = y.clone();
        for (int j = 0; j < p; j++) {
            double bj = b[j];
            if (bj != 0) {
                int o = j * n;
                for (int i = 0; i < n; i++) {
                    r[i] -= x[o + i] * bj;
                }
            }
        }
        return r;
    }

    private double colDot(int j, double[] v) {
        double s = 0;
        int o = j * n;
        for (int i = 0; i < n; i++) {
            s += x[o + i] * v[i];
        }
        return s;
    }

    /**
     * Minimises {@code P(b)} over the coordinates in {@code eligible} (all when null), the others held at
     * their values in {@code start} (normally 0).
     *
     * @param l1       the L1 weight ({@code n alpha rho}), {@code >= 0}
     * @param l2       the L2 weight ({@code n alpha (1 - rho)}), {@code >= 0}
     * @param start    the warm start (not modified; null for zeros)
     * @param tol      relative tolerance: stop when the gap is {@code <= tol ||y||^2}
     * @param maxIter  the maximum number of full sweeps
     */
    public Result solve(double l1, double l2, double[] start, int[] eligible, boolean positive, double tol, int maxIter) {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("penalties must be finite and >= 0, got l1 = " + l1 + ", l2 = " + l2);
        }
        double[] b = start == null ? new double[p] : start.clone();
        if (b.length != p) {
            throw new IllegalArgumentException("warm start has " + b.length + " coefficients, expected " + p);
        }
        int[] all = eligible == null ? range(p) : eligible.clone();
        if (positive) {
            for (int j : all) {
                b[j] = Math.max(b[j], 0);
            }
        }
        double[] state = gram != null ? gramTimes(b) : residual(b); // h = G b, or r = y - X b
        double gapTol = tol * yy;
        double gap = Double.POSITIVE_INFINITY;
        int iter = 0;
        boolean converged = false;
        int[] active = new int[all.length];
        while (iter < maxIter) {
            double[] change = sweep(all, b, state, l1, l2, positive);
            iter++;
            if (change[0] <= tol * change[1] || change[1] == 0 || iter % 10 == 0 || iter == maxIter) {
                gap = gap(all, b, state, l1, l2, positive);
                if (gap <= gapTol) {
                    converged = true;
                    break;
                }
            }
            // active-set sweeps: only the nonzero coefficients, until they settle
            int na = 0;
            for (int j : all) {
                if (b[j] != 0) {
                    active[na++] = j;
                }
            }
            if (na > 0 && na < all.length) {
                int[] act = Arrays.copyOf(active, na);
                for (int inner = 0; inner < 1000; inner++) {
                    double[] c = sweep(act, b, state, l1, l2, positive);
                    if (c[0] <= tol * c[1] || c[1] == 0) {
                        break;
                    }
                }
            }
        }
        if (!converged) {
            gap = gap(all, b, state, l1, l2, positive);
            converged = gap <= gapTol;
        }
        return new Result(b, gap, iter, converged);
    }

    private double[] gramTimes(double[] b) {
        double[] h = new double[p];
        for (int k = 0; k < p; k++) {
            double bk = b[k];
            if (bk != 0) {
                int o = k * p;
                for (int j = 0; j < p; j++) {
                    h[j] += gram[o + j] * bk;
                }
            }
        }
        return h;
    }

    /** One pass over {@code coords}; returns {max |change|, max |b_j|} over them. */
    private double[] sweep(int[] coords, double[] b, double[] state, double l1, double l2, boolean positive) {
        double maxChange = 0;
        double maxCoef = 0;
        for (int j : coords) {
            double sq = colSq[j];
            double old = b[j];
            if (sq == 0) {
                // a constant (after centring) or all-zero column: its coefficient only meets the penalty
                if (old != 0) {
                    b[j] = 0;
                    maxChange = Math.max(maxChange, Math.abs(old));
                }
                continue;
            }
            double z;
            if (gram != null) {
                z = xty[j] - state[j] + sq * old;
            } else {
                z = colDot(j, state) + sq * old;
            }
            double nb;
            if (positive && z < 0) {
                nb = 0;
            } else {
                double a = Math.abs(z) - l1;
                nb = a > 0 ? Math.copySign(a, z) / (sq + l2) : 0;
            }
            if (nb != old) {
                double d = nb - old;
                b[j] = nb;
                if (gram != null) {
                    int o = j * p;
                    for (int k = 0; k < p; k++) {
                        state[k] += gram[o + k] * d;
                    }
                } else {
                    int o = j * n;
                    for (int i = 0; i < n; i++) {
                        state[i] -= x[o + i] * d;
                    }
                }
                maxChange = Math.max(maxChange, Math.abs(d));
            }
            maxCoef = Math.max(maxCoef, Math.abs(nb));
        }
        return new double[] {maxChange, maxCoef};
    }

    /** The duality gap of the problem restricted to {@code coords}. */
    private double gap(int[] coords, double[] b, double[] state, double l1, double l2, boolean positive) {
        double rr;
        double ry;
        double l1norm = 0;
        double l2sq = 0;
        double dualNorm = 0;
        if (gram != null) {
            double bq = 0;
            double bh = 0;
            for (int j = 0; j < p; j++) {
                bq += b[j] * xty[j];
                bh += b[j] * state[j];
            }
            rr = yy - 2 * bq + bh;
            ry = yy - bq;
            for (int j : coords) {
                double xta = xty[j] - state[j] - l2 * b[j];
                dualNorm = Math.max(dualNorm, positive ? xta : Math.abs(xta));
            }
        } else {
            rr = dot(state, state);
            ry = dot(state, y);
            for (int j : coords) {
                double xta = colDot(j, state) - l2 * b[j];
                dualNorm = Math.max(dualNorm, positive ? xta : Math.abs(xta));
            }
        }
        for (double v : b) {
            l1norm += Math.abs(v);
            l2sq += v * v;
        }
        rr = Math.max(rr, 0);
        double c;
        double aNorm2;
        if (dualNorm > l1) {
            c = l1 / dualNorm;
            aNorm2 = rr * c * c;
        } else {
            c = 1;
            aNorm2 = rr;
        }
        double g = 0.5 * (rr + aNorm2) + l1 * l1norm - c * ry + 0.5 * l2 * (1 + c * c) * l2sq;
        return Math.max(g, 0);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static int[] range(int p) {
        int[] a = new int[p];
        for (int i = 0; i < p; i++) {
            a[i] = i;
        }
        return a;
    }
}
