package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small synthetic data sets with categorical features for the tree tests: feature 0 {@code colour} (6
 * levels), feature 1 {@code size} (numeric), feature 2 {@code shape} (3 levels, about 10% missing). The
 * class is 1 when the colour is in {green, purple, black} (codes 1, 4, 5), flipped when {@code size > 0.8};
 * the regression target is a per-colour effect plus {@code size} plus noise.
 */
public final class CategoricalData {

    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "purple", "black");
    public static final List<String> SHAPES = List.of("round", "square", "star");
    public static final double[] EFFECT = {1.0, 3.0, -2.0, 0.5, 2.5, -1.0};

    private CategoricalData() {
    }

    public static Matrix x(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, 3);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, r.nextInt(6));
            x.set(i, 1, Math.round(r.nextDouble() * 1000) / 1000.0);
            x.set(i, 2, r.nextDouble() < 0.1 ? Double.NaN : r.nextInt(3));
        }
        return x;
    }

    public static List<Dataset.Feature> features() {
        return List.of(Dataset.Feature.categorical("colour", COLOURS), Dataset.Feature.numeric("size"),
                Dataset.Feature.categorical("shape", SHAPES));
    }

    public static Dataset classification(int n, long seed) {
        Matrix x = x(n, seed);
        int[] y = new int[n];
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (int i = 0; i < n; i++) {
            int c = (int) x.get(i, 0);
            boolean pos = c == 1 || c == 4 || c == 5;
            if (x.get(i, 1) > 0.8) {
                pos = !pos;
            }
            if (r.nextDouble() < 0.05) {
                pos = !pos;
            }
            y[i] = pos ? 1 : 0;
        }
        return Dataset.classification(x, y, List.of("no", "yes")).withFeatures(features());
    }

    public static Dataset regression(int n, long seed) {
        Matrix x = x(n, seed);
        double[] y = new double[n];
        SplittableRandom r = new SplittableRandom(seed + 2);
        for (int i = 0; i < n; i++) {
            double s = x.get(i, 2);
            y[i] = EFFECT[(int) x.get(i, 0)] + x.get(i, 1) + (s == 2 ? 0.7 : 0) + 0.3 * (r.nextDouble() - 0.5);
        }
        return Dataset.regression(x, y).withFeatures(features());
    }
}
