package dev.derive.ensemble;

import dev.derive.learn.Classifier;
import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of {@link CalibratedClassifierModel} (kind {@code calibrated}): the calibrated learner's name
 * ({@code estimator}), the member classifiers as nested model files ({@code model_<t>}), and the calibrators in
 * member-then-class order: for sigmoid the Platt parameters {@code a} and {@code b}; for isotonic the point counts
 * {@code iso_sizes} and the concatenated points {@code iso_x}, {@code iso_y}.
 */
public final class CalibratedClassifierCodec implements ModelCodec<CalibratedClassifierModel> {

    @Override
    public String kind() {
        return CalibratedClassifier.NAME;
    }

    @Override
    public Class<CalibratedClassifierModel> type() {
        return CalibratedClassifierModel.class;
    }

    @Override
    public void write(CalibratedClassifierModel m, ModelState.Writer out) throws IOException {
        out.put("estimator", m.estimator());
        out.put("members", m.members().size());
        NestedModels.write("model", m.members(), out);
        List<Calibrator> all = new ArrayList<>();
        for (int t = 0; t < m.members().size(); t++) {
            all.addAll(m.calibrators(t));
        }
        if (m.params().getString("method").equals("sigmoid")) {
            double[] a = new double[all.size()];
            double[] b = new double[all.size()];
            for (int c = 0; c < a.length; c++) {
                PlattScaling p = (PlattScaling) all.get(c);
                a[c] = p.a();
                b[c] = p.b();
            }
            out.putArray("a", a);
            out.putArray("b", b);
        } else {
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (Calibrator c : all) {
                IsotonicRegression r = (IsotonicRegression) c;
                xs.add(r.x());
                ys.add(r.y());
            }
            int[] sizes = RaggedArrays.lengths(xs);
            double[] x = RaggedArrays.concat(xs, double[]::new);
            double[] y = RaggedArrays.concat(ys, double[]::new);
            out.putArray("iso_sizes", sizes);
            out.putArray("iso_x", x);
            out.putArray("iso_y", y);
        }
    }

    @Override
    public CalibratedClassifierModel read(ModelState.Reader in) throws IOException {
        int members = in.getInt("members");
        if (members < 1) {
            throw new ModelFormatException("a calibrated model needs at least one member; got " + members);
        }
        List<Classifier> models = new ArrayList<>(NestedModels.read("model", members, Classifier.class, in));
        Params p = in.params(Params.defaults(CalibratedClassifier.SPECS).withNested(Bagging.ESTIMATOR, models.get(0).params()));
        int k = in.schema().classes().size();
        int per = k == 2 ? 1 : k;
        List<List<Calibrator>> cals = new ArrayList<>();
        try {
            if (p.getString("method").equals("sigmoid")) {
                double[] a = in.doubles("a");
                double[] b = in.doubles("b");
                in.expectSize("a", a.length, members * per);
                in.expectSize("b", b.length, members * per);
                for (int t = 0; t < members; t++) {
                    List<Calibrator> l = new ArrayList<>();
                    for (int c = 0; c < per; c++) {
                        l.add(new PlattScaling(a[t * per + c], b[t * per + c]));
                    }
                    cals.add(l);
                }
            } else {
                int[] sizes = in.ints("iso_sizes");
                in.expectSize("iso_sizes", sizes.length, members * per);
                double[] x = in.doubles("iso_x");
                double[] y = in.doubles("iso_y");
                int total = RaggedArrays.total(sizes, s -> "an isotonic calibrator has " + s + " points");
                in.expectSize("iso_x", x.length, total);
                in.expectSize("iso_y", y.length, total);
                List<double[]> xs = RaggedArrays.split(x, sizes, double[]::new);
                List<double[]> ys = RaggedArrays.split(y, sizes, double[]::new);
                for (int t = 0; t < members; t++) {
                    List<Calibrator> l = new ArrayList<>();
                    for (int c = 0; c < per; c++) {
                        l.add(new IsotonicRegression(xs.get(t * per + c), ys.get(t * per + c)));
                    }
                    cals.add(l);
                }
            }
            return new CalibratedClassifierModel(p, in.schema(), in.report(), in.getString("estimator"), models, cals);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid calibrated model: " + e.getMessage(), e);
        }
    }
}
