package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The boosting loops of {@link AdaBoost} (SAMME, SAMME.R) and {@link AdaBoostR2} over any base learner (see their
 * class comments for the mathematics): the same recursions as the built-in tree paths, with round {@code m}'s
 * hypothesis a model fitted by the base learner. Each step of a round is a small method of its own (the hot
 * loops stay short for the JIT; see docs/trees.md).
 */
final class AdaBoostEstimators {

    /**
     * Registered learners known to ignore the data set's sample weights, which AdaBoost cannot boost (its row
     * weights would have no effect): k-nearest neighbours. The library has no capability flag for this; learners
     * not listed are trusted to honour the weights.
     */
    static final Set<String> IGNORES_WEIGHTS = Set.of("knn");

    private AdaBoostEstimators() {
    }

    /** Refuses a base learner of another task, or one known to ignore sample weights. */
    static void checkBase(Learner<?> base, Dataset.Task task) {
        if (base.task() != task) {
            throw new IllegalArgumentException("adaboost " + task.name().toLowerCase() + " needs a base learner of the same task; '"
                    + base.name() + "' does " + base.task().name().toLowerCase());
        }
        if (task == Dataset.Task.CLASSIFICATION && IGNORES_WEIGHTS.contains(base.name())) {
            throw new IllegalArgumentException("adaboost cannot boost '" + base.name() + "': it ignores sample weights, so the"
                    + " reweighted rows would not change its models; use a learner that honours them (logistic, cart, ...)");
        }
    }

