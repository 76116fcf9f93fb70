package dev.derive.linear;

import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/** Persistence of {@link RidgeCV} models (kind {@code ridge_cv}): coefficients, intercept, mode and rank. */
public final class RidgeCVCodec implements ModelCodec<LinearModel> {

    @Override
    public String kind() {
        return RidgeCV.NAME;
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
        return new LinearModel(kind(), in.params(RidgeCV.learner().params()), in.schema(), in.report(), coef, in.getDouble("intercept"),
                in.getString("solver"), in.getInt("rank"));
    }
}
