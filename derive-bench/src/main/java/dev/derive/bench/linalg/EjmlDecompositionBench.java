package dev.derive.bench.linalg;

import dev.derive.runtime.Parallelism;
import java.util.concurrent.TimeUnit;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.DecompositionInterface;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The peer side of the decomposition benchmarks: EJML 0.46.1 dense row-major ({@code DDRM}) on the inputs
 * of {@link LinalgInputs}, the same numbers Derive decomposes in {@code DeriveDecompositionBench}.
 *
 * <ul>
 *   <li>{@code cholSolve}: {@code LinearSolverFactory_DDRM.chol(n)}, factor {@code A} (SPD) and solve
 *       {@code A x = b} for one right-hand side.</li>
 *   <li>{@code svd}: {@code DecompositionFactory_DDRM.svd(n, n, needU, needV, compact)}, the compact SVD
 *       with {@code U} and {@code V}; {@code svdValues}: singular values only.</li>
 *   <li>{@code eigh}: {@code DecompositionFactory_DDRM.eig(n, needVectors, symmetric)}, the symmetric
 *       eigendecomposition with vectors; {@code eighValues}: eigenvalues only.</li>
 * </ul>
 *
 * <p>The {@code ...Mt} variants use EJML's multi-threaded factories ({@code *_MT_DDRM}) with as many threads
 * as Derive uses. Each call builds a fresh decomposition and copies the input if EJML would overwrite it,
 * as Derive's decompositions copy theirs; the decomposition object, which holds the computed factors, is
 * consumed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g"})
public class EjmlDecompositionBench {

    @Param({"500", "1000", "2000"})
    public int n;

    private DMatrixRMaj spd;
    private DMatrixRMaj rhs;
    private DMatrixRMaj general;
    private DMatrixRMaj symmetric;

    @Setup(Level.Trial)
    public void setUp() {
        spd = LinalgInputs.toEjml(LinalgInputs.spd(n, 10));
        rhs = LinalgInputs.toEjml(LinalgInputs.general(n, 1, 11));
        general = LinalgInputs.toEjml(LinalgInputs.general(n, n, 12));
        symmetric = LinalgInputs.toEjml(LinalgInputs.symmetric(n, 13));
        EjmlConcurrency.setMaxThreads(Parallelism.threads());
    }

    // ---------------------------------------------------------------- Cholesky solve

    @Benchmark
    public DMatrixRMaj cholSolve() {
        return cholSolve(LinearSolverFactory_DDRM.chol(n));
    }

    @Benchmark
    public DMatrixRMaj cholSolveMt() {
        return cholSolve(LinearSolverFactory_MT_DDRM.chol(n));
    }

    private DMatrixRMaj cholSolve(LinearSolverDense<DMatrixRMaj> solver) {
        if (!solver.setA(solver.modifiesA() ? spd.copy() : spd)) {
            throw new IllegalStateException("EJML Cholesky failed on an SPD matrix, n = " + n);
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        solver.solve(solver.modifiesB() ? rhs.copy() : rhs, x);
        return x;
    }

    // ---------------------------------------------------------------- SVD

    @Benchmark
    public void svd(Blackhole bh) {
        bh.consume(decompose(DecompositionFactory_DDRM.svd(n, n, true, true, true), general));
    }

    @Benchmark
    public void svdMt(Blackhole bh) {
        bh.consume(decompose(DecompositionFactory_MT_DDRM.svd(n, n, true, true, true), general));
    }

    @Benchmark
    public void svdValues(Blackhole bh) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = decompose(
                DecompositionFactory_DDRM.svd(n, n, false, false, true), general);
        bh.consume(svd.getSingularValues());
    }

    @Benchmark
    public void svdValuesMt(Blackhole bh) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = decompose(
                DecompositionFactory_MT_DDRM.svd(n, n, false, false, true), general);
        bh.consume(svd.getSingularValues());
    }

    // ---------------------------------------------------------------- symmetric eigen

    @Benchmark
    public void eigh(Blackhole bh) {
        bh.consume(decompose(DecompositionFactory_DDRM.eig(n, true, true), symmetric));
    }

    @Benchmark
    public void eighMt(Blackhole bh) {
        bh.consume(decompose(DecompositionFactory_MT_DDRM.eig(n, true, true), symmetric));
    }

    @Benchmark
    public void eighValues(Blackhole bh) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(DecompositionFactory_DDRM.eig(n, false, true), symmetric);
        bh.consume(eig.getEigenvalue(0));
        bh.consume(eig);
    }

    @Benchmark
    public void eighValuesMt(Blackhole bh) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(DecompositionFactory_MT_DDRM.eig(n, false, true), symmetric);
        bh.consume(eig.getEigenvalue(0));
        bh.consume(eig);
    }

    private <D extends DecompositionInterface<DMatrixRMaj>> D decompose(D d, DMatrixRMaj input) {
        if (!d.decompose(d.inputModified() ? input.copy() : input)) {
            throw new IllegalStateException("EJML " + d.getClass().getSimpleName() + " failed, n = " + n);
        }
        return d;
    }
}
