package dev.derive.optim;

/**
 * An objective that is the mean of {@code n} components, {@code f(x) = (1/n) sum_i f_i(x)}, as an
 * empirical risk with one component per training example (any regulariser is folded into every
 * component). Stochastic methods sample components; full-batch methods see it as a {@link SmoothObjective}.
 *
 * <p>Implementations provide one component's value and gradient; the mini-batch and full-batch defaults
 * average them with one scratch array per call, and an implementation that can do better (a matrix
 * product over the batch) should override {@link #batchValueAndGradient}.
 */
public interface FiniteSumObjective extends SmoothObjective {

    /** The number of components {@code n >= 1}. */
    int size();

    /**
     * Writes {@code grad f_i(x)} into {@code gradient} (overwritten) and returns {@code f_i(x)}, for
     * {@code 0 <= i < size()}.
     */
    double componentValueAndGradient(int i, double[] x, double[] gradient);

    /** {@code f_i(x)}; the default computes and discards the component gradient. */
    default double componentValue(int i, double[] x) {
        return componentValueAndGradient(i, x, new double[dimension()]);
    }

    /**
     * The mini-batch mean over the components {@code batch[from], ..., batch[to - 1]} (repeats allowed):
     * writes {@code (1/b) sum grad f_i(x)} into {@code gradient} and returns {@code (1/b) sum f_i(x)},
     * {@code b = to - from >= 1}.
     */
    default double batchValueAndGradient(int[] batch, int from, int to, double[] x, double[] gradient) {
        int n = dimension();
        double[] gi = new double[n];
        java.util.Arrays.fill(gradient, 0, n, 0.0);
        double v = 0;
        for (int k = from; k < to; k++) {
            v += componentValueAndGradient(batch[k], x, gi);
            for (int j = 0; j < n; j++) {
                gradient[j] += gi[j];
            }
        }
        double inv = 1.0 / (to - from);
        for (int j = 0; j < n; j++) {
            gradient[j] *= inv;
        }
        return v * inv;
    }

    /** {@code (1/n) sum_i f_i(x)}. */
    @Override
    default double value(double[] x) {
        double v = 0;
        int m = size();
        for (int i = 0; i < m; i++) {
            v += componentValue(i, x);
        }
        return v / m;
    }

    /** The full-batch mean value and gradient. */
    @Override
    default double valueAndGradient(double[] x, double[] gradient) {
        int m = size();
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        return batchValueAndGradient(all, 0, m, x, gradient);
    }
}
