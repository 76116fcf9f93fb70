package dev.derive.cli;

import dev.derive.data.Column;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.io.LibSvm;
import dev.derive.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LibSVM / svmlight input for the CLI: read by {@link LibSvm} and made dense, as a {@link Frame} with a
 * numeric column {@code label} followed by {@code f1 .. fD} (named by the file's 1-based feature
 * indices). Features absent from a file are zeros, so a test file whose largest index is smaller than
 * the training file's still lines up (see {@link SchemaEncoder}).
 */
final class LibSvmInput {

    /** The prefix of feature column names; {@code f7} is feature index 7. */
    static final String PREFIX = "f";

    private LibSvmInput() {
    }

    static Frame read(Path file) throws IOException {
        LibSvm.Data data = LibSvm.read(file);
        Matrix x = data.x().toDense();
        List<Column> cols = new ArrayList<>(x.cols() + 1);
        cols.add(NumericColumn.wrap("label", data.y()));
        for (int j = 0; j < x.cols(); j++) {
            cols.add(NumericColumn.wrap(PREFIX + (j + 1), x.columnArray(j)));
        }
        return Frame.of(cols);
    }

    /** True if {@code name} is a LibSVM feature column name ({@code f} and a positive index). */
    static boolean isFeatureName(String name) {
        return name.length() > 1 && name.startsWith(PREFIX) && name.substring(1).chars().allMatch(Character::isDigit)
                && name.charAt(1) != '0';
    }
}
