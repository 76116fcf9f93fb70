package dev.derive.data;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
 * a 64-bit counter advanced by the golden-ratio increment and passed through a mixing function. Used
 * for splits so that a seed gives the same folds on every JDK (the JDK's generators do not promise
 * that). Bounded integers use rejection sampling, so they are exactly uniform.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}, {@code bound >= 1}. */
    int nextInt(int bound) {
        // take the top 31 bits; reject the incomplete last block so every value is equally likely
        int limit = Integer.MAX_VALUE - (int) ((Integer.MAX_VALUE + 1L) % bound);
        while (true) {
            int r = (int) (nextLong() >>> 33);
            if (r <= limit) {
                return r % bound;
            }
        }
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
