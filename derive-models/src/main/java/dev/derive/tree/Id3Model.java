package dev.derive.tree;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted ID3 tree ({@link Id3}): a row follows the branch of its level at each test down to a leaf,
 * whose class shares are its probabilities; the prediction is the most probable class (the lowest index on
 * a tie). Missing values and level codes not in the training schema are rejected. Immutable and thread-safe.
 */
public final class Id3Model extends AbstractModel implements Classifier {

    private final MultiwayTree tree;

    Id3Model(Params params, ModelSchema schema, TrainingReport report, MultiwayTree tree) {
        super(params, schema, report);
        C45Model.checkTree(tree, schema);
        this.tree = tree;
    }

    @Override
    public String kind() {
        return Id3.KIND;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, Id3.NAME, true);
        return tree.proba(x, schema().features());
    }

    @Override
    public int[] predict(Matrix x) {
        return MultiwayTree.argmax(predictProba(x));
    }

    /** The fitted tree. */
    public MultiwayTree tree() {
        return tree;
    }

    /** The tree as indented text (see {@link MultiwayTree#toText}). */
    public String toText() {
        return tree.toText(schema().features(), schema().classes());
    }
}
