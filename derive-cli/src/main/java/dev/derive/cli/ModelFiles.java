package dev.derive.cli;

import dev.derive.data.Frame;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading saved models for the CLI, with errors that name the file. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** Loads a model file; a missing file is a usage error (2), a damaged one bad data (3). */
    static Model load(Path path) throws IOException {
        if (!Files.exists(path)) {
            String hint = path.toString().endsWith(".derive") ? "" : " (give a model file saved by 'derive fit --out FILE')";
            throw CliException.usage("no such model file: " + path + hint);
        }
        if (Files.isDirectory(path)) {
            throw CliException.usage(path + " is a directory, not a model file");
        }
        return Models.load(path);
    }

    /** The data and their target for evaluating {@code model}: {@code explicit} or the model's target name. */
    static String target(Model model, DataSource.Loaded d, String explicit) {
        String t = explicit != null ? explicit : model.schema().targetName();
        if (t == null) {
            throw CliException.usage("the model has no target column; name one with --target");
        }
        if (!d.frame().hasColumn(t)) {
            if (explicit != null) {
                DataSource.requireColumn(d, t, "target column");
            }
            throw CliException.data(d.label() + " has no column '" + t + "', the target the model was trained on;"
                    + " name the target column with --target (columns: " + String.join(", ", d.frame().columnNames()) + ")");
        }
        return t;
    }

    /** Frame rows whose target is present. */
    static Frame labelled(Frame f, String target, String label, java.util.function.Consumer<String> warn) {
        return DataSource.dropMissingTarget(f, target, label, warn);
    }
}
