package dev.derive.optim.admm;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.optim.LBFGS;
import dev.derive.optim.OptimResult;
import dev.derive.optim.SmoothObjective;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.StopReason;
import dev.derive.optim.prox.ProximalFunction;
import dev.derive.runtime.Parallelism;
import java.util.List;

/**
 * Global consensus {@code min sum_i f_i(x) + r(x)} split over {@code N} blocks (data shards), as the ADMM
 * problem {@code f(x_1..x_N) = sum_i f_i(x_i), g(z) = r(z), x_i - z = 0} (Boyd et al. 2011, section 7.1):
 * each x-update is a local proximal step {@code x_i = argmin f_i(x_i) + rho/2 ||x_i - v_i||^2}, run in parallel
 * over the blocks (each writes its own slice, so the result does not depend on the thread count); the
 * z-update averages, {@code z = prox_{r/(N rho)}(mean_i(x^_i + u_i))}. Blocks: {@link #leastSquares} (closed
 * form with a cached Cholesky factor per block) and {@link #logistic} (inner L-BFGS, warm started).
 *
 * <p>The caches make an instance unsafe to share between concurrent solves; create one per solve.
 */
public final class Consensus implements AdmmProblem {

    /** One block {@code f_i}: its value and its proximal step. */
    public interface Block {
        /** The dimension of the shared variable. */
        int dimension();

        /** {@code f_i(x)}. */
        double value(double[] x);

        /** Writes {@code argmin_x f_i(x) + rho/2 ||x - v||^2} into {@code out}. */
        void proximal(double[] v, double rho, double[] out);
    }

    private final List<Block> blocks;
    private final ProximalFunction regularizer;
    private final int d;

