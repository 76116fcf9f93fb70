package dev.derive.data.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses decimal floating-point text from bytes, giving exactly the double that
 * {@link Double#parseDouble} gives (correct rounding, round-half-even), without allocating.
 *
 * <p>Grammar: {@code [+-]? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)?}, plus the words
 * {@code inf}, {@code infinity} and {@code nan} in any case with an optional sign. Anything else (hex
 * floats, Java's {@code d}/{@code f} suffixes, surrounding spaces) is rejected.
 *
 * <p>Method: the digits are collected into a 64-bit significand {@code w} (at most 19 significant digits)
 * and a decimal exponent {@code q}, so the value is {@code w * 10^q}.
 * <ol>
 * <li>Clinger's fast path: when {@code w <= 2^53} and {@code |q| <= 22}, both {@code w} and {@code 10^|q|}
 * are exact doubles and one IEEE multiplication or division rounds correctly.</li>
 * <li>Otherwise the Eisel-Lemire method (D. Lemire, "Number parsing at a gigabyte per second", Software:
 * Practice and Experience 51(8), 2021): {@code 10^q = 5^q 2^q}, and {@code 5^q = F 2^e} with
 * {@code F} in {@code [2^127, 2^128)}. A table holds {@code P = floor(F)} (computed exactly with
 * {@link BigInteger} when the class loads). The normalised significand {@code z} times {@code P} is formed
 * exactly in 192 bits; since {@code 0 <= zF - zP < z < 2^64}, the top 64 bits are exact unless the
 * middle word is all ones, and the rounding bit plus the sticky information decide the result unless the
 * remainder could be an exact tie. In those rare ambiguous cases, for more than 19 significant digits
 * whose bounds {@code w} and {@code w+1} round differently, and for results far in the subnormal range,
 * the parser falls back to {@link Double#parseDouble}.</li>
 * </ol>
 */
final class FastDoubleParser {

    /** Returned by {@link #parseBits} when the text is not a number: a signalling NaN never produced otherwise. */
    static final long FAIL = 0x7ff0000000000001L;

    private static final int MIN_Q = -342;
    private static final int MAX_Q = 308;
    private static final long[] P_HI = new long[MAX_Q - MIN_Q + 1];
    private static final long[] P_LO = new long[MAX_Q - MIN_Q + 1];
    private static final int[] E5 = new int[MAX_Q - MIN_Q + 1];
    private static final double[] POW10 = new double[23];
    private static final long POS_INF = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    private static final long NAN = Double.doubleToRawLongBits(Double.NaN);
    private static final long SIGN = Long.MIN_VALUE;

    static {
        BigInteger five = BigInteger.valueOf(5);
        BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger p;
            int e;
            if (q >= 0) {
                BigInteger v = five.pow(q);
                int bl = v.bitLength();
                p = bl <= 128 ? v.shiftLeft(128 - bl) : v.shiftRight(bl - 128);
                e = bl - 128;
            } else {
                BigInteger v = five.pow(-q);
                int bl = v.bitLength();
                p = BigInteger.ONE.shiftLeft(bl + 127).divide(v);
                e = -(bl + 127);
            }
            int k = q - MIN_Q;
            P_HI[k] = p.shiftRight(64).longValue();
            P_LO[k] = p.and(mask64).longValue();
            E5[k] = e;
        }
        double t = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = t;
            t *= 10;
        }
    }

    private FastDoubleParser() {
    }

    /** Parses {@code s} (ASCII); throws {@link NumberFormatException} when it is not a number. */
    static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        long bits = parseBits(b, 0, b.length);
        if (bits == FAIL) {
            throw new NumberFormatException("not a number: '" + s + "'");
        }
        return Double.longBitsToDouble(bits);
    }

    /**
     * The bits of the double written in {@code b[from, to)}, or {@link #FAIL} when the bytes are not a
     * number in the grammar above.
     */
    static long parseBits(byte[] b, int from, int to) {
        int p = from;
        if (p >= to) {
            return FAIL;
        }
        boolean neg = false;
        byte c = b[p];
        if (c == '-') {
            neg = true;
            p++;
        } else if (c == '+') {
            p++;
        }
        if (p >= to) {
            return FAIL;
        }
        c = b[p];
        if (c > '9') {
            return special(b, p, to, neg);
        }
        long w = 0;
        int nd = 0;
        long exp = 0;
        boolean truncated = false;
        boolean anyDigit = false;
        while (p < to) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            anyDigit = true;
            if (nd < 19) {
                if (w != 0 || d != 0) {
                    w = w * 10 + d;
                    nd++;
                }
            } else {
                exp++;
                if (d != 0) {
                    truncated = true;
                }
            }
            p++;
        }
        if (p < to && b[p] == '.') {
            p++;
            while (p < to) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                anyDigit = true;
                if (nd < 19) {
                    if (w != 0 || d != 0) {
                        w = w * 10 + d;
                        nd++;
                    }
                    exp--;
                } else if (d != 0) {
                    truncated = true;
                }
                p++;
            }
        }
        if (!anyDigit) {
            return FAIL;
        }
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean eneg = false;
            if (p < to && (b[p] == '-' || b[p] == '+')) {
                eneg = b[p] == '-';
                p++;
            }
            if (p >= to) {
                return FAIL;
            }
            long e = 0;
            boolean eDigit = false;
            while (p < to) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                eDigit = true;
                if (e < 100_000_000L) {
                    e = e * 10 + d;
                }
                p++;
            }
            if (!eDigit) {
                return FAIL;
            }
            exp += eneg ? -e : e;
        }
        if (p != to) {
            return FAIL;
        }
        long sign = neg ? SIGN : 0;
        if (w == 0) {
            return sign;
        }
        long bits;
        if (!truncated) {
            if (w >= 0 && w <= (1L << 53) && exp >= -22 && exp <= 22) {
                double v = exp >= 0 ? (double) w * POW10[(int) exp] : (double) w / POW10[(int) -exp];
                return Double.doubleToRawLongBits(v) | sign;
            }
            bits = compute(w, exp);
        } else {
            bits = compute(w, exp);
            if (bits != FAIL && compute(w + 1, exp) != bits) {
                bits = FAIL;
            }
        }
        if (bits == FAIL) {
            return fallback(b, from, to);
        }
        return bits | sign;
    }

    /** Bits of the positive double nearest {@code w * 10^q} ({@code w} unsigned, non-zero), or FAIL. */
    private static long compute(long w, long q) {
        if (q < MIN_Q) {
            return 0;
        }
        if (q > MAX_Q) {
            return POS_INF;
        }
        int k = (int) q - MIN_Q;
        int l = Long.numberOfLeadingZeros(w);
        long z = w << l;
        long ph = P_HI[k];
        long pl = P_LO[k];
        long a0 = z * pl;
        long a1 = Math.unsignedMultiplyHigh(z, pl);
        long b0 = z * ph;
        long b1 = Math.unsignedMultiplyHigh(z, ph);
        long mid = b0 + a1;
        long upper = b1 + (Long.compareUnsigned(mid, b0) < 0 ? 1 : 0);
        if (mid == -1L) {
            return FAIL; // the truncation error of P could carry into the top word
        }
        int msb = 63 - Long.numberOfLeadingZeros(upper); // 62 or 63
        int scale = E5[k] + (int) q - l;                  // x = T * 2^scale, T = upper * 2^128 + rest
        int e2 = 128 + msb + scale;                       // x in [2^e2, 2^(e2 + 1))
        int drop = e2 >= -1022 ? 128 + msb - 52 : -1074 - scale;
        int s = drop - 128;
        if (s > 63) {
            return FAIL; // deep in the subnormal range
        }
        long m = upper >>> s;
        long rem = upper & ((1L << s) - 1);
        long half = 1L << (s - 1);
        if (rem > half) {
            m++;
        } else if (rem == half) {
            if (mid == 0 && a0 == 0) {
                return FAIL; // possibly an exact tie
            }
            m++;
        }
        if (e2 >= -1022) {
            if (m == (1L << 53)) {
                m = 1L << 52;
                e2++;
            }
            if (e2 > 1023) {
                return POS_INF;
            }
            return ((long) (e2 + 1023) << 52) | (m & ((1L << 52) - 1));
        }
        return m; // subnormal; m == 2^52 encodes the smallest normal number
    }

    private static long special(byte[] b, int p, int to, boolean neg) {
        int n = to - p;
        long sign = neg ? SIGN : 0;
        if (matches(b, p, n, "inf") || matches(b, p, n, "infinity")) {
            return POS_INF | sign;
        }
        if (matches(b, p, n, "nan")) {
            return NAN;
        }
        return FAIL;
    }

    private static boolean matches(byte[] b, int p, int n, String word) {
        if (n != word.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((b[p + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long fallback(byte[] b, int from, int to) {
        return Double.doubleToRawLongBits(Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1)));
    }
}
