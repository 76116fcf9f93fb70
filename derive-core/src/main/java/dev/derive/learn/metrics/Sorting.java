package dev.derive.learn.metrics;

/** A stable index sort on primitive keys (merge sort), so that equal keys keep their input order. */
final class Sorting {

    private Sorting() {
    }

    /**
     * The permutation that sorts {@code keys} ascending, stable (numpy's {@code argsort(kind="mergesort")}).
     * Keys are compared with {@code <}, so {@code -0.0} and {@code 0.0} are equal; keys must not be NaN.
     */
    static int[] argsortStable(double[] keys) {
        int n = keys.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        // bottom-up: insertion sort runs of 16, then merge
        final int run = 16;
        for (int lo = 0; lo < n; lo += run) {
            int hi = Math.min(n, lo + run);
            for (int i = lo + 1; i < hi; i++) {
                int v = idx[i];
                double kv = keys[v];
                int j = i - 1;
                while (j >= lo && kv < keys[idx[j]]) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
        }
        int[] src = idx;
        int[] dst = tmp;
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // take from the right only when strictly smaller: stability
                    if (keys[src[j]] < keys[src[i]]) {
                        dst[k++] = src[j++];
                    } else {
                        dst[k++] = src[i++];
                    }
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }
}
