package dev.derive.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Shared plumbing for calls into the bundled LAPACK (LAPACKE, column-major). The decompositions call
 * {@code openblas.LAPACKE_*} with contiguous column-major arrays they own, then pass the returned
 * {@code info} code here: a negative code is an illegal argument, i.e. a bug in Derive, never the
 * user's input, and is reported as such. Positive codes mean different things per routine and are
 * handled by the caller with a message about the user's matrix.
 */
final class Lapack {

    /** {@code LAPACK_COL_MAJOR}. */
    static final int COL_MAJOR = openblas.LAPACK_COL_MAJOR;

    static {
        Blas.init(); // loads the native library and applies the thread setting
    }

    private Lapack() {
    }

    /** Throws if {@code info < 0} (illegal argument: an internal error). Returns {@code info}. */
    static int check(int info, String routine) {
        if (info < 0) {
            throw new IllegalStateException(routine + ": LAPACK rejected argument " + (-info)
                    + " (an internal error in Derive; please report it)");
        }
        return info;
    }

    /** The byte LAPACKE takes for a character option. */
    static byte ch(char c) {
        return (byte) c;
    }
}
