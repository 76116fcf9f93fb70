package dev.derive.learn.select;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) as a {@link RandomGenerator}, so that a search's seed
 * draws the same candidates on every JDK. The built-in distributions of {@link RandomSearch} use only
 * {@link #nextLong()} through {@link #unit} and {@link #below}, whose definitions are fixed here.
 */
final class Rng implements RandomGenerator {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits: {@code (nextLong() >>> 11) * 2^-53}. */
    static double unit(RandomGenerator rng) {
        return (rng.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, bound)} for {@code bound >= 1}, exactly, by rejection of the incomplete top block. */
    static long below(RandomGenerator rng, long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound + 1) % bound; // largest r with a complete block
        while (true) {
            long r = rng.nextLong() >>> 1;
            if (r <= limit) {
                return r % bound;
            }
        }
    }
}
