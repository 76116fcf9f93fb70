package dev.derive.learn;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.Map;

/**
 * A test-only ridge regressor ({@code beta = (Xc'Xc + alpha I)^-1 Xc'yc} on centred data, unweighted) so
 * that derive-core can test {@link Pipeline} without derive-models.
 */
final class TinyRidge extends AbstractLearner<TinyRidge, TinyRidge.Fitted> {

    static final List<Param<?>> SPECS = List.of(Param.nonNegative("alpha", 1.0, "L2 penalty"));

    private TinyRidge(Params p) {
        super(p);
    }

    static TinyRidge learner() {
        return new TinyRidge(defaults(SPECS));
    }

    @Override
    public String name() {
        return "tiny_ridge";
    }

    @Override
    public Dataset.Task task() {
        return Dataset.Task.REGRESSION;
    }

    @Override
    protected TinyRidge create(Params params) {
        return new TinyRidge(params);
    }

    @Override
    protected Fitted train(Dataset data) {
        data.requireFiniteFeatures(name());
        Matrix x = data.features();
        double[] mean = x.columnMeans();
        double[] y = data.target();
        double ym = 0;
        for (double v : y) {
            ym += v;
        }
        ym /= y.length;
        Matrix xc = x.subRowVector(mean);
        double[] yc = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            yc[i] = y[i] - ym;
        }
        Matrix g = xc.gram();
        for (int j = 0; j < g.rows(); j++) {
            g.add(j, j, params().getDouble("alpha"));
        }
        double[] beta = dev.derive.linalg.Linalg.solve(g, Matrix.columnVector(xc.tmvmul(yc))).columnArray(0);
        double b = ym;
        for (int j = 0; j < beta.length; j++) {
            b -= mean[j] * beta[j];
        }
        return new Fitted(params(), ModelSchema.of(data), beta, b);
    }

    record Fitted(Params params, ModelSchema schema, double[] beta, double intercept) implements Regressor {
        @Override
        public String kind() {
            return "tiny_ridge";
        }

        @Override
        public TrainingReport report() {
            return TrainingReport.closedForm(0, List.of("a tiny warning"), Map.of("rank", (double) beta.length));
        }

        @Override
        public double[] predict(Matrix x) {
            schema.check(x, kind(), true);
            double[] y = x.mvmul(beta);
            for (int i = 0; i < y.length; i++) {
                y[i] += intercept;
            }
            return y;
        }
    }
}
