package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.io.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every bundled data set loads with its documented shape, target and licence. */
class DatasetsTest {

    private static final Map<String, int[]> SHAPES = Map.of(
            "iris", new int[] {150, 5}, "wine", new int[] {178, 14},
            "breast_cancer_wisconsin_diagnostic", new int[] {569, 31}, "digits_8x8", new int[] {1797, 65},
            "diabetes", new int[] {442, 11}, "linnerud", new int[] {20, 6}, "penguins", new int[] {344, 8},
            "penguins_raw", new int[] {344, 17}, "fashion_mnist_test_first1000", new int[] {1000, 785});

    @Test
    void everyDataSetLoadsWithItsDocumentedShape() {
        assertEquals(SHAPES.keySet(), new java.util.HashSet<>(Datasets.names()));
        for (String name : Datasets.names()) {
            Frame f = Datasets.load(name);
            DatasetInfo info = Datasets.info(name);
            assertArrayEquals(SHAPES.get(name), new int[] {f.nrows(), f.ncols()}, name);
            assertEquals(info.rows(), f.nrows(), name);
            assertEquals(info.columns(), f.ncols(), name);
            assertTrue(info.license().length() > 2 && info.origin().length() > 5, name);
            if (info.target() != null) {
                assertTrue(f.hasColumn(info.target()), name + " target " + info.target());
            }
        }
    }

    @Test
    void defaultTargetsGiveTheDocumentedTasks() {
        Object[][] cases = {
            {"iris", "species", 3}, {"wine", "class", 3}, {"breast_cancer", "diagnosis", 2}, {"digits", "digit", 10},
            {"penguins", "species", 3}, {"penguins_raw", "Species", 3}, {"fashion_mnist", "label", 10},
        };
        for (Object[] c : cases) {
            Dataset d = Datasets.dataset((String) c[0]);
            assertEquals(Dataset.Task.CLASSIFICATION, d.task(), (String) c[0]);
            assertEquals(c[1], d.targetName());
            assertEquals(c[2], d.numClasses(), (String) c[0]);
        }
        Dataset iris = Datasets.dataset("iris");
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classes());
        assertEquals(4, iris.featureCount());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Datasets.dataset("digits").classes());
        assertEquals(64, Datasets.dataset("digits").featureCount());
        assertEquals(784, Datasets.dataset("fashion_mnist").featureCount());
        Dataset diabetes = Datasets.dataset("diabetes");
        assertEquals(Dataset.Task.REGRESSION, diabetes.task());
        assertEquals(10, diabetes.featureCount());
        assertEquals(151.0, diabetes.target()[0]);
        Dataset penguins = Datasets.dataset("penguins");
        assertTrue(penguins.featureInfo().get(penguins.featureNames().indexOf("island")).isCategorical());
        assertEquals(11, Datasets.dataset("penguins_raw").featureCount(), "17 columns - target - 5 identifier/text columns");
        IllegalArgumentException multi = assertThrows(IllegalArgumentException.class, () -> Datasets.dataset("linnerud"));
        assertTrue(multi.getMessage().contains("no single default target"), multi.getMessage());
    }

    @Test
    void aliasesAndUnknownNames() {
        assertSame(Datasets.info("breast_cancer"), Datasets.info("breast_cancer_wisconsin_diagnostic"));
        assertEquals("digits_8x8", Datasets.info("Digits").name());
        assertEquals("fashion_mnist_test_first1000", Datasets.info("fashion_mnist").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("mnist"));
        assertTrue(e.getMessage().contains("'mnist'") && e.getMessage().contains("iris"), e.getMessage());
    }

    @Test
    void knownValues() {
        Frame iris = Datasets.load("iris");
        assertEquals(5.1, iris.numeric("sepal_length_cm").get(0));
        assertEquals(List.of(50, 50, 50), java.util.Arrays.stream(iris.categorical("species").counts()).boxed().toList());
        Frame penguins = Datasets.load("penguins");
        assertEquals(2, penguins.numeric("bill_length_mm").missingCount());
        assertEquals(11, penguins.categorical("sex").missingCount());
        assertEquals(ColumnType.CATEGORICAL, Datasets.load("wine").types().get(13));
        assertEquals("malignant", Datasets.load("breast_cancer").categorical("diagnosis").get(0));
    }

    @Test
    void licencesFileNamesEveryBundledFile() throws IOException {
        try (InputStream in = Datasets.class.getResourceAsStream("datasets/LICENSES.md")) {
            assertNotNull(in);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : Datasets.names()) {
                assertTrue(text.contains("`" + Datasets.info(name).file() + "`"), name);
            }
        }
    }

    @Test
    void bundledCopiesEqualTheSharedFiles() throws IOException {
        Path shared = Path.of("/work/shared/datasets");
        Assumptions.assumeTrue(Files.isDirectory(shared), "shared data folder /work/shared/datasets is absent; skipping");
        Map<String, String> files = Map.of("iris", "small/iris.csv", "digits_8x8", "small/digits_8x8.csv",
                "breast_cancer_wisconsin_diagnostic", "small/breast_cancer_wisconsin_diagnostic.csv",
                "penguins_raw", "small/palmerpenguins/penguins_raw.csv");
        for (Map.Entry<String, String> e : files.entrySet()) {
            Frame bundled = Datasets.load(e.getKey());
            Frame original = Csv.reader().types(bundled.columnNames().stream()
                    .collect(java.util.stream.Collectors.toMap(n -> n, n -> bundled.column(n).type())))
                    .read(shared.resolve(e.getValue()));
            assertEquals(original, bundled, e.getKey());
        }
    }
}
