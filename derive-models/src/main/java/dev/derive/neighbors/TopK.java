package dev.derive.neighbors;

/**
 * A bounded max-heap keeping the k smallest (distance, index) pairs seen, ordered lexicographically so
 * that equal distances prefer the smaller index. Not thread-safe; one per query.
 */
final class TopK {
    private final int k;
    private final double[] dist;
    private final int[] idx;
    private int size;

    TopK(int k) {
        this.k = k;
        this.dist = new double[k];
        this.idx = new int[k];
    }

    void clear() {
        size = 0;
    }

    /** The current k-th smallest distance (the pruning bound), or +inf while fewer than k are held. */
    double bound() {
        return size < k ? Double.POSITIVE_INFINITY : dist[0];
    }

    private boolean greater(int a, int b) {
        return dist[a] > dist[b] || (dist[a] == dist[b] && idx[a] > idx[b]);
    }

    /** Offers a candidate; keeps it if it is among the k smallest so far. */
    void offer(double d, int i) {
        if (size < k) {
            dist[size] = d;
            idx[size] = i;
            siftUp(size++);
        } else if (d < dist[0] || (d == dist[0] && i < idx[0])) {
            dist[0] = d;
            idx[0] = i;
            siftDown(0);
        }
    }

    private void siftUp(int c) {
        while (c > 0) {
            int p = (c - 1) >>> 1;
            if (!greater(c, p)) {
                break;
            }
            swap(c, p);
            c = p;
        }
    }

    private void siftDown(int p) {
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && greater(l + 1, l) ? l + 1 : l;
            if (!greater(m, p)) {
                return;
            }
            swap(m, p);
            p = m;
        }
    }

    private void swap(int a, int b) {
        double td = dist[a];
        dist[a] = dist[b];
        dist[b] = td;
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
    }

    /**
     * Writes the held pairs in ascending order into the output arrays, converting squared distances to
     * distances when {@code squared} is true.
     */
    void drainSorted(int[] outIdx, double[] outDist, boolean squared) {
        int n = size;
        for (int pos = n - 1; pos >= 0; pos--) {
            outIdx[pos] = idx[0];
            outDist[pos] = squared ? Math.sqrt(dist[0]) : dist[0];
            size--;
            if (size > 0) {
                dist[0] = dist[size];
                idx[0] = idx[size];
                siftDown(0);
            }
        }
    }
}
