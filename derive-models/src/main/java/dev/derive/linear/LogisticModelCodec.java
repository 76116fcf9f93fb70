package dev.derive.linear;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.linalg.Matrix;
import java.io.IOException;

/** Persistence of {@link LogisticModel}s (kind {@code logistic}): the coefficient matrix and the intercepts. */
public final class LogisticModelCodec implements ModelCodec<LogisticModel> {

    @Override
    public String kind() {
        return LogisticRegression.NAME;
    }

    @Override
    public Class<LogisticModel> type() {
        return LogisticModel.class;
    }

    @Override
    public void write(LogisticModel m, ModelState.Writer out) {
        out.putMatrix("coef", m.coefficients());
        out.putArray("intercepts", m.intercepts());
    }

    @Override
    public LogisticModel read(ModelState.Reader in) throws IOException {
        Params p = in.params(LogisticRegression.learner().params());
        Matrix coef = in.matrix("coef");
        int classes = in.schema().classes().size();
        in.expectSize("coefficient rows", coef.rows(), classes == 2 ? 1 : classes);
        in.expectSize("coefficient columns", coef.cols(), in.schema().featureCount());
        double[] b = in.doubles("intercepts");
        in.expectSize("intercepts", b.length, coef.rows());
        return new LogisticModel(p, in.schema(), in.report(), coef, b);
    }
}
