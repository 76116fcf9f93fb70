package dev.derive.learn.persist;

import dev.derive.learn.Model;
import java.io.IOException;

/**
 * Writes and reads the learned state of one model kind. A codec stores numbers and strings in the
 * manifest's {@code state} object and arrays as {@code .npy} entries through {@link ModelState.Writer};
 * parameters, schema and training report are written by {@link Models} for every model. Codecs are found
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.derive.learn.persist.ModelCodec})
 * and form the fixed registry that loading consults: a file can only name a kind, never a class.
 *
 * @param <M> the model type
 */
public interface ModelCodec<M extends dev.derive.learn.Model> {

    /** The model kind handled, equal to {@link Model#kind()} of the models it writes. */
    String kind();

    /** The model class. */
    Class<M> type();

    /** The version of this codec's state layout; bump it when the layout changes and keep reading old ones. */
    default int version() {
        return 1;
    }

    /** Writes the learned state of {@code model}. */
    void write(M model, ModelState.Writer out) throws IOException;

    /** Rebuilds a model from its state; {@code in.version()} says which layout was written. */
    M read(ModelState.Reader in) throws IOException;
}
