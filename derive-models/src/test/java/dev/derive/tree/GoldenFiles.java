package dev.derive.tree;

import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The golden model files of the tree and ensemble tests ({@code src/test/resources/golden}, relative to the module):
 * written once by the code of their day (with {@code DERIVE_WRITE_GOLDEN=1}), read by today's code.
 */
public final class GoldenFiles {

    /** The directory of the golden files. */
    public static final Path DIR = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    /** Writes {@code m} as the golden file {@code name}. */
    public static void write(Model m, String name) throws IOException {
        try (OutputStream out = Files.newOutputStream(DIR.resolve(name))) {
            Models.write(m, out, Map.of());
        }
    }

    /** Reads the golden file {@code name} as a {@code type}. */
    public static <M extends Model> M read(String name, Class<M> type) throws IOException {
        try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
            return Models.read(in, type, name, Models.Limits.DEFAULT);
        }
    }

    /**
     * A hash of a tree's categorical splits: per categorical node its id, level count, left levels and where other
     * codes go (not the raw set table, whose packing the codec may change: a loaded tree packs its sets in node order).
     */
    public static int levelSets(Tree t) {
        int h = 1;
        for (int i = 0; i < t.nodeCount(); i++) {
            if (t.isCategorical(i)) {
                h = 31 * h + i;
                h = 31 * h + t.levelCount(i);
                h = 31 * h + Arrays.hashCode(t.leftLevels(i));
                h = 31 * h + (t.otherLevelsLeft(i) ? 1 : 0);
            }
        }
        return h;
    }
}
