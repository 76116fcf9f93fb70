package dev.derive.ensemble;

import dev.derive.learn.persist.ModelFormatException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Ragged arrays in model files: a list of primitive arrays ({@code int[]}, {@code double[]}) is stored as their
 * lengths and their concatenation (the feature subsets of {@link BaggingCodecs}, the isotonic calibrators of
 * {@link CalibratedClassifierCodec}) and read back by splitting the concatenation at those lengths.
 */
final class RaggedArrays {

    private RaggedArrays() {
    }

    /** The lengths of the arrays {@code parts}. */
    static int[] lengths(List<?> parts) {
        int[] sizes = new int[parts.size()];
        for (int t = 0; t < sizes.length; t++) {
            sizes[t] = Array.getLength(parts.get(t));
        }
        return sizes;
    }

    /** The concatenation of the arrays {@code parts}, in an array made by {@code make} (e.g. {@code int[]::new}). */
    static <A> A concat(List<A> parts, IntFunction<A> make) {
        int total = 0;
        for (A part : parts) {
            total += Array.getLength(part);
        }
        A flat = make.apply(total);
        int at = 0;
        for (A part : parts) {
            int len = Array.getLength(part);
            System.arraycopy(part, 0, flat, at, len);
            at += len;
        }
        return flat;
    }

    /**
     * The total of stored lengths {@code sizes}, each of which must be at least 1 (else a
     * {@link ModelFormatException} with {@code tooSmall} of the bad length as message); capped at
     * {@code Integer.MAX_VALUE} so that a size check against it fails rather than overflows.
     */
    static int total(int[] sizes, IntFunction<String> tooSmall) throws ModelFormatException {
        long total = 0;
        for (int s : sizes) {
            if (s < 1) {
                throw new ModelFormatException(tooSmall.apply(s));
            }
            total += s;
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /**
     * The array {@code flat} split into consecutive pieces of lengths {@code sizes} (their sum must not exceed its
     * length), each made by {@code make}.
     */
    static <A> List<A> split(A flat, int[] sizes, IntFunction<A> make) {
        List<A> out = new ArrayList<>(sizes.length);
        int at = 0;
        for (int s : sizes) {
            A piece = make.apply(s);
            System.arraycopy(flat, at, piece, 0, s);
            out.add(piece);
            at += s;
        }
        return out;
    }
}
