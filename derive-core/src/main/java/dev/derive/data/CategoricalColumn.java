package dev.derive.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A column of categories stored as integer codes into a list of distinct, non-null levels; code
 * {@code -1} marks a missing value. Levels built from values are sorted in their natural order: by
 * numeric value when every level parses as a number, else lexicographically ({@link String#compareTo}),
 * so the same values always give the same codes.
 */
public final class CategoricalColumn implements Column {

    private final String name;
    final int[] codes;
    private final List<String> levels;

    private CategoricalColumn(String name, int[] codes, List<String> levels) {
        this.name = ColumnChecks.name(name);
        this.codes = codes;
        this.levels = levels;
    }

    /** A column of {@code values} ({@code null} = missing) with levels sorted in natural order. */
    public static CategoricalColumn of(String name, String... values) {
        Set<String> distinct = new HashSet<>();
        for (String v : values) {
            if (v != null) {
                distinct.add(v);
            }
        }
        return of(name, sortLevels(distinct), values);
    }

    /**
     * A column of {@code values} ({@code null} = missing) with the given levels, in the given order.
     *
     * @throws IllegalArgumentException if a value is not one of the levels, or the levels repeat or hold null
     */
    public static CategoricalColumn of(String name, List<String> levels, String... values) {
        List<String> lv = checkLevels(name, levels);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < lv.size(); k++) {
            index.put(lv.get(k), k);
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = -1;
            } else {
                Integer c = index.get(values[i]);
                if (c == null) {
                    throw new IllegalArgumentException("column '" + name + "' row " + i + ": value '" + values[i]
                            + "' is not one of the levels " + lv);
                }
                codes[i] = c;
            }
        }
        return new CategoricalColumn(name, codes, lv);
    }

    /**
     * A column from codes ({@code -1} = missing) into {@code levels}; copies the codes.
     *
     * @throws IllegalArgumentException if a code is outside {@code [-1, levels.size())}
     */
    public static CategoricalColumn fromCodes(String name, int[] codes, List<String> levels) {
        return wrap(name, codes.clone(), levels);
    }

    /**
     * Like {@link #fromCodes} but takes ownership of {@code codes} without copying; the caller must not
     * modify the array afterwards.
     */
    public static CategoricalColumn wrap(String name, int[] codes, List<String> levels) {
        List<String> lv = checkLevels(name, levels);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= lv.size()) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + ": code " + codes[i]
                        + " outside [-1, " + lv.size() + ")");
            }
        }
        return new CategoricalColumn(name, codes, lv);
    }

    private static List<String> checkLevels(String name, List<String> levels) {
        Set<String> seen = new HashSet<>();
        for (String l : levels) {
            if (l == null) {
                throw new IllegalArgumentException("column '" + name + "': levels must not contain null");
            }
            if (!seen.add(l)) {
                throw new IllegalArgumentException("column '" + name + "': level '" + l + "' appears twice");
            }
        }
        return List.copyOf(levels);
    }

    /**
     * The natural order of levels: numeric when every level parses as a finite or infinite number
     * ({@link Double#parseDouble}), ties and everything else by {@link String#compareTo}.
     */
    public static List<String> sortLevels(Collection<String> levels) {
        List<String> out = new ArrayList<>(levels);
        boolean numeric = !out.isEmpty();
        Map<String, Double> num = new HashMap<>();
        for (String s : out) {
            try {
                double d = Double.parseDouble(s.strip());
                if (Double.isNaN(d)) {
                    numeric = false;
                    break;
                }
                num.put(s, d);
            } catch (NumberFormatException e) {
                numeric = false;
                break;
            }
        }
        if (numeric) {
            out.sort(Comparator.<String>comparingDouble(num::get).thenComparing(Comparator.naturalOrder()));
        } else {
            out.sort(Comparator.naturalOrder());
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return codes.length;
    }

    /** The levels, in code order (immutable). */
    public List<String> levels() {
        return levels;
    }

    /** Number of levels. */
    public int numLevels() {
        return levels.size();
    }

    /** The code in {@code row}: an index into {@link #levels()}, or {@code -1} when missing. */
    public int code(int row) {
        return codes[row];
    }

    /** The level in {@code row}, or {@code null} when missing. */
    public String get(int row) {
        int c = codes[row];
        return c < 0 ? null : levels.get(c);
    }

    /** A copy of the codes. */
    public int[] codes() {
        return codes.clone();
    }

    /** How many rows hold each level (missing rows are not counted). */
    public int[] counts() {
        int[] n = new int[levels.size()];
        for (int c : codes) {
            if (c >= 0) {
                n[c]++;
            }
        }
        return n;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    @Override
    public int missingCount() {
        int c = 0;
        for (int v : codes) {
            if (v < 0) {
                c++;
            }
        }
        return c;
    }

    @Override
    public String format(int row) {
        return get(row);
    }

    @Override
    public CategoricalColumn rows(int[] indices) {
        ColumnChecks.indices(indices, codes.length, name);
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = codes[indices[k]];
        }
        return new CategoricalColumn(name, out, levels);
    }

    @Override
    public CategoricalColumn rename(String newName) {
        return new CategoricalColumn(newName, codes, levels);
    }

    /** Equal when names, levels (in order) and codes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && c.name.equals(name) && c.levels.equals(levels)
                && Arrays.equals(c.codes, codes);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + levels.hashCode()) * 31 + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "CategoricalColumn '" + name + "' (" + codes.length + " rows, levels " + levels + ")";
    }
}
