package dev.derive.cli;

import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.learn.metrics.RegressionMetrics;
import dev.derive.linalg.Matrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code derive plot KIND}: charts of models and data, written as PNG or SVG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a chart as PNG or SVG (by the --out extension).",
                "  confusion  confusion matrix of a classifier on labelled data",
                "  roc        ROC curves of a classifier (binary, or one-vs-rest per class)",
                "  predicted  predicted against actual values of a regressor",
                "  boundary   2-D decision regions of a classifier refitted on two features (--x, --y)",
                "  path       lasso / elastic-net coefficient paths against the penalty alpha",
                "  tree       a saved decision tree (or one tree of a forest) as boxes and edges"},
        subcommands = {PlotCommand.Confusion.class, PlotCommand.Roc.class, PlotCommand.Predicted.class,
                PlotCommand.Boundary.class, PlotCommand.RegPath.class, PlotCommand.TreePlot.class})
final class PlotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing the kind of plot: confusion, roc, predicted, boundary, path or tree");
    }

    /** Options every plot takes. */
    static final class Output {
        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output file, .png or .svg.")
        Path out;

        @Option(names = "--width", defaultValue = "800", paramLabel = "PX", description = "Width in pixels (default ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", defaultValue = "600", paramLabel = "PX", description = "Height in pixels (default ${DEFAULT-VALUE}).")
        int height;

        @Option(names = "--title", paramLabel = "TEXT", description = "Chart title (default: says what is shown).")
        String title;

        void check() {
            Charts.format(out);
            if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
                throw CliException.usage("--width and --height must lie in [100, 10000] pixels, got " + width + " x " + height);
            }
            DataSource.requireWritable(out);
            System.setProperty("java.awt.headless", "true");
        }

        String title(String fallback) {
            return title != null ? title : fallback;
        }
    }

    /** A saved model evaluated on labelled data. */
    abstract static class ModelPlot extends BaseCommand {
        @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model saved by derive fit --out.")
        Path modelFile;

        @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE|NAME", description = "Labelled data.")
        String data;

        @Option(names = {"-t", "--target"}, paramLabel = "COL", description = "Target column (default: the model's target).")
        String target;

        @Mixin
        Output output = new Output();

        Model model;
        DataSource.Loaded loaded;
        Matrix x;
        Object truth;

        /** Loads the model and the data and encodes them. */
        void load() throws Exception {
            output.check();
            model = ModelFiles.load(modelFile);
            loaded = DataSource.load(data);
            String t = ModelFiles.target(model, loaded, target);
            Frame f = DataSource.dropMissingTarget(loaded.frame(), t, loaded.label(), this::warn);
            x = SchemaEncoder.features(f, model.schema(), loaded);
            truth = model instanceof Classifier c ? SchemaEncoder.labels(f, t, c.classes(), loaded.label())
                    : SchemaEncoder.values(f, t, loaded.label());
        }

        Classifier classifier(String plot) {
            if (!(model instanceof Classifier c)) {
                throw CliException.usage("a " + plot + " plot needs a classifier; " + modelFile + " holds a " + model.kind() + " model");
            }
            return c;
        }

        void done() {
            note("wrote " + output.out);
        }
    }

    @Command(name = "confusion", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Confusion matrix of a saved classifier on labelled data (rows: true class, columns: predicted).")
    static final class Confusion extends ModelPlot {
        @Override
        int run() throws Exception {
            load();
            Classifier c = classifier("confusion");
            int[] y = (int[]) truth;
            int[] pred = predict(c);
            List<String> classes = c.classes();
            int k = classes.size();
            int[][] cm = ClassificationMetrics.confusionMatrix(y, pred, k);
            double acc = ClassificationMetrics.accuracy(y, pred);
            HeatMapChart chart = new HeatMapChartBuilder().width(output.width).height(output.height)
                    .title(output.title(String.format(Locale.ROOT, "Confusion matrix: %s on %s, accuracy %.3f",
                            shortKind(model), shortLabel(loaded), acc)))
                    .xAxisTitle("predicted class").yAxisTitle("true class").build();
            Charts.style(chart.getStyler());
            chart.getStyler().setShowValue(true);
            chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, k <= 10 ? 14 : 10));
            chart.getStyler().setValueFontColor(Color.BLACK);
            chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xC6DBEF), new Color(0x6BAED6)});
            chart.getStyler().setMin(0);
            chart.getStyler().setHeatMapValueDecimalPattern("#");
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setPlotGridLinesVisible(false);
            chart.getStyler().setPlotContentSize(1.0);
            List<String> ys = new ArrayList<>(classes);
            java.util.Collections.reverse(ys); // first class on top
            List<Number[]> cells = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    cells.add(new Number[] {j, k - 1 - i, cm[i][j]});
                }
            }
            chart.addSeries("counts", classes, ys, cells);
            Charts.write(chart, output.out, output.width, output.height, null);
            done();
            return ExitCode.OK;
        }

        private int[] predict(Classifier c) {
            try {
                return c.predict(x);
            } catch (IllegalArgumentException e) {
                throw CliException.data("cannot predict for " + loaded.label() + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "roc", mixinStandardHelpOptions = true, sortOptions = false,
            description = "ROC curve of a saved classifier: the positive (second) class for two classes, one-vs-rest for more.")
    static final class Roc extends ModelPlot {
        @Override
        int run() throws Exception {
            load();
            Classifier c = classifier("ROC");
            if (!c.hasProbabilities()) {
                throw CliException.usage("roc needs class probabilities; the " + c.kind() + " model gives none");
            }
            int[] y = (int[]) truth;
            Matrix p;
            try {
                p = c.predictProba(x);
            } catch (IllegalArgumentException e) {
                throw CliException.data("cannot predict for " + loaded.label() + ": " + e.getMessage());
            }
            List<String> classes = c.classes();
            int k = classes.size();
            XYChart chart = Charts.xy(output.width, output.height,
                    output.title("ROC: " + shortKind(model) + " on " + shortLabel(loaded) + (k > 2 ? " (one-vs-rest)" : "")),
                    "false positive rate", "true positive rate");
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            int first = k == 2 ? 1 : 0;
            int drawn = 0;
            for (int cls = first; cls < k; cls++) {
                int[] yb = new int[y.length];
                int pos = 0;
                for (int i = 0; i < y.length; i++) {
                    yb[i] = y[i] == cls ? 1 : 0;
                    pos += yb[i];
                }
                if (pos == 0 || pos == y.length) {
                    warn("class '" + classes.get(cls) + "' has " + (pos == 0 ? "no" : "only") + " rows in " + loaded.label()
                            + "; its ROC curve is undefined and left out");
                    continue;
                }
                double[] score = p.columnArray(cls);
                ClassificationMetrics.RocCurve r = ClassificationMetrics.rocCurve(yb, score);
                double auc = ClassificationMetrics.rocAuc(yb, score);
                XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", classes.get(cls), auc), r.fpr(), r.tpr());
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(Charts.color(cls - first));
                s.setLineWidth(2f);
                drawn++;
            }
            if (drawn == 0) {
                throw CliException.data("no ROC curve can be drawn: " + loaded.label() + " holds only one class");
            }
            XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
            chance.setMarker(SeriesMarkers.NONE);
            chance.setLineColor(new Color(0x999999));
            chance.setLineStyle(SeriesLines.DASH_DASH);
            chance.setLineWidth(1f);
            Charts.write(chart, output.out, output.width, output.height, null);
            done();
            return ExitCode.OK;
        }
    }

    @Command(name = "predicted", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Predicted against actual values of a saved regressor on labelled data, with the line y = x.")
    static final class Predicted extends ModelPlot {
        @Override
        int run() throws Exception {
            load();
            if (!(model instanceof Regressor r)) {
                throw CliException.usage("a predicted-vs-actual plot needs a regressor; " + modelFile + " holds a "
                        + model.kind() + " model (try 'derive plot confusion')");
            }
            double[] y = (double[]) truth;
            double[] pred;
            try {
                pred = r.predict(x);
            } catch (IllegalArgumentException e) {
                throw CliException.data("cannot predict for " + loaded.label() + ": " + e.getMessage());
            }
            String t = model.schema().targetName() == null ? "target" : model.schema().targetName();
            XYChart chart = Charts.xy(output.width, output.height,
                    output.title(String.format(Locale.ROOT, "%s on %s: R² %.3f, RMSE %.4g", shortKind(model), shortLabel(loaded),
                            RegressionMetrics.r2(y, pred), RegressionMetrics.rmse(y, pred))),
                    "actual " + t, "predicted " + t);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            chart.getStyler().setMarkerSize(6);
            double lo = Math.min(min(y), min(pred));
            double hi = Math.max(max(y), max(pred));
            double pad = (hi - lo) * 0.03 + 1e-12;
            chart.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad).setYAxisMin(lo - pad).setYAxisMax(hi + pad);
            XYSeries pts = chart.addSeries(y.length + " rows", y, pred);
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(SeriesMarkers.CIRCLE);
            pts.setMarkerColor(new Color(0, 114, 178, 150));
            XYSeries ideal = chart.addSeries("predicted = actual", new double[] {lo - pad, hi + pad}, new double[] {lo - pad, hi + pad});
            ideal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            ideal.setMarker(SeriesMarkers.NONE);
            ideal.setLineColor(new Color(0xD55E00));
            ideal.setLineStyle(SeriesLines.DASH_DASH);
            Charts.write(chart, output.out, output.width, output.height, null);
            done();
            return ExitCode.OK;
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"A saved CART model (cart), or one tree of a saved random forest or extra-trees model, drawn as "
                    + "boxes: splits show 'feature <= threshold' and their row count, leaves the predicted class and its "
                    + "share (or the predicted value). Levels below --max-depth are collapsed."})
    static final class TreePlot extends BaseCommand {
        @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model saved by derive fit --out.")
        Path modelFile;

        @Option(names = "--tree", defaultValue = "0", paramLabel = "K", description = "Which tree of a forest (default ${DEFAULT-VALUE}).")
        int treeIndex;

        @Option(names = "--max-depth", defaultValue = "4", paramLabel = "D", description = "Deepest level drawn (default ${DEFAULT-VALUE}).")
        int maxDepth;

        @Mixin
        Output output = new Output();

        @Override
        int run() throws Exception {
            output.check();
            if (maxDepth < 0 || maxDepth > 20) {
                throw CliException.usage("--max-depth must lie in [0, 20], got " + maxDepth);
            }
            Model model = ModelFiles.load(modelFile);
            List<dev.derive.tree.Tree> trees;
            if (model instanceof dev.derive.tree.DecisionTreeClassifierModel c) {
                trees = List.of(c.tree());
            } else if (model instanceof dev.derive.tree.DecisionTreeRegressorModel r) {
                trees = List.of(r.tree());
            } else if (model instanceof dev.derive.ensemble.RandomForestClassifierModel f) {
                trees = f.trees();
            } else if (model instanceof dev.derive.ensemble.RandomForestRegressorModel f) {
                trees = f.trees();
            } else {
                throw CliException.usage("a tree plot needs a cart, random_forest or extra_trees model; " + modelFile
                        + " holds a " + model.kind() + " model");
            }
            if (treeIndex < 0 || treeIndex >= trees.size()) {
                throw CliException.usage("--tree must lie in [0, " + (trees.size() - 1) + "], got " + treeIndex);
            }
            dev.derive.tree.Tree t = trees.get(treeIndex);
            List<String> classes = model instanceof Classifier c ? c.classes() : null;
            TreePicture picture = new TreePicture(t, model.schema().featureNames(),
                    dev.derive.tree.Tree.levelNames(model.schema().features()), classes, maxDepth);
            String title = output.title(shortKind(model) + (trees.size() > 1 ? " tree " + treeIndex + " of " + trees.size() : "")
                    + ": " + t.nodeCount() + " nodes, depth " + t.depth()
                    + (t.depth() > maxDepth ? " (drawn to depth " + maxDepth + ")" : ""));
            Charts.draw(output.out, output.width, output.height, g -> picture.paint(g, output.width, output.height, title));
            note("wrote " + output.out);
            return ExitCode.OK;
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Lasso or elastic-net regularisation path: every coefficient against log10(alpha).",
                    "Fits the path by coordinate descent with warm starts (dev.derive.linear.ElasticNetPath) over "
                    + "scikit-learn's grid of --n-alphas values from alpha_max = max|X'y| / (n l1_ratio) down to "
                    + "--eps alpha_max, on standardised features unless --raw."})
    static final class RegPath extends BaseCommand {
        @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE|NAME", description = "Data with a numeric target.")
        String data;

        @Option(names = {"-t", "--target"}, paramLabel = "COL", description = "Target column (default: the data set's target or the last column).")
        String target;

        @Option(names = "--l1-ratio", defaultValue = "1.0", paramLabel = "R", description = "Elastic-net mixing in (0, 1]; 1 is the lasso (default ${DEFAULT-VALUE}).")
        double l1Ratio;

        @Option(names = "--n-alphas", defaultValue = "100", paramLabel = "N", description = "Points on the path (default ${DEFAULT-VALUE}).")
        int nAlphas;

        @Option(names = "--eps", defaultValue = "1e-3", paramLabel = "E", description = "alpha_min / alpha_max (default ${DEFAULT-VALUE}).")
        double eps;

        @Option(names = "--raw", description = "Use the features as they are instead of standardising them.")
        boolean raw;

        @Mixin
        Output output = new Output();

        @Override
        int run() throws Exception {
            output.check();
            if (!(l1Ratio > 0 && l1Ratio <= 1)) {
                throw CliException.usage("--l1-ratio must lie in (0, 1], got " + l1Ratio);
            }
            if (nAlphas < 2 || nAlphas > 10_000) {
                throw CliException.usage("--n-alphas must lie in [2, 10000], got " + nAlphas);
            }
            if (!(eps > 0 && eps < 1)) {
                throw CliException.usage("--eps must lie in (0, 1), got " + eps);
            }
            DataSource.Loaded d = DataSource.load(data);
            String t = DataSource.target(d, target, null, this::note);
            Frame f = DataSource.prepare(d, t, List.of(), this::warn);
            Dataset ds = DataSource.dataset(f, t, Dataset.Task.REGRESSION, d.label());
            ds.requireFiniteFeatures("path");
            Matrix x = ds.features();
            if (!raw) {
                // scikit-learn's StandardScaler: (x - mean) / population std; constant columns are only centred
                x = dev.derive.preprocess.StandardScaler.learner().fit(Dataset.unlabeled(x)).transform(x);
            }
            dev.derive.linear.ElasticNetPath.Path path;
            try {
                path = dev.derive.linear.ElasticNetPath.compute(x, ds.target(), ds.weights(),
                        dev.derive.linear.ElasticNetPath.Settings.lasso().withL1Ratio(l1Ratio), nAlphas, eps);
            } catch (IllegalArgumentException e) {
                throw CliException.data("cannot fit the path on " + d.label() + ": " + e.getMessage());
            }
            double[] alphas = path.alphas();
            double[] logA = new double[alphas.length];
            for (int k = 0; k < alphas.length; k++) {
                logA[k] = Math.log10(alphas[k]);
            }
            String what = l1Ratio == 1 ? "lasso" : String.format(Locale.ROOT, "elastic net (l1_ratio %.2g)", l1Ratio);
            XYChart chart = Charts.xy(output.width, output.height,
                    output.title(what + " path on " + shortLabel(d) + (raw ? "" : ", standardised features")),
                    "log10(alpha)", "coefficient");
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setMarkerSize(0);
            List<String> names = ds.featureNames();
            for (int j = 0; j < x.cols(); j++) {
                double[] cj = new double[alphas.length];
                for (int k = 0; k < alphas.length; k++) {
                    cj[k] = path.coefs().get(j, k);
                }
                XYSeries s = chart.addSeries(names.get(j), logA, cj);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(Charts.color(j));
            }
            Charts.write(chart, output.out, output.width, output.height, null);
            note("wrote " + output.out);
            return ExitCode.OK;
        }
    }

    @Command(name = "boundary", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Decision regions of a classifier refitted on two features.",
                    "Refits the classifier on the two features --x and --y only, colours the plane by its predicted "
                    + "class and draws the data points on top. --model takes a learner name (with --set) or a saved "
                    + "model file, whose learner and parameters are reused."})
    static final class Boundary extends BaseCommand {
        @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE|NAME", description = "Labelled data.")
        String data;

        @Option(names = {"-t", "--target"}, paramLabel = "COL", description = "Class column (default: the data set's target or the last column).")
        String target;

        @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME|FILE", description = "A learner name (derive models) or a saved model.")
        String model;

        @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Set a learner parameter (repeatable).")
        Map<String, String> sets = new LinkedHashMap<>();

        @Option(names = "--x", required = true, paramLabel = "COL", description = "Feature on the horizontal axis.")
        String xCol;

        @Option(names = "--y", required = true, paramLabel = "COL", description = "Feature on the vertical axis.")
        String yCol;

        @Option(names = "--grid", defaultValue = "200", paramLabel = "N", description = "Grid points per axis (default ${DEFAULT-VALUE}).")
        int grid;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed for learners with a seed parameter (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        Output output = new Output();

        @Override
        int run() throws Exception {
            output.check();
            if (grid < 10 || grid > 1000) {
                throw CliException.usage("--grid must lie in [10, 1000], got " + grid);
            }
            if (xCol.equals(yCol)) {
                throw CliException.usage("--x and --y name the same column '" + xCol + "'");
            }
            DataSource.Loaded d = DataSource.load(data);
            String t = DataSource.target(d, target, null, this::note);
            DataSource.requireColumn(d, xCol, "--x column");
            DataSource.requireColumn(d, yCol, "--y column");
            if (xCol.equals(t) || yCol.equals(t)) {
                throw CliException.usage("--x and --y must be features, not the target '" + t + "'");
            }
            Frame f = DataSource.dropMissingTarget(d.frame().select(xCol, yCol, t), t, d.label(), this::warn);
            int before = f.nrows();
            Frame ff = f;
            f = f.filter(i -> !ff.column(xCol).isMissing(i) && !ff.column(yCol).isMissing(i));
            if (f.nrows() < before) {
                warn("left out " + (before - f.nrows()) + " rows with a missing " + xCol + " or " + yCol);
            }
            Dataset ds = DataSource.dataset(f, t, Dataset.Task.CLASSIFICATION, d.label());
            if (ds.numClasses() > 30) {
                throw CliException.usage("a decision-boundary plot needs a class column, but the target '" + t + "' has "
                        + ds.numClasses() + " distinct values; name the class column with --target");
            }
            Learner<?> learner = learner(ds, d.label());
            Model m = Learners.fit(learner, ds);
            Classifier c = (Classifier) m;

            double[] xs = ds.features().columnArray(0);
            double[] ys = ds.features().columnArray(1);
            double px = (max(xs) - min(xs)) * 0.05 + 1e-9;
            double py = (max(ys) - min(ys)) * 0.05 + 1e-9;
            final double x0 = min(xs) - px;
            final double x1 = max(xs) + px;
            final double y0 = min(ys) - py;
            final double y1 = max(ys) + py;
            int g = grid;
            double[] grid2 = new double[2 * g * g];
            for (int a = 0; a < g; a++) {         // a: column (x), b: row (y)
                for (int b = 0; b < g; b++) {
                    int i = a * g + b;
                    grid2[i] = x0 + (a + 0.5) * (x1 - x0) / g;
                    grid2[g * g + i] = y0 + (b + 0.5) * (y1 - y0) / g;
                }
            }
            int[] region;
            try {
                region = c.predict(Matrix.wrap(g * g, 2, grid2));
            } catch (IllegalArgumentException e) {
                throw CliException.data("cannot predict on the grid: " + e.getMessage());
            }
            int[] labels = ds.labels();
            double acc = ClassificationMetrics.accuracy(labels, c.predict(ds.features()));

            XYChart chart = Charts.xy(output.width, output.height,
                    output.title(String.format(Locale.ROOT, "%s decision regions on %s, training accuracy %.3f",
                            learner.name(), shortLabel(d), acc)), xCol, yCol);
            chart.getStyler().setChartBackgroundColor(new Color(0, 0, 0, 0));
            chart.getStyler().setPlotBackgroundColor(new Color(0, 0, 0, 0));
            chart.getStyler().setPlotGridLinesVisible(false);
            chart.getStyler().setPlotContentSize(1.0);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setMarkerSize(7);
            chart.getStyler().setXAxisMin(x0).setXAxisMax(x1).setYAxisMin(y0).setYAxisMax(y1);
            List<String> classes = c.classes();
            for (int k = 0; k < classes.size(); k++) {
                List<Double> cx = new ArrayList<>();
                List<Double> cy = new ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == k) {
                        cx.add(xs[i]);
                        cy.add(ys[i]);
                    }
                }
                if (cx.isEmpty()) {
                    continue;
                }
                XYSeries s = chart.addSeries(classes.get(k), cx, cy);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(Charts.color(k).darker());
            }
            Charts.AxisProbe probe = new Charts.AxisProbe(x0, x1, y0, y1);
            chart.addAnnotation(probe);
            Charts.layout(chart, output.out, output.width, output.height);
            if (!probe.ready()) {
                throw new IllegalStateException("the chart did not report its axes");
            }
            double cw = (x1 - x0) / g;
            double ch = (y1 - y0) / g;
            Charts.write(chart, output.out, output.width, output.height, gr -> {
                // cells on whole pixels without anti-aliasing, so that neighbouring cells tile without seams
                Object aa = gr.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
                gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
                for (int b = 0; b < g; b++) {
                    long top = Math.round(probe.screenY(y0 + (b + 1) * ch));
                    long bottom = Math.round(probe.screenY(y0 + b * ch));
                    if (bottom == top) {
                        continue;
                    }
                    int a = 0;
                    while (a < g) {
                        int cls = region[a * g + b];
                        int end = a + 1;
                        while (end < g && region[end * g + b] == cls) {
                            end++;
                        }
                        long left = Math.round(probe.screenX(x0 + a * cw));
                        long right = Math.round(probe.screenX(x0 + end * cw));
                        gr.setColor(Charts.tint(Charts.color(cls), 0.72));
                        gr.fillRect((int) left, (int) Math.min(top, bottom), (int) (right - left), (int) Math.abs(bottom - top));
                        a = end;
                    }
                }
                gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa == null ? RenderingHints.VALUE_ANTIALIAS_ON : aa);
            });
            note("wrote " + output.out);
            return ExitCode.OK;
        }

        /** The learner named by --model, or the learner and parameters of a saved model file. */
        private Learner<?> learner(Dataset ds, String label) throws Exception {
            Path p = Path.of(model);
            if (!Files.isRegularFile(p)) {
                return Learners.create(model, ds, label, sets, seed);
            }
            Model saved = ModelFiles.load(p);
            String kind = saved.kind();
            String name = null;
            for (String candidate : new String[] {kind, kind.contains(".") ? kind.substring(0, kind.indexOf('.')) : kind}) {
                try {
                    LearnerRegistry.entry(candidate);
                    name = candidate;
                    break;
                } catch (IllegalArgumentException e) {
                    // try the next
                }
            }
            if (name == null) {
                throw CliException.usage(p + " holds a " + kind + " model whose learner is not registered; give a learner name");
            }
            Map<String, String> merged = new LinkedHashMap<>();
            saved.params().values().forEach((k, v) -> merged.put(k, v == null ? "none" : String.valueOf(v)));
            merged.putAll(sets);
            note("refitting " + name + " (" + Learners.describe(saved.params().values()) + ") on " + xCol + " and " + yCol);
            return Learners.create(name, ds, label, merged, seed);
        }
    }

    /** The model kind without its task suffix: "knn.classifier" becomes "knn". */
    static String shortKind(Model m) {
        String k = m.kind();
        return k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
    }

    /** A bundled data set's name, or a file's name without its folder. */
    static String shortLabel(DataSource.Loaded d) {
        return d.bundled() != null ? d.bundled().name() : Path.of(d.label()).getFileName().toString();
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
