package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LogisticRegression#g3} writes what {@code String.format(Locale.ROOT, "%.3g", v)} writes. */
class LogisticWarningFormatTest {

    @Test
    void threeSignificantDigitsAsTheFormatter() {
        SplittableRandom rnd = new SplittableRandom(8);
        double[] special = {0.0, -0.0, 1, -1, 0.2, 999.4, 999.5, 999.6, 1000, 9.995, 9.994, 0.0001, 0.00009995, 0.000099949, 1e-4, 1.2345e-3,
            0.0125, 0.00125, 1.005, 2.675, 123456789, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 5e-5, 12.5, 0.125, 1e100};
        for (double v : special) {
            assertEquals(String.format(Locale.ROOT, "%.3g", v), LogisticRegression.g3(v), "v = " + v);
        }
        for (int t = 0; t < 200_000; t++) {
            double v = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, 40 * rnd.nextDouble() - 20);
            if (t % 3 == 0) {
                v = Math.round(v * 1000) / 1000.0;  // short decimals: the half-way cases
            }
            assertEquals(String.format(Locale.ROOT, "%.3g", v), LogisticRegression.g3(v), "v = " + v);
        }
    }
}
