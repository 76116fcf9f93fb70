package dev.derive.tree;

/**
 * Sorts a range of {@code double} keys with a companion {@code int} array: introsort (median-of-three
 * quicksort with three-way partitioning, heapsort past a depth limit, insertion sort on short ranges).
 * Deterministic; not stable (equal keys may come out in any order). Also sorts non-negative {@code long}
 * keys of known bit length by least-significant-digit radix sort ({@link #radix}).
 */
final class Sorting {

    private Sorting() {
    }

    /** Sorts {@code v[lo, hi)} ascending, applying the same moves to {@code idx}. */
    static void sort(double[] v, int[] idx, int lo, int hi) {
        int n = hi - lo;
        if (n < 2) {
            return;
        }
        int limit = 2 * (32 - Integer.numberOfLeadingZeros(n));
        intro(v, idx, lo, hi, limit);
    }

    private static void intro(double[] v, int[] idx, int lo, int hi, int depth) {
        while (hi - lo > 16) {
            if (depth-- == 0) {
                heap(v, idx, lo, hi);
                return;
            }
            double pivot = median(v[lo], v[lo + (hi - lo) / 2], v[hi - 1]);
            // three-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot
            int lt = lo;
            int i = lo;
            int gt = hi - 1;
            while (i <= gt) {
                double a = v[i];
                if (a < pivot) {
                    swap(v, idx, lt++, i++);
                } else if (a > pivot) {
                    swap(v, idx, i, gt--);
                } else {
                    i++;
                }
            }
            // recurse into the smaller side, loop on the larger
            if (lt - lo < hi - (gt + 1)) {
                intro(v, idx, lo, lt, depth);
                lo = gt + 1;
            } else {
                intro(v, idx, gt + 1, hi, depth);
                hi = lt;
            }
        }
        for (int i = lo + 1; i < hi; i++) {
            double a = v[i];
            int b = idx[i];
            int j = i - 1;
            while (j >= lo && v[j] > a) {
                v[j + 1] = v[j];
                idx[j + 1] = idx[j];
                j--;
            }
            v[j + 1] = a;
            idx[j + 1] = b;
        }
    }

    private static double median(double a, double b, double c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    private static void heap(double[] v, int[] idx, int lo, int hi) {
        int n = hi - lo;
        for (int i = n / 2 - 1; i >= 0; i--) {
            sift(v, idx, lo, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(v, idx, lo, lo + end);
            sift(v, idx, lo, 0, end);
        }
    }

    private static void sift(double[] v, int[] idx, int lo, int i, int n) {
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                return;
            }
            if (c + 1 < n && v[lo + c + 1] > v[lo + c]) {
                c++;
            }
            if (v[lo + i] >= v[lo + c]) {
                return;
            }
            swap(v, idx, lo + i, lo + c);
            i = c;
        }
    }

    private static void swap(double[] v, int[] idx, int i, int j) {
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
        int u = idx[i];
        idx[i] = idx[j];
        idx[j] = u;
    }

    /**
     * Sorts {@code a[0, n)}, non-negative longs below {@code 2^bits}, ascending: least-significant-digit
     * radix sort in {@code ceil(bits / 11)} passes of equal digit width (a counting sort per digit, stable),
     * skipping a pass whose digit is the same for all keys. {@code tmp} holds at least {@code n} longs.
     */
    static void radix(long[] a, long[] tmp, int n, int bits) {
        radix(a, tmp, n, bits, new int[RADIX_COUNTS]);
    }

    /** Length of the digit-count scratch array of {@link #radix(long[], long[], int, int, int[])}. */
    static final int RADIX_COUNTS = (1 << 11) + 1;

    /**
     * As {@link #radix(long[], long[], int, int)} with a caller-owned digit-count scratch array of at least
     * {@link #RADIX_COUNTS} entries (a tree builder sorts millions of small node ranges: one array per call
     * was most of its allocation).
     */
    static void radix(long[] a, long[] tmp, int n, int bits, int[] count) {
        int passes = Math.max(1, (bits + 10) / 11);
        int width = (bits + passes - 1) / passes;
        int buckets = 1 << width;
        int mask = buckets - 1;
        long[] src = a;
        long[] dst = tmp;
        for (int pass = 0, shift = 0; pass < passes; pass++, shift += width) {
            java.util.Arrays.fill(count, 0, buckets + 1, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (src[i] >>> shift) & mask]++;
            }
            if (count[(int) (src[0] >>> shift) & mask] == n) {
                continue; // one digit value: the order stays
            }
            int sum = 0;
            for (int b = 0; b < buckets; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[count[(int) (v >>> shift) & mask]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    /**
     * Sorts {@code key[0, n)} as unsigned 64-bit numbers, ascending, applying the same moves to {@code payload}:
     * least-significant-digit radix sort, six passes of 11 bits (stable), skipping a pass whose digit is the same
     * for all keys. {@code tk} and {@code tp} hold at least {@code n} entries.
     */
    static void radixUnsigned(long[] key, int[] payload, long[] tk, int[] tp, int n) {
        int[] count = new int[1 << 11];
        long[] src = key;
        long[] dst = tk;
        int[] ps = payload;
        int[] pd = tp;
        for (int shift = 0; shift < 64; shift += 11) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (src[i] >>> shift) & 2047]++;
            }
            if (n == 0 || count[(int) (src[0] >>> shift) & 2047] == n) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < count.length; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = src[i];
                int at = count[(int) (v >>> shift) & 2047]++;
                dst[at] = v;
                pd[at] = ps[i];
            }
            long[] t = src;
            src = dst;
            dst = t;
            int[] u = ps;
            ps = pd;
            pd = u;
        }
        if (src != key) {
            System.arraycopy(src, 0, key, 0, n);
            System.arraycopy(ps, 0, payload, 0, n);
        }
    }
}
