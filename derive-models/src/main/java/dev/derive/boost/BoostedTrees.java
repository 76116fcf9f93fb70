package dev.derive.boost;

import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.List;

/**
 * The additive model shared by the histogram boosting models: {@code outs} raw scores per row,
 * {@code F_c(x) = init_c + sum_m tree_{m,c}(x)} where round {@code m} holds trees
 * {@code m * outs .. m * outs + outs - 1} (one per class for softmax) and leaf values already include the
 * learning rate. Immutable.
 */
final class BoostedTrees {

    final double[] init;
    final List<HistTree> trees;
    final int featureCount;

    BoostedTrees(double[] init, List<HistTree> trees, int featureCount) {
        if (init.length < 1) {
            throw new IllegalArgumentException("at least one initial score is needed");
        }
        for (double v : init) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("initial score " + v + " is not finite");
            }
        }
        if (trees.size() % init.length != 0) {
            throw new IllegalArgumentException(trees.size() + " trees is not a multiple of the " + init.length + " trees per round");
        }
        for (int t = 0; t < trees.size(); t++) {
            for (int j : trees.get(t).feature) {
                if (j >= featureCount) {
                    throw new IllegalArgumentException("tree " + t + " splits on feature " + j + " but the model has "
                            + featureCount + " features");
                }
            }
        }
        this.init = init.clone();
        this.trees = List.copyOf(trees);
        this.featureCount = featureCount;
    }

    int outputs() {
        return init.length;
    }

    int rounds() {
        return trees.size() / init.length;
    }

    /** Rejects infinite feature values (NaN is a missing value and allowed). */
    static void requireNoInfinity(Matrix x, List<String> names, String who) {
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException(who + " cannot use the infinite value " + v + " of feature '"
                            + names.get(j) + "' at row " + i + " (NaN is accepted as missing)");
                }
            }
        }
    }

    /** Row-major {@code n x outs} raw scores of the first {@code rounds} rounds for the column-major array x. */
    double[] raw(double[] x, int n, int rounds) {
        checkRounds(rounds);
        double[] out = new double[n * init.length];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Parallelism.forEach(blocks, 2, b -> {
            int i0 = b * BLOCK;
            addBlock(x, n, i0, i0, Math.min(BLOCK, n - i0), rounds, out);
        });
        return out;
    }

    /** Rows per block of the prediction loops. */
    private static final int BLOCK = 1024;

    /**
     * Row-major {@code n x outs} raw scores of the first {@code rounds} rounds for the rows of {@code x}: the
     * same values as {@link #raw(double[], int, int)} on {@code x.toArray()}, without that copy of the whole
     * matrix: each block of {@value #BLOCK} rows is copied into a buffer reused by later blocks (one buffer
     * per thread at work, {@code 8 * BLOCK * cols} bytes each).
     */
    double[] raw(Matrix x, int rounds) {
        checkRounds(rounds);
        int n = x.rows();
        int p = x.cols();
        double[] out = new double[n * init.length];
        int blocks = (n + BLOCK - 1) / BLOCK;
        java.util.concurrent.ConcurrentLinkedQueue<double[]> buffers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Parallelism.forEach(blocks, 2, b -> {
            double[] buf = buffers.poll();
            if (buf == null) {
                buf = new double[BLOCK * p];
            }
            int i0 = b * BLOCK;
            int len = Math.min(BLOCK, n - i0);
            for (int j = 0; j < p; j++) {
                x.copyColumn(j, i0, buf, j * len, len);
            }
            addBlock(buf, len, 0, i0, len, rounds, out);
            buffers.add(buf);
        });
        return out;
    }

    private void checkRounds(int rounds) {
        int total = rounds();
        if (rounds < 0 || rounds > total) {
            throw new IllegalArgumentException("rounds = " + rounds + " is outside [0, " + total + "]");
        }
    }

    /**
     * Writes the raw scores of rows {@code first .. first + len - 1} of the column-major {@code n}-row array
     * {@code x} to rows {@code outRow ..} of the row-major {@code out}: the initial scores plus the first
     * {@code rounds} rounds of trees, tree by tree.
     */
    private void addBlock(double[] x, int n, int first, int outRow, int len, int rounds, double[] out) {
        int outs = init.length;
        for (int t = 0; t < len; t++) {
            System.arraycopy(init, 0, out, (outRow + t) * outs, outs);
        }
        for (int q = 0; q < rounds * outs; q++) {
            HistTree tree = trees.get(q);
            int c = q % outs;
            for (int t = 0; t < len; t++) {
                out[(outRow + t) * outs + c] += tree.predict(x, n, first + t);
            }
        }
    }

    /** Feature importance: number of splits ({@code "split"}) or total split gain ({@code "gain"}) per feature. */
    double[] importance(String type) {
        boolean gain = switch (type) {
            case "split" -> false;
            case "gain" -> true;
            default -> throw new IllegalArgumentException("importance type must be 'split' or 'gain', got '" + type + "'");
        };
        double[] out = new double[featureCount];
        for (HistTree t : trees) {
            for (int v = 0; v < t.feature.length; v++) {
                if (t.feature[v] >= 0) {
                    out[t.feature[v]] += gain ? t.gain[v] : 1;
                }
            }
        }
        return out;
    }

    /**
     * SHAP values (exact TreeSHAP, {@link TreeShap}) of the column-major n x p array x: per output c, a
     * row-major {@code n x (p + 1)} array whose row sums to the raw score {@code F_c(x_i)}; column {@code p}
     * holds the expected value {@code init_c + sum_m E[tree_mc(x)]} (LightGBM's {@code pred_contrib} layout).
     */
    double[][] shap(double[] x, int n) {
        int outs = init.length;
        int p = featureCount;
        double[][] out = new double[outs][n * (p + 1)];
        double[] expected = init.clone();
        for (int t = 0; t < trees.size(); t++) {
            expected[t % outs] += trees.get(t).treeShap().expectedValue();
        }
        int blocks = (n + 255) / 256;
        Parallelism.forEach(blocks, 1, b -> {
            TreeShap[] shaps = new TreeShap[trees.size()];
            for (int t = 0; t < shaps.length; t++) {
                shaps[t] = trees.get(t).treeShap();
            }
            double[] phi = new double[p];
            int end = Math.min(n, (b + 1) * 256);
            for (int i = b * 256; i < end; i++) {
                final int row = i;
                for (int c = 0; c < outs; c++) {
                    java.util.Arrays.fill(phi, 0);
                    for (int t = c; t < shaps.length; t += outs) {
                        HistTree tree = trees.get(t);
                        shaps[t].addShap(v -> tree.goesLeft(v, x[tree.feature[v] * n + row]), phi);
                    }
                    System.arraycopy(phi, 0, out[c], row * (p + 1), p);
                    out[c][row * (p + 1) + p] = expected[c];
                }
            }
        });
        return out;
    }

    /**
     * SHAP interaction values ({@link TreeShap#addInteractions}) of the column-major n x p array x: per output
     * c and row i, a {@code (p + 1) x (p + 1)} matrix: entry {@code [a][b]} for features {@code a, b < p} the
     * interaction {@code Phi_ab} (symmetric; diagonal = main effects), row and column {@code p} zero except
     * {@code [p][p]} = the expected value (the layout of the shap package's {@code shap_interaction_values}).
     * Row {@code a} sums to the SHAP value of feature {@code a}; all entries sum to the raw score.
     */
    double[][][][] shapInteractions(double[] x, int n) {
        int outs = init.length;
        int p = featureCount;
        double[][][][] out = new double[outs][n][p + 1][p + 1];
        double[] expected = init.clone();
        for (int t = 0; t < trees.size(); t++) {
            expected[t % outs] += trees.get(t).treeShap().expectedValue();
        }
        int blocks = (n + 63) / 64;
        Parallelism.forEach(blocks, 1, b -> {
            TreeShap[] shaps = new TreeShap[trees.size()];
            for (int t = 0; t < shaps.length; t++) {
                shaps[t] = trees.get(t).treeShap();
            }
            double[] phi = new double[p * p];
            int end = Math.min(n, (b + 1) * 64);
            for (int i = b * 64; i < end; i++) {
                final int row = i;
                for (int c = 0; c < outs; c++) {
                    java.util.Arrays.fill(phi, 0);
                    for (int t = c; t < shaps.length; t += outs) {
                        HistTree tree = trees.get(t);
                        shaps[t].addInteractions(v -> tree.goesLeft(v, x[tree.feature[v] * n + row]), phi, p);
                    }
                    double[][] m = out[c][row];
                    for (int a = 0; a < p; a++) {
                        System.arraycopy(phi, a * p, m[a], 0, p);
                    }
                    m[p][p] = expected[c];
                }
            }
        });
        return out;
    }
}
