package dev.derive.learn.persist;

import dev.derive.learn.Model;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The fixed registry of model kinds that can be saved and loaded: every {@link ModelCodec} on the class
 * path, found once through {@link ServiceLoader}. Loading looks a file's kind up here and nowhere else,
 * so a model file can never make Derive instantiate a class it names.
 */
public final class ModelRegistry {

    private static final Map<String, ModelCodec<?>> CODECS = discover();

    private ModelRegistry() {
    }

    private static Map<String, ModelCodec<?>> discover() {
        Map<String, ModelCodec<?>> m = new TreeMap<>();
        for (ModelCodec<?> c : ServiceLoader.load(ModelCodec.class, ModelRegistry.class.getClassLoader())) {
            ModelCodec<?> prev = m.put(c.kind(), c);
            if (prev != null && prev.getClass() != c.getClass()) {
                throw new IllegalStateException("two codecs register model kind '" + c.kind() + "': "
                        + prev.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The codec for {@code kind}, or null. */
    public static ModelCodec<?> codec(String kind) {
        return CODECS.get(kind);
    }

    /** The codec for a model, with a clear error if its kind cannot be saved. */
    @SuppressWarnings("unchecked")
    static <M extends Model> ModelCodec<M> codecFor(M model) {
        ModelCodec<?> c = CODECS.get(model.kind());
        if (c == null) {
            throw new IllegalArgumentException("model kind '" + model.kind() + "' cannot be saved: no codec is registered"
                    + " for it (known kinds: " + String.join(", ", CODECS.keySet()) + ")");
        }
        if (!c.type().isInstance(model)) {
            throw new IllegalStateException("the codec for kind '" + model.kind() + "' handles " + c.type().getName()
                    + " but the model is a " + model.getClass().getName());
        }
        return (ModelCodec<M>) c;
    }

    /** All registered kinds, sorted. */
    public static java.util.Set<String> kinds() {
        return CODECS.keySet();
    }
}
