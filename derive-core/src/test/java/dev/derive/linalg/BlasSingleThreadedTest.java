package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.derive.runtime.Parallelism;
import org.junit.jupiter.api.Test;

/** {@link Blas#singleThreaded}: one OpenBLAS thread inside (also when nested), the setting restored after, even on an exception. */
class BlasSingleThreadedTest {

    @Test
    void switchesOpenBlasToOneThreadAndRestores() {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(3);
            assertEquals(3, Blas.threads());
            int[] seen = new int[2];
            Blas.singleThreaded(() -> {
                seen[0] = Blas.threads();
                Blas.singleThreaded(() -> seen[1] = Blas.threads());
                assertEquals(1, Blas.threads(), "a nested call keeps the switch");
            });
            assertEquals(1, seen[0]);
            assertEquals(1, seen[1]);
            assertEquals(3, Blas.threads());
            assertThrows(IllegalStateException.class, () -> Blas.singleThreaded(() -> {
                throw new IllegalStateException("boom");
            }));
            assertEquals(3, Blas.threads(), "restored after an exception");
            Parallelism.setThreads(1);
            Blas.singleThreaded(() -> assertEquals(1, Blas.threads()));
            assertEquals(1, Blas.threads());
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
