package dev.derive.cli;

import dev.derive.data.Column;
import dev.derive.data.Dataset;
import dev.derive.data.DatasetInfo;
import dev.derive.data.Datasets;
import dev.derive.data.Frame;
import dev.derive.data.io.Arff;
import dev.derive.data.io.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Where the CLI's data come from: a file, read by its extension ({@code .csv}, {@code .csv.gz},
 * {@code .tsv}, {@code .arff}, {@code .svm}/{@code .libsvm}; anything else as CSV), or the name of a
 * bundled data set ({@link Datasets}). Also picks the target column and builds the training
 * {@link Dataset}, turning problems into {@link CliException}s that name the file and the columns.
 */
final class DataSource {

    /**
     * Data read from a file or a bundled data set.
     *
     * @param frame   the table
     * @param label   how to name it in messages ("iris (bundled)" or the path)
     * @param bundled the bundled data set's facts, or null for a file
     * @param defaultTarget the target to use when none is named (a bundled data set's, {@code label} of
     *                      LibSVM input), or null
     * @param sparse  LibSVM input, whose absent feature columns are zeros
     */
    record Loaded(Frame frame, String label, DatasetInfo bundled, String defaultTarget, boolean sparse) {
    }

    private DataSource() {
    }

    /** Reads {@code spec}: an existing file, else a bundled data set name. */
    static Loaded load(String spec) throws IOException {
        Path p = null;
        try {
            p = Path.of(spec);
        } catch (InvalidPathException e) {
            // not a path; maybe a data set name
        }
        if (p != null && Files.isDirectory(p)) {
            throw CliException.usage(spec + " is a directory; give a data file (.csv, .csv.gz, .tsv, .arff, .svm)");
        }
        if (p != null && Files.isRegularFile(p)) {
            Frame f = readFile(p);
            return new Loaded(f, p.toString(), null, isLibSvm(p) ? "label" : null, isLibSvm(p));
        }
        DatasetInfo info = bundledInfo(spec);
        if (info != null) {
            Frame f = Datasets.load(info.name());
            return new Loaded(f, info.name() + " (bundled)", info, info.target(), false);
        }
        boolean looksLikeFile = spec.contains("/") || spec.contains("\\") || spec.contains(".");
        String close = looksLikeFile ? "" : closest(spec, Datasets.names());
        throw CliException.usage((looksLikeFile ? "no such file: " + spec
                : "'" + spec + "' is neither a file nor a bundled data set" + close)
                + " (bundled data sets: " + String.join(", ", Datasets.names()) + "; see 'derive datasets')");
    }

    /** Fails (usage error) unless the folder that would hold {@code p} exists. */
    static void requireWritable(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw CliException.usage("cannot write " + p + ": directory " + parent + " does not exist");
        }
    }

    /** The bundled data set called {@code name} (or an alias), or null. */
    static DatasetInfo bundledInfo(String name) {
        try {
            return Datasets.info(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String baseName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /** True if {@code spec} names an existing LibSVM / svmlight file ({@code .svm}, {@code .libsvm}, {@code .svmlight}, optionally gzipped). */
    static boolean isLibSvmFile(String spec) {
        try {
            Path p = Path.of(spec);
            return Files.isRegularFile(p) && isLibSvm(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean isLibSvm(Path p) {
        String base = baseName(p);
        return base.endsWith(".svm") || base.endsWith(".libsvm") || base.endsWith(".svmlight");
    }

    /** Reads a data file by its extension. */
    static Frame readFile(Path p) throws IOException {
        String base = baseName(p);
        if (base.endsWith(".arff")) {
            return Arff.read(p);
        }
        if (isLibSvm(p)) {
            return LibSvmInput.read(p);
        }
        if (base.endsWith(".tsv") || base.endsWith(".tab")) {
            return Csv.reader().delimiter('\t').read(p);
        }
        return Csv.read(p);
    }

    /**
     * The target column: {@code explicit} if given (it must exist), else the bundled data set's default,
     * else {@code fallback} (e.g. the model's target), else the last column (with a note).
     */
    static String target(Loaded d, String explicit, String fallback, Consumer<String> note) {
        Frame f = d.frame();
        if (explicit != null) {
            requireColumn(d, explicit, "target column");
            return explicit;
        }
        if (d.bundled() != null) {
            if (d.bundled().target() == null) {
                throw CliException.usage(d.bundled().name() + " has no single default target (" + d.bundled().task()
                        + "); choose one with --target (columns: " + String.join(", ", f.columnNames()) + ")");
            }
            return d.bundled().target();
        }
        if (fallback != null && f.hasColumn(fallback)) {
            return fallback;
        }
        if (d.defaultTarget() != null && f.hasColumn(d.defaultTarget())) {
            return d.defaultTarget();
        }
        if (f.ncols() == 0) {
            throw CliException.data(d.label() + " has no columns");
        }
        String last = f.columnNames().get(f.ncols() - 1);
        note.accept("target: '" + last + "' (the last column of " + d.label() + "; choose another with --target)");
        return last;
    }

    /** Fails with the list of columns if {@code d} has no column {@code name}. */
    static void requireColumn(Loaded d, String name, String what) {
        if (!d.frame().hasColumn(name)) {
            throw CliException.usage(what + " '" + name + "' not found in " + d.label() + "; columns: "
                    + String.join(", ", d.frame().columnNames()) + closest(name, d.frame().columnNames()));
        }
    }

    private static String closest(String name, List<String> names) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String s : names) {
            int dd = dev.derive.learn.Params.editDistance(name.toLowerCase(Locale.ROOT), s.toLowerCase(Locale.ROOT));
            if (dd < bestD) {
                bestD = dd;
                best = s;
            }
        }
        return best != null && bestD <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /**
     * The frame ready to become a training set: the bundled data set's identifier columns and the
     * {@code drop} columns removed (the target is never dropped), and rows whose target is missing
     * removed with a warning.
     */
    static Frame prepare(Loaded d, String target, List<String> drop, Consumer<String> warn) {
        Frame f = d.frame();
        List<String> remove = new ArrayList<>();
        if (d.bundled() != null) {
            for (String c : d.bundled().dropped()) {
                if (!c.equals(target) && f.hasColumn(c)) {
                    remove.add(c);
                }
            }
        }
        for (String c : drop) {
            requireColumn(d, c, "column to drop");
            if (c.equals(target)) {
                throw CliException.usage("--drop names the target column '" + target + "'");
            }
            if (!remove.contains(c)) {
                remove.add(c);
            }
        }
        if (!remove.isEmpty()) {
            f = f.drop(remove.toArray(new String[0]));
        }
        return dropMissingTarget(f, target, d.label(), warn);
    }

    /** Removes rows whose {@code target} is missing, with a warning saying how many. */
    static Frame dropMissingTarget(Frame f, String target, String label, Consumer<String> warn) {
        Column t = f.column(target);
        int missing = t.missingCount();
        if (missing == 0) {
            return f;
        }
        if (missing == f.nrows()) {
            throw CliException.data("the target '" + target + "' is missing in every row of " + label);
        }
        warn.accept("left out " + missing + " of " + f.nrows() + " rows of " + label + " whose target '" + target
                + "' is missing");
        return f.filter(i -> !t.isMissing(i));
    }

    /** The training set with {@code target} as target ({@code task} null: inferred from its type). */
    static Dataset dataset(Frame f, String target, Dataset.Task task, String label) {
        try {
            return Dataset.from(f, target, task);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m.contains("free text")) {
                m += " (derive: leave such columns out with --drop COL,...)";
            }
            throw CliException.data(label + ": " + m);
        }
    }
}
