package dev.derive.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.Clusterer;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.Param;
import dev.derive.learn.Regressor;
import dev.derive.learn.Transformer;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The shared learner contract (in the spirit of scikit-learn's {@code check_estimator}): every learner in
 * Derive runs through it. Use it from a JUnit {@code @TestFactory}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> contract() {
 *     return LearnerContract.tests(Ridge.learner(), Datasets.dataset("diabetes"));
 * }
 * }</pre>
 *
 * <p>Checks: parameters round-trip by name; fitting never modifies the data; determinism (same data and
 * parameters give bit-identical outputs); persistence round trip through the model file format with
 * identical outputs, kind, parameters and schema; invariance to the order of training rows (when the
 * mathematics says so, {@link Options#orderInvariant}); output shapes and probability rows that sum to
 * 1; concurrent prediction from several threads gives the single-threaded answer; and clear
 * {@link IllegalArgumentException}s for an empty data set, the wrong task, NaN features (unless the
 * learner supports missing values), a single class (classifiers), unknown parameter names, and
 * prediction input with the wrong number of columns. See {@code docs/contract.md}.
 */
public final class LearnerContract {

    /**
     * Options for learners whose mathematics differs from the default assumptions.
     *
     * @param orderInvariant  the fitted model does not depend on the order of training rows
     * @param orderTolerance  relative tolerance for the order check (rounding differs between orders)
     * @param supportsMissing the learner accepts NaN features
     * @param probabilities   a classifier gives class probabilities; when false (a margin classifier such as a
     *                        linear SVM) {@code predictProba} must throw {@link UnsupportedOperationException}
     *                        and the checks compare predicted labels only
     */
    public record Options(boolean orderInvariant, double orderTolerance, boolean supportsMissing, boolean probabilities) {
        public static final Options DEFAULT = new Options(true, 1e-9, false, true);

        public Options withOrderInvariant(boolean b) {
            return new Options(b, orderTolerance, supportsMissing, probabilities);
        }

        public Options withSupportsMissing(boolean b) {
            return new Options(orderInvariant, orderTolerance, b, probabilities);
        }

        public Options withOrderTolerance(double tol) {
            return new Options(orderInvariant, tol, supportsMissing, probabilities);
        }

        public Options withProbabilities(boolean b) {
            return new Options(orderInvariant, orderTolerance, supportsMissing, b);
        }
    }

    private LearnerContract() {
    }

    /** The contract checks with default options. */
    public static Stream<DynamicTest> tests(Learner<?> learner, Dataset data) {
        return tests(learner, data, Options.DEFAULT);
    }

    /** The contract checks as dynamic tests, one per property. */
    public static Stream<DynamicTest> tests(Learner<?> learner, Dataset data, Options options) {
        String n = learner.name() + ": ";
        return Stream.of(
                DynamicTest.dynamicTest(n + "parameters round-trip by name", () -> parameters(learner)),
                DynamicTest.dynamicTest(n + "fit does not modify the data", () -> doesNotModify(learner, data)),
                DynamicTest.dynamicTest(n + "deterministic", () -> deterministic(learner, data, options)),
                DynamicTest.dynamicTest(n + "persistence round trip", () -> persistence(learner, data, options)),
                DynamicTest.dynamicTest(n + "shapes", () -> shapes(learner, data, options)),
                DynamicTest.dynamicTest(n + "concurrent prediction", () -> concurrent(learner, data, options)),
                DynamicTest.dynamicTest(n + "row order", () -> rowOrder(learner, data, options)),
                DynamicTest.dynamicTest(n + "bad input", () -> badInput(learner, data, options)));
    }

    /** The model's outputs on {@code x} as one comparable array (predictions, then probabilities). */
    public static double[] outputs(Model m, Matrix x) {
        return outputs(m, x, true);
    }

    /** {@link #outputs(Model, Matrix)}, leaving out a classifier's probabilities when {@code probabilities} is false. */
    public static double[] outputs(Model m, Matrix x, boolean probabilities) {
        List<Double> out = new ArrayList<>();
        if (m instanceof Classifier c) {
            for (int v : c.predict(x)) {
                out.add((double) v);
            }
            if (probabilities) {
                for (double v : c.predictProba(x).toArray()) {
                    out.add(v);
                }
            }
        } else if (m instanceof Regressor r) {
            for (double v : r.predict(x)) {
                out.add(v);
            }
        } else if (m instanceof Transformer t) {
            for (double v : t.transform(x).toArray()) {
                out.add(v);
            }
        } else if (m instanceof Clusterer c) {
            for (int v : c.predict(x)) {
                out.add((double) v);
            }
        } else {
            throw new AssertionError("model " + m.kind() + " is none of Classifier, Regressor, Transformer, Clusterer");
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void parameters(Learner<?> learner) {
        for (Param<?> p : learner.params().specs()) {
            Object v = learner.params().get(p.name());
            Learner<?> same = learner.with(p.name(), v);
            assertEquals(learner.params(), same.params(), "with(" + p.name() + ", its own value) changes nothing");
            assertEquals(learner.getClass(), same.getClass());
            if (v != null) {
                Learner<?> fromString = learner.with(p.name(), v.toString());
                assertEquals(learner.params(), fromString.params(), p.name() + " parses from its string form");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learner.with("no_such_parameter", 1));
        assertTrue(e.getMessage().contains("valid parameters"), e.getMessage());
    }

    static void doesNotModify(Learner<?> learner, Dataset data) {
        String before = data.sha256();
        learner.fit(data);
        assertEquals(before, data.sha256(), "fit modified its data");
    }

    static void deterministic(Learner<?> learner, Dataset data, Options options) {
        Model a = learner.fit(data);
        Model b = learner.fit(data);
        assertArrayEquals(outputs(a, data.features(), options.probabilities()), outputs(b, data.features(), options.probabilities()), 0.0, "two fits differ");
    }

    static void persistence(Learner<?> learner, Dataset data, Options options) throws Exception {
        Model m = learner.fit(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Models.write(m, bytes, Map.of("contract", 1.0));
        Model back = Models.read(new ByteArrayInputStream(bytes.toByteArray()), Model.class, "contract", Models.Limits.DEFAULT);
        assertEquals(m.getClass(), back.getClass());
        assertEquals(m.kind(), back.kind());
        assertEquals(m.params(), back.params());
        assertEquals(m.schema(), back.schema());
        assertEquals(m.report().iterations(), back.report().iterations());
        assertArrayEquals(outputs(m, data.features(), options.probabilities()), outputs(back, data.features(), options.probabilities()), 0.0, "outputs differ after loading");
    }

    static void shapes(Learner<?> learner, Dataset data, Options options) {
        Model m = learner.fit(data);
        assertNotNull(m.report());
        assertEquals(data.featureCount(), m.schema().featureCount());
        Matrix x = data.features();
        Matrix first = x.block(0, 0, Math.min(3, x.rows()), x.cols()).copy();
        if (m instanceof Classifier c) {
            int[] p = c.predict(first);
            assertEquals(first.rows(), p.length);
            for (int v : p) {
                assertTrue(v >= 0 && v < data.numClasses(), "predicted class " + v);
            }
            assertEquals(options.probabilities(), c.hasProbabilities(), "hasProbabilities()");
            if (!options.probabilities()) {
                UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class, () -> c.predictProba(first));
                assertTrue(u.getMessage() != null && u.getMessage().contains("probabilit"), u.getMessage());
            } else {
                Matrix proba = c.predictProba(first);
                assertEquals(first.rows(), proba.rows());
                assertEquals(data.numClasses(), proba.cols());
                for (int i = 0; i < proba.rows(); i++) {
                    double s = 0;
                    for (int k = 0; k < proba.cols(); k++) {
                        double v = proba.get(i, k);
                        assertTrue(v >= 0 && v <= 1, "probability " + v);
                        s += v;
                    }
                    assertEquals(1.0, s, 1e-12, "probabilities of row " + i + " sum to 1");
                }
            }
            assertEquals(data.classes(), c.classes());
        } else if (m instanceof Regressor r) {
            assertEquals(first.rows(), r.predict(first).length);
        } else if (m instanceof Transformer t) {
            Matrix out = t.transform(first);
            assertEquals(first.rows(), out.rows());
            assertEquals(t.outputFeatures().size(), out.cols());
        } else if (m instanceof Clusterer c) {
            assertEquals(first.rows(), c.predict(first).length);
        }
        // one row and a zero-row matrix are valid inputs
        assertEquals(1, outputsRows(m, x.block(0, 0, 1, x.cols()).copy()));
        assertEquals(0, outputsRows(m, Matrix.zeros(0, x.cols())));
    }

    private static int outputsRows(Model m, Matrix x) {
        if (m instanceof Classifier c) {
            return c.predict(x).length;
        } else if (m instanceof Regressor r) {
            return r.predict(x).length;
        } else if (m instanceof Transformer t) {
            return t.transform(x).rows();
        }
        return ((Clusterer) m).predict(x).length;
    }

    static void concurrent(Learner<?> learner, Dataset data, Options options) throws Exception {
        Model m = learner.fit(data);
        double[] expected = outputs(m, data.features(), options.probabilities());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> outputs(m, data.features(), options.probabilities())));
            }
            for (Future<double[]> f : fs) {
                assertArrayEquals(expected, f.get(), 0.0, "concurrent prediction differs");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void rowOrder(Learner<?> learner, Dataset data, Options options) {
        if (!options.orderInvariant()) {
            return;
        }
        int n = data.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(12345);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] a = outputs(learner.fit(data), data.features(), options.probabilities());
        double[] b = outputs(learner.fit(data.subset(perm)), data.features(), options.probabilities());
        double scale = 1;
        for (double v : a) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        assertArrayEquals(a, b, options.orderTolerance() * scale, "shuffling the training rows changed the model");
    }

    static void badInput(Learner<?> learner, Dataset data, Options options) {
        Model m = learner.fit(data);
        // empty data
        assertThrows(IllegalArgumentException.class, () -> learner.fit(data.subset(new int[0])), "empty data set");
        // wrong number of prediction columns
        Matrix wide = Matrix.zeros(2, data.featureCount() + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outputs(m, wide, options.probabilities()));
        assertTrue(e.getMessage().contains(Integer.toString(data.featureCount() + 1)), e.getMessage());
        // NaN features
        if (!options.supportsMissing()) {
            Matrix x = data.features().copy();
            x.set(data.size() / 2, 0, Double.NaN);
            Dataset withNan = data.withFeatureMatrix(x, data.featureInfo());
            e = assertThrows(IllegalArgumentException.class, () -> learner.fit(withNan));
            assertTrue(e.getMessage().contains("NaN") || e.getMessage().contains("missing"), e.getMessage());
            Matrix q = data.features().block(0, 0, 1, data.featureCount()).copy();
            q.set(0, 0, Double.NaN);
            assertThrows(IllegalArgumentException.class, () -> outputs(m, q, options.probabilities()), "NaN at prediction");
        }
        // wrong task
        if (data.task() == Dataset.Task.REGRESSION) {
            Dataset cls = Dataset.classification(data.features(), new int[data.size()]).withFeatures(data.featureInfo());
            assertThrows(IllegalArgumentException.class, () -> learner.fit(cls), "a regressor given class labels");
        }
        if (data.task() == Dataset.Task.CLASSIFICATION) {
            Dataset reg = Dataset.regression(data.features(), new double[data.size()]).withFeatures(data.featureInfo());
            assertThrows(IllegalArgumentException.class, () -> learner.fit(reg), "a classifier given a real target");
            int[] one = new int[data.size()];
            Dataset single = Dataset.classification(data.features(), one, data.classes()).withFeatures(data.featureInfo());
            e = assertThrows(IllegalArgumentException.class, () -> learner.fit(single));
            assertTrue(e.getMessage().contains("two classes"), e.getMessage());
        }
        assertFalse(learner.name().isBlank());
    }
}
