package dev.derive.bench.linalg;

import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.concurrent.TimeUnit;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dense product {@code C = A B} of two {@code n x n} matrices (BLAS {@code dgemm}, {@code 2 n^3} flops):
 * Derive's {@link Matrix#mmul} (bundled OpenBLAS, {@code Parallelism.threads()} threads) beside EJML's
 * {@code CommonOps_DDRM.mult} (single-threaded) and {@code CommonOps_MT_DDRM.mult} (EJML's own threads, as
 * many as Derive's). Every variant allocates its result, as numpy's {@code a @ b} does.
 *
 * <p>Run through {@code derive-bench/scripts/run-linalg.sh}, which gives the slow cases (large {@code n},
 * EJML) single-shot settings; the annotations are the defaults for a plain JMH run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g"})
public class GemmBench {

    @Param({"256", "512", "1024", "2000", "2048", "4096"})
    public int n;

    private Matrix a;
    private Matrix b;
    private DMatrixRMaj ea;
    private DMatrixRMaj eb;

    @Setup(Level.Trial)
    public void setUp() {
        a = LinalgInputs.general(n, n, 1);
        b = LinalgInputs.general(n, n, 2);
        ea = LinalgInputs.toEjml(a);
        eb = LinalgInputs.toEjml(b);
        EjmlConcurrency.setMaxThreads(Parallelism.threads());
    }

    /** Derive: {@code a.mmul(b)}. */
    @Benchmark
    public Matrix derive() {
        return a.mmul(b);
    }

    /** EJML, single-threaded: {@code CommonOps_DDRM.mult(a, b, c)} into a new {@code c}. */
    @Benchmark
    public DMatrixRMaj ejml() {
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(ea, eb, c);
        return c;
    }

    /** EJML, multi-threaded: {@code CommonOps_MT_DDRM.mult(a, b, c)} into a new {@code c}. */
    @Benchmark
    public DMatrixRMaj ejmlMt() {
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_MT_DDRM.mult(ea, eb, c);
        return c;
    }
}
