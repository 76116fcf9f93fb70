package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.NotPositiveDefiniteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Least-angle regression (Efron, Hastie, Johnstone &amp; Tibshirani 2004, "Least angle regression", Ann.
 * Statist. 32(2)) and its lasso modification, on the centred (optionally weighted) design.
 *
 * <p>With correlations {@code c = X'(y - Xb)}, the active set {@code A} holds the features whose
 * {@code |c_j|} equals the current maximum {@code C}. Each step moves {@code b_A} along the equiangular
 * direction {@code d = A_A G_A^{-1} s_A} ({@code G_A = X_A'X_A}, {@code s_A} the signs of the correlations,
 * {@code A_A = (s_A' G_A^{-1} s_A)^{-1/2}}), so that every active correlation falls at the same rate
 * {@code A_A}: {@code |c_j(g)| = C - g A_A}. The step {@code g} is the smallest positive
 * {@code (C - c_j)/(A_A - a_j)} or {@code (C + c_j)/(A_A + a_j)} over inactive {@code j}
 * ({@code a = X'X_A d}), when feature {@code j} joins. The lasso modification (method {@code "lasso"})
 * stops earlier at {@code g = -b_j/d_j} if an active coefficient would cross zero, and drops that feature;
 * the path is then exactly the lasso path with {@code alpha = C/n} at each knot (scikit-learn's
 * {@code lars_path}). The last step (all usable features active) reaches the least-squares fit.
 *
 * <p>The learner {@code lars} (scikit-learn's {@code Lars}) runs {@code n_nonzero_coefs} LAR steps and
 * keeps the last coefficients; its model's {@code alphaGrid} holds the knots and {@code gridScores} the
 * training mean squared error at each. Columns that are constant (after centring) never enter; a feature
 * whose column is (numerically) a combination of the active ones is skipped with a warning.
 */
public final class Lars extends NamedLearner<Lars, PenalizedLinearModel> {

    /** The registered name. */
    public static final String NAME = "lars";

    static final List<Param<?>> SPECS = List.of(
            Param.flag("fit_intercept", true, "fit an unpenalised intercept (features and target are centred)"),
            Param.integer("n_nonzero_coefs", 500, 1, Integer.MAX_VALUE, "number of LAR steps (features to enter)"));

    private Lars(Params params) {
        super(NAME, Dataset.Task.REGRESSION, params);
    }

    /** The learner with scikit-learn's defaults ({@code n_nonzero_coefs = 500}). */
    public static Lars learner() {
        return new Lars(defaults(SPECS));
    }

    public Lars nNonzeroCoefs(int k) {
        return with("n_nonzero_coefs", k);
    }

    public Lars fitIntercept(boolean b) {
        return with("fit_intercept", b);
    }


    @Override
    protected Lars create(Params params) {
        return new Lars(params);
    }

    @Override
    protected PenalizedLinearModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        PenalizedDesign d = PenalizedDesign.of(data.features(), data.target(), data.weights(), params().getBoolean("fit_intercept"));
        Path path = solve(d, "lar", params().getInt("n_nonzero_coefs"), false);
        int last = path.alphas().length - 1;
        double[] b = path.coef(last);
        double[] mse = path.trainingMse(d);
        TrainingReport report = new TrainingReport(path.steps(), true, "LAR path: " + path.steps() + " steps", new double[0],
                secondsSince(t0), path.warnings(), Map.of("alpha", path.alphas()[last], "nonzero", (double) ElasticNet.countNonZero(b)));
        return new PenalizedLinearModel(NAME, params(), ModelSchema.of(data), report, b, d.intercept(b), path.alphas()[last], 0.0,
                0.0, path.alphas(), mse);
    }

    /**
     * A LARS path.
     *
     * @param alphas     the knots {@code C/n}, decreasing (the first has {@code b = 0})
     * @param coefs      {@code p x m}: the coefficients at each knot
     * @param intercepts the intercept at each knot
     * @param added      the features in the order they entered (a feature dropped and re-entered appears twice)
     * @param drops      the number of lasso drops (always 0 for LAR)
     * @param warnings   skipped (collinear) features
     */
    public record Path(double[] alphas, Matrix coefs, double[] intercepts, int[] added, int drops, List<String> warnings) {

        /** The coefficients at knot {@code k} (a copy). */
        public double[] coef(int k) {
            return coefs.columnArray(k);
        }

        /** The number of steps taken. */
        public int steps() {
            return alphas.length - 1;
        }

        double[] trainingMse(PenalizedDesign d) {
            int m = alphas.length;
            double[] out = new double[m];
            for (int k = 0; k < m; k++) {
                double[] fit = d.x().mvmul(coef(k));
                double s = 0;
                for (int i = 0; i < fit.length; i++) {
                    double r = d.y()[i] - fit[i];
                    s += r * r;
                }
                out[k] = s / fit.length;
            }
            return out;
        }
    }

    /**
     * The LAR ({@code method = "lar"}) or LARS-lasso ({@code "lasso"}) path of {@code (x, y)} with sample
     * weights {@code w} (null for none), after centring when {@code fitIntercept}.
     *
     * @param maxSteps the maximum number of steps (scikit-learn's {@code max_iter}, default 500)
     * @param positive restrict to nonnegative coefficients (only features with positive correlation enter)
     */
    public static Path path(Matrix x, double[] y, double[] w, boolean fitIntercept, String method, int maxSteps, boolean positive) {
        return solve(PenalizedDesign.of(x, y, w, fitIntercept), method, maxSteps, positive);
    }

    static Path solve(PenalizedDesign d, String method, int maxSteps, boolean positive) {
        boolean lasso = switch (method) {
            case "lar" -> false;
            case "lasso" -> true;
            default -> throw new IllegalArgumentException("method must be 'lar' or 'lasso', got '" + method + "'");
        };
        if (maxSteps < 0) {
            throw new IllegalArgumentException("max_iter must be >= 0, got " + maxSteps);
        }
        Matrix x = d.x();
        double[] y = d.y();
        int n = x.rows();
        int p = x.cols();
        double[] xy = x.tmvmul(y);
        Matrix g = x.gram();
        double gmax = 0;
        for (int j = 0; j < p; j++) {
            gmax = Math.max(gmax, g.get(j, j));
        }
        boolean[] usable = new boolean[p];
        int nUsable = 0;
        for (int j = 0; j < p; j++) {
            usable[j] = g.get(j, j) > 1e-14 * gmax && gmax > 0;
            nUsable += usable[j] ? 1 : 0;
        }
        List<String> warnings = new ArrayList<>();
        boolean[] active = new boolean[p];
        boolean[] excluded = new boolean[p];
        List<Integer> act = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        double[] b = new double[p];
        List<double[]> coefs = new ArrayList<>();
        List<Double> alphas = new ArrayList<>();
        int drops = 0;

        double[] c = xy.clone();
        int next = -1;
        double cMax = 0;
        for (int j = 0; j < p; j++) {
            double v = positive ? c[j] : Math.abs(c[j]);
            if (usable[j] && v > cMax) {
                cMax = v;
                next = j;
            }
        }
        double C = Math.max(cMax, 0);
        boolean drop = false;
        int justDropped = -1;
        int step = 0;
        while (true) {
            alphas.add(C / n);
            coefs.add(b.clone());
            if (C <= 0 || next < 0 && !drop || step >= maxSteps) {
                break;
            }
            if (!drop) {
                active[next] = true;
                act.add(next);
                added.add(next);
            }
            drop = false;
            // direction on the active set
            int k = act.size();
            double[] s = new double[k];
            Matrix ga = Matrix.zeros(k, k);
            for (int a = 0; a < k; a++) {
                int ja = act.get(a);
                s[a] = Math.signum(c[ja]) == 0 ? 1 : Math.signum(c[ja]);
                for (int bb = 0; bb < k; bb++) {
                    ga.set(a, bb, g.get(ja, act.get(bb)));
                }
            }
            double[] gi = null;
            try {
                Cholesky ch = Cholesky.of(ga);
                // L_kk^2 / G_kk is 1 - R^2 of the newest column on the other active ones
                double piv = ch.l().get(k - 1, k - 1);
                if (piv * piv > 1e-12 * ga.get(k - 1, k - 1)) {
                    gi = ch.solve(s);
                }
            } catch (NotPositiveDefiniteException e) {
                gi = null;
            }
            if (gi == null) {
                // the newest feature is (numerically) a combination of the active ones: skip it for good
                int bad = act.remove(k - 1);
                added.remove(added.size() - 1);
                active[bad] = false;
                excluded[bad] = true;
                warnings.add("feature " + bad + " is collinear with the active set and was skipped");
                alphas.remove(alphas.size() - 1);
                coefs.remove(coefs.size() - 1);
                drop = true; // recompute the direction on the remaining active set without adding a feature
                next = -1;
                continue;
            }
            double ss = 0;
            for (int a = 0; a < k; a++) {
                ss += s[a] * gi[a];
            }
            double aa = 1 / Math.sqrt(ss);
            double[] dir = new double[k];
            for (int a = 0; a < k; a++) {
                dir[a] = aa * gi[a];
            }
            // a_j = x_j' X_A dir
            double[] aj = new double[p];
            for (int j = 0; j < p; j++) {
                double v = 0;
                for (int a = 0; a < k; a++) {
                    v += g.get(j, act.get(a)) * dir[a];
                }
                aj[j] = v;
            }
            double gamma = C / aa;
            int enter = -1;
            boolean full = k >= nUsable - countTrue(excluded);
            if (!full) {
                for (int j = 0; j < p; j++) {
                    if (active[j] || excluded[j] || !usable[j]) {
                        continue;
                    }
                    // a feature just dropped sits at |c_j| = C: of its two crossing times the one with a zero
                    // numerator is the present knot (rounding noise), so only the other one (re-entry with
                    // the opposite sign) counts
                    boolean dropped = j == justDropped;
                    double g1 = (C - c[j]) / (aa - aj[j]);
                    if ((!dropped || c[j] < 0) && g1 > 1e-300 && g1 < gamma) {
                        gamma = g1;
                        enter = j;
                    }
                    if (!positive && (!dropped || c[j] > 0)) {
                        double g2 = (C + c[j]) / (aa + aj[j]);
                        if (g2 > 1e-300 && g2 < gamma) {
                            gamma = g2;
                            enter = j;
                        }
                    }
                }
            }
            int leave = -1;
            if (lasso) {
                for (int a = 0; a < k; a++) {
                    int ja = act.get(a);
                    double z = -b[ja] / dir[a];
                    if (z > 0 && z < gamma) {
                        gamma = z;
                        leave = a;
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                b[act.get(a)] += gamma * dir[a];
            }
            // fresh correlations (more accurate than updating), analytic common value for the active ones
            C = C - gamma * aa;
            double[] r = y.clone();
            for (int j = 0; j < p; j++) {
                if (b[j] != 0) {
                    for (int i = 0; i < n; i++) {
                        r[i] -= x.get(i, j) * b[j];
                    }
                }
            }
            c = x.tmvmul(r);
            step++;
            justDropped = -1;
            if (leave >= 0) {
                int ja = act.remove(leave);
                active[ja] = false;
                b[ja] = 0;
                justDropped = ja;
                drops++;
                drop = true;
                next = -1;
            } else if (enter >= 0) {
                next = enter;
            } else {
                // the least-squares fit on all usable features has been reached
                C = 0;
                next = -1;
            }
            if (C < 0) {
                C = 0;
            }
        }
        int m = alphas.size();
        Matrix cm = Matrix.zeros(p, m);
        double[] intercepts = new double[m];
        double[] alphaArr = new double[m];
        for (int k = 0; k < m; k++) {
            double[] bk = coefs.get(k);
            for (int j = 0; j < p; j++) {
                cm.set(j, k, bk[j]);
            }
            intercepts[k] = d.intercept(bk);
            alphaArr[k] = alphas.get(k);
        }
        return new Path(alphaArr, cm, intercepts, added.stream().mapToInt(Integer::intValue).toArray(), drops, warnings);
    }

    private static int countTrue(boolean[] a) {
        int c = 0;
        for (boolean v : a) {
            c += v ? 1 : 0;
        }
        return c;
    }
}
