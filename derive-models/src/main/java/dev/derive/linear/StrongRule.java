package dev.derive.linear;

/**
 * The pieces of the sequential strong rule (Tibshirani et al. 2012) shared by the dense and sparse
 * elastic-net paths: the features a screened solve may touch, and the KKT check that re-admits a discarded
 * feature whose correlation with the residual breaks {@code |x_j' r| <= l1} ({@code x_j' r <= l1} with
 * positive coefficients).
 */
final class StrongRule {

    private StrongRule() {
    }

    /** The indices j with {@code keep[j]}, of which there are {@code cnt}. */
    static int[] indices(boolean[] keep, int cnt) {
        int[] e = new int[cnt];
        int t = 0;
        for (int j = 0; j < keep.length; j++) {
            if (keep[j]) {
                e[t++] = j;
            }
        }
        return e;
    }

    /** The kept features' indices, or null when every feature is kept. */
    static int[] eligible(boolean[] keep) {
        int cnt = 0;
        for (boolean kj : keep) {
            cnt += kj ? 1 : 0;
        }
        return cnt == keep.length ? null : indices(keep, cnt);
    }

    /**
     * KKT check on the discarded features: marks as kept every j with {@code !keep[j]} (and {@code sq[j] > 0}
     * when {@code sq} is given: a column that is zero after centring never enters) whose correlation
     * {@code corr[j]} exceeds {@code l1} in absolute value (in value when {@code positive}); returns how many.
     */
    static int readmit(boolean[] keep, double[] corr, double[] sq, boolean positive, double l1) {
        int added = 0;
        for (int j = 0; j < keep.length; j++) {
            if (!keep[j] && (sq == null || sq[j] > 0)) {
                double c = positive ? corr[j] : Math.abs(corr[j]);
                if (c > l1) {
                    keep[j] = true;
                    added++;
                }
            }
        }
        return added;
    }
}
