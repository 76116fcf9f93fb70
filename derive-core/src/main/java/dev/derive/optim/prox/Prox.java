package dev.derive.optim.prox;

import dev.derive.optim.Bounds;

/** Factories for the proximal operators of this package. */
public final class Prox {
    private Prox() {
    }

    /** {@code g = 0}: the prox is the identity. */
    public static ProximalFunction zero() {
        return new SquaredL2Norm(0);
    }

    /** {@code lambda ||x||_1} (soft thresholding). */
    public static ProximalFunction l1(double lambda) {
        return new L1Norm(lambda);
    }

    /** {@code lambda ||x||_2} (block soft thresholding). */
    public static ProximalFunction l2(double lambda) {
        return new L2Norm(lambda);
    }

    /** {@code (lambda/2) ||x||_2^2} (shrinkage). */
    public static ProximalFunction squaredL2(double lambda) {
        return new SquaredL2Norm(lambda);
    }

    /** {@code lambda1 ||x||_1 + (lambda2/2) ||x||_2^2}. */
    public static ProximalFunction elasticNet(double lambda1, double lambda2) {
        return new ElasticNet(lambda1, lambda2);
    }

    /** {@code lambda sum_g sqrt(|g|) ||x_g||_2} for the groups {@code groupOf} (-1: unpenalised). */
    public static ProximalFunction groupLasso(double lambda, int[] groupOf) {
        return GroupLasso.of(lambda, groupOf);
    }

    /** The indicator of the box (projection). */
    public static ProximalFunction box(Bounds bounds) {
        return new BoxIndicator(bounds);
    }

    /** The indicator of {@code x >= 0} in {@code n} dimensions. */
    public static ProximalFunction nonNegative(int n) {
        return new BoxIndicator(Bounds.nonNegative(n));
    }

    /** The indicator of the probability simplex {@code {x >= 0, sum x = 1}}. */
    public static ProximalFunction simplex() {
        return new SimplexIndicator(1);
    }

    /** The indicator of {@code {x >= 0, sum x = radius}}. */
    public static ProximalFunction simplex(double radius) {
        return new SimplexIndicator(radius);
    }

    /** The indicator of {@code ||x||_2 <= radius}. */
    public static ProximalFunction l2Ball(double radius) {
        return new L2BallIndicator(radius);
    }

    /** The indicator of {@code ||x||_inf <= radius}. */
    public static ProximalFunction lInfBall(double radius) {
        return new LInfBallIndicator(radius);
    }

    /** {@code lambda ||X||_*} of a {@code rows x cols} matrix stored column-major (singular value thresholding). */
    public static ProximalFunction nuclearNorm(double lambda, int rows, int cols) {
        return new NuclearNorm(lambda, rows, cols);
    }
}
