package dev.derive.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Renders XChart charts to PNG (AWT, anti-aliased) or SVG ({@link SvgGraphics}), chosen by the file's
 * extension, with a common look: white background, light grid, a colour-blind-safe palette (Okabe &amp;
 * Ito 2008).
 */
final class Charts {

    /** Okabe-Ito colours, then a few more. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9),
        new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000), new Color(0x999999), new Color(0x8C564B),
    };

    private Charts() {
    }

    /** The {@code k}-th palette colour. */
    static Color color(int k) {
        return PALETTE[Math.floorMod(k, PALETTE.length)];
    }

    /** {@code c} mixed with white: {@code t = 0} gives {@code c}, {@code t = 1} white. */
    static Color tint(Color c, double t) {
        return new Color((int) Math.round(c.getRed() + (255 - c.getRed()) * t),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * t),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * t));
    }

    /** The output format of {@code file}: "png" or "svg"; anything else is a usage error. */
    static String format(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "png";
        }
        if (n.endsWith(".svg")) {
            return "svg";
        }
        throw CliException.usage("--out " + file + ": the plot format comes from the extension, .png or .svg");
    }

    /** An XY chart with the common style. */
    static XYChart xy(int w, int h, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        return c;
    }

    /** The common look. */
    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setChartFontColor(Color.BLACK);
        s.setSeriesColors(PALETTE);
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(12);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotBackgroundColor(Color.WHITE);
            a.setPlotBorderColor(new Color(0x888888));
            a.setPlotGridLinesColor(new Color(0xE5E5E5));
            a.setAxisTickMarksColor(new Color(0x888888));
        }
    }

    /**
     * Writes {@code chart} to {@code file} ({@code w x h} pixels). {@code underlay}, if not null, paints
     * first, in device coordinates, over a white background (the chart's own backgrounds should then be
     * transparent).
     */
    static void write(Chart<?, ?> chart, Path file, int w, int h, Consumer<Graphics2D> underlay) throws IOException {
        draw(file, w, h, g -> {
            if (underlay != null) {
                underlay.accept(g);
            }
            chart.paint(g, w, h);
        });
    }

    /**
     * Writes what {@code painter} draws on a white {@code w x h} canvas to {@code file}: SVG or PNG by the
     * extension.
     */
    static void draw(Path file, int w, int h, Consumer<Graphics2D> painter) throws IOException {
        String fmt = format(file);
        if (fmt.equals("svg")) {
            SvgGraphics g = new SvgGraphics(w, h);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            painter.accept(g);
            Files.writeString(file, g.toSvg(), StandardCharsets.UTF_8);
            return;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        painter.accept(g);
        g.dispose();
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Paints {@code chart} once on a scratch canvas of the same kind as {@code file}, to lay it out. */
    static void layout(Chart<?, ?> chart, Path file, int w, int h) {
        if (format(file).equals("svg")) {
            chart.paint(new SvgGraphics(w, h), w, h);
        } else {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            hints(g);
            chart.paint(g, w, h);
            g.dispose();
        }
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    /**
     * An invisible annotation that records, when the chart is painted, where two data points land on
     * the canvas, so that the CLI can paint under the plot area in data coordinates (linear axes).
     */
    static final class AxisProbe extends Annotation {
        private final double x0;
        private final double x1;
        private final double y0;
        private final double y1;
        private double sx0 = Double.NaN;
        private double sx1;
        private double sy0;
        private double sy1;

        AxisProbe(double x0, double x1, double y0, double y1) {
            super(false);
            this.x0 = x0;
            this.x1 = x1;
            this.y0 = y0;
            this.y1 = y1;
        }

        @Override
        public void init(AxesChart<?, ?> chart) {
            super.init(chart);
        }

        @Override
        public void paint(Graphics2D g) {
            sx0 = getXAxisScreenValue(x0);
            sx1 = getXAxisScreenValue(x1);
            sy0 = getYAxisScreenValue(y0);
            sy1 = getYAxisScreenValue(y1);
        }

        boolean ready() {
            return !Double.isNaN(sx0);
        }

        /** Canvas x of data x. */
        double screenX(double x) {
            return sx0 + (x - x0) * (sx1 - sx0) / (x1 - x0);
        }

        /** Canvas y of data y. */
        double screenY(double y) {
            return sy0 + (y - y0) * (sy1 - sy0) / (y1 - y0);
        }
    }
}
