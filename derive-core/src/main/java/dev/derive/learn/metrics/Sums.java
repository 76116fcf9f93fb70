package dev.derive.learn.metrics;

/**
 * Summation helpers. {@link #pairwise} is the blocked pairwise summation numpy uses for {@code np.sum}
 * (8 interleaved accumulators inside blocks of at most 128 values, halves above that): its rounding error
 * grows as {@code O(log n)} rather than {@code O(n)}, and following numpy's order keeps our results within
 * an ulp or two of scikit-learn's.
 */
final class Sums {

    private static final int BLOCK = 128;

    private Sums() {
    }

    /** The sum of {@code a[from .. from+n)} in numpy's pairwise order. */
    static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            int stop = n - n % 8;
            for (; i < stop; i += 8) {
                int b = from + i;
                r0 += a[b];
                r1 += a[b + 1];
                r2 += a[b + 2];
                r3 += a[b + 3];
                r4 += a[b + 4];
                r5 += a[b + 5];
                r6 += a[b + 6];
                r7 += a[b + 7];
            }
            double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }

    /** The sum of all of {@code a} in numpy's pairwise order. */
    static double pairwise(double[] a) {
        return pairwise(a, 0, a.length);
    }

    /** The mean of {@code a}, {@code sum(a) / n}. */
    static double mean(double[] a) {
        return pairwise(a) / a.length;
    }

    /**
     * numpy's {@code np.average(a, weights=w)}: {@code sum(a * w) / sum(w)}; the plain mean when {@code w}
     * is null.
     */
    static double average(double[] a, double[] w) {
        if (w == null) {
            return mean(a);
        }
        double[] aw = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            aw[i] = a[i] * w[i];
        }
        return pairwise(aw) / pairwise(w);
    }
}
