package dev.derive.bench.models;

import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;

/**
 * Seeded synthetic benchmark data; a test set is the tail of one generated sample ({@link #head}, {@link #tail}),
 * so that it comes from the same distribution (the same class centres and mixing).
 * <ul>
 *   <li>{@link #clusters}: in the manner of scikit-learn's {@code make_classification}: each class is a
 *       Gaussian blob around a random centre ({@code ±sep} per coordinate) in the first {@code informative}
 *       features, the next {@code informative} features are random linear mixtures of them plus noise,
 *       the rest are pure noise, and 1% of the labels are flipped at random.</li>
 *   <li>{@link #logistic}: {@code x ~ N(0, S)} with unit variances and correlation 0.3 between neighbouring
 *       columns (an AR(1)-like chain), labels Bernoulli with {@code P(y = 1) = sigmoid(x'w)}, {@code w_j = ±1 / sqrt(j + 1)}.</li>
 *   <li>{@link #regression}: the same features, a linear target with some nonzero coefficients and unit noise.</li>
 * </ul>
 */
public final class Synthetic {

    private Synthetic() {
    }

    /** Features and integer labels. */
    public record Data(Matrix x, int[] y) {
    }

    public static Data clusters(int n, int d, int informative, int classes, double sep, long seed) {
        if (2 * informative > d) {
            throw new IllegalArgumentException("2 * informative must be <= d");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centre = new double[classes][informative];
        for (double[] c : centre) {
            for (int j = 0; j < informative; j++) {
                c[j] = rnd.nextBoolean() ? sep : -sep;
            }
        }
        double[][] mix = new double[informative][informative];
        for (double[] row : mix) {
            for (int j = 0; j < informative; j++) {
                row[j] = 2 * rnd.nextDouble() - 1;
            }
        }
        Matrix x = Matrix.zeros(n, d);
        int[] y = new int[n];
        double[] z = new double[informative];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(classes);
            for (int j = 0; j < informative; j++) {
                z[j] = centre[k][j] + gauss(rnd);
                x.set(i, j, z[j]);
            }
            for (int r = 0; r < informative; r++) {
                double s = 0;
                for (int j = 0; j < informative; j++) {
                    s += mix[r][j] * z[j];
                }
                x.set(i, informative + r, s + 0.1 * gauss(rnd));
            }
            for (int j = 2 * informative; j < d; j++) {
                x.set(i, j, gauss(rnd));
            }
            y[i] = rnd.nextDouble() < 0.01 ? rnd.nextInt(classes) : k;
        }
        return new Data(x, y);
    }

    public static Data logistic(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = (rnd.nextBoolean() ? 1 : -1) / Math.sqrt(j + 1);
        }
        Matrix x = Matrix.zeros(n, d);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double eta = correlatedRow(rnd, x, i, w, 0);
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return new Data(x, y);
    }

    /** Features and a real target. */
    public record Regression(Matrix x, double[] y) {
    }

    /**
     * A linear regression problem: {@code x} as in {@link #logistic} (unit variances, correlation 0.3 between
     * neighbouring columns), {@code y = x'w + 3 + noise} with standard normal noise; {@code nonzero} coefficients
     * (at random positions, {@code ±U(0.5, 2)}) are nonzero, the rest 0.
     */
    public static Regression regression(int n, int d, int nonzero, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[d];
        int placed = 0;
        while (placed < Math.min(nonzero, d)) {
            int j = rnd.nextInt(d);
            if (w[j] == 0) {
                w[j] = (rnd.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * rnd.nextDouble());
                placed++;
            }
        }
        Matrix x = Matrix.zeros(n, d);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = correlatedRow(rnd, x, i, w, 3) + gauss(rnd);
        }
        return new Regression(x, y);
    }

    /**
     * Fills row {@code i} of {@code x} with a stationary Gaussian AR(1) sequence over the columns (unit variances,
     * correlation 0.3 between neighbours) and returns {@code start + x_i'w}.
     */
    private static double correlatedRow(SplittableRandom rnd, Matrix x, int i, double[] w, double start) {
        double rho = 0.3;
        double s = Math.sqrt(1 - rho * rho);
        double prev = gauss(rnd);
        double eta = start;
        for (int j = 0; j < x.cols(); j++) {
            double v = j == 0 ? prev : rho * prev + s * gauss(rnd);
            x.set(i, j, v);
            eta += w[j] * v;
            prev = v;
        }
        return eta;
    }

    /** The first {@code k} rows. */
    public static Data head(Data d, int k) {
        return rows(d, 0, k);
    }

    /** The rows from {@code k} on. */
    public static Data tail(Data d, int k) {
        return rows(d, k, d.y().length);
    }

    private static Data rows(Data d, int from, int to) {
        Matrix x = Matrix.zeros(to - from, d.x().cols());
        for (int j = 0; j < x.cols(); j++) {
            for (int i = from; i < to; i++) {
                x.set(i - from, j, d.x().get(i, j));
            }
        }
        return new Data(x, java.util.Arrays.copyOfRange(d.y(), from, to));
    }

    static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
