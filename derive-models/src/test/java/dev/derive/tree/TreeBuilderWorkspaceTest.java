package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A {@link TreeBuilder.Workspace} reused from tree to tree leaves no trace: a sequence of trees of every criterion,
 * exact and random splits, depth-first and best-first growth, numeric and categorical features, with and without
 * missing values, on data sets of different sizes (larger, then smaller, then larger again, so stale entries beyond
 * the current tree's rows stay in the arrays), all grown in one workspace, are bit-identical to the same trees grown
 * each in a new workspace.
 */
class TreeBuilderWorkspaceTest {

    private record Case(String what, Function<TreeBuilder.Workspace, Tree> grow) {
    }

    private static void assertSame(Tree a, Tree b, String what) {
        TreeBuilderLayoutTest.assertSameTree(a, b, what);
        assertArrayEquals(a.catStart, b.catStart, what + " (level set starts)");
        assertArrayEquals(a.catSets, b.catSets, what + " (level sets)");
    }

    private static List<Case> cases(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = TreeBuilderLayoutTest.data(n, p, r, seed % 2 == 0);
        // feature 0 categorical with 6 levels (codes 0..5, some NaN)
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(12) == 0 ? Double.NaN : r.nextInt(6);
        }
        int[] levels = new int[p];
        levels[0] = 6;
        int[] labels = new int[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = (Double.isNaN(x[i]) ? 0 : x[i] - 2.5) + (Double.isNaN(x[n + i]) ? 1 : x[n + i]) + r.nextGaussian();
            labels[i] = s > 0.5 ? 2 : s > -0.5 ? 1 : 0;
            y[i] = Math.exp(s / 2);
            w[i] = r.nextInt(4) == 0 ? 0 : seed % 3 == 0 ? 0.25 + r.nextDouble() : 1 + r.nextInt(4);
        }
        TreeBuilder.Ranks ranks = TreeBuilder.ranks(x, n, p);
        List<Case> out = new ArrayList<>();
        for (TreeBuilder.Criterion c : TreeBuilder.Criterion.values()) {
            for (boolean random : new boolean[] {false, true}) {
                for (int maxLeaves : new int[] {0, 25}) {
                    for (boolean categorical : new boolean[] {false, true}) {
                        var s0 = new TreeBuilder.Settings(c, Integer.MAX_VALUE, 2, 1, 0, 0, 3, maxLeaves, random);
                        var s = categorical ? s0.withCategories(levels, 4) : s0;
                        String what = "n=" + n + " " + c + " random=" + random + " maxLeaves=" + maxLeaves + " categorical=" + categorical;
                        long treeSeed = seed * 31 + out.size();
                        TreeBuilder.Ranks rk = random ? null : ranks;
                        out.add(new Case(what, ws -> c.classification()
                                ? TreeBuilder.classification(x, n, p, labels, 3, w, s, treeSeed, rk, ws)
                                : TreeBuilder.regression(x, n, p, y, w, s, treeSeed, rk, ws)));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void reusedWorkspaceGrowsTheSameTrees() {
        List<Case> all = new ArrayList<>();
        all.addAll(cases(700, 5, 1));
        all.addAll(cases(150, 4, 2));
        all.addAll(cases(900, 6, 3));
        // shuffled, so each kind of tree follows others of other kinds in the shared workspace
        SplittableRandom r = new SplittableRandom(9);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Case t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        TreeBuilder.Workspace shared = new TreeBuilder.Workspace();
        int split = 0;
        for (Case c : all) {
            Tree reused = c.grow.apply(shared);
            Tree fresh = c.grow.apply(null);
            assertSame(fresh, reused, c.what);
            split += fresh.nodeCount() > 1 ? 1 : 0;
        }
        assertTrue(split > all.size() * 9 / 10, split + " of " + all.size() + " trees have a split");
    }
}
