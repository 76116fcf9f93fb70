package dev.derive.bench.linalg;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SVD;
import dev.derive.linalg.SymmetricEigen;
import java.util.concurrent.TimeUnit;
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
 * Derive's dense decompositions (LAPACK in the bundled OpenBLAS, {@code Parallelism.threads()} threads) on
 * the inputs of {@link LinalgInputs}, the same numbers EJML decomposes in {@link EjmlDecompositionBench}.
 *
 * <ul>
 *   <li>{@code cholSolve}: {@code Cholesky.of(a).solve(b)}, factor {@code A} (SPD) and solve for one
 *       right-hand side.</li>
 *   <li>{@code svd}: {@code SVD.of(a)}, the thin SVD with {@code U} and {@code V}; {@code svdValues}:
 *       {@code SVD.values(a)}.</li>
 *   <li>{@code eigh}: {@code SymmetricEigen.of(a)}, values and vectors; {@code eighValues}:
 *       {@code SymmetricEigen.values(a)}.</li>
 * </ul>
 *
 * <p>The decompositions copy their input; the returned object, which holds the computed factors, is
 * consumed (its accessors return copies, which are not part of the timing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx4g"})
public class DeriveDecompositionBench {

    @Param({"500", "1000", "2000"})
    public int n;

    private Matrix spd;
    private Matrix rhs;
    private Matrix general;
    private Matrix symmetric;

    @Setup(Level.Trial)
    public void setUp() {
        spd = LinalgInputs.spd(n, 10);
        rhs = LinalgInputs.general(n, 1, 11);
        general = LinalgInputs.general(n, n, 12);
        symmetric = LinalgInputs.symmetric(n, 13);
    }

    @Benchmark
    public Matrix cholSolve() {
        return Cholesky.of(spd).solve(rhs);
    }

    @Benchmark
    public void svd(Blackhole bh) {
        bh.consume(SVD.of(general));
    }

    @Benchmark
    public void svdValues(Blackhole bh) {
        bh.consume(SVD.values(general));
    }

    @Benchmark
    public void eigh(Blackhole bh) {
        bh.consume(SymmetricEigen.of(symmetric));
    }

    @Benchmark
    public void eighValues(Blackhole bh) {
        bh.consume(SymmetricEigen.values(symmetric));
    }
}
