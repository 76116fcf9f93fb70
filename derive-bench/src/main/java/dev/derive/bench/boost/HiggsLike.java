package dev.derive.bench.boost;

import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;

/**
 * A seeded synthetic binary task shaped like the HIGGS data (Baldi et al. 2014): 21 "low-level"
 * kinematic features of four particles and 7 "high-level" features derived from them, with a label that
 * depends on both through interactions, so that trees must combine features to separate the classes.
 *
 * <p>Per row: transverse momenta {@code pt_k = exp(N(0.3k, 0.5))}, pseudo-rapidities
 * {@code eta_k ~ N(0, 1.2)}, angles {@code phi_k ~ U(-pi, pi)} for {@code k = 0..3}, missing energy
 * {@code met = exp(N(0, 0.6))} with angle {@code phi_met}, four discrete tags {@code b_j} in {0, 1, 2}
 * (one per particle) and three pure-noise features (21 in all; before generator version 2, one tag and one noise
 * feature were missing and the last two of the 28 columns were left at 0). High-level: pair masses
 * {@code m_ij = sqrt(2 pt_i pt_j (cosh(eta_i - eta_j) - cos(phi_i - phi_j)))} for (0,1), (0,2), (1,2),
 * (2,3), (1,3), the scalar sum {@code ht = sum pt_k} and {@code met / ht}. The label is Bernoulli with
 * {@code logit = 1.4 tanh(m_12 - 2) - 0.7 |eta_0 - eta_1| + 0.6 cos(phi_2 - phi_3) + 0.35 b_0 b_1
 * + 0.5 log(met) - 0.8 [m_01 > 3] + 0.4 sin(eta_2) pt_3 + c}, {@code c} chosen so that the classes are
 * about balanced; the Bayes AUC is about 0.85.
 */
public final class HiggsLike {

    /** Features per row. */
    public static final int FEATURES = 28;
    /** The generator's version, recorded beside the prepared files, so that a changed generator never reuses old files. */
    public static final int VERSION = 2;

    private HiggsLike() {
    }

    /** The data: {@code x} is n x 28, {@code y} in {0, 1}. */
    public record Data(Matrix x, int[] y) {
    }

    /** {@code n} rows from the stream seeded by {@code seed}. */
    public static Data generate(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, FEATURES);
        int[] y = new int[n];
        double[] pt = new double[4];
        double[] eta = new double[4];
        double[] phi = new double[4];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int k = 0; k < 4; k++) {
                pt[k] = Math.exp(0.3 * k + 0.5 * gauss(rnd));
                eta[k] = 1.2 * gauss(rnd);
                phi[k] = Math.PI * (2 * rnd.nextDouble() - 1);
                x.set(i, c++, pt[k]);
                x.set(i, c++, eta[k]);
                x.set(i, c++, phi[k]);
            }
            double met = Math.exp(0.6 * gauss(rnd));
            x.set(i, c++, met);
            x.set(i, c++, Math.PI * (2 * rnd.nextDouble() - 1));
            int b0 = rnd.nextInt(3);
            int b1 = rnd.nextInt(3);
            x.set(i, c++, b0);
            x.set(i, c++, b1);
            x.set(i, c++, rnd.nextInt(3));
            x.set(i, c++, rnd.nextInt(3));
            x.set(i, c++, gauss(rnd));
            x.set(i, c++, gauss(rnd));
            x.set(i, c++, gauss(rnd));
            double m01 = mass(pt, eta, phi, 0, 1);
            double m12 = mass(pt, eta, phi, 1, 2);
            x.set(i, c++, m01);
            x.set(i, c++, mass(pt, eta, phi, 0, 2));
            x.set(i, c++, m12);
            x.set(i, c++, mass(pt, eta, phi, 2, 3));
            x.set(i, c++, mass(pt, eta, phi, 1, 3));
            double ht = pt[0] + pt[1] + pt[2] + pt[3];
            x.set(i, c++, ht);
            x.set(i, c++, met / ht);
            if (c != FEATURES) {
                throw new IllegalStateException("generated " + c + " features per row, not " + FEATURES);
            }
            double logit = 1.4 * Math.tanh(m12 - 2) - 0.7 * Math.abs(eta[0] - eta[1]) + 0.6 * Math.cos(phi[2] - phi[3])
                    + 0.35 * b0 * b1 + 0.5 * Math.log(met) - 0.8 * (m01 > 3 ? 1 : 0) + 0.4 * Math.sin(eta[2]) * pt[3]
                    + 0.55;
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return new Data(x, y);
    }

    private static double mass(double[] pt, double[] eta, double[] phi, int a, int b) {
        double m2 = 2 * pt[a] * pt[b] * (Math.cosh(eta[a] - eta[b]) - Math.cos(phi[a] - phi[b]));
        return Math.sqrt(Math.max(m2, 0));
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
