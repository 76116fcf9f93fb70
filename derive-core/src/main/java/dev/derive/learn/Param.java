package dev.derive.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The specification of one hyper-parameter: its name (as users know it from scikit-learn or LightGBM
 * where one exists), its type, its default, its allowed values and a one-line description. Grid search,
 * the CLI, {@code derive models} and model persistence all address parameters through these specs.
 *
 * <p>{@link #validate(Object)} converts a value to the parameter's type (so that {@code "0.5"} from the
 * command line becomes a {@code Double}) and rejects values outside the allowed range with a message
 * naming the parameter, the value and the range.
 *
 * @param <T> the Java type of the value
 */
public final class Param<T> {

    /** The kinds of values a parameter can hold. */
    public enum Kind {
        DOUBLE, INT, LONG, BOOLEAN, CHOICE,
        /** A non-empty list of reals, each in the parameter's range; the value is an unmodifiable {@code List<Double>}. */
        DOUBLE_LIST,
        /**
         * Free text in a learner-specific syntax (e.g. LightGBM's {@code monotone_constraints = "1,0,-1"}); the
         * value is the trimmed string, and the learner parses it (and reports a bad one) when it is set.
         */
        TEXT
    }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final String description;
    private final double min;
    private final double max;
    private final boolean minInclusive;
    private final boolean maxInclusive;
    private final List<String> choices;
    private final boolean nullable;
    private final boolean openNumber;

    private Param(String name, Kind kind, T defaultValue, String description, double min, boolean minInclusive,
                  double max, boolean maxInclusive, List<String> choices, boolean nullable) {
        this(name, kind, defaultValue, description, min, minInclusive, max, maxInclusive, choices, nullable, false);
    }