    /** The data's sample weights (1 if none) divided by their sum, checked finite and non-negative with a positive sum. */
    static double[] initialWeights(Dataset data) {
        int n = data.size();
        double[] w = data.hasWeights() ? data.weights() : null;
        double[] out = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = w != null ? w[i] : 1.0;
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sample weight " + s + " at row " + i + " is not a finite number >= 0");
            }
            out[i] = s;
            total += s;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the sample weights sum to " + total + "; at least one must be positive");
        }
        for (int i = 0; i < n; i++) {
            out[i] /= total;
        }
        return out;
    }

    /** {@code base} with seed {@code seed} if it has a seed parameter, else {@code base}. */
    static Learner<?> seeded(Learner<?> base, long seed) {
        return base.params().names().contains("seed") ? base.with("seed", seed) : base;
    }

    /**
     * Rejects infinite values of {@code x}, and NaN unless the base is a tree learner that routes missing values
     * ({@link Bagging#acceptsMissing}): a base that cannot use NaN would otherwise give NaN scores silently.
     */
    static void checkValues(Matrix x, List<String> names, String estimator) {
        boolean missingOk = Bagging.acceptsMissing(estimator);
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isInfinite(v) || (!missingOk && Double.isNaN(v))) {
                    throw new IllegalArgumentException("adaboost of " + estimator + " does not accept "
                            + (Double.isNaN(v) ? "missing values (NaN)" : "infinite values") + ": feature '" + names.get(j) + "' is " + v
                            + " at row " + i);
                }
            }
        }
    }

    /** Fits round {@code m}'s base model, naming the round and the base in a failure. */
    static Model fitRound(Learner<?> learner, Dataset data, int m, Class<?> type) {
        Model model;
        try {
            model = learner.fit(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adaboost estimator " + m + " (" + learner.name() + "): " + e.getMessage(), e);
        }
        if (!type.isInstance(model)) {
            throw new IllegalArgumentException("adaboost needs base models that are " + type.getSimpleName() + "s; '" + learner.name()
                    + "' gave " + model.kind());
        }
        return model;
    }

    /** SAMME / SAMME.R AdaBoost of {@code base} on {@code data} with AdaBoost's parameters {@code p}. */
    static AdaBoostClassifierModel classifier(Learner<?> base, Dataset data, Params p) {
        checkValues(data.features(), data.featureNames(), base.name());
        long t0 = System.nanoTime();
        int n = data.size();
        int k = data.numClasses();
        int[] y = data.labels();
        double[] w = initialWeights(data);
        int rounds = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        boolean real = p.getString("algorithm").equals("samme.r");
        long[] seeds = RandomForest.treeSeeds(p.getLong("seed"), rounds);
        Matrix x = data.features();
        List<Model> models = new ArrayList<>();
        List<Double> alphas = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String stop = "all " + rounds + " rounds run";
        boolean[] wrong = new boolean[n];
        for (int m = 0; m < rounds; m++) {
            Classifier h = (Classifier) fitRound(seeded(base, seeds[m]), data.withWeights(w), m, Classifier.class);
            noteUnconverged(h, m, base, warnings);
            if (real && !h.hasProbabilities()) {
                throw new IllegalArgumentException("adaboost algorithm = samme.r needs class probabilities, but the models of '"
                        + base.name() + "' give none; use algorithm = samme");
            }
            double err = weightedError(h.predict(x), y, w, wrong);
            if (real) {
                models.add(h);
                alphas.add(1.0);
                errors.add(err);
                if (err <= 0) {
                    stop = "estimator " + (m + 1) + " classifies the training data perfectly";
                    break;
                }
                if (m == rounds - 1) {
                    break;
                }
                realUpdate(probabilities(h, x, m), y, w, rate);
            } else {
                if (err <= 0) {
                    models.add(h);
                    alphas.add(1.0);
                    errors.add(0.0);
                    stop = "estimator " + (m + 1) + " classifies the training data perfectly";
                    break;
                }
                if (err >= 1.0 - 1.0 / k) {
                    if (models.isEmpty()) {
                        throw new IllegalArgumentException("the first estimator (" + base.name() + ") of " + AdaBoost.NAME
                                + " has weighted error " + err + " >= 1 - 1/K = " + (1.0 - 1.0 / k)
                                + " (no better than chance); the ensemble cannot be fitted");
                    }
                    stop = "estimator " + (m + 1) + " has weighted error " + err + " >= 1 - 1/K and was dropped";
                    break;
                }
                double alpha = rate * (Math.log((1 - err) / err) + Math.log(k - 1.0));
                models.add(h);
                alphas.add(alpha);
                errors.add(err);
                if (m == rounds - 1) {
                    break;
                }
                discreteUpdate(wrong, w, Math.exp(alpha));
            }
            double next = real ? AdaBoost.pairwiseSum(w, 0, n) : sum(w);
            if (!Double.isFinite(next) || !(next > 0)) {
                warnings.add("row weights became " + next + " after estimator " + (m + 1) + "; boosting stopped");
                stop = "row weights not finite and positive";
                break;
            }
            for (int i = 0; i < n; i++) {
                w[i] /= next;
            }
        }
        double[] a = alphas.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        TrainingReport report = new TrainingReport(models.size(), true, stop, e.clone(), (System.nanoTime() - t0) / 1e9, warnings,
                Map.of("estimators", (double) models.size()));
        return new AdaBoostClassifierModel(p, ModelSchema.of(data), report, base.name(), models, a, e);
    }

    /** Adds a warning when round {@code m}'s base model reports that its fit did not converge. */
    static void noteUnconverged(Model h, int m, Learner<?> base, List<String> warnings) {
        if (!h.report().converged()) {
            warnings.add("estimator " + m + " (" + base.name() + ") did not converge: " + h.report().stopReason());
        }
    }

    /** {@code err = sum_i w_i [pred_i != y_i] / sum_i w_i}, marking the misclassified rows in {@code wrong}. */
    static double weightedError(int[] pred, int[] y, double[] w, boolean[] wrong) {
        double bad = 0;
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            wrong[i] = pred[i] != y[i];
            bad += wrong[i] ? w[i] : 0;
            sum += w[i];
        }
        return bad / sum;
    }

    /** SAMME: misclassified rows of positive weight multiplied by {@code boost = exp(alpha)}. */
    static void discreteUpdate(boolean[] wrong, double[] w, double boost) {
        for (int i = 0; i < w.length; i++) {
            if (wrong[i] && w[i] > 0) {
                w[i] *= boost;
            }
        }
    }

    static double sum(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s;
    }

    /** The class probabilities of {@code h} on {@code x}, checked finite. */
    static Matrix probabilities(Classifier h, Matrix x, int m) {
        Matrix pr = h.predictProba(x);
        double[] d = pr.toArray();
        for (double v : d) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("adaboost estimator " + m + " gave the class probability " + v + "; SAMME.R needs finite ones");
            }
        }
        return pr;
    }

    /**
     * SAMME.R: {@code w_i *= exp(-rate (K-1)/K sum_c y_ic log max(p_ic, eps))}, {@code y_ic = 1} for the true class and
     * {@code -1/(K-1)} otherwise; a zero weight stays zero unless the factor is below 1 (as the built-in path).
     */
    static void realUpdate(Matrix prob, int[] y, double[] w, double rate) {
        int k = prob.cols();
        for (int i = 0; i < w.length; i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += (c == y[i] ? 1.0 : -1.0 / (k - 1)) * Math.log(Math.max(prob.get(i, c), Math.ulp(1.0)));
            }
            double e = -1.0 * rate * ((k - 1.0) / k) * s;
            if (w[i] > 0 || e < 0) {
                w[i] *= Math.exp(e);
            }
        }
    }

    /** Round {@code m}'s bootstrap: {@code n} row indices drawn with probabilities {@code w} (sorted). */
    @FunctionalInterface
    interface Sampler {
        int[] draw(double[] w, SplittableRandom rng, int m);
    }

    /** The R2 sampler of the built-in path: {@code n} draws by inverse CDF of {@code w} from {@code rng}, sorted. */
    static int[] inverseCdfDraws(double[] w, SplittableRandom rng, int m) {
        int n = w.length;
        double[] cdf = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += w[i];
            cdf[i] = c;
        }
        int[] out = new int[n];
        for (int d = 0; d < n; d++) {
            double u = rng.nextDouble() * c;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out[d] = lo;
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * AdaBoost.R2 of {@code base}: round {@code m} fits {@code base} on the bootstrap rows {@code sampler} draws (repeated
     * rows repeated, without sample weights, as scikit-learn), then the update of {@link AdaBoostR2#round}.
     */
    static AdaBoostRegressorModel regressor(Learner<?> base, Dataset data, Params p, Sampler sampler) {
        checkValues(data.features(), data.featureNames(), base.name());
        long t0 = System.nanoTime();
        int n = data.size();
        double[] y = data.target();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + y[i] + " at row " + i + " is not finite");
            }
        }
        double[] w = initialWeights(data);
        int rounds = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        String loss = p.getString("loss");
        SplittableRandom rng = new SplittableRandom(p.getLong("seed"));
        Dataset unweighted = data.withWeights(null);
        Matrix x = data.features();
        List<Model> models = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        String stop = "all " + rounds + " rounds run";
        double[] res = new double[n];
        for (int m = 0; m < rounds; m++) {
            int[] rows = sampler.draw(w, rng, m);
            Learner<?> l = seeded(base, rng.nextLong());
            Regressor h = (Regressor) fitRound(l, unweighted.subset(rows), m, Regressor.class);
            noteUnconverged(h, m, base, warnings);
            double[] pred = h.predict(x);
            for (int i = 0; i < n; i++) {
                res[i] = Math.abs(pred[i] - y[i]);
            }
            AdaBoostR2.Round r = AdaBoostR2.round(res, w, loss, rate);
            if (r.error() <= 0) {
                models.add(h);
                weights.add(1.0);
                errors.add(0.0);
                stop = "estimator " + (m + 1) + " fits the training data exactly";
                break;
            }
            if (r.error() >= 0.5) {
                if (models.isEmpty()) {
                    throw new IllegalArgumentException("the first estimator (" + base.name() + ") of AdaBoost.R2 has average loss "
                            + r.error() + " >= 0.5; the ensemble cannot be fitted");
                }
                stop = "estimator " + (m + 1) + " has average loss " + r.error() + " >= 0.5 and was dropped";
                break;
            }
            models.add(h);
            weights.add(rate * Math.log(1 / r.beta()));
            errors.add(r.error());
            if (m == rounds - 1) {
                break;
            }
            double s = sum(r.weights());
            if (!Double.isFinite(s) || !(s > 0)) {
                stop = "row weights not finite and positive after estimator " + (m + 1);
                break;
            }
            for (int i = 0; i < n; i++) {
                w[i] = r.weights()[i] / s;
            }
        }
        double[] a = weights.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        TrainingReport report = new TrainingReport(models.size(), true, stop, e.clone(), (System.nanoTime() - t0) / 1e9, warnings,
                Map.of("estimators", (double) models.size()));
        return new AdaBoostRegressorModel(p, ModelSchema.of(data), report, base.name(), models, a, e);
    }
}
