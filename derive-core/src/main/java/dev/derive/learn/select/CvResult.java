package dev.derive.learn.select;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one cross-validation: the score of every scorer on every fold, with the mean and the
 * population standard deviation over folds ({@code sqrt((1/k) sum_f (s_f - mean)^2)}, as scikit-learn's
 * {@code GridSearchCV.cv_results_} reports {@code std_test_score}), the fit time of each fold and the total
 * wall time.
 *
 * <p>Equality compares the scorer names and the scores (fold scores, means, standard deviations) only: the
 * times are measurements that differ from run to run, not results.
 *
 * @param scorerNames the scorers, in column order
 * @param foldScores  {@code foldScores[f][s]}: score of scorer {@code s} on fold {@code f} (fold order of the
 *                    cross-validator)
 * @param mean        mean over folds, per scorer
 * @param std         population standard deviation over folds, per scorer
 * @param fitSeconds  wall time of fitting each fold's model
 * @param seconds     wall time of the whole cross-validation
 */
public record CvResult(List<String> scorerNames, double[][] foldScores, double[] mean, double[] std,
                       double[] fitSeconds, double seconds) {

    /** Copies and checks the arrays. */
    public CvResult {
        scorerNames = List.copyOf(scorerNames);
        int m = scorerNames.size();
        foldScores = deepCopy(foldScores);
        if (foldScores.length == 0) {
            throw new IllegalArgumentException("a cross-validation result needs at least one fold");
        }
        for (int f = 0; f < foldScores.length; f++) {
            if (foldScores[f].length != m) {
                throw new IllegalArgumentException("fold " + f + " has " + foldScores[f].length + " scores for " + m + " scorers");
            }
        }
        mean = mean.clone();
        std = std.clone();
        fitSeconds = fitSeconds.clone();
        if (mean.length != m || std.length != m) {
            throw new IllegalArgumentException("mean and std need one entry per scorer (" + m + "), got "
                    + mean.length + " and " + std.length);
        }
        if (fitSeconds.length != foldScores.length) {
            throw new IllegalArgumentException("fitSeconds has " + fitSeconds.length + " entries for " + foldScores.length + " folds");
        }
    }

    /** A result from fold scores: the mean and standard deviation are computed here. */
    public static CvResult of(List<String> scorerNames, double[][] foldScores, double[] fitSeconds, double seconds) {
        int m = scorerNames.size();
        int k = foldScores.length;
        double[] mean = new double[m];
        double[] std = new double[m];
        for (int s = 0; s < m; s++) {
            double sum = 0;
            for (double[] fold : foldScores) {
                sum += fold[s];
            }
            double mu = sum / k;
            double ss = 0;
            for (double[] fold : foldScores) {
                double d = fold[s] - mu;
                ss += d * d;
            }
            mean[s] = mu;
            std[s] = Math.sqrt(ss / k);
        }
        return new CvResult(scorerNames, foldScores, mean, std, fitSeconds, seconds);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public double[][] foldScores() {
        return deepCopy(foldScores);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public double[] fitSeconds() {
        return fitSeconds.clone();
    }

    /** Number of folds. */
    public int numFolds() {
        return foldScores.length;
    }

    /** The column of scorer {@code name}; an unknown name lists the scorers of this result. */
    public int indexOf(String name) {
        int i = scorerNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no scorer '" + name + "' in this result; it has " + scorerNames);
        }
        return i;
    }

    /** The mean over folds of scorer {@code name}. */
    public double mean(String name) {
        return mean[indexOf(name)];
    }

    /** The standard deviation over folds of scorer {@code name}. */
    public double std(String name) {
        return std[indexOf(name)];
    }

    /** The per-fold scores of scorer {@code name}, in fold order. */
    public double[] scores(String name) {
        int s = indexOf(name);
        double[] out = new double[foldScores.length];
        for (int f = 0; f < out.length; f++) {
            out[f] = foldScores[f][s];
        }
        return out;
    }

    /** Total fit time over folds, in seconds. */
    public double totalFitSeconds() {
        double t = 0;
        for (double v : fitSeconds) {
            t += v;
        }
        return t;
    }

    /** One line per scorer: {@code name  mean +- std}. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (String n : scorerNames) {
            w = Math.max(w, n.length());
        }
        for (int s = 0; s < scorerNames.size(); s++) {
            b.append(String.format(Locale.ROOT, "%-" + w + "s  %.6g +- %.3g%n", scorerNames.get(s), mean[s], std[s]));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CvResult r && r.scorerNames.equals(scorerNames) && Arrays.deepEquals(r.foldScores, foldScores)
                && Arrays.equals(r.mean, mean) && Arrays.equals(r.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * scorerNames.hashCode() + Arrays.deepHashCode(foldScores);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CvResult(" + foldScores.length + " folds");
        for (int s = 0; s < scorerNames.size(); s++) {
            b.append(String.format(Locale.ROOT, ", %s %.6g +- %.3g", scorerNames.get(s), mean[s], std[s]));
        }
        return b.append(String.format(Locale.ROOT, ", %.3f s)", seconds)).toString();
    }
}
