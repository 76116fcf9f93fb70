package dev.derive.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of named hyper-parameter values together with their {@link Param} specs. Learners
 * hold one; {@link #with(String, Object)} returns a validated copy with one value changed, and an
 * unknown name is rejected with the list of valid names.
 */
public final class Params {

    private final Map<String, Param<?>> specs;
    private final Map<String, Object> values;

    private Params(Map<String, Param<?>> specs, Map<String, Object> values) {
        this.specs = specs;
        this.values = values;
    }

    /** The parameter set with every parameter at its default. */
    public static Params defaults(List<Param<?>> specs) {
        Map<String, Param<?>> s = new LinkedHashMap<>();
        Map<String, Object> v = new LinkedHashMap<>();
        for (Param<?> p : specs) {
            if (s.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate parameter name " + p.name());
            }
            v.put(p.name(), p.defaultValue());
        }
        return new Params(Collections.unmodifiableMap(s), Collections.unmodifiableMap(v));
    }

    /** A copy with parameter {@code name} set to {@code value} (converted and validated). */
    public Params with(String name, Object value) {
        Param<?> p = spec(name);
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put(name, p.validate(value));
        return new Params(specs, Collections.unmodifiableMap(v));
    }

    /** A copy with every entry of {@code changes} applied (each validated). */
    public Params withAll(Map<String, ?> changes) {
        Params p = this;
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            p = p.with(e.getKey(), e.getValue());
        }
        return p;
    }

    /** The separator of nested parameter names, {@code prefix__name}, as scikit-learn's. */
    public static final String NESTED_SEPARATOR = "__";

    /**
     * This set followed by every parameter of {@code inner} under the name {@code prefix__name} (its spec
     * {@link Param#renamed renamed}, its current value kept), as a meta-learner exposes its inner learner's
     * {@code max_depth} as {@code estimator__max_depth}. Read the values back with {@link #nested(String)}.
     *
     * @throws IllegalArgumentException if {@code prefix} is not lower_snake_case or a name is already taken
     */
    public Params withNested(String prefix, Params inner) {
        if (prefix == null || !prefix.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a nested parameter prefix is lower_snake_case, got '" + prefix + "'");
        }
        List<Param<?>> all = new ArrayList<>(specs.values());
        for (Param<?> spec : inner.specs.values()) {
            all.add(spec.renamed(prefix + NESTED_SEPARATOR + spec.name()));
        }
        Map<String, Object> v = new LinkedHashMap<>(values);
        inner.values.forEach((k, x) -> v.put(prefix + NESTED_SEPARATOR + k, x));
        Params d = defaults(all);
        Map<String, Object> merged = new LinkedHashMap<>(d.values);
        merged.putAll(v);   // values already validated by their own specs
        return new Params(d.specs, Collections.unmodifiableMap(merged));
    }

    /**
     * The values of the parameters named {@code prefix__name}, keyed by {@code name} (which may itself be
     * nested), in declaration order; empty if there are none.
     */
    public Map<String, Object> nested(String prefix) {
        String head = prefix + NESTED_SEPARATOR;
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, x) -> {
            if (k.startsWith(head)) {
                out.put(k.substring(head.length()), x);
            }
        });
        return out;
    }

    /** The spec of parameter {@code name}; an unknown name lists the valid ones (and the closest). */
    public Param<?> spec(String name) {
        Param<?> p = specs.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'" + closest(name)
                    + "; valid parameters: " + String.join(", ", specs.keySet()));
        }
        return p;
    }

    private String closest(String name) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String s : specs.keySet()) {
            int d = editDistance(name, s);
            if (d < bestD) {
                bestD = d;
                best = s;
            }
        }
        return best != null && bestD <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, for "did you mean" suggestions. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The value of {@code name} (may be null for an optional parameter). */
    public Object get(String name) {
        spec(name);
        return values.get(name);
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /**
     * A list-valued parameter ({@link Param.Kind#DOUBLE_LIST}) as a new array, or {@code null} when an
     * optional list is absent.
     */
    @SuppressWarnings("unchecked")
    public double[] getDoubles(String name) {
        Object v = get(name);
        return v == null ? null : Param.toArray((List<Double>) v);
    }

    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /** An optional integer ({@code null} when absent). */
    public Integer getOptionalInt(String name) {
        return (Integer) get(name);
    }

    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    private Object require(String name) {
        Object v = get(name);
        if (v == null) {
            throw new IllegalStateException("parameter " + name + " has no value");
        }
        return v;
    }

    /** The specs in declaration order. */
    public List<Param<?>> specs() {
        return new ArrayList<>(specs.values());
    }

    /** Names in declaration order. */
    public List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    /** The values by name, in declaration order (unmodifiable). */
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values) && p.specs.keySet().equals(specs.keySet());
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
