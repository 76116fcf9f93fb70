package dev.derive.data;

import dev.derive.data.io.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small real data sets bundled with the library (permissive licences; origins and licences in
 * {@code dev/derive/data/datasets/LICENSES.md} and {@link #info(String)}).
 *
 * <pre>{@code
 * Frame iris = Datasets.load("iris");          // 150 x 5
 * Dataset d = Datasets.dataset("iris");         // features + target 'species', 3 classes
 * }</pre>
 *
 * <p>Columns are typed by {@link CsvReader}'s inference, except that the integer class labels of
 * {@code wine} ({@code class}), {@code digits} ({@code digit}) and {@code fashion_mnist}
 * ({@code label}) are read as categorical, so that {@link #dataset(String)} and
 * {@link Dataset#from(Frame, String)} treat them as classes named {@code "0", "1", ...}.
 */
public final class Datasets {

    private static final String BSD_SKLEARN = "BSD-3-Clause (scikit-learn; Debian copyright 'Files: *')";
    private static final String UCI = "; original data from the UCI ML Repository (UCI lists CC BY 4.0)";
    private static final String SKLEARN_PKG = "Debian python3-sklearn 1.2.1+dfsg-1";
    private static final String PENGUINS_PKG = "Debian r-cran-palmerpenguins 0.1.1-1 (R object converted with Rscript)";

    private static final Map<String, DatasetInfo> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    private static final Map<String, Map<String, ColumnType>> TYPES = new LinkedHashMap<>();

    static {
        add(new DatasetInfo("iris", List.of(), "iris.csv", 150, 5, "classification", "species", List.of(),
                BSD_SKLEARN + UCI, SKLEARN_PKG, "Fisher's iris: 4 measurements (cm) of 3 species, 50 each"), Map.of());
        add(new DatasetInfo("wine", List.of(), "wine.csv", 178, 14, "classification", "class", List.of(),
                BSD_SKLEARN + UCI, SKLEARN_PKG, "13 chemical measurements of wines from 3 cultivars (class 0/1/2)"),
                Map.of("class", ColumnType.CATEGORICAL));
        add(new DatasetInfo("breast_cancer_wisconsin_diagnostic", List.of("breast_cancer"),
                "breast_cancer_wisconsin_diagnostic.csv.gz", 569, 31, "classification", "diagnosis", List.of(),
                BSD_SKLEARN + UCI, SKLEARN_PKG, "30 real features of cell nuclei; diagnosis malignant/benign"), Map.of());
        add(new DatasetInfo("digits_8x8", List.of("digits"), "digits_8x8.csv.gz", 1797, 65, "classification", "digit",
                List.of(), BSD_SKLEARN + UCI, SKLEARN_PKG,
                "8x8 images of handwritten digits, pixels 0-16 (UCI optdigits test part); columns pixel_r_c, digit"),
                Map.of("digit", ColumnType.CATEGORICAL));
        add(new DatasetInfo("diabetes", List.of(), "diabetes.csv", 442, 11, "regression", "disease_progression",
                List.of(), BSD_SKLEARN, SKLEARN_PKG + " + diabetes_target.csv.gz",
                "10 raw (unscaled) baseline variables and disease progression after one year (Efron et al. 2004)"),
                Map.of());
        add(new DatasetInfo("linnerud", List.of(), "linnerud.csv", 20, 6, "multi-output regression", null, List.of(),
                BSD_SKLEARN, SKLEARN_PKG,
                "3 exercise (chins, situps, jumps) and 3 physiological (weight, waist, pulse) variables of 20 men"),
                Map.of());
        add(new DatasetInfo("penguins", List.of(), "penguins.csv", 344, 8, "classification", "species", List.of(),
                "CC0", PENGUINS_PKG, "Palmer penguins: species, island, bill and flipper size, body mass, sex, year;"
                + " missing values"), Map.of());
        add(new DatasetInfo("penguins_raw", List.of(), "penguins_raw.csv", 344, 17, "classification", "Species",
                List.of("studyName", "Sample Number", "Individual ID", "Date Egg", "Comments"), "CC0", PENGUINS_PKG,
                "Palmer penguins as recorded, with identifiers, dates, isotopes and comments"), Map.of());
        add(new DatasetInfo("fashion_mnist_test_first1000", List.of("fashion_mnist"),
                "fashion_mnist_test_first1000.csv.gz", 1000, 785, "classification", "label", List.of(),
                "MIT (Zalando SE, 2017)", "Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1 (IDX)",
                "first 1,000 Fashion-MNIST test images, 28x28 grayscale px0..px783 (0-255); label 0 T-shirt/top,"
                + " 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot"),
                Map.of("label", ColumnType.CATEGORICAL));
    }

    private static void add(DatasetInfo info, Map<String, ColumnType> types) {
        BY_NAME.put(info.name(), info);
        TYPES.put(info.name(), types);
        for (String a : info.aliases()) {
            ALIASES.put(a, info.name());
        }
    }

    private Datasets() {
    }

    /** Canonical names of the bundled data sets. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Facts about a data set, by canonical name or alias. */
    public static DatasetInfo info(String name) {
        return BY_NAME.get(resolve(name));
    }

    private static String resolve(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (BY_NAME.containsKey(n)) {
            return n;
        }
        String a = ALIASES.get(n);
        if (a != null) {
            return a;
        }
        List<String> all = new ArrayList<>(BY_NAME.keySet());
        all.addAll(ALIASES.keySet());
        throw new IllegalArgumentException("no bundled data set '" + name + "'; available: " + all);
    }

    /** The data set as a frame. */
    public static Frame load(String name) {
        DatasetInfo info = info(name);
        String path = "datasets/" + info.file();
        try (InputStream in = Datasets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/derive/data/" + path + " is missing from the class path");
            }
            return CsvReader.defaults().types(TYPES.get(info.name())).read(in, "dev/derive/data/" + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled data set " + info.name(), e);
        }
    }

    /**
     * The data set as a {@link Dataset} with its default target ({@link DatasetInfo#target()}), leaving
     * out the columns in {@link DatasetInfo#dropped()}.
     *
     * @throws IllegalArgumentException for a data set without a single default target ({@code linnerud})
     */
    public static Dataset dataset(String name) {
        DatasetInfo info = info(name);
        if (info.target() == null) {
            throw new IllegalArgumentException(info.name() + " has no single default target (" + info.task()
                    + "); choose one, e.g. Dataset.from(Datasets.load(\"" + info.name() + "\"), \"weight\")");
        }
        Frame f = load(info.name());
        if (!info.dropped().isEmpty()) {
            f = f.drop(info.dropped().toArray(new String[0]));
        }
        Dataset.Task task = info.task().equals("classification") ? Dataset.Task.CLASSIFICATION : Dataset.Task.REGRESSION;
        return Dataset.from(f, info.target(), task);
    }
}
