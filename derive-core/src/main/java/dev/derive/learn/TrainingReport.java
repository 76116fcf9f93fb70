package dev.derive.learn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What training did: iterations, whether and why it stopped, the training loss curve, wall time and any
 * warnings (e.g. "collinear columns"). Closed-form learners report one iteration and an empty curve.
 * Iterative learners may also log named per-iteration series in {@link #curves()} (e.g. a booster's
 * {@code train_loss} and {@code valid_auc}: one value per round, LightGBM's {@code evals_result}).
 *
 * @param iterations   iterations (or boosting rounds, epochs) run
 * @param converged    whether the stopping criterion was met (true for closed-form solutions)
 * @param stopReason   a short phrase: "closed form", "gradient norm below tol", "max_iter reached", ...
 * @param lossCurve    the training objective after each iteration (may be empty)
 * @param seconds      wall-clock training time
 * @param warnings     things the user should know about the fit
 * @param extra        learner-specific numbers (e.g. "log_likelihood", "effective_dof")
 * @param curves       named per-iteration series, in insertion order (may be empty; never null after
 *                     construction); e.g. {@code valid_auc} after every boosting round
 */
public record TrainingReport(int iterations, boolean converged, String stopReason, double[] lossCurve,
                             double seconds, List<String> warnings, Map<String, Double> extra,
                             Map<String, double[]> curves) {

    public TrainingReport {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        lossCurve = lossCurve == null ? new double[0] : lossCurve.clone();
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        stopReason = stopReason == null ? "" : stopReason;
        curves = copy(curves);
    }

    /** A report without named curves (the form every learner used before {@link #curves()} existed). */
    public TrainingReport(int iterations, boolean converged, String stopReason, double[] lossCurve,
                          double seconds, List<String> warnings, Map<String, Double> extra) {
        this(iterations, converged, stopReason, lossCurve, seconds, warnings, extra, null);
    }

    /** The report of a closed-form fit that took {@code seconds}. */
    public static TrainingReport closedForm(double seconds, List<String> warnings, Map<String, Double> extra) {
        return new TrainingReport(1, true, "closed form", new double[0], seconds, warnings, extra);
    }

    @Override
    public double[] lossCurve() {
        return lossCurve.clone();
    }

    /** The named per-iteration series (a copy; insertion order), empty when the learner logs none. */
    @Override
    public Map<String, double[]> curves() {
        return copy(curves);
    }

    /** One named series (a copy), or {@code null} if the report has no series of that name. */
    public double[] curve(String name) {
        double[] c = curves.get(name);
        return c == null ? null : c.clone();
    }

    private static Map<String, double[]> copy(Map<String, double[]> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : in.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("a training curve needs a name and values, got " + e.getKey()
                        + " = " + (e.getValue() == null ? "null" : e.getValue().length + " values"));
            }
            out.put(e.getKey(), e.getValue().clone());
        }
        return Collections.unmodifiableMap(out);
    }
}
