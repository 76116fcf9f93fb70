package dev.derive.linear;

import dev.derive.linalg.Blas;
import dev.derive.linalg.Matrix;
import dev.derive.optim.TwiceDifferentiableObjective;
import dev.derive.runtime.Parallelism;

/**
 * The penalised logistic / softmax log-loss of scikit-learn's {@code LogisticRegression}:
 * {@code f(theta) = sum_i s_i [logsumexp(z_i) - z_{i,y_i}] + ||W||_F^2 / (2C)}, with scores
 * {@code z_i = W x_i + b} and row weights {@code s_i} (sample weight times class weight). Binary problems use
 * one score {@code z_i = w'x_i + b} for class 1 and the loss {@code log(1 + e^z) - y z}. The intercepts are
 * not penalised.
 *
 * <p>Parameter layout: class {@code k} (of {@code K' = 1} for binary, {@code K} otherwise) occupies
 * {@code theta[k*d .. k*d + d)}, {@code d = p + 1} with intercept (the intercept last) or {@code d = p}.
 * Gradient {@code dW = R'X + W/C}, {@code db = R'1}, with residuals {@code R_ik = s_i (P_ik - Y_ik)}. Hessian
 * block {@code (k,l)} is {@code X~' diag(s_i P_ik (delta_kl - P_il)) X~} plus {@code I/C} on the penalised
 * diagonal. For the multinomial model with intercepts the loss is invariant to adding a constant to every
 * intercept, so the Hessian is singular along {@code u = (1,..,1)} on the intercepts; {@link #hessian} adds
 * {@code u u'} there, which leaves every Newton step orthogonal to {@code u} (the gradient is) and equal to
 * the pseudo-inverse step.
 *
 * <p>One instance per fit: the binary evaluations share scratch space and keep the last evaluation
 * ({@link #binary}), so an instance is not for concurrent use.
 */
final class LogisticObjective extends LogisticLayout implements TwiceDifferentiableObjective {

    final Matrix x;        // n x p
    final int[] y;
    final double[] s;      // row weights
    final double invC;    // the L2 strength (1/C for the l2 penalty)

    LogisticObjective(Matrix x, int[] y, double[] s, int numClasses, boolean intercept, double c) {
        this(x, y, s, numClasses, intercept, 1.0 / c, true);
    }

    /**
     * The objective with L2 strength {@code l2} in place of {@code 1/C}: {@code sum_i s_i loss_i + l2 ||W||^2 / 2}
     * ({@code l2 = 0}: no penalty; elastic net: {@code (1 - l1_ratio) / C}).
     */
    static LogisticObjective withL2(Matrix x, int[] y, double[] s, int numClasses, boolean intercept, double l2) {
        return new LogisticObjective(x, y, s, numClasses, intercept, l2, true);
    }

    private LogisticObjective(Matrix x, int[] y, double[] s, int numClasses, boolean intercept, double l2, boolean strength) {
        super(numClasses, x.cols(), intercept);
        this.x = x;
        this.y = y;
        this.s = s;
        this.invC = l2;
    }

    /** Scores {@code n x K'}. */
    Matrix scores(double[] theta) {
        Matrix z = x.mmult(weights(theta));
        double[] b = intercepts(theta);
        return z.addRowVector(b);
    }

