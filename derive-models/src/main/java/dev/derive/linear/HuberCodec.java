package dev.derive.linear;

import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/** Persistence of {@link HuberModel}s (kind {@code huber}): coefficients, intercept and scale. */
public final class HuberCodec implements ModelCodec<HuberModel> {

    @Override
    public String kind() {
        return Huber.NAME;
    }

    @Override
    public Class<HuberModel> type() {
        return HuberModel.class;
    }

    @Override
    public void write(HuberModel m, ModelState.Writer out) {
        out.putArray("coef", m.coefficients());
        out.put("intercept", m.intercept());
        out.put("scale", m.scale());
    }

    @Override
    public HuberModel read(ModelState.Reader in) throws IOException {
        double[] coef = in.doubles("coef");
        in.expectSize("coef", coef.length, in.schema().featureCount());
        return new HuberModel(in.params(Huber.learner().params()), in.schema(), in.report(), coef, in.getDouble("intercept"),
                in.getDouble("scale"));
    }
}
