package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tree export: text rules identical to scikit-learn 1.2.1's {@code export_text} on a diabetes tree Derive
 * grows identically ({@code tools/gen_tree_export_fixtures.py}), and text and DOT of a small hand-built
 * classification tree.
 */
class TreeExportTest {

    static String resource(String name) throws IOException {
        try (InputStream in = TreeExportTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static DecisionTreeRegressorModel maeTree() {
        Fixtures data = Fixtures.load("cart_sklearn.txt");
        Dataset d = Dataset.regression(data.matrix("diabetes_X"), data.vector("diabetes_y"))
                .withFeatureNames(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"));
        return DecisionTree.regressor().criterion("absolute_error").maxDepth(3).fit(d);
    }

    @Test
    void textMatchesScikitLearnsExportText() throws IOException {
        DecisionTreeRegressorModel m = maeTree();
        assertEquals(resource("tree_export_mae_d3.txt"), TreeExport.text(m));
        assertEquals(resource("tree_export_mae_d3_depth1_dec4.txt"), TreeExport.text(m, 1, 4, false));
    }

    /** x0 <= 0.5 ? [leaf 3 a, 1 b] : (x1 <= 2.25 ? [0, 2] : [1, 0]). */
    static Tree small() {
        return Tree.of(new int[] {0, -2, 1, -2, -2}, new double[] {0.5, -2, 2.25, -2, -2}, new int[] {1, -1, 3, -1, -1},
                new int[] {2, -1, 4, -1, -1}, new double[] {4, 3, 3, 1, 0, 2, 0, 2, 1, 0}, new double[] {0.5, 0.375, 0.444, 0, 0},
                new int[] {7, 4, 3, 2, 1}, new double[] {7, 4, 3, 2, 1}, new boolean[5], 2, 2);
    }

    @Test
    void textOfASmallClassificationTree() {
        String expected = """
                |--- u <= 0.50
                |   |--- class: a
                |--- u >  0.50
                |   |--- v <= 2.25
                |   |   |--- class: b
                |   |--- v >  2.25
                |   |   |--- class: a
                """;
        assertEquals(expected, TreeExport.text(small(), List.of("u", "v"), List.of("a", "b"), 10, 2, false));
        String weights = TreeExport.text(small(), List.of("u", "v"), List.of("a", "b"), 0, 1, true);
        assertEquals("""
                |--- u <= 0.5
                |   |--- weights: [3.0, 1.0] class: a
                |--- u >  0.5
                |   |--- truncated branch of depth 2
                """, weights);
        assertEquals("-0.00", TreeExport.fmt(-0.001, 2));
        assertEquals("0.12", TreeExport.fmt(0.125, 2), "0.125 is exact in binary: half to even");
        assertEquals("0.14", TreeExport.fmt(0.135, 2), "0.135 is slightly above in binary (Python: 0.14)");
        assertEquals("0.14", TreeExport.fmt(0.145, 2), "0.145 is slightly below in binary (Python: 0.14)");
    }

    @Test
    void dotOfASmallClassificationTree() {
        String dot = TreeExport.dot(small(), List.of("u", "v"), List.of("a", "b"));
        assertTrue(dot.startsWith("digraph Tree {"), dot);
        assertTrue(dot.contains("0 [label=\"u <= 0.500000\\nimpurity = 0.500000\\nsamples = 7\\nvalue = [4.00000, 3.00000]\\nclass = a\"];"), dot);
        assertTrue(dot.contains("0 -> 1 [label=\"true\"];"), dot);
        assertTrue(dot.contains("0 -> 2 [label=\"false\"];"), dot);
        assertTrue(dot.contains("2 -> 4 [label=\"false\"];"), dot);
        assertTrue(dot.contains("3 [label=\"impurity = 0.00000\\nsamples = 2\\nvalue = [0.00000, 2.00000]\\nclass = b\"];"), dot);
        assertEquals(5, dot.lines().filter(l -> l.contains("[label=") && !l.contains("->")).count(), "one box per node");
        assertTrue(dot.strip().endsWith("}"));
    }

    @Test
    void rejectsModelsWithoutATree() {
        assertThrows(IllegalArgumentException.class, () -> TreeExport.text(small(), List.of("u"), null, 3, 2, false));
        assertThrows(IllegalArgumentException.class, () -> TreeExport.text(small(), null, null, -1, 2, false));
    }
}