    /**
     * Fills {@code prob} ({@code n x K'}: P(class 1) for binary) and returns the unpenalised weighted loss,
     * by a stable log-sum-exp.
     */
    double lossAndProba(Matrix z, Matrix prob) {
        int n = x.rows();
        double loss = 0;
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                double zi = z.get(i, 0);
                // log(1 + e^z) = max(z, 0) + log1p(e^-|z|)
                double softplus = Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi)));
                loss += s[i] * (softplus - (y[i] == 1 ? zi : 0));
                prob.set(i, 0, zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi)));
            }
            return loss;
        }
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                m = Math.max(m, z.get(i, c));
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(z.get(i, c) - m);
                prob.set(i, c, e);
                sum += e;
            }
            for (int c = 0; c < k; c++) {
                prob.set(i, c, prob.get(i, c) / sum);
            }
            loss += s[i] * (m + Math.log(sum) - z.get(i, y[i]));
        }
        return loss;
    }

    double penalty(double[] theta) {
        double r = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                double v = theta[c * d + j];
                r += v * v;
            }
        }
        return 0.5 * invC * r;
    }

    /**
     * The binary objective and (when {@code gradient != null}) its gradient in one pass over {@code X}. The rows
     * are cut into blocks of about 1 MB ({@link BinaryPass}); for each block {@code z = X_b w + b} (BLAS
     * {@code dgemv}), then per row one {@code exp(-|z|)} gives both the loss {@code max(z, 0) + log1p(e^-|z|) - y z}
     * and {@code sigma(z)}, the residual {@code r_i = s_i (sigma(z_i) - y_i)} overwrites {@code z}, and
     * {@code X_b'r} (BLAS {@code dgemv} on the block, still in cache) is the block's share of the gradient; the
     * blocks' losses, residual sums and gradients are then added in block order, {@code dW += w/C},
     * {@code db = sum r}. The features are read from memory once per evaluation and no matrix is copied.
     *
     * <p>The blocks are grouped into at most {@link #MAX_CHUNKS} chunks of consecutive blocks that run in parallel
     * ({@link Parallelism#forEach}: the calling thread and the pool's helpers claim the next chunk, so a core taken
     * by other work, as the background digest of the data or the JIT compiler, only slows its own share) with
     * OpenBLAS on one thread per call ({@link Blas#singleThreaded}): no fork and join of OpenBLAS's threads in each
     * of the 2 {@code dgemv} per block, whose threads spin while they wait for each other on a busy machine. The
     * blocks depend only on {@code n} and {@code p}, each {@code dgemv} runs on one thread and the sums are in
     * block order, so the value and gradient are the same bits whatever the thread count, and the same as a
     * sequential pass over the blocks.
     *
     * <p>Every pass also finds whether every row of positive weight is classified correctly ({@code z > 0}
     * exactly for class 1, as the model predicts); {@code separated}, if not null, receives it. The value, gradient
     * and separation of the last evaluation with a gradient are kept: asked again at the same {@code theta} (the
     * fit's report at the solution the solver returns, whose gradient the solver's last step computed) they are
     * copied instead of computed, the same numbers without another pass over {@code X}.
     *
     * <p>The per-row work is in small branch-free loops ({@link #lossAndResiduals}, {@link #loss}): the first
     * evaluation is at {@code theta = 0}, where every score is 0, and a loop whose branches depend on the sign of
     * the scores would be compiled for that profile and then deoptimised and recompiled as the scores spread
     * (it was, three times, on the first fit).
     */
    double binary(double[] theta, double[] gradient, boolean[] separated) {
        BinaryPass pass = binaryPass();
        if (gradient != null && pass.lastTheta != null && java.util.Arrays.equals(theta, 0, dimension(), pass.lastTheta, 0, dimension())) {
            System.arraycopy(pass.lastGradient, 0, gradient, 0, dimension());
            if (separated != null) {
                separated[0] = pass.lastSeparated;
            }
            return pass.lastValue;
        }
        System.arraycopy(theta, 0, pass.w, 0, p);
        pass.b = intercept ? theta[p] : 0;
        pass.withGradient = gradient != null;
        Blas.singleThreaded(pass);
        if (pass.checkFinite) {
            pass.finishCheck();
        }
        double loss = 0;
        double rsum = 0;
        boolean sep = true;
        if (gradient != null) {
            java.util.Arrays.fill(gradient, 0, p, 0.0);
        }
        for (int c = 0; c < pass.chunks; c++) {
            sep &= pass.separated[c];
        }
        for (int bi = 0; bi < pass.blocks; bi++) {  // block order: the sums of a sequential pass, bit for bit
            loss += pass.loss[bi];
            if (gradient != null) {
                rsum += pass.rsum[bi];
                addTo(gradient, pass.grad[bi], p);
                pass.grad[bi] = null;
            }
        }
        double pen = 0;
        for (int j = 0; j < p; j++) {
            pen += theta[j] * theta[j];
        }
        if (gradient != null) {
            for (int j = 0; j < p; j++) {
                gradient[j] += invC * theta[j];
            }
            if (intercept) {
                gradient[p] = rsum;
            }
        }
        if (separated != null) {
            separated[0] = sep;
        }
        double value = loss + 0.5 * invC * pen;
        if (gradient != null) {
            pass.keep(theta, value, gradient, sep, dimension());
        }
        return value;
    }

    /**
     * Makes the next pass of {@link #binary} check that every feature value is finite, block by block while the
     * block is in cache (instead of a pass of its own over {@code X} before the fit); if one is not,
     * {@code data.requireFiniteFeatures(learner)} is called after that pass to throw its error, which names the
     * feature and the row. {@code data} must hold the features of this objective.
     */
    void checkFeaturesOnFirstPass(dev.derive.data.Dataset data, String learner) {
        BinaryPass pass = binaryPass();
        pass.checkData = data;
        pass.checkLearner = learner;
        pass.checkFinite = true;
    }

    /** False while a check asked by {@link #checkFeaturesOnFirstPass} has not run yet. */
    boolean featuresChecked() {
        return binaryPass == null || !binaryPass.checkFinite;
    }

    /** At most this many chunks of row blocks per pass ({@link #binary}). */
    static final int MAX_CHUNKS = 8;

    private BinaryPass binaryPass;

    private BinaryPass binaryPass() {
        BinaryPass pass = binaryPass;
        if (pass == null) {
            pass = new BinaryPass(x, y, s, p);
            binaryPass = pass;
        }
        return pass;
    }

    /**
     * The scratch of {@link #binary} (allocated once per objective) and its parallel body: chunk {@code c} covers
     * blocks {@code [c per, (c + 1) per)} of {@code bs} rows and writes only its blocks' {@code loss[b]},
     * {@code rsum[b]} and {@code grad[b]} (BLAS's result vector of {@code X_b'r}, kept until the sum) and its own
     * {@code separated[c]}, {@code nonFinite[c]}; {@link #binary} then adds the blocks in order, so the value and
     * gradient are those of one sequential pass over the blocks. The per-block gradients take {@code blocks * p}
     * doubles, at most about 1/256 of {@code X}. A named class, not a lambda: the first fit in a JVM would
     * otherwise spin lambda classes.
     */
    private static final class BinaryPass implements Runnable, java.util.function.IntConsumer {
        final Matrix x;
        final int[] y;
        final double[] s;
        final int p;
        final int bs;      // rows per block (about 1 MB of features)
        final int blocks;
        final int per;     // blocks per chunk
        final int chunks;
        final double[] w;
        double b;
        boolean withGradient;
        final double[] loss;       // per block
        final double[] rsum;       // per block
        final double[][] grad;     // per block
        final boolean[] separated; // per chunk
        double[] lastTheta;
        double[] lastGradient;
        double lastValue;
        boolean lastSeparated;
        boolean checkFinite;          // this pass checks the features ({@link #checkFeaturesOnFirstPass})
        final boolean[] nonFinite;    // per chunk: a non-finite feature value seen
        dev.derive.data.Dataset checkData;
        String checkLearner;

        BinaryPass(Matrix x, int[] y, double[] s, int p) {
            this.x = x;
            this.y = y;
            this.s = s;
            this.p = p;
            int n = x.rows();
            bs = Math.max(256, (1 << 17) / Math.max(1, p));
            blocks = Math.max(1, (n + bs - 1) / bs);
            int k = Math.min(MAX_CHUNKS, blocks);
            per = (blocks + k - 1) / k;
            chunks = (blocks + per - 1) / per;
            w = new double[p];
            loss = new double[blocks];
            rsum = new double[blocks];
            grad = new double[blocks][];
            separated = new boolean[chunks];
            nonFinite = new boolean[chunks];
        }

        @Override
        public void run() {
            Parallelism.forEach(chunks, 2, this);
        }

        @Override
        public void accept(int c) {
            int n = x.rows();
            double[] acc = new double[2];  // residual sum of the block, misclassified rows of the chunk
            for (int bi = c * per; bi < Math.min(blocks, (c + 1) * per); bi++) {
                int i0 = bi * bs;
                int m = Math.min(bs, n - i0);
                Matrix xb = x.block(i0, 0, m, p);
                if (checkFinite && !xb.isFinite()) {
                    nonFinite[c] = true;
                }
                double[] z = xb.mvmul(w);
                if (withGradient) {
                    acc[0] = 0;
                    loss[bi] = lossAndResiduals(z, b, y, s, i0, m, acc);
                    rsum[bi] = acc[0];
                    grad[bi] = xb.tmvmul(z);
                } else {
                    loss[bi] = loss(z, b, y, s, i0, m, acc);
                }
            }
            separated[c] = acc[1] == 0;
        }

        /** After a checking pass: throws the data set's error if a chunk saw a non-finite value; else the check is done. */
        void finishCheck() {
            for (boolean bad : nonFinite) {
                if (bad) {
                    checkData.requireFiniteFeatures(checkLearner);  // throws, naming the feature and the row
                    throw new IllegalStateException(checkLearner + ": a non-finite feature value was seen in a block but not by the data set's check");
                }
            }
            checkFinite = false;
            checkData = null;
        }

        /** Keeps the value, gradient and separation at {@code theta} (copies). */
        void keep(double[] theta, double value, double[] gradient, boolean sep, int dim) {
            if (lastTheta == null) {
                lastTheta = new double[dim];
                lastGradient = new double[dim];
            }
            System.arraycopy(theta, 0, lastTheta, 0, dim);
            System.arraycopy(gradient, 0, lastGradient, 0, dim);
            lastValue = value;
            lastSeparated = sep;
        }
    }

    /**
     * {@code log(1 + e)} for {@code e} in {@code [0, 1]} without branches: {@code u = fl(1 + e)} and
     * {@code log(1 + e) = log(u) - ((u - 1) - e) / u} to first order in the rounding error of {@code u} (exact
     * {@code u - 1}; for {@code e < 2^-53}, {@code u = 1} and the result is {@code e}). Relative error a few ulps.
     */
    static double log1pUnit(double e) {
        double u = 1 + e;
        return Math.log(u) - ((u - 1) - e) / u;
    }

    /**
     * Rows {@code i0 .. i0+m} given {@code z = X_b w}: returns {@code sum s_i (max(z_i, 0) + log1p(e^-|z_i|) - y_i z_i)}
     * with {@code z_i = z[t] + b}, overwrites {@code z[t]} with the residual {@code s_i (sigma(z_i) - y_i)}, adds
     * the residuals to {@code acc[0]} and the number of rows of positive weight that the model's rule
     * {@code P(1) > P(0)} ({@code z > 0} with {@code exp(-z) < 1}, rounding) classifies wrongly to {@code acc[1]}.
     * {@code sigma(z) = 1 / (1 + e)} for {@code z >= 0} and {@code e / (1 + e)} below, {@code e = exp(-|z|)}: the
     * numerator {@code max(e, copySign(1, z))} picks 1 or {@code e} without a branch.
     */
    private static double lossAndResiduals(double[] z, double b, int[] y, double[] s, int i0, int m, double[] acc) {
        double loss = 0;
        double rs = 0;
        int wrong = 0;
        for (int t = 0; t < m; t++) {
            double zi = z[t] + b;
            double e = Math.exp(-Math.abs(zi));
            boolean pos = y[i0 + t] == 1;  // labels do not change between evaluations: a stable branch
            double si = s[i0 + t];
            loss += si * (Math.max(zi, 0) + log1pUnit(e) - (pos ? zi : 0));
            double r = si * (Math.max(e, Math.copySign(1.0, zi)) / (1 + e) - (pos ? 1 : 0));
            z[t] = r;
            rs += r;
            wrong += wrong(zi, e, pos, si);
        }
        acc[0] += rs;
        acc[1] += wrong;
        return loss;
    }

    /** As {@link #lossAndResiduals}, the loss and the misclassified count only ({@code z} is left as it is). */
    private static double loss(double[] z, double b, int[] y, double[] s, int i0, int m, double[] acc) {
        double loss = 0;
        int wrong = 0;
        for (int t = 0; t < m; t++) {
            double zi = z[t] + b;
            double e = Math.exp(-Math.abs(zi));
            boolean pos = y[i0 + t] == 1;
            double si = s[i0 + t];
            loss += si * (Math.max(zi, 0) + log1pUnit(e) - (pos ? zi : 0));
            wrong += wrong(zi, e, pos, si);
        }
        acc[1] += wrong;
        return loss;
    }

    /**
     * 1 if a row of weight {@code si > 0} and class {@code pos} is classified wrongly by the rule {@code P(1) > P(0)},
     * that is {@code z > 0} with {@code exp(-z) < 1} (rounding), else 0; {@code e = exp(-|z|)}. Without a branch on
     * the score: the test is on the bits of {@code e} and {@code z} ({@code e < 1} iff its bits are below those of
     * 1.0, as {@code 0 <= e <= 1}; {@code e < 1} implies {@code z != 0}, and then {@code z > 0} iff its sign bit is
     * clear). A branch on the sign of the scores would be compiled for the first evaluation, at {@code theta = 0}
     * where every score is 0, and deoptimised when the scores spread. The branches on {@code pos} and {@code si}
     * follow the data, which do not change between evaluations.
     */
    static int wrong(double zi, double e, boolean pos, double si) {
        long below = (Double.doubleToRawLongBits(e) - ONE_BITS) >>> 63;    // e < 1
        long positive = ~Double.doubleToRawLongBits(zi) >>> 63;           // sign bit clear
        long one = below & positive;
        return si > 0 ? (int) (pos ? 1 - one : one) : 0;
    }

    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    private static void addTo(double[] a, double[] v, int p) {
        for (int j = 0; j < p; j++) {
            a[j] += v[j];
        }
    }

    @Override
    public double value(double[] theta) {
        if (k == 1) {
            return binary(theta, null, null);
        }
        Matrix z = scores(theta);
        return lossAndProba(z, Matrix.zeros(x.rows(), k)) + penalty(theta);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        if (k == 1) {
            return binary(theta, gradient, null);
        }
        int n = x.rows();
        Matrix z = scores(theta);
        Matrix prob = Matrix.zeros(n, k);
        double f = lossAndProba(z, prob) + penalty(theta);
        Matrix r = residuals(prob);
        Matrix gw = r.tmmul(x); // K' x p
        double[] gb = r.columnSums();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                gradient[c * d + j] = gw.get(c, j) + invC * theta[c * d + j];
            }
            if (intercept) {
                gradient[c * d + p] = gb[c];
            }
        }
        return f;
    }

    private Matrix residuals(Matrix prob) {
        int n = x.rows();
        Matrix r = Matrix.zeros(n, k);
        for (int c = 0; c < k; c++) {
            int target = k == 1 ? 1 : c;
            for (int i = 0; i < n; i++) {
                r.set(i, c, s[i] * (prob.get(i, c) - (y[i] == target ? 1 : 0)));
            }
        }
        return r;
    }

    private Matrix augmented() {
        if (!intercept) {
            return x;
        }
        Matrix a = Matrix.zeros(x.rows(), d);
        a.block(0, 0, x.rows(), p).assign(x);
        a.column(p).fill(1.0);
        return a;
    }

    @Override
    public void hessian(double[] theta, Matrix out) {
        int n = x.rows();
        Matrix prob = Matrix.zeros(n, k);
        lossAndProba(scores(theta), prob);
        Matrix a = augmented();
        Matrix scaled = Matrix.zeros(n, d);
        for (int c = 0; c < k; c++) {
            for (int l = c; l < k; l++) {
                double[] dw = new double[n];
                for (int i = 0; i < n; i++) {
                    double pc = prob.get(i, c);
                    dw[i] = k == 1 ? s[i] * pc * (1 - pc) : s[i] * pc * ((c == l ? 1 : 0) - prob.get(i, l));
                }
                for (int j = 0; j < d; j++) {
                    for (int i = 0; i < n; i++) {
                        scaled.set(i, j, a.get(i, j) * dw[i]);
                    }
                }
                Matrix block = a.tmmul(scaled);
                out.block(c * d, l * d, d, d).assign(block);
                if (l != c) {
                    out.block(l * d, c * d, d, d).assign(block.transpose());
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                out.set(c * d + j, c * d + j, out.get(c * d + j, c * d + j) + invC);
            }
        }
        if (intercept && k > 1) {
            for (int c = 0; c < k; c++) {
                for (int l = 0; l < k; l++) {
                    out.set(c * d + p, l * d + p, out.get(c * d + p, l * d + p) + 1.0);
                }
            }
        }
    }
}
