package dev.derive.data.io;

import dev.derive.data.Frame;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry points for CSV: {@code Csv.read(path)} with the default {@link CsvReader}, {@code Csv.reader()}
 * to configure one (delimiter, missing-value tokens, column types), and the matching writers.
 *
 * <pre>{@code
 * Frame iris = Csv.read(Path.of("iris.csv"));
 * Frame f = Csv.reader().delimiter(';').type("zip", ColumnType.STRING).read(Path.of("x.csv.gz"));
 * Csv.write(f, Path.of("out.csv"));
 * }</pre>
 */
public final class Csv {

    private Csv() {
    }

    /** Reads a CSV file with the default options ({@link CsvReader#defaults()}). */
    public static Frame read(Path file) throws IOException {
        return CsvReader.defaults().read(file);
    }

    /** A reader with the default options, to configure. */
    public static CsvReader reader() {
        return CsvReader.defaults();
    }

    /** Writes {@code frame} with the default options ({@link CsvWriter#defaults()}). */
    public static void write(Frame frame, Path file) throws IOException {
        CsvWriter.defaults().write(frame, file);
    }

    /** A writer with the default options, to configure. */
    public static CsvWriter writer() {
        return CsvWriter.defaults();
    }
}
