package dev.derive.bench.linalg;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SVD;
import dev.derive.linalg.SymmetricEigen;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Checks, before timing, that the Derive and EJML sides of the linalg benchmarks compute the same thing on
 * the same inputs: the product, the Cholesky solution, the singular values (and that both SVDs reconstruct
 * {@code A} from thin factors), the symmetric eigenvalues. Run by {@code run-linalg.sh}; exits with status
 * 1 and a message if a difference exceeds {@code 1e-8} relative to the scale of the result.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.derive.bench.linalg.CrossCheck [n]} (default {@code n = 200}).
 */
public final class CrossCheck {

    private static final double TOL = 1e-8;
    private static boolean failed;

    private CrossCheck() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;

        Matrix a = LinalgInputs.general(n, n, 1);
        Matrix b = LinalgInputs.general(n, n, 2);
        DMatrixRMaj ec = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(LinalgInputs.toEjml(a), LinalgInputs.toEjml(b), ec);
        report("dgemm", a.mmul(b), ec);

        Matrix spd = LinalgInputs.spd(n, 10);
        Matrix rhs = LinalgInputs.general(n, 1, 11);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(LinalgInputs.toEjml(spd))) {
            fail("EJML Cholesky rejected the SPD input");
        }
        DMatrixRMaj ex = new DMatrixRMaj(n, 1);
        chol.solve(LinalgInputs.toEjml(rhs), ex);
        report("cholSolve", Cholesky.of(spd).solve(rhs), ex);

        Matrix g = LinalgInputs.general(n, n, 12);
        SVD svd = SVD.of(g);
        SingularValueDecomposition_F64<DMatrixRMaj> esvd = DecompositionFactory_DDRM.svd(n, n, true, true, true);
        if (!esvd.decompose(LinalgInputs.toEjml(g))) {
            fail("EJML SVD failed");
        }
        double[] es = esvd.getSingularValues().clone();
        Arrays.sort(es);
        reverse(es);
        report("svd values", svd.singularValues(), es);
        report("svd values only", SVD.values(g), es);
        report("svd: Derive U S V' = A", svd.u().mmul(svd.s()).mmul(svd.vt()), LinalgInputs.toEjml(g));
        DMatrixRMaj us = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(esvd.getU(null, false), esvd.getW(null), us);
        DMatrixRMaj usv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(us, esvd.getV(null, false), usv);
        report("svd: EJML U W V' = A", g, usv);
        if (esvd.getU(null, false).numCols != n || esvd.getV(null, false).numCols != n) {
            fail("EJML compact SVD factors are not n x n");
        }

        Matrix s = LinalgInputs.symmetric(n, 13);
        SymmetricEigen eig = SymmetricEigen.of(s);
        EigenDecomposition_F64<DMatrixRMaj> eeig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eeig.decompose(LinalgInputs.toEjml(s))) {
            fail("EJML symmetric eigen failed");
        }
        double[] ew = new double[n];
        for (int i = 0; i < n; i++) {
            ew[i] = eeig.getEigenvalue(i).getReal();
            if (eeig.getEigenVector(i) == null) {
                fail("EJML returned no eigenvector " + i);
            }
        }
        Arrays.sort(ew);
        report("eigh values", eig.values(), ew);
        report("eigh values only", SymmetricEigen.values(s), ew);

        if (failed) {
            System.exit(1);
        }
        System.out.println("CrossCheck: Derive and EJML agree at n = " + n);
    }

    private static void report(String what, Matrix d, DMatrixRMaj e) {
        report(what, d.toArray(), colMajor(e));
    }

    private static void report(String what, Matrix d, Matrix e) {
        report(what, d.toArray(), e.toArray());
    }

    private static void report(String what, double[] d, double[] e) {
        if (d.length != e.length) {
            fail(what + ": lengths differ, Derive " + d.length + ", EJML " + e.length);
            return;
        }
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < d.length; i++) {
            scale = Math.max(scale, Math.abs(d[i]));
            diff = Math.max(diff, Math.abs(d[i] - e[i]));
        }
        double rel = diff / Math.max(scale, Double.MIN_NORMAL);
        System.out.printf("CrossCheck %-28s max |Derive - EJML| / max|Derive| = %.2e%n", what, rel);
        if (!(rel <= TOL)) {
            fail(what + ": relative difference " + rel + " exceeds " + TOL);
        }
    }

    private static double[] colMajor(DMatrixRMaj e) {
        double[] out = new double[e.numRows * e.numCols];
        for (int i = 0; i < e.numRows; i++) {
            for (int j = 0; j < e.numCols; j++) {
                out[i + j * e.numRows] = e.get(i, j);
            }
        }
        return out;
    }

    private static void reverse(double[] v) {
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }

    private static void fail(String message) {
        System.err.println("CrossCheck FAILED: " + message);
        failed = true;
    }
}
