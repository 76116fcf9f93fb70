package dev.derive.linear;

import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/** Persistence of quantile-regression {@link LinearModel}s (kind {@code quantile}): coefficients, intercept, solver, rank. */
public final class QuantileRegressionCodec implements ModelCodec<LinearModel> {

    @Override
    public String kind() {
        return QuantileRegression.NAME;
    }

    @Override
    public Class<LinearModel> type() {
        return LinearModel.class;
    }

    @Override
    public void write(LinearModel m, ModelState.Writer out) {
        out.putArray("coef", m.coefficients());
        out.put("intercept", m.intercept());
        out.put("solver", m.solver());
        out.put("rank", m.rank());
    }

    @Override
    public LinearModel read(ModelState.Reader in) throws IOException {
        double[] coef = in.doubles("coef");
        in.expectSize("coef", coef.length, in.schema().featureCount());
        return new LinearModel(QuantileRegression.NAME, in.params(QuantileRegression.learner().params()), in.schema(), in.report(),
                coef, in.getDouble("intercept"), in.getString("solver"), in.getInt("rank"));
    }
}
