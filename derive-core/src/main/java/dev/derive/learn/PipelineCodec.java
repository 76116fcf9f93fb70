package dev.derive.learn;

import dev.derive.learn.persist.EmbeddedModels;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import dev.derive.learn.persist.Models;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
            byte[] b = EmbeddedModels.toBytes(models.get(i));
            sizes[i] = b.length;
            out.putArray("step_" + i, EmbeddedModels.pack(b));
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
            Model m;
            try {
                byte[] b = EmbeddedModels.unpack(in.ints("step_" + i), sizes[i], "step '" + names.get(i) + "'");
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
}
