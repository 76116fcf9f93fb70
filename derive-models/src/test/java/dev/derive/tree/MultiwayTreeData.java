package dev.derive.tree;

import dev.derive.data.ColumnType;
import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.data.io.CsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Data sets for the ID3 and C4.5 tests: the weather data inline, the Weka/mlbench sets from ../shared. */
final class MultiwayTreeData {

    private MultiwayTreeData() {
    }

    /** Quinlan (1986), Table 1: the 14 Saturday mornings, all attributes categorical. */
    static final String WEATHER_NOMINAL = """
            outlook,temperature,humidity,windy,play
            sunny,hot,high,FALSE,no
            sunny,hot,high,TRUE,no
            overcast,hot,high,FALSE,yes
            rainy,mild,high,FALSE,yes
            rainy,cool,normal,FALSE,yes
            rainy,cool,normal,TRUE,no
            overcast,cool,normal,TRUE,yes
            sunny,mild,high,FALSE,no
            sunny,cool,normal,FALSE,yes
            rainy,mild,normal,FALSE,yes
            sunny,mild,normal,TRUE,yes
            overcast,mild,high,TRUE,yes
            overcast,hot,normal,FALSE,yes
            rainy,mild,high,TRUE,no
            """;

    /** Quinlan (1993), ch. 1: the same days with temperature and humidity as numbers. */
    static final String WEATHER_NUMERIC = """
            outlook,temperature,humidity,windy,play
            sunny,85,85,FALSE,no
            sunny,80,90,TRUE,no
            overcast,83,86,FALSE,yes
            rainy,70,96,FALSE,yes
            rainy,68,80,FALSE,yes
            rainy,65,70,TRUE,no
            overcast,64,65,TRUE,yes
            sunny,72,95,FALSE,no
            sunny,69,70,FALSE,yes
            rainy,75,80,FALSE,yes
            sunny,75,70,TRUE,yes
            overcast,72,90,TRUE,yes
            overcast,81,75,FALSE,yes
            rainy,71,91,TRUE,no
            """;

    static Dataset weatherNominal() {
        Frame f = CsvReader.defaults().types(allCategorical("outlook", "temperature", "humidity", "windy", "play")).parse(WEATHER_NOMINAL);
        return Dataset.from(f, "play");
    }

    static Dataset weatherNumeric() {
        Frame f = CsvReader.defaults().type("windy", ColumnType.CATEGORICAL).type("outlook", ColumnType.CATEGORICAL).parse(WEATHER_NUMERIC);
        return Dataset.from(f, "play");
    }

    /** Quinlan (1993), ch. 3: the numeric weather data with the outlook of case 12 (overcast, 72, 90, TRUE) unknown. */
    static Dataset weatherMissing() {
        String text = WEATHER_NUMERIC.replace("overcast,72,90,TRUE,yes", "?,72,90,TRUE,yes");
        Frame f = CsvReader.defaults().type("windy", ColumnType.CATEGORICAL).type("outlook", ColumnType.CATEGORICAL).parse(text);
        return Dataset.from(f, "play");
    }

    static Map<String, ColumnType> allCategorical(String... names) {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, ColumnType.CATEGORICAL);
        }
        return m;
    }

    /** The shared data folder ({@code -Dderive.datasets}, ../shared/datasets from the repository root, or /work/shared/datasets). */
    static Path shared() {
        for (String s : new String[] {System.getProperty("derive.datasets"), "../../shared/datasets", "../shared/datasets", "/work/shared/datasets"}) {
            if (s != null && Files.isDirectory(Path.of(s))) {
                return Path.of(s);
            }
        }
        return null;
    }

    /**
     * A data set from ../shared/datasets/small/{@code rel} with every column read as categorical except
     * {@code numeric}; skips the test when the file is absent.
     */
    static Dataset sharedCsv(String rel, String target, List<String> numeric) throws IOException {
        Path root = shared();
        Path file = root == null ? null : root.resolve("small").resolve(rel);
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file), "../shared/datasets/small/" + rel + " is absent; skipping");
        String header = Files.readAllLines(file).get(0);
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String c : header.split(",")) {
            types.put(c, numeric.contains(c) ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
        }
        return Dataset.from(CsvReader.defaults().types(types).read(file), target);
    }
}
