package dev.derive.bench.models;

import dev.derive.bench.RunnerOptions;
import dev.derive.data.Dataset;
import dev.derive.data.io.LibSvm;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.linear.LogisticModel;
import dev.derive.linear.LogisticRegression;
import dev.derive.runtime.Parallelism;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * L1-penalised logistic regression on a sparse, text-like matrix (issue 5), Derive's side; the peers run in
 * {@code scripts/sparse_sklearn.py} on the same LibSVM file.
 *
 * <p>{@code --lib prepare} writes {@code <data>/sparse-<rows>x<cols>.svm}: {@code rows} documents over a
 * vocabulary of {@code cols} terms whose frequencies follow Zipf's law ({@code P(term j) ~ 1/(j+1)^1.1}),
 * {@code --nnz} term draws per document (about that many distinct terms), values {@code log(1 + count)} with
 * each row scaled to unit 2-norm (tf, l2-normalised, as a {@code TfidfVectorizer} without idf). Labels: a
 * true weight vector with 1,000 non-zeros ({@code N(0, 100)}) on seeded random terms, {@code y ~ Bernoulli(
 * sigmoid(x'w - median))}. Seeded ({@code --seed}), so every run writes the same file.
 *
 * <p>{@code --lib derive} reads the file sparsely, fits {@code LogisticRegression(penalty = l1, C, tol,
 * solver = newton_cd)} on the CSR data set and prints one JSON line: training seconds (fit only, after a
 * warm-up fit on a 5% subset), the objective {@code sum_i logloss_i + ||w||_1 / C} (intercept unpenalised), the
 * number of non-zero coefficients and the training accuracy.
 * <pre>
 * java -Xmx8g -cp derive-bench/target/benchmarks.jar dev.derive.bench.models.SparseRun --lib prepare|derive \
 *      [--rows 100000] [--cols 50000] [--nnz 50] [--c 1] [--tol 1e-4] [--solver newton_cd] [--threads 2]
 * </pre>
 */
public final class SparseRun {

    private SparseRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new HashMap<>(Map.of("lib", "derive", "rows", "100000", "cols", "50000", "nnz", "50", "c", "1",
                "tol", "1e-4", "solver", "newton_cd", "seed", "5", "data", "derive-bench/target/sparse-data"));
        defaults.put("threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        Map<String, String> a = RunnerOptions.parse(args, defaults);
        Parallelism.setThreads(Integer.parseInt(a.get("threads")));
        int rows = Integer.parseInt(a.get("rows"));
        int cols = Integer.parseInt(a.get("cols"));
        Path file = Path.of(a.get("data"), "sparse-" + rows + "x" + cols + ".svm");
        if (a.get("lib").equals("prepare")) {
            Files.createDirectories(file.getParent());
            Generated g = generate(rows, cols, Integer.parseInt(a.get("nnz")), Long.parseLong(a.get("seed")));
            LibSvm.write(file, g.x(), g.y(), null);
            System.out.printf(Locale.ROOT, "{\"prepared\": \"%s\", \"nnz\": %d}%n", file, g.x().nnz());
            return;
        }
        LibSvm.Data d = LibSvm.read(file, cols);
        double[] labels = d.y();
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i] > 0 ? 1 : 0;
        }
        Dataset ds = Dataset.classification(d.x(), y);
        double c = Double.parseDouble(a.get("c"));
        LogisticRegression l = LogisticRegression.learner().penalty("l1").c(c).tol(Double.parseDouble(a.get("tol")))
                .solver(a.get("solver")).maxIter(1000);
        // warm-up on a 5% subset (JIT), then the timed fit
        int[] sub = new int[rows / 20];
        for (int i = 0; i < sub.length; i++) {
            sub[i] = i * 20;
        }
        l.fit(ds.subset(sub));
        long t0 = System.nanoTime();
        LogisticModel m = l.fit(ds);
        double secs = (System.nanoTime() - t0) / 1e9;
        int[] pred = m.predict(d.x());
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += pred[i] == y[i] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "{\"task\": \"sparse_l1_logistic\", \"lib\": \"derive\", \"solver\": \"%s\", \"rows\": %d, "
                        + "\"cols\": %d, \"nnz\": %d, \"c\": %s, \"tol\": %s, \"seconds\": %.4f, \"objective\": %.10g, \"nnz_coef\": %d, "
                        + "\"train_accuracy\": %.6f, \"iterations\": %d, \"converged\": %b, \"threads\": %d}%n",
                a.get("solver"), rows, cols, d.x().nnz(), a.get("c"), a.get("tol"), secs, objective(m, d.x(), y, c),
                m.report().extra().get("nonzero_coefficients").intValue(), (double) correct / y.length, m.report().iterations(),
                m.report().converged(), Parallelism.threads());
    }

    /** {@code sum_i logloss_i + ||w||_1 / C}, the intercept unpenalised. */
    static double objective(LogisticModel m, SparseMatrix x, int[] y, double c) {
        Matrix z = m.decisionFunction(x);
        double f = 0;
        for (int i = 0; i < y.length; i++) {
            double zi = z.get(i, 0);
            f += Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - (y[i] == 1 ? zi : 0);
        }
        double l1 = 0;
        for (double v : m.coefficients().toArray()) {
            l1 += Math.abs(v);
        }
        return f + l1 / c;
    }

    record Generated(SparseMatrix x, double[] y) {
    }

    /** The seeded text-like matrix and labels of the class comment. */
    static Generated generate(int rows, int cols, int draws, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cdf = new double[cols];
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += 1 / Math.pow(j + 1, 1.1);
            cdf[j] = s;
        }
        for (int j = 0; j < cols; j++) {
            cdf[j] /= s;
        }
        double[] w = new double[cols];
        for (int k = 0; k < 1000; k++) {
            w[r.nextInt(cols)] = 10 * gaussian(r);
        }
        int[] ptr = new int[rows + 1];
        int[] ci = new int[rows * draws];
        double[] v = new double[rows * draws];
        double[] score = new double[rows];
        int[] terms = new int[draws];
        int nnz = 0;
        for (int i = 0; i < rows; i++) {
            for (int t = 0; t < draws; t++) {
                int j = Arrays.binarySearch(cdf, r.nextDouble());
                terms[t] = Math.min(cols - 1, j >= 0 ? j : -j - 1);
            }
            Arrays.sort(terms);
            int start = nnz;
            double norm = 0;
            for (int t = 0; t < draws; ) {
                int u = t;
                while (u < draws && terms[u] == terms[t]) {
                    u++;
                }
                ci[nnz] = terms[t];
                v[nnz] = Math.log1p(u - t);
                norm += v[nnz] * v[nnz];
                nnz++;
                t = u;
            }
            norm = Math.sqrt(norm);
            double z = 0;
            for (int k = start; k < nnz; k++) {
                v[k] /= norm;
                z += w[ci[k]] * v[k];
            }
            score[i] = z;
            ptr[i + 1] = nnz;
        }
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        double med = sorted[rows / 2];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double p = 1 / (1 + Math.exp(-(score[i] - med)));
            y[i] = r.nextDouble() < p ? 1 : -1;
        }
        return new Generated(SparseMatrix.ofCsr(rows, cols, ptr, Arrays.copyOf(ci, nnz), Arrays.copyOf(v, nnz)), y);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
