package dev.derive.cli;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.LinearGradientPaint;
import java.awt.Paint;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedCharacterIterator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A {@link Graphics2D} that records what is painted as SVG, so that any chart that paints itself on a
 * {@code Graphics2D} (XChart's {@code paint(g, w, h)}) can be written as a vector file. Every shape is
 * transformed to device space and written as a filled {@code <path>}: outlines are the stroke's
 * outline ({@link Stroke#createStrokedShape}), text is the glyph outlines, so the file looks the same
 * in every viewer without fonts. Clips become {@code <clipPath>}s, colours carry their alpha, linear
 * gradients become {@code <linearGradient>}s and images are embedded as PNG.
 */
final class SvgGraphics extends Graphics2D {

    /** What all copies made by {@link #create()} write to. */
    private static final class Doc {
        final int width;
        final int height;
        final StringBuilder defs = new StringBuilder();
        final StringBuilder body = new StringBuilder();
        final Map<String, String> clipIds = new HashMap<>();
        final Graphics2D scratch;
        int nextId;

        Doc(int width, int height) {
            this.width = width;
            this.height = height;
            BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
            scratch = img.createGraphics();
            scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            scratch.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        }
    }

    private final Doc doc;
    private AffineTransform transform = new AffineTransform();
    private Shape clip; // device space; null = none
    private Paint paint = Color.BLACK;
    private Color color = Color.BLACK;
    private Color background = Color.WHITE;
    private Stroke stroke = new BasicStroke(1f);
    private Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private Composite composite = AlphaComposite.SrcOver;
    private final RenderingHints hints = new RenderingHints(null);

    /** A blank canvas of {@code width x height} pixels. */
    SvgGraphics(int width, int height) {
        this.doc = new Doc(width, height);
        hints.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        hints.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    private SvgGraphics(SvgGraphics g) {
        this.doc = g.doc;
        this.transform = new AffineTransform(g.transform);
        this.clip = g.clip;
        this.paint = g.paint;
        this.color = g.color;
        this.background = g.background;
        this.stroke = g.stroke;
        this.font = g.font;
        this.composite = g.composite;
        this.hints.putAll(g.hints);
    }

    /** The SVG document of everything painted so far. */
    String toSvg() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
                .append(doc.width).append("\" height=\"").append(doc.height).append("\" viewBox=\"0 0 ")
                .append(doc.width).append(' ').append(doc.height).append("\">\n");
        if (!doc.defs.isEmpty()) {
            sb.append("<defs>\n").append(doc.defs).append("</defs>\n");
        }
        sb.append(doc.body).append("</svg>\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ output

    private static String num(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String pathData(Shape deviceShape) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = deviceShape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3])).append(' ').append(num(c[4])).append(' ')
                        .append(num(c[5]));
                case PathIterator.SEG_CLOSE -> d.append('Z');
                default -> throw new IllegalStateException();
            }
        }
        return d.toString();
    }

    private double compositeAlpha() {
        return composite instanceof AlphaComposite a ? a.getAlpha() : 1.0;
    }

    /** The fill attributes of the current paint, or null if nothing would show. */
    private String fillAttributes() {
        double alpha = compositeAlpha();
        if (paint instanceof Color c) {
            alpha *= c.getAlpha() / 255.0;
            if (alpha <= 0) {
                return null;
            }
            return "fill=\"" + hex(c) + "\"" + (alpha < 1 ? " fill-opacity=\"" + num3(alpha) + "\"" : "");
        }
        if (paint instanceof GradientPaint gp) {
            return gradient(gp.getPoint1(), gp.getPoint2(), new float[] {0f, 1f}, new Color[] {gp.getColor1(), gp.getColor2()}, alpha);
        }
        if (paint instanceof LinearGradientPaint lp) {
            return gradient(lp.getStartPoint(), lp.getEndPoint(), lp.getFractions(), lp.getColors(), alpha);
        }
        return "fill=\"#808080\"" + (alpha < 1 ? " fill-opacity=\"" + num3(alpha) + "\"" : "");
    }

    private String gradient(Point2D p1, Point2D p2, float[] fractions, Color[] colors, double alpha) {
        Point2D a = transform.transform(p1, null);
        Point2D b = transform.transform(p2, null);
        String id = "g" + doc.nextId++;
        doc.defs.append("<linearGradient id=\"").append(id).append("\" gradientUnits=\"userSpaceOnUse\" x1=\"")
                .append(num(a.getX())).append("\" y1=\"").append(num(a.getY())).append("\" x2=\"").append(num(b.getX()))
                .append("\" y2=\"").append(num(b.getY())).append("\">");
        for (int k = 0; k < fractions.length; k++) {
            doc.defs.append("<stop offset=\"").append(num3(fractions[k])).append("\" stop-color=\"").append(hex(colors[k]))
                    .append("\" stop-opacity=\"").append(num3(alpha * colors[k].getAlpha() / 255.0)).append("\"/>");
        }
        doc.defs.append("</linearGradient>\n");
        return "fill=\"url(#" + id + ")\"";
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String num3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private String clipAttribute() {
        if (clip == null) {
            return "";
        }
        String d = pathData(clip);
        String id = doc.clipIds.get(d);
        if (id == null) {
            id = "c" + doc.nextId++;
            doc.clipIds.put(d, id);
            doc.defs.append("<clipPath id=\"").append(id).append("\"><path d=\"").append(d).append("\"/></clipPath>\n");
        }
        return " clip-path=\"url(#" + id + ")\"";
    }

    // ------------------------------------------------------------------ drawing

    @Override
    public void fill(Shape s) {
        String fill = fillAttributes();
        if (fill == null) {
            return;
        }
        Shape d = transform.createTransformedShape(s);
        String data = pathData(d);
        if (data.isEmpty()) {
            return;
        }
        boolean evenOdd = d.getPathIterator(null).getWindingRule() == PathIterator.WIND_EVEN_ODD;
        boolean crisp = hints.get(RenderingHints.KEY_ANTIALIASING) == RenderingHints.VALUE_ANTIALIAS_OFF;
        doc.body.append("<path d=\"").append(data).append("\" ").append(fill)
                .append(evenOdd ? " fill-rule=\"evenodd\"" : "").append(crisp ? " shape-rendering=\"crispEdges\"" : "")
                .append(clipAttribute()).append("/>\n");
    }

    @Override
    public void draw(Shape s) {
        fill(stroke.createStrokedShape(s));
    }

    @Override
    public void drawString(String str, int x, int y) {
        drawString(str, (float) x, (float) y);
    }

    @Override
    public void drawString(String str, float x, float y) {
        if (str == null || str.isEmpty()) {
            return;
        }
        drawGlyphVector(font.createGlyphVector(getFontRenderContext(), str), x, y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, int x, int y) {
        drawString(iterator, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, float x, float y) {
        if (iterator.getEndIndex() > iterator.getBeginIndex()) {
            new TextLayout(iterator, getFontRenderContext()).draw(this, x, y);
        }
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        fill(g.getOutline(x, y));
    }

    @Override
    public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
        Shape d = transform.createTransformedShape(onStroke ? stroke.createStrokedShape(s) : s);
        return d.intersects(rect);
    }

    @Override
    public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) {
        BufferedImage b = toBuffered(img);
        if (b == null) {
            return true;
        }
        AffineTransform t = new AffineTransform(transform);
        if (xform != null) {
            t.concatenate(xform);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(b, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] m = new double[6];
        t.getMatrix(m);
        double alpha = compositeAlpha();
        doc.body.append("<image width=\"").append(b.getWidth()).append("\" height=\"").append(b.getHeight())
                .append("\" transform=\"matrix(").append(num3(m[0])).append(' ').append(num3(m[1])).append(' ')
                .append(num3(m[2])).append(' ').append(num3(m[3])).append(' ').append(num(m[4])).append(' ')
                .append(num(m[5])).append(")\"").append(alpha < 1 ? " opacity=\"" + num3(alpha) + "\"" : "")
                .append(clipAttribute()).append(" xlink:href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
        return true;
    }

    private static BufferedImage toBuffered(Image img) {
        if (img == null) {
            return null;
        }
        if (img instanceof BufferedImage b) {
            return b;
        }
        int w = img.getWidth(null);
        int h = img.getHeight(null);
        if (w <= 0 || h <= 0) {
            return null;
        }
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = b.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return b;
    }

    @Override
    public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) {
        BufferedImage f = op == null ? img : op.filter(img, null);
        drawImage(f, AffineTransform.getTranslateInstance(x, y), null);
    }

    @Override
    public void drawRenderedImage(RenderedImage img, AffineTransform xform) {
        if (img instanceof BufferedImage b) {
            drawImage(b, xform, null);
        }
    }

    @Override
    public void drawRenderableImage(RenderableImage img, AffineTransform xform) {
        drawRenderedImage(img.createDefaultRendering(), xform);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, ImageObserver observer) {
        return drawImage(img, AffineTransform.getTranslateInstance(x, y), observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, ImageObserver observer) {
        BufferedImage b = toBuffered(img);
        if (b == null) {
            return true;
        }
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.scale(width / (double) b.getWidth(), height / (double) b.getHeight());
        return drawImage(b, t, observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, Color bgcolor, ImageObserver observer) {
        return drawImage(img, x, y, observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, Color bgcolor, ImageObserver observer) {
        return drawImage(img, x, y, width, height, observer);
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
                             ImageObserver observer) {
        BufferedImage b = toBuffered(img);
        if (b == null || sx2 <= sx1 || sy2 <= sy1) {
            return true;
        }
        BufferedImage sub = b.getSubimage(sx1, sy1, sx2 - sx1, sy2 - sy1);
        return drawImage(sub, dx1, dy1, dx2 - dx1, dy2 - dy1, observer);
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
                             Color bgcolor, ImageObserver observer) {
        return drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, observer);
    }

    @Override
    public void drawLine(int x1, int y1, int x2, int y2) {
        draw(new Line2D.Float(x1, y1, x2, y2));
    }

    @Override
    public void fillRect(int x, int y, int width, int height) {
        fill(new Rectangle(x, y, width, height));
    }

    @Override
    public void drawRect(int x, int y, int width, int height) {
        draw(new Rectangle(x, y, width, height));
    }

    @Override
    public void clearRect(int x, int y, int width, int height) {
        Paint p = paint;
        Composite c = composite;
        paint = background;
        composite = AlphaComposite.SrcOver;
        fillRect(x, y, width, height);
        paint = p;
        composite = c;
    }

    @Override
    public void drawRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {
        draw(new RoundRectangle2D.Float(x, y, width, height, arcWidth, arcHeight));
    }

    @Override
    public void fillRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {
        fill(new RoundRectangle2D.Float(x, y, width, height, arcWidth, arcHeight));
    }

    @Override
    public void drawOval(int x, int y, int width, int height) {
        draw(new Ellipse2D.Float(x, y, width, height));
    }

    @Override
    public void fillOval(int x, int y, int width, int height) {
        fill(new Ellipse2D.Float(x, y, width, height));
    }

    @Override
    public void drawArc(int x, int y, int width, int height, int startAngle, int arcAngle) {
        draw(new Arc2D.Float(x, y, width, height, startAngle, arcAngle, Arc2D.OPEN));
    }

    @Override
    public void fillArc(int x, int y, int width, int height, int startAngle, int arcAngle) {
        fill(new Arc2D.Float(x, y, width, height, startAngle, arcAngle, Arc2D.PIE));
    }

    @Override
    public void drawPolyline(int[] xPoints, int[] yPoints, int nPoints) {
        if (nPoints < 2) {
            return;
        }
        Path2D.Float p = new Path2D.Float();
        p.moveTo(xPoints[0], yPoints[0]);
        for (int k = 1; k < nPoints; k++) {
            p.lineTo(xPoints[k], yPoints[k]);
        }
        draw(p);
    }

    @Override
    public void drawPolygon(int[] xPoints, int[] yPoints, int nPoints) {
        draw(new Polygon(xPoints, yPoints, nPoints));
    }

    @Override
    public void fillPolygon(int[] xPoints, int[] yPoints, int nPoints) {
        fill(new Polygon(xPoints, yPoints, nPoints));
    }

    @Override
    public void copyArea(int x, int y, int width, int height, int dx, int dy) {
        // a recorded document has no pixels to copy
    }

    // ------------------------------------------------------------------ state

    @Override
    public Graphics create() {
        return new SvgGraphics(this);
    }

    @Override
    public void dispose() {
        // nothing to release
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return doc.scratch.getDeviceConfiguration();
    }

    @Override
    public void setComposite(Composite comp) {
        if (comp != null) {
            composite = comp;
        }
    }

    @Override
    public Composite getComposite() {
        return composite;
    }

    @Override
    public void setPaint(Paint paint) {
        if (paint != null) {
            this.paint = paint;
            if (paint instanceof Color c) {
                color = c;
            }
        }
    }

    @Override
    public Paint getPaint() {
        return paint;
    }

    @Override
    public Color getColor() {
        return color;
    }

    @Override
    public void setColor(Color c) {
        if (c != null) {
            color = c;
            paint = c;
        }
    }

    @Override
    public void setPaintMode() {
        // always paint mode
    }

    @Override
    public void setXORMode(Color c1) {
        // XOR has no SVG equivalent; keep painting normally
    }

    @Override
    public void setStroke(Stroke s) {
        if (s != null) {
            stroke = s;
        }
    }

    @Override
    public Stroke getStroke() {
        return stroke;
    }

    @Override
    public void setRenderingHint(RenderingHints.Key hintKey, Object hintValue) {
        hints.put(hintKey, hintValue);
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key hintKey) {
        return hints.get(hintKey);
    }

    @Override
    public void setRenderingHints(Map<?, ?> h) {
        hints.clear();
        hints.putAll(h);
    }

    @Override
    public void addRenderingHints(Map<?, ?> h) {
        hints.putAll(h);
    }

    @Override
    public RenderingHints getRenderingHints() {
        return (RenderingHints) hints.clone();
    }

    @Override
    public void translate(int x, int y) {
        transform.translate(x, y);
    }

    @Override
    public void translate(double tx, double ty) {
        transform.translate(tx, ty);
    }

    @Override
    public void rotate(double theta) {
        transform.rotate(theta);
    }

    @Override
    public void rotate(double theta, double x, double y) {
        transform.rotate(theta, x, y);
    }

    @Override
    public void scale(double sx, double sy) {
        transform.scale(sx, sy);
    }

    @Override
    public void shear(double shx, double shy) {
        transform.shear(shx, shy);
    }

    @Override
    public void transform(AffineTransform tx) {
        transform.concatenate(tx);
    }

    @Override
    public void setTransform(AffineTransform tx) {
        transform = new AffineTransform(tx);
    }

    @Override
    public AffineTransform getTransform() {
        return new AffineTransform(transform);
    }

    @Override
    public void setBackground(Color color) {
        background = color;
    }

    @Override
    public Color getBackground() {
        return background;
    }

    @Override
    public Font getFont() {
        return font;
    }

    @Override
    public void setFont(Font font) {
        if (font != null) {
            this.font = font;
        }
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return doc.scratch.getFontMetrics(f);
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        return doc.scratch.getFontRenderContext();
    }

    @Override
    public void clip(Shape s) {
        if (s == null) {
            clip = null;
            return;
        }
        Shape d = transform.createTransformedShape(s);
        if (clip == null) {
            clip = d;
        } else {
            Area a = new Area(clip);
            a.intersect(new Area(d));
            clip = a;
        }
    }

    @Override
    public void clipRect(int x, int y, int width, int height) {
        clip(new Rectangle(x, y, width, height));
    }

    @Override
    public void setClip(int x, int y, int width, int height) {
        setClip(new Rectangle(x, y, width, height));
    }

    @Override
    public void setClip(Shape s) {
        clip = s == null ? null : transform.createTransformedShape(s);
    }

    @Override
    public Shape getClip() {
        if (clip == null) {
            return null;
        }
        try {
            return transform.createInverse().createTransformedShape(clip);
        } catch (NoninvertibleTransformException e) {
            return null;
        }
    }

    @Override
    public Rectangle getClipBounds() {
        Shape c = getClip();
        return c == null ? null : c.getBounds();
    }
}
