package dev.derive.optim.first;

/**
 * Gradient clipping, applied to the gradient before the update rule: by value, {@code g_i <- clamp(g_i, -c, c)},
 * or by norm, {@code g <- g * min(1, c / ||g||_2)} (Pascanu, Mikolov &amp; Bengio, "On the difficulty of training
 * recurrent neural networks", ICML 2013), which keeps the direction.
 */
public sealed interface GradientClipping {

    /** Clips {@code g} in place. */
    void clip(double[] g);

    /** No clipping. */
    GradientClipping NONE = new None();

    /** Clamps every coordinate to {@code [-c, c]}, {@code c > 0}. */
    static GradientClipping byValue(double c) {
        return new ByValue(c);
    }

    /** Rescales the gradient to 2-norm at most {@code c > 0}. */
    static GradientClipping byNorm(double c) {
        return new ByNorm(c);
    }

    /** No clipping. */
    record None() implements GradientClipping {
        @Override
        public void clip(double[] g) {
        }
    }

    /** @param max the bound {@code c}, positive and finite */
    record ByValue(double max) implements GradientClipping {
        public ByValue {
            Check.positive("GradientClipping.byValue", "max", max);
        }

        @Override
        public void clip(double[] g) {
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-max, Math.min(max, g[i]));
            }
        }
    }

    /** @param maxNorm the bound {@code c} on the 2-norm, positive and finite */
    record ByNorm(double maxNorm) implements GradientClipping {
        public ByNorm {
            Check.positive("GradientClipping.byNorm", "maxNorm", maxNorm);
        }

        @Override
        public void clip(double[] g) {
            double scale = 0;
            for (double v : g) {
                scale = Math.max(scale, Math.abs(v));
            }
            if (scale == 0 || !Double.isFinite(scale)) {
                return;
            }
            double s = 0;
            for (double v : g) {
                double r = v / scale;
                s += r * r;
            }
            double norm = scale * Math.sqrt(s);
            if (norm > maxNorm) {
                double f = maxNorm / norm;
                for (int i = 0; i < g.length; i++) {
                    g[i] *= f;
                }
            }
        }
    }
}