    /**
     * @param blocks      the local functions, at least one, all of the same dimension
     * @param regularizer {@code r}, or null for none
     */
    public Consensus(List<? extends Block> blocks, ProximalFunction regularizer) {
        if (blocks == null || blocks.isEmpty()) {
            throw new IllegalArgumentException("Consensus: at least one block is needed");
        }
        this.d = blocks.get(0).dimension();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).dimension() != d) {
                throw new IllegalArgumentException("Consensus: block " + i + " has dimension " + blocks.get(i).dimension()
                        + " but block 0 has dimension " + d);
            }
        }
        if (regularizer != null && regularizer.dimension() != ProximalFunction.ANY_DIMENSION
                && regularizer.dimension() != d) {
            throw new IllegalArgumentException("Consensus: the regularizer has dimension " + regularizer.dimension()
                    + " but the blocks have dimension " + d);
        }
        this.blocks = List.copyOf(blocks);
        this.regularizer = regularizer;
    }

    /** Distributed least squares {@code sum_i 1/2 ||X_i b - y_i||^2 + r(b)}. */
    public static Consensus leastSquares(List<Matrix> xs, List<double[]> ys, ProximalFunction regularizer) {
        checkShards(xs, ys);
        return new Consensus(java.util.stream.IntStream.range(0, xs.size())
                .mapToObj(i -> new LeastSquaresBlock(xs.get(i), ys.get(i))).toList(), regularizer);
    }

    /**
     * Distributed logistic regression {@code sum_i sum_k log(1 + exp(-t_k a_k'b)) + r(b)} with labels
     * {@code t_k} in {-1, +1}.
     */
    public static Consensus logistic(List<Matrix> xs, List<double[]> labels, ProximalFunction regularizer) {
        checkShards(xs, labels);
        for (double[] t : labels) {
            for (double v : t) {
                if (v != 1 && v != -1) {
                    throw new IllegalArgumentException("Consensus.logistic: labels must be -1 or +1, got " + v);
                }
            }
        }
        return new Consensus(java.util.stream.IntStream.range(0, xs.size())
                .mapToObj(i -> new LogisticBlock(xs.get(i), labels.get(i))).toList(), regularizer);
    }

    private static void checkShards(List<Matrix> xs, List<double[]> ys) {
        if (xs == null || ys == null || xs.size() != ys.size() || xs.isEmpty()) {
            throw new IllegalArgumentException("Consensus: need as many (non-zero) feature shards as target shards, got "
                    + (xs == null ? "null" : xs.size()) + " and " + (ys == null ? "null" : ys.size()));
        }
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).rows() != ys.get(i).length) {
                throw new IllegalArgumentException("Consensus: shard " + i + " has " + xs.get(i).rows()
                        + " rows but " + ys.get(i).length + " targets");
            }
            if (!xs.get(i).isFinite()) {
                throw new IllegalArgumentException("Consensus: shard " + i + " has a non-finite feature");
            }
        }
    }

    /** The number of blocks {@code N}. */
    public int blockCount() {
        return blocks.size();
    }

    /** {@code sum_i f_i(b) + r(b)}. */
    public double value(double[] b) {
        double s = 0;
        for (Block blk : blocks) {
            s += blk.value(b);
        }
        return s + (regularizer == null ? 0 : regularizer.value(b));
    }

    @Override
    public int xDimension() {
        return d * blocks.size();
    }

    @Override
    public int zDimension() {
        return d;
    }

    @Override
    public int constraintRows() {
        return d * blocks.size();
    }

    @Override
    public void applyA(double[] x, double[] out) {
        System.arraycopy(x, 0, out, 0, x.length);
    }

    @Override
    public void applyATranspose(double[] r, double[] out) {
        System.arraycopy(r, 0, out, 0, r.length);
    }

    @Override
    public void applyB(double[] z, double[] out) {
        for (int b = 0; b < blocks.size(); b++) {
            for (int j = 0; j < d; j++) {
                out[b * d + j] = -z[j];
            }
        }
    }

    @Override
    public double[] c() {
        return new double[d * blocks.size()];
    }

    @Override
    public void xUpdate(double[] v, double rho, double[] x) {
        Parallelism.forEach(blocks.size(), 2, b -> {
            double[] vb = java.util.Arrays.copyOfRange(v, b * d, (b + 1) * d);
            double[] xb = new double[d];
            blocks.get(b).proximal(vb, rho, xb);
            System.arraycopy(xb, 0, x, b * d, d);
        });
    }

    @Override
    public void zUpdate(double[] w, double rho, double[] z) {
        int nb = blocks.size();
        double[] mean = new double[d];
        for (int b = 0; b < nb; b++) {
            for (int j = 0; j < d; j++) {
                mean[j] -= w[b * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= nb;
        }
        if (regularizer == null) {
            System.arraycopy(mean, 0, z, 0, d);
        } else {
            regularizer.prox(mean, 1 / (nb * rho), z);
        }
    }

    @Override
    public double objective(double[] x, double[] z) {
        double s = 0;
        for (int b = 0; b < blocks.size(); b++) {
            s += blocks.get(b).value(java.util.Arrays.copyOfRange(x, b * d, (b + 1) * d));
        }
        return s + (regularizer == null ? 0 : regularizer.value(z));
    }

    /** {@code 1/2 ||X b - y||^2} with {@code (X'X + rho I)} factored once per {@code rho}. */
    static final class LeastSquaresBlock implements Block {
        final Matrix x;
        final double[] y;
        final Matrix gram;
        final double[] xty;
        double cachedRho = Double.NaN;
        Cholesky cached;

        LeastSquaresBlock(Matrix x, double[] y) {
            this.x = x.copy();
            this.y = y.clone();
            this.gram = x.gram();
            this.xty = x.tmvmul(y);
        }

        @Override
        public int dimension() {
            return x.cols();
        }

        @Override
        public double value(double[] b) {
            double[] r = x.mvmul(b);
            double s = 0;
            for (int i = 0; i < r.length; i++) {
                double e = r[i] - y[i];
                s += e * e;
            }
            return 0.5 * s;
        }

        @Override
        public synchronized void proximal(double[] v, double rho, double[] out) {
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
    }

    /** Logistic loss; the proximal step is solved by L-BFGS warm-started at its previous solution. */
    static final class LogisticBlock implements Block {
        final Matrix a;
        final double[] t;
        double[] warm;

        LogisticBlock(Matrix a, double[] t) {
            this.a = a.copy();
            this.t = t.clone();
        }

        @Override
        public int dimension() {
            return a.cols();
        }

        double lossAndGradient(double[] b, double[] grad) {
            double[] m = a.mvmul(b);
            double[] coef = new double[m.length];
            double s = 0;
            for (int k = 0; k < m.length; k++) {
                double margin = t[k] * m[k];
                // log(1 + exp(-margin)) computed stably
                s += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
                double sig = margin > 0 ? Math.exp(-margin) / (1 + Math.exp(-margin)) : 1 / (1 + Math.exp(margin));
                coef[k] = -t[k] * sig;
            }
            if (grad != null) {
                System.arraycopy(a.tmvmul(coef), 0, grad, 0, grad.length);
            }
            return s;
        }

        @Override
        public double value(double[] b) {
            return lossAndGradient(b, null);
        }

        @Override
        public synchronized void proximal(double[] v, double rho, double[] out) {
            int n = a.cols();
            SmoothObjective prox = new SmoothObjective() {
                @Override
                public int dimension() {
                    return n;
                }

                @Override
                public double value(double[] b) {
                    return valueAndGradient(b, new double[n]);
                }

                @Override
                public double valueAndGradient(double[] b, double[] g) {
                    double f = lossAndGradient(b, g);
                    for (int j = 0; j < n; j++) {
                        double dj = b[j] - v[j];
                        f += 0.5 * rho * dj * dj;
                        g[j] += rho * dj;
                    }
                    return f;
                }
            };
            double[] start = warm == null ? v.clone() : warm;
            OptimResult r = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10)
                    .withMaxIterations(500)).minimize(prox, start);
            if (r.stopReason() == StopReason.NON_FINITE) {
                java.util.Arrays.fill(out, Double.NaN);
                return;
            }
            warm = r.solution();
            System.arraycopy(warm, 0, out, 0, n);
        }
    }
}
