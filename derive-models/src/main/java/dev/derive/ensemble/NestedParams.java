package dev.derive.ensemble;

import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.Params;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Nested parameter names of the meta-learners (bagging, voting, stacking), as scikit-learn's
 * {@code estimator__max_depth}: the inner learners' parameters are exposed under {@code prefix__name}
 * ({@link Params#withNested}), and a change to one is applied to the inner learner when the meta-learner is
 * rebuilt ({@link #apply}).
 */
final class NestedParams {

    private NestedParams() {
    }

    /** {@code own} followed by the parameters of {@code learners.get(i)} as {@code names.get(i)__name}. */
    static Params combine(Params own, List<String> names, List<? extends Learner<?>> learners) {
        Params p = own;
        for (int i = 0; i < learners.size(); i++) {
            p = p.withNested(names.get(i), learners.get(i).params());
        }
        return p;
    }

    /** As {@link #combine} for fitted models (a codec rebuilding the specs of saved parameters). */
    static Params combineModels(Params own, List<String> names, List<? extends Model> models) {
        Params p = own;
        for (int i = 0; i < models.size(); i++) {
            p = p.withNested(names.get(i), models.get(i).params());
        }
        return p;
    }

    /** {@code learner} with every value of {@code params}' {@code prefix__name} entries that differs from its own. */
    static Learner<?> apply(Learner<?> learner, Params params, String prefix) {
        Learner<?> l = learner;
        for (Map.Entry<String, Object> e : params.nested(prefix).entrySet()) {
            if (!Objects.equals(l.params().get(e.getKey()), e.getValue())) {
                l = l.with(e.getKey(), e.getValue());
            }
        }
        return l;
    }

    /** Learner names made unique as {@link dev.derive.learn.Pipeline#of} does: {@code name}, {@code name_2}, ... */
    static List<String> uniqueNames(List<String> names) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        for (String n : names) {
            int c = count.merge(n, 1, Integer::sum);
            out.add(c == 1 ? n : n + "_" + c);
        }
        return out;
    }
}
