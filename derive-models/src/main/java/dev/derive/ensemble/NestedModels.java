package dev.derive.ensemble;

import dev.derive.learn.Model;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import dev.derive.learn.persist.Models;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores models of any registered kind inside another model's file, as {@link dev.derive.learn.PipelineCodec}
 * stores pipeline steps: model {@code i} is a complete model file of its own kind (written by
 * {@link Models#write}) in the array {@code <prefix>_<i>}, its bytes packed little-endian into {@code int32}s,
 * {@code <prefix>_bytes[i]} of them meaningful; {@code <prefix>_kinds} lists the kinds. In numpy,
 * {@code np.load("<prefix>_0.npy").tobytes()[:n]} is a model file readable on its own. Loading goes through
 * {@link Models#read} with all its checks (registry of kinds, checksums, sizes, versions).
 */
final class NestedModels {

    private NestedModels() {
    }

    static void write(String prefix, List<? extends Model> models, ModelState.Writer out) throws IOException {
        int[] sizes = new int[models.size()];
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Models.write(models.get(i), bytes, Map.of());
            byte[] b = bytes.toByteArray();
            sizes[i] = b.length;
            kinds.add(models.get(i).kind());
            out.putArray(prefix + "_" + i, pack(b));
        }
        out.putArray(prefix + "_bytes", sizes);
        out.putStrings(prefix + "_kinds", kinds);
    }

    static <T extends Model> List<T> read(String prefix, int count, Class<T> type, ModelState.Reader in) throws IOException {
        int[] sizes = in.ints(prefix + "_bytes");
        in.expectSize(prefix + "_bytes", sizes.length, count);
        List<T> models = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] words = in.ints(prefix + "_" + i);
            if (sizes[i] < 0 || (sizes[i] + 3L) / 4 != words.length) {
                throw new ModelFormatException("nested model " + prefix + "_" + i + " declares " + sizes[i] + " bytes but stores "
                        + words.length + " int32 words");
            }
            byte[] b = new byte[sizes[i]];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (words[k >> 2] >>> (8 * (k & 3)));
            }
            models.add(Models.read(new ByteArrayInputStream(b), type, "nested model " + prefix + "_" + i, Models.Limits.DEFAULT));
        }
        return models;
    }

    private static int[] pack(byte[] b) {
        int[] v = new int[(b.length + 3) / 4];
        for (int k = 0; k < b.length; k++) {
            v[k >> 2] |= (b[k] & 0xff) << (8 * (k & 3));
        }
        return v;
    }
}
