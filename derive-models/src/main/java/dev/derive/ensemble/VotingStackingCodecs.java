package dev.derive.ensemble;

import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of voting and stacking models: the estimators' learner names ({@code names}), the voting
 * {@code weights}, and every fitted model as a complete nested model file of its own kind
 * ({@link NestedModels}: prefix {@code model} for the estimators, {@code final} for the stacking final model).
 */
public final class VotingStackingCodecs {

    private VotingStackingCodecs() {
    }

    static int count(ModelState.Reader in) throws IOException {
        List<String> names = in.getStrings("names");
        if (names.isEmpty() || names.size() > 10_000) {
            throw new ModelFormatException("an ensemble file lists " + names.size() + " estimators");
        }
        return names.size();
    }

    static <T> T guard(java.util.concurrent.Callable<T> make) throws IOException {
        try {
            return make.call();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid ensemble model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The specs of saved parameters: {@code own}, then each model's as {@code <unique name>__<param>}, then the
     * final model's as {@code final_estimator__<param>} (when given); the saved values then replace these.
     */
    static Params nested(Params own, List<String> names, List<Model> models, Model fin) throws ModelFormatException {
        if (names.size() != models.size()) {
            throw new ModelFormatException(names.size() + " estimator names for " + models.size() + " models");
        }
        Params p = NestedParams.combineModels(own, NestedParams.uniqueNames(names), models);
        return fin == null ? p : p.withNested(Stacking.FINAL_ESTIMATOR, fin.params());
    }

    /** Codec of {@link VotingClassifierModel}. */
    public static final class VotingClassifierCodec implements ModelCodec<VotingClassifierModel> {
        public String kind() {
            return Voting.CLASSIFIER_KIND;
        }

        public Class<VotingClassifierModel> type() {
            return VotingClassifierModel.class;
        }

        public void write(VotingClassifierModel m, ModelState.Writer out) throws IOException {
            out.putStrings("names", m.names());
            out.putArray("weights", m.weights());
            NestedModels.write("model", m.models(), out);
        }

        public VotingClassifierModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, Classifier.class, in));
            Params p = in.params(nested(Params.defaults(Voting.CLASSIFIER_SPECS), in.getStrings("names"), models, null));
            double[] w = in.doubles("weights");
            return guard(() -> new VotingClassifierModel(p, in.schema(), in.report(), in.getStrings("names"), models, w));
        }
    }

    /** Codec of {@link VotingRegressorModel}. */
    public static final class VotingRegressorCodec implements ModelCodec<VotingRegressorModel> {
        public String kind() {
            return Voting.REGRESSOR_KIND;
        }

        public Class<VotingRegressorModel> type() {
            return VotingRegressorModel.class;
        }

        public void write(VotingRegressorModel m, ModelState.Writer out) throws IOException {
            out.putStrings("names", m.names());
            out.putArray("weights", m.weights());
            NestedModels.write("model", m.models(), out);
        }

        public VotingRegressorModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, Regressor.class, in));
            Params p = in.params(nested(Params.defaults(Voting.REGRESSOR_SPECS), in.getStrings("names"), models, null));
            double[] w = in.doubles("weights");
            return guard(() -> new VotingRegressorModel(p, in.schema(), in.report(), in.getStrings("names"), models, w));
        }
    }

    /** Codec of {@link StackingClassifierModel}. */
    public static final class StackingClassifierCodec implements ModelCodec<StackingClassifierModel> {
        public String kind() {
            return Stacking.CLASSIFIER_KIND;
        }

        public Class<StackingClassifierModel> type() {
            return StackingClassifierModel.class;
        }

        public void write(StackingClassifierModel m, ModelState.Writer out) throws IOException {
            out.putStrings("names", m.names());
            NestedModels.write("model", m.bases(), out);
            NestedModels.write("final", List.of(m.finalModel()), out);
        }

        public StackingClassifierModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, Classifier.class, in));
            Model fin = NestedModels.read("final", 1, Classifier.class, in).get(0);
            Params p = in.params(nested(Params.defaults(Stacking.SPECS), in.getStrings("names"), models, fin));
            return guard(() -> new StackingClassifierModel(p, in.schema(), in.report(), in.getStrings("names"), models, fin));
        }
    }

    /** Codec of {@link StackingRegressorModel}. */
    public static final class StackingRegressorCodec implements ModelCodec<StackingRegressorModel> {
        public String kind() {
            return Stacking.REGRESSOR_KIND;
        }

        public Class<StackingRegressorModel> type() {
            return StackingRegressorModel.class;
        }

        public void write(StackingRegressorModel m, ModelState.Writer out) throws IOException {
            out.putStrings("names", m.names());
            NestedModels.write("model", m.bases(), out);
            NestedModels.write("final", List.of(m.finalModel()), out);
        }

        public StackingRegressorModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, Regressor.class, in));
            Model fin = NestedModels.read("final", 1, Regressor.class, in).get(0);
            Params p = in.params(nested(Params.defaults(Stacking.SPECS), in.getStrings("names"), models, fin));
            return guard(() -> new StackingRegressorModel(p, in.schema(), in.report(), in.getStrings("names"), models, fin));
        }
    }
}
