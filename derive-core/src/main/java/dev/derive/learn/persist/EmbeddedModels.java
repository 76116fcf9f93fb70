package dev.derive.learn.persist;

import dev.derive.learn.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * A whole model file stored inside another model's state, for models made of models (pipeline steps, the
 * members of a bagging ensemble): the inner file's bytes are packed little-endian into int32 words (an
 * {@code .npy} array the outer file checksums) and its byte count is stored beside them. Reading back goes
 * through {@link Models#read} with all its checks.
 */
public final class EmbeddedModels {

    private EmbeddedModels() {
    }

    /** The complete model file of {@code m}, as {@link Models#write} writes it (no metrics). */
    public static byte[] toBytes(Model m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Models.write(m, bytes, Map.of());
        return bytes.toByteArray();
    }

    /** {@code b} packed four bytes to an int, little-endian, the last word zero-padded. */
    public static int[] pack(byte[] b) {
        int[] v = new int[(b.length + 3) / 4];
        for (int k = 0; k < b.length; k++) {
            v[k >> 2] |= (b[k] & 0xff) << (8 * (k & 3));
        }
        return v;
    }

    /**
     * The {@code size} bytes packed in {@code words}.
     *
     * @param what names the stored model in the error message, e.g. {@code "step 'ridge'"}
     * @throws ModelFormatException if {@code size} does not match the number of words
     */
    public static byte[] unpack(int[] words, int size, String what) throws ModelFormatException {
        if (size < 0 || (size + 3L) / 4 != words.length) {
            throw new ModelFormatException(what + " declares " + size + " bytes but stores " + words.length + " int32 words");
        }
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) {
            b[k] = (byte) (words[k >> 2] >>> (8 * (k & 3)));
        }
        return b;
    }
}
