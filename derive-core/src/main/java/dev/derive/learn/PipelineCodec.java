package dev.derive.learn;

import dev.derive.learn.persist.ModelCodec;
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
 * Persistence of {@link PipelineModel}s (kind {@code pipeline}). The state lists the step names
 * ({@code steps}) and kinds ({@code step_kinds}); each step model is stored as a complete model file of
 * its own kind (written by {@link Models#write}) inside the array {@code step_<i>}: the file's bytes
 * packed little-endian into {@code int32}s, {@code step_bytes[i]} of them meaningful. In numpy:
 * {@code np.load("step_0.npy").tobytes()[:step_bytes[0]]} is a model file that Derive (or any zip tool)
 * reads on its own.
 *
 * <p>Loading reads each step through {@link Models#read} with all its checks (registry of kinds,
 * checksums, sizes, versions), rebuilds the pipeline's parameters from the steps' and checks them against
 * the saved ones, and checks that the steps fit together (each step's input features are the previous
 * step's outputs).
 */
public final class PipelineCodec implements ModelCodec<PipelineModel> {

    @Override
    public String kind() {
        return Pipeline.NAME;
    }

    @Override
    public Class<PipelineModel> type() {
        return PipelineModel.class;
    }

    @Override
    public void write(PipelineModel m, ModelState.Writer out) throws IOException {
        List<String> kinds = new ArrayList<>();
        List<Model> models = m.stepModels();
        int[] sizes = new int[models.size()];
        for (int i = 0; i < models.size(); i++) {
            kinds.add(models.get(i).kind());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Models.write(models.get(i), bytes, Map.of());
            byte[] b = bytes.toByteArray();
            sizes[i] = b.length;
            out.putArray("step_" + i, pack(b));
        }
        out.putStrings("steps", m.stepNames());
        out.putStrings("step_kinds", kinds);
        out.putArray("step_bytes", sizes);
    }

    @Override
    public PipelineModel read(ModelState.Reader in) throws IOException {
        List<String> names = in.getStrings("steps");
        int[] sizes = in.ints("step_bytes");
        in.expectSize("step_bytes", sizes.length, names.size());
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the pipeline has no steps");
        }
        List<Model> models = new ArrayList<>(names.size());
        List<Params> stepParams = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            byte[] b = unpack(in.ints("step_" + i), sizes[i], names.get(i));
            Model m;
            try {
                m = Models.read(new ByteArrayInputStream(b), Model.class, "pipeline step '" + names.get(i) + "'",
                        Models.Limits.DEFAULT);
            } catch (ModelFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            models.add(m);
            stepParams.add(m.params());
        }
        Params params = in.params(Pipeline.combine(names, stepParams));
        if (!params.equals(Pipeline.combine(names, stepParams))) {
            throw new IllegalArgumentException("the saved pipeline parameters " + params + " differ from its steps' "
                    + Pipeline.combine(names, stepParams));
        }
        return PipelineModel.create(params, in.schema(), in.report(), names, models);
    }

    private static int[] pack(byte[] b) {
        int[] v = new int[(b.length + 3) / 4];
        for (int k = 0; k < b.length; k++) {
            v[k >> 2] |= (b[k] & 0xff) << (8 * (k & 3));
        }
        return v;
    }

    private static byte[] unpack(int[] v, int size, String step) {
        if (size < 0 || (size + 3) / 4 != v.length) {
            throw new IllegalArgumentException("step '" + step + "' declares " + size + " bytes but stores " + v.length
                    + " int32 words");
        }
        byte[] b = new byte[size];
        for (int k = 0; k < size; k++) {
            b[k] = (byte) (v[k >> 2] >>> (8 * (k & 3)));
        }
        return b;
    }
}