    private Param(String name, Kind kind, T defaultValue, String description, double min, boolean minInclusive,
                  double max, boolean maxInclusive, List<String> choices, boolean nullable, boolean openNumber) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter names are lower_snake_case, got '" + name + "'");
        }
        this.name = name;
        this.kind = kind;
        this.description = Objects.requireNonNull(description, "description");
        this.min = min;
        this.max = max;
        this.minInclusive = minInclusive;
        this.maxInclusive = maxInclusive;
        this.choices = choices;
        this.nullable = nullable;
        this.openNumber = openNumber;
        this.defaultValue = defaultValue;
        if (defaultValue != null || !nullable) {
            validate(defaultValue); // a spec whose default is invalid is a programming error
        }
    }

    /** A real parameter in the interval between {@code min} and {@code max} (use infinities for no bound). */
    public static Param<Double> real(String name, double defaultValue, double min, boolean minInclusive,
                                     double max, boolean maxInclusive, String description) {
        return new Param<>(name, Kind.DOUBLE, defaultValue, description, min, minInclusive, max, maxInclusive, null, false);
    }

    /** A real parameter that must be {@code >= 0}. */
    public static Param<Double> nonNegative(String name, double defaultValue, String description) {
        return real(name, defaultValue, 0, true, Double.POSITIVE_INFINITY, false, description);
    }

    /** A real parameter that must be {@code > 0}. */
    public static Param<Double> positive(String name, double defaultValue, String description) {
        return real(name, defaultValue, 0, false, Double.POSITIVE_INFINITY, false, description);
    }

    /** An integer parameter in {@code [min, max]}. */
    public static Param<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Param<>(name, Kind.INT, defaultValue, description, min, true, max, true, null, false);
    }

    /**
     * An optional integer parameter in {@code [min, max]} whose absence ({@code null}, written
     * {@code none} on the command line) means "no limit", as scikit-learn's {@code max_depth=None}.
     */
    public static Param<Integer> optionalInteger(String name, Integer defaultValue, int min, int max, String description) {
        return new Param<>(name, Kind.INT, defaultValue, description, min, true, max, true, null, true);
    }

    /** A seed for a random stream (any long). */
    public static Param<Long> seed(long defaultValue) {
        return new Param<>("seed", Kind.LONG, defaultValue, "seed of the random stream; same seed and data give a bit-identical model",
                Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, null, false);
    }

    /** A boolean flag. */
    public static Param<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Param<>(name, Kind.BOOLEAN, defaultValue, description, 0, true, 1, true, null, false);
    }

    /** One of a fixed set of lower-case strings. */
    public static Param<String> choice(String name, String defaultValue, List<String> choices, String description) {
        return new Param<>(name, Kind.CHOICE, defaultValue, description, 0, true, 0, true, List.copyOf(choices), false);
    }

    /**
     * One of a fixed set of lower-case strings, or a number, as scikit-learn's {@code max_features}
     * ({@code "sqrt"}, {@code 0.5} or {@code 3}). The value is kept as a string: a choice, a whole number
     * {@code >= 1} written without a decimal point (a count, e.g. {@code "3"}), or a real number in
     * {@code (0, 1]} written with one (a fraction, e.g. {@code "0.5"}, {@code "1.0"}). A Java
     * {@link Integer} or {@link Long} becomes a count and a {@link Double} a fraction, as in scikit-learn.
     * The kind is {@link Kind#CHOICE}; {@link #choices()} lists the named choices only.
     */
    public static Param<String> choiceOrNumber(String name, String defaultValue, List<String> choices, String description) {
        return new Param<>(name, Kind.CHOICE, defaultValue, description, 0, true, 0, true, List.copyOf(choices), false, true);
    }

    /**
     * A list-valued real parameter, as scikit-learn's {@code RidgeCV(alphas=(0.1, 1, 10))}: a non-empty list
     * whose every element lies between {@code min} and {@code max}. The value is an unmodifiable
     * {@code List<Double>}; {@link #validate(Object)} accepts a {@code List} or array of numbers (or numeric
     * strings), a {@code double[]}, a single number (a one-element list), or a string of comma-separated
     * numbers as typed on the command line ({@code "0.1,1,10"}, optionally in brackets, as
     * {@link List#toString()} writes it: {@code "[0.1, 1.0, 10.0]"}). An element out of range is reported with
     * its position.
     */
    public static Param<List<Double>> reals(String name, double[] defaultValue, double min, boolean minInclusive,
                                            double max, boolean maxInclusive, String description) {
        return new Param<>(name, Kind.DOUBLE_LIST, defaultValue == null ? null : toList(defaultValue), description, min,
                minInclusive, max, maxInclusive, null, false);
    }

    /**
     * An optional list-valued real parameter ({@link #reals}) whose absence ({@code null}, written
     * {@code none} on the command line) lets the learner fall back to another way of building the list.
     */
    public static Param<List<Double>> optionalReals(String name, double[] defaultValue, double min, boolean minInclusive,
                                                    double max, boolean maxInclusive, String description) {
        return new Param<>(name, Kind.DOUBLE_LIST, defaultValue == null ? null : toList(defaultValue), description, min,
                minInclusive, max, maxInclusive, null, true);
    }

    private static List<Double> toList(double[] values) {
        List<Double> l = new ArrayList<>(values.length);
        for (double v : values) {
            l.add(v);
        }
        return Collections.unmodifiableList(l);
    }

    /**
     * A free-text parameter ({@link Kind#TEXT}) whose syntax the learner defines and checks, e.g.
     * {@code monotone_constraints = "1,0,-1"}. {@code format} says the syntax in words for
     * {@link #range()} (and hence {@code derive models}); the empty string is a valid value.
     */
    public static Param<String> text(String name, String defaultValue, String format, String description) {
        return new Param<>(name, Kind.TEXT, defaultValue, description, 0, true, 0, true, List.of(format), false);
    }

    /** The elements of a {@link Kind#DOUBLE_LIST} value as an array (a copy). */
    public static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    /**
     * The same specification under another name (same kind, default, range and description), as a
     * {@link Pipeline} exposes a step's parameter {@code alpha} as {@code ridge__alpha} and a meta-learner
     * (bagging, voting, stacking) its inner learner's {@code max_depth} as {@code estimator__max_depth}.
     *
     * @param newName the new lower_snake_case name (it may contain the {@code __} separator)
     * @return a spec equal to this one except for its name
     */
    public Param<T> renamed(String newName) {
        return new Param<>(newName, kind, defaultValue, description, min, minInclusive, max, maxInclusive, choices, nullable,
                openNumber);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The allowed choices of a {@link Kind#CHOICE} parameter (empty otherwise). */
    public List<String> choices() {
        return choices == null || kind != Kind.CHOICE ? List.of() : choices;
    }

    /** True if the parameter may be absent ({@code null}). */
    public boolean nullable() {
        return nullable;
    }

    /** The allowed values in words, e.g. {@code (0, inf)}, {@code [1, 1000]} or {@code one of [l1, l2]}. */
    public String range() {
        return switch (kind) {
            case BOOLEAN -> "true or false";
            case LONG -> "any integer";
            case CHOICE -> "one of " + choices + (openNumber ? ", a count >= 1 (e.g. 3) or a fraction in (0, 1] (e.g. 0.5)" : "");
            case INT, DOUBLE -> (minInclusive ? "[" : "(") + bound(min) + ", " + bound(max) + (maxInclusive ? "]" : ")")
                    + (nullable ? " or none" : "");
            case DOUBLE_LIST -> "comma-separated list of reals, each in " + (minInclusive ? "[" : "(") + bound(min) + ", "
                    + bound(max) + (maxInclusive ? "]" : ")") + (nullable ? ", or none" : "");
            case TEXT -> choices.get(0);
        };
    }

    private String bound(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (kind == Kind.INT || v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Converts {@code value} to this parameter's type and checks it against the allowed values.
     * Accepts the type itself, any {@link Number} that converts without loss, and strings (as typed on
     * the command line).
     *
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @SuppressWarnings("unchecked")
    public T validate(Object value) {
        if (value == null || (nullable && value instanceof String s && s.equalsIgnoreCase("none"))) {
            if (nullable) {
                return null;
            }
            throw invalid(value, "a value is required");
        }
        return (T) switch (kind) {
            case DOUBLE -> checkRange(value, toDouble(value));
            case INT -> {
                long v = toLong(value);
                checkRange(value, (double) v);
                yield (int) v;
            }
            case LONG -> toLong(value);
            case BOOLEAN -> toBoolean(value);
            case DOUBLE_LIST -> realList(value);
            case TEXT -> {
                if (!(value instanceof CharSequence)) {
                    throw invalid(value, "expected text, got a " + value.getClass().getSimpleName());
                }
                yield value.toString().trim();
            }
            case CHOICE -> {
                if (openNumber) {
                    yield openNumber(value);
                }
                String s = value.toString().trim().toLowerCase(Locale.ROOT);
                if (!choices.contains(s)) {
                    throw invalid(value, null);
                }
                yield s;
            }
        };
    }

    private List<Double> realList(Object value) {
        List<Object> items = new ArrayList<>();
        if (value instanceof double[] a) {
            for (double v : a) {
                items.add(v);
            }
        } else if (value instanceof Object[] a) {
            items.addAll(List.of(a));
        } else if (value instanceof List<?> l) {
            items.addAll(l);
        } else if (value instanceof Number n) {
            items.add(n);
        } else if (value instanceof String s) {
            String t = s.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1).trim();
            }
            if (t.isEmpty()) {
                throw invalid(value, "the list is empty");
            }
            for (String part : t.split(",", -1)) {
                if (part.isBlank()) {
                    throw invalid(value, "empty element in the comma-separated list");
                }
                items.add(part.trim());
            }
        } else {
            throw invalid(value, "expected a list of numbers, got a " + value.getClass().getSimpleName());
        }
        if (items.isEmpty()) {
            throw invalid(value, "the list is empty");
        }
        List<Double> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            double v;
            if (item instanceof Number n) {
                v = n.doubleValue();
            } else if (item instanceof String s) {
                try {
                    v = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw invalid(value, "element " + i + " '" + s + "' is not a number");
                }
            } else {
                throw invalid(value, "element " + i + " is " + (item == null ? "null" : "a " + item.getClass().getSimpleName())
                        + ", not a number");
            }
            boolean ok = !Double.isNaN(v) && (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
            if (!ok) {
                throw invalid(value, "element " + i + " = " + v + " is out of range");
            }
            out.add(v);
        }
        return Collections.unmodifiableList(out);
    }

    private String openNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw invalid(value, "a count must be >= 1");
            }
            return Long.toString(v);
        }
        if (value instanceof Number n) {
            return fraction(value, n.doubleValue());
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        if (choices.contains(s)) {
            return s;
        }
        if (s.matches("[+]?[0-9]+")) {
            long v;
            try {
                v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                throw invalid(value, "count too large");
            }
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw invalid(value, "a count must be >= 1");
            }
            return Long.toString(v);
        }
        try {
            return fraction(value, Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw invalid(value, null);
        }
    }

    private String fraction(Object original, double v) {
        if (!(v > 0 && v <= 1)) {
            throw invalid(original, "a fraction must be in (0, 1]");
        }
        return Double.toString(v);
    }

    private double checkRange(Object original, double v) {
        boolean ok = !Double.isNaN(v)
                && (minInclusive ? v >= min : v > min)
                && (maxInclusive ? v <= max : v < max);
        if (!ok) {
            throw invalid(original, null);
        }
        return v;
    }

    private double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(value, "not a number");
            }
        }
        throw invalid(value, "expected a number, got a " + value.getClass().getSimpleName());
    }

    private long toLong(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
                throw invalid(value, "not an integer");
            }
            return (long) d;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(value, "not an integer");
            }
        }
        throw invalid(value, "expected an integer, got a " + value.getClass().getSimpleName());
    }

    private boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> {
                    return true;
                }
                case "false", "no", "0" -> {
                    return false;
                }
                default -> throw invalid(value, null);
            }
        }
        throw invalid(value, "expected true or false, got a " + value.getClass().getSimpleName());
    }

    private IllegalArgumentException invalid(Object value, String why) {
        Object shown = value instanceof double[] a ? java.util.Arrays.toString(a)
                : value instanceof Object[] a ? java.util.Arrays.toString(a) : value;
        return new IllegalArgumentException("parameter " + name + " = " + (value instanceof String ? "'" + value + "'" : shown)
                + " is invalid" + (why == null ? "" : " (" + why + ")") + "; allowed: " + range());
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(Locale.ROOT) + ", default " + defaultValue + ", " + range() + "): " + description;
    }
}
