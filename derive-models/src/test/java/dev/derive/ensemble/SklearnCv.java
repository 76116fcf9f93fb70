package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.testing.Fixtures;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Cross-validated accuracy on fixed folds, compared with scikit-learn's from a fixture ({@link DigitsSklearnTest}, {@link PenguinsSklearnTest}). */
final class SklearnCv {

    private SklearnCv() {
    }

    /** The mean accuracy over the folds {@code 0..4} of {@code fold} (row i of {@code all} in fold {@code fold[i]}) of the models {@code fit} gives. */
    static double cv(Dataset all, int[] fold, Function<Dataset, Classifier> fit) {
        double total = 0;
        for (int f = 0; f < 5; f++) {
            int ff = f;
            Dataset tr = all.subset(IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray());
            Dataset te = all.subset(IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray());
            int[] pred = fit.apply(tr).predict(te.features());
            int ok = 0;
            for (int i = 0; i < pred.length; i++) {
                ok += pred[i] == te.labels()[i] ? 1 : 0;
            }
            total += (double) ok / pred.length;
        }
        return total / 5;
    }

    /** Asserts that the mean CV accuracy of {@code fit} is within {@code margin} of the mean of the fixture's {@code <model>_scores}. */
    static void compare(String data, Dataset all, Fixtures fx, String model, double margin, Function<Dataset, Classifier> fit) {
        int[] fold = Arrays.stream(fx.vector(data + "_fold")).mapToInt(v -> (int) v).toArray();
        double ours = cv(all, fold, fit);
        double theirs = Arrays.stream(fx.vector(model + "_scores")).average().orElseThrow();
        System.out.printf("%s %s: CV accuracy %.4f, scikit-learn %.4f%n", data, model, ours, theirs);
        assertEquals(theirs, ours, margin, data + " " + model + ": mean CV accuracy against scikit-learn's");
    }
}
