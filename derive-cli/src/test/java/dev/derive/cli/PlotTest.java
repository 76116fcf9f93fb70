package dev.derive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code derive plot}: every kind writes a PNG of the requested size with more than one colour, and valid SVG. */
class PlotTest {

    @TempDir
    static Path tmp;

    static Path knn;
    static Path ridge;
    static Path binary;

    @BeforeAll
    static void models() {
        System.setProperty("java.awt.headless", "true");
        knn = tmp.resolve("knn.derive");
        ridge = tmp.resolve("ridge.derive");
        binary = tmp.resolve("binary.derive");
        CliTest.ok("fit", "--data", "iris", "--model", "knn", "--out", knn.toString());
        CliTest.ok("fit", "--data", "diabetes", "--model", "ridge", "--out", ridge.toString());
        CliTest.ok("fit", "--data", "breast_cancer", "--model", "knn", "--out", binary.toString());
    }

    static BufferedImage png(Path p, int w, int h) throws IOException {
        assertTrue(Files.size(p) > 2000, p + " is nearly empty");
        BufferedImage img = ImageIO.read(p.toFile());
        assertEquals(w, img.getWidth());
        assertEquals(h, img.getHeight());
        // a real chart has many colours (text, lines, fills), not a blank canvas
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < h; y += 3) {
            for (int x = 0; x < w; x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, p + " has only " + colours.size() + " colours");
        return img;
    }

    @Test
    void confusionMatrix() throws IOException {
        Path out = tmp.resolve("confusion.png");
        CliTest.ok("plot", "confusion", "--model", knn.toString(), "--data", "iris", "--out", out.toString(),
                "--width", "640", "--height", "480");
        png(out, 640, 480);
    }

    @Test
    void rocOneVsRestAndBinary() throws IOException {
        Path ovr = tmp.resolve("roc-ovr.png");
        CliTest.ok("plot", "roc", "--model", knn.toString(), "--data", "iris", "--out", ovr.toString());
        png(ovr, 800, 600);
        Path bin = tmp.resolve("roc-binary.png");
        CliTest.ok("plot", "roc", "--model", binary.toString(), "--data", "breast_cancer", "--out", bin.toString(),
                "--width", "500", "--height", "500");
        png(bin, 500, 500);
    }

    @Test
    void predictedVersusActual() throws IOException {
        Path out = tmp.resolve("predicted.png");
        CliTest.ok("plot", "predicted", "--model", ridge.toString(), "--data", "diabetes", "--out", out.toString());
        png(out, 800, 600);
    }

