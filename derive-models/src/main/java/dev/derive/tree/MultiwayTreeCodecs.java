package dev.derive.tree;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/**
 * Persistence of {@link MultiwayTree}s (ID3 and C4.5 models) as flat arrays: {@code feature},
 * {@code threshold} ({@code NaN} for categorical tests and leaves), {@code first_child}, {@code child_count},
 * {@code branch_prob} and {@code dist} (nodes x classes, row-major), plus {@code classes}. The structure
 * is checked by {@link MultiwayTree#of} and against the schema on load.
 */
public final class MultiwayTreeCodecs {

    private MultiwayTreeCodecs() {
    }

    static void write(MultiwayTree t, ModelState.Writer out) {
        out.put("classes", t.classes());
        out.putArray("feature", t.featureArray());
        out.putArray("threshold", t.thresholdArray());
        out.putArray("first_child", t.firstChildArray());
        out.putArray("child_count", t.childCountArray());
        out.putArray("branch_prob", t.branchProbArray());
        out.putArray("dist", t.distArray());
    }

    static MultiwayTree read(ModelState.Reader in) throws IOException {
        int k = in.getInt("classes");
        int expected = in.schema().classes().size();
        if (k != expected) {
            throw new ModelFormatException("the tree has " + k + " classes, the schema " + expected);
        }
        int[] feature = in.ints("feature");
        double[] threshold = in.doubles("threshold");
        int[] first = in.ints("first_child");
        int[] count = in.ints("child_count");
        double[] bp = in.doubles("branch_prob");
        double[] dist = in.doubles("dist");
        in.expectSize("threshold", threshold.length, feature.length);
        in.expectSize("first_child", first.length, feature.length);
        in.expectSize("child_count", count.length, feature.length);
        in.expectSize("branch_prob", bp.length, feature.length);
        if ((long) dist.length != (long) feature.length * k) {
            throw new ModelFormatException("dist has " + dist.length + " entries, expected " + (long) feature.length * k);
        }
        try {
            return MultiwayTree.of(feature, threshold, first, count, bp, dist, k, in.schema().featureCount());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("the stored tree is invalid: " + e.getMessage(), e);
        }
    }

    /** Codec of {@link Id3Model}. */
    public static final class Id3Codec implements ModelCodec<Id3Model> {
        @Override
        public String kind() {
            return Id3.KIND;
        }

        @Override
        public Class<Id3Model> type() {
            return Id3Model.class;
        }

        @Override
        public void write(Id3Model m, ModelState.Writer out) {
            MultiwayTreeCodecs.write(m.tree(), out);
        }

        @Override
        public Id3Model read(ModelState.Reader in) throws IOException {
            Params p = in.params(Id3.learner().params());
            MultiwayTree t = MultiwayTreeCodecs.read(in);
            try {
                return new Id3Model(p, in.schema(), in.report(), t);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(e.getMessage(), e);
            }
        }
    }

    /** Codec of {@link C45Model}. */
    public static final class C45Codec implements ModelCodec<C45Model> {
        @Override
        public String kind() {
            return C45.KIND;
        }

        @Override
        public Class<C45Model> type() {
            return C45Model.class;
        }

        @Override
        public void write(C45Model m, ModelState.Writer out) {
            MultiwayTreeCodecs.write(m.tree(), out);
        }

        @Override
        public C45Model read(ModelState.Reader in) throws IOException {
            Params p = in.params(C45.learner().params());
            MultiwayTree t = MultiwayTreeCodecs.read(in);
            try {
                return new C45Model(p, in.schema(), in.report(), t);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(e.getMessage(), e);
            }
        }
    }
}
