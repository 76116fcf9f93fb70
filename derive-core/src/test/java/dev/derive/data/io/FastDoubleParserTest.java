package dev.derive.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The byte-level double parser must agree with {@link Double#parseDouble} bit for bit. */
class FastDoubleParserTest {

    private static void same(String s) {
        long expected = Double.doubleToRawLongBits(Double.parseDouble(s));
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long got = FastDoubleParser.parseBits(b, 0, b.length);
        assertEquals(expected, got, () -> "'" + s + "': expected " + Double.parseDouble(s) + " got "
                + Double.longBitsToDouble(got));
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 5000)
    void shortestReprOfAnyFiniteDouble(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isFinite(d)) {
            same(Double.toString(d));
        }
    }

    @Property(tries = 3000)
    void arbitraryDoublesAndFormats(@ForAll double d, @ForAll @IntRange(min = 0, max = 25) int digits) {
        if (!Double.isFinite(d)) {
            return;
        }
        same(Double.toString(d));
        same(String.format(Locale.ROOT, "%." + digits + "e", d));
        same(new BigDecimal(d).toPlainString()); // the exact binary value, often hundreds of digits
        if (Math.abs(d) < 1e20) {
            same(String.format(Locale.ROOT, "%." + digits + "f", d));
        }
    }

    @Provide
    Arbitrary<String> decimalStrings() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> intPart = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(30);
        Arbitrary<String> fracPart = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(30);
        Arbitrary<Integer> exp = Arbitraries.integers().between(-380, 330);
        Arbitrary<Integer> form = Arbitraries.integers().between(0, 3);
        return Combinators.combine(sign, intPart, fracPart, exp, form).as((s, i, f, e, k) -> {
            if (i.isEmpty() && f.isEmpty()) {
                i = "0";
            }
            String body = switch (k) {
                case 0 -> i + (f.isEmpty() ? "" : "." + f);
                case 1 -> i + "." + f;
                default -> (i.isEmpty() ? "" : i) + "." + (f.isEmpty() ? "0" : f);
            };
            return s + body + (k == 3 ? "" : "e" + e);
        });
    }

    @Property(tries = 10000)
    void randomDecimalStrings(@ForAll("decimalStrings") String s) {
        same(s);
    }

    @Property(tries = 2000)
    void seventeenSignificantDigitsNearHalfwayPoints(@ForAll long bits, @ForAll @IntRange(min = -1, max = 1) int nudge) {
        double d = Math.abs(Double.longBitsToDouble(bits));
        if (!Double.isFinite(d) || d == 0) {
            return;
        }
        // the decimal exactly halfway between d and its successor, and strings just around it
        BigDecimal lo = new BigDecimal(d);
        BigDecimal hi = new BigDecimal(Math.nextUp(d));
        if (Double.isInfinite(Math.nextUp(d))) {
            return;
        }
        BigDecimal mid = lo.add(hi).divide(BigDecimal.valueOf(2));
        BigDecimal ulp = hi.subtract(lo).movePointLeft(30);
        same(mid.add(ulp.multiply(BigDecimal.valueOf(nudge))).toString());
        same(mid.round(new java.math.MathContext(17)).toString());
        same(mid.round(new java.math.MathContext(20)).toString());
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void edgeCases() {
        String[] cases = {
            "0", "-0", "+0", "0.0", "-0.0", "0e0", "0e-999999", "0e999999", "00000.00000",
            "1", "-1", "+1.5", ".5", "5.", "-.5", "+5.", "1.e5", ".5e-3", "1E+2", "1e-2",
            "0.1", "0.2", "0.3", "1e23", "8.41e21", "9007199254740993", "9007199254740995", "9007199254740992.5",
            "123456789012345678", "1234567890123456789", "12345678901234567890", "98765432109876543210987654321e-10",
            "4.9e-324", "5e-324", "2e-324", "3e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.8e308", "1e309",
            "1e-400", "1e400", "-1e400", "0.000000000000000000000000000000000000001234",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "7.2057594037927933e16", "3.4028235677973366e38", "1.4e-45",
            "0.30471707975443135", "-1.0399841062404955", "-0.016801157504288795",
            "99999999999999999999999999999999999999999999", "1" + "0".repeat(400), "0." + "0".repeat(400) + "1",
            "1e2147483647", "1e-2147483648", "1e99999999999999999999",
        };
        for (String s : cases) {
            same(s);
        }
        // every exact power of ten and its neighbours
        for (int e = -330; e <= 310; e++) {
            same("1e" + e);
            same("9.999999999999999e" + e);
            same("1.0000000000000001e" + e);
        }
    }

    @Test
    void exactTiesRoundToEven() {
        // 2^53 + 1 and 2^53 + 3 lie exactly halfway between doubles
        assertEquals(9007199254740992.0, FastDoubleParser.parse("9007199254740993"));
        assertEquals(9007199254740996.0, FastDoubleParser.parse("9007199254740995"));
        same("9007199254740993.0000000000000000000000001");
        same("9007199254740992.9999999999999999999999999");
    }

    @Test
    void specialWords() {
        assertEquals(Double.POSITIVE_INFINITY, FastDoubleParser.parse("inf"));
        assertEquals(Double.POSITIVE_INFINITY, FastDoubleParser.parse("+Inf"));
        assertEquals(Double.NEGATIVE_INFINITY, FastDoubleParser.parse("-INF"));
        assertEquals(Double.POSITIVE_INFINITY, FastDoubleParser.parse("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, FastDoubleParser.parse("-infinity"));
        assertTrue(Double.isNaN(FastDoubleParser.parse("nan")));
        assertTrue(Double.isNaN(FastDoubleParser.parse("NaN")));
        assertTrue(Double.isNaN(FastDoubleParser.parse("-NAN")));
    }

    @Test
    void rejectsWhatIsNotADecimalNumber() {
        String[] bad = {"", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+", "1e-", "1.5d", "1.5f", "0x1p3", " 1", "1 ",
            "1..2", "--1", "+-1", "1e5.5", "1,5", "infinit", "nana", "in", "1_000", "١"};
        for (String s : bad) {
            assertThrows(NumberFormatException.class, () -> FastDoubleParser.parse(s), () -> "'" + s + "' parsed");
        }
    }

    @Test
    void manyRandomGaussiansWrittenAsPandasWould() {
        Random r = new Random(7);
        for (int i = 0; i < 40_000; i++) {
            double g = r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
            same(Double.toString(g));
            same(String.format(Locale.ROOT, "%.17g", g));
        }
    }
}