    @Test
    void decisionBoundaryPaintsEveryClassRegion() throws IOException {
        Path out = tmp.resolve("boundary.png");
        CliTest.ok("plot", "boundary", "--data", "iris", "--model", "knn", "--set", "n_neighbors=15",
                "--x", "petal_length_cm", "--y", "petal_width_cm", "--grid", "80", "--out", out.toString());
        BufferedImage img = png(out, 800, 600);
        // the three region tints of the palette's first three colours appear
        int[] tints = new int[3];
        for (int k = 0; k < 3; k++) {
            tints[k] = Charts.tint(Charts.color(k), 0.72).getRGB();
        }
        int[] seen = new int[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                for (int k = 0; k < 3; k++) {
                    seen[k] += img.getRGB(x, y) == tints[k] ? 1 : 0;
                }
            }
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(seen[k] > 5000, "region of class " + k + " covers only " + seen[k] + " pixels");
        }
        // a saved model file works as --model too (its learner is refitted)
        CliTest.ok("plot", "boundary", "--data", "iris", "--model", knn.toString(), "--x", "sepal_length_cm",
                "--y", "sepal_width_cm", "--grid", "40", "--out", tmp.resolve("boundary2.png").toString());
    }

    @Test
    void decisionTreeAndForestTreePictures() throws IOException {
        Path cart = tmp.resolve("cart.derive");
        CliTest.ok("fit", "--data", "iris", "--model", "cart", "--out", cart.toString());
        Path out = tmp.resolve("tree.png");
        CliTest.ok("plot", "tree", "--model", cart.toString(), "--out", out.toString());
        png(out, 800, 600);
        Path forest = tmp.resolve("forest.derive");
        CliTest.ok("fit", "--data", "diabetes", "--model", "random_forest", "--set", "n_estimators=3", "--out", forest.toString());
        Path svg = tmp.resolve("tree.svg");
        CliTest.ok("plot", "tree", "--model", forest.toString(), "--tree", "2", "--max-depth", "3", "--out", svg.toString());
        assertTrue(Files.readString(svg).startsWith("<svg") || Files.readString(svg).contains("<svg"), "an SVG");
        CliTest.Run bad = CliTest.run("plot", "tree", "--model", forest.toString(), "--tree", "3", "--out", out.toString());
        assertEquals(ExitCode.USAGE, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--tree"), bad::toString);
        CliTest.Run notTree = CliTest.run("plot", "tree", "--model", ridge.toString(), "--out", out.toString());
        assertEquals(ExitCode.USAGE, notTree.code(), notTree::toString);
    }

    /** A categorical split is drawn with its level set ({@code colour in {...}}), not as a threshold. */
    @Test
    void categoricalSplitsAreDrawnWithTheirLevels() throws IOException {
        Path csv = tmp.resolve("colours.csv");
        StringBuilder sb = new StringBuilder("colour,size,label\n");
        String[] colours = {"red", "green", "blue", "amber"};
        for (int i = 0; i < 200; i++) {
            String c = colours[i % 4];
            boolean yes = c.equals("red") || c.equals("blue");
            sb.append(c).append(',').append(i % 7).append(',').append(yes ? "yes" : "no").append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path model = tmp.resolve("colours.derive");
        CliTest.ok("fit", "--data", csv.toString(), "--target", "label", "--model", "cart", "--out", model.toString());
        Path svg = tmp.resolve("colours.svg");
        CliTest.ok("plot", "tree", "--model", model.toString(), "--out", svg.toString());
        var fitted = (dev.derive.tree.DecisionTreeClassifierModel) ModelFiles.load(model);
        TreePicture picture = new TreePicture(fitted.tree(), fitted.schema().featureNames(),
                dev.derive.tree.Tree.levelNames(fitted.schema().features()), fitted.classes(), 4);
        String root = picture.label(0)[0];
        assertTrue(root.startsWith("colour in {"), root);
        java.util.Set<String> left = java.util.Set.of(root.substring("colour in {".length(), root.length() - 1).split(", "));
        assertTrue(left.equals(java.util.Set.of("red", "blue")) || left.equals(java.util.Set.of("green", "amber")), root);
    }

    @Test
    void lassoAndElasticNetPaths() throws IOException {
        Path out = tmp.resolve("path.png");
        CliTest.ok("plot", "path", "--data", "diabetes", "--out", out.toString(), "--n-alphas", "30");
        png(out, 800, 600);
        Path enet = tmp.resolve("enet.png");
        CliTest.ok("plot", "path", "--data", "diabetes", "--l1-ratio", "0.5", "--raw", "--out", enet.toString(),
                "--width", "500", "--height", "400");
        png(enet, 500, 400);
        CliTest.Run bad = CliTest.run("plot", "path", "--data", "diabetes", "--l1-ratio", "0", "--out", out.toString());
        assertEquals(ExitCode.USAGE, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--l1-ratio"), bad::toString);
    }

    @Test
    void svgIsWellFormedAndSized() throws Exception {
        Path out = tmp.resolve("roc.svg");
        CliTest.ok("plot", "roc", "--model", knn.toString(), "--data", "iris", "--out", out.toString(), "--width", "600",
                "--height", "400");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals("600", doc.getDocumentElement().getAttribute("width"));
        assertEquals("400", doc.getDocumentElement().getAttribute("height"));
        assertTrue(doc.getElementsByTagName("path").getLength() > 20);
    }

    @Test
    void plotErrors() {
        CliTest.Run r = CliTest.run("plot", "predicted", "--model", knn.toString(), "--data", "iris", "--out",
                tmp.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("needs a regressor"), r::toString);
        r = CliTest.run("plot", "confusion", "--model", knn.toString(), "--data", "iris", "--out", tmp.resolve("x.jpg").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(".png or .svg"), r::toString);
        r = CliTest.run("plot", "boundary", "--data", "iris", "--model", "knn", "--x", "petal_length", "--y",
                "petal_width_cm", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'petal_length' not found") && r.err().contains("did you mean 'petal_length_cm'"), r::toString);
        r = CliTest.run("plot");
        assertEquals(2, r.code());
    }
}
