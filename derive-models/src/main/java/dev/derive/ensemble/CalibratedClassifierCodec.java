package dev.derive.ensemble;

import dev.derive.learn.Classifier;
import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
            int[] sizes = new int[all.size()];
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            int total = 0;
            for (int c = 0; c < sizes.length; c++) {
                IsotonicRegression r = (IsotonicRegression) all.get(c);
                xs.add(r.x());
                ys.add(r.y());
                sizes[c] = r.x().length;
                total += sizes[c];
            }
            double[] x = new double[total];
            double[] y = new double[total];
            int o = 0;
            for (int c = 0; c < sizes.length; c++) {
                System.arraycopy(xs.get(c), 0, x, o, sizes[c]);
                System.arraycopy(ys.get(c), 0, y, o, sizes[c]);
                o += sizes[c];
            }
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
                int total = 0;
                for (int s : sizes) {
                    if (s < 1) {
                        throw new ModelFormatException("an isotonic calibrator has " + s + " points");
                    }
                    total += s;
                }
                in.expectSize("iso_x", x.length, total);
                in.expectSize("iso_y", y.length, total);
                int o = 0;
                for (int t = 0; t < members; t++) {
                    List<Calibrator> l = new ArrayList<>();
                    for (int c = 0; c < per; c++) {
                        int s = sizes[t * per + c];
                        l.add(new IsotonicRegression(Arrays.copyOfRange(x, o, o + s), Arrays.copyOfRange(y, o, o + s)));
                        o += s;
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
