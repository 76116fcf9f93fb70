package dev.derive.ensemble;

import dev.derive.learn.Model;
import dev.derive.learn.persist.EmbeddedModels;
import dev.derive.learn.persist.ModelState;
import dev.derive.learn.persist.Models;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
            byte[] b = EmbeddedModels.toBytes(models.get(i));
            sizes[i] = b.length;
            kinds.add(models.get(i).kind());
            out.putArray(prefix + "_" + i, EmbeddedModels.pack(b));
        }
        out.putArray(prefix + "_bytes", sizes);
        out.putStrings(prefix + "_kinds", kinds);
    }

    static <T extends Model> List<T> read(String prefix, int count, Class<T> type, ModelState.Reader in) throws IOException {
        int[] sizes = in.ints(prefix + "_bytes");
        in.expectSize(prefix + "_bytes", sizes.length, count);
        List<T> models = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] b = EmbeddedModels.unpack(in.ints(prefix + "_" + i), sizes[i], "nested model " + prefix + "_" + i);
            models.add(Models.read(new ByteArrayInputStream(b), type, "nested model " + prefix + "_" + i, Models.Limits.DEFAULT));
        }
        return models;
    }
}
