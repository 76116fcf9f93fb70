package dev.derive.learn;

import java.util.List;
import java.util.Map;

/**
 * What training did: iterations, whether and why it stopped, the training loss curve, wall time and any
 * warnings (e.g. "collinear columns"). Closed-form learners report one iteration and an empty curve.
 *
 * @param iterations   iterations (or boosting rounds, epochs) run
 * @param converged    whether the stopping criterion was met (true for closed-form solutions)
 * @param stopReason   a short phrase: "closed form", "gradient norm below tol", "max_iter reached", ...
 * @param lossCurve    the training objective after each iteration (may be empty)
 * @param seconds      wall-clock training time
 * @param warnings     things the user should know about the fit
 * @param extra        learner-specific numbers (e.g. "log_likelihood", "effective_dof")
 */
public record TrainingReport(int iterations, boolean converged, String stopReason, double[] lossCurve,
                             double seconds, List<String> warnings, Map<String, Double> extra) {

    public TrainingReport {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        lossCurve = lossCurve == null ? new double[0] : lossCurve.clone();
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        stopReason = stopReason == null ? "" : stopReason;
    }

    /** The report of a closed-form fit that took {@code seconds}. */
    public static TrainingReport closedForm(double seconds, List<String> warnings, Map<String, Double> extra) {
        return new TrainingReport(1, true, "closed form", new double[0], seconds, warnings, extra);
    }

    @Override
    public double[] lossCurve() {
        return lossCurve.clone();
    }
}
