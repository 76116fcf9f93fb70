package dev.derive.data;

import java.util.List;

/**
 * What {@link Datasets} knows about a bundled data set.
 *
 * @param name        canonical name (the file name without extension)
 * @param aliases     other accepted names
 * @param file        resource file under {@code dev/derive/data/datasets/}
 * @param rows        number of rows
 * @param columns     number of columns (target included)
 * @param task        {@code "classification"}, {@code "regression"} or {@code "multi-output regression"}
 * @param target      the default target column, or {@code null} when there is none
 * @param dropped     columns {@link Datasets#dataset(String)} leaves out of the features (identifiers, free text)
 * @param license     licence of the file, with the original data's terms where known
 * @param origin      where the file came from
 * @param description one line about the data
 */
public record DatasetInfo(String name, List<String> aliases, String file, int rows, int columns, String task,
                          String target, List<String> dropped, String license, String origin, String description) {

    /** Copies the lists. */
    public DatasetInfo {
        aliases = List.copyOf(aliases);
        dropped = List.copyOf(dropped);
    }
}
