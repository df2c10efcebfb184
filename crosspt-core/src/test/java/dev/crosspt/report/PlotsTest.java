package dev.crosspt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every figure is a decodable PNG of the documented size, drawn without a display. */
class PlotsTest {

    @TempDir
    Path dir;

    /** Decodes the PNG and checks its size and that it is not one flat colour. */
    private static BufferedImage decode(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "ImageIO could not decode " + png);
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
        int first = img.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < img.getHeight() && !varied; y += 7) {
            for (int x = 0; x < img.getWidth() && !varied; x += 7) {
                varied = img.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, "image is blank");
        return img;
    }

    @Test
    void learningCurvesArePngs() throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<double[]> train = new ArrayList<>();
        List<double[]> dev = new ArrayList<>();
        for (int step = 0; step <= 200; step += 2) {
            train.add(new double[] {step, 2.0 * Math.exp(-step / 60.0) + 0.3});
            if (step % 20 == 0) {
                dev.add(new double[] {step, 2.1 * Math.exp(-step / 70.0) + 0.4});
            }
        }
        series.put("train loss", train);
        series.put("dev loss", dev);
        Path png = dir.resolve("plots/loss.png");
        Plots.learningCurves(png, "CrossPT, 4 shots", "loss", series);
        decode(png);
        try (var files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "no temporary file left");
        }
    }

    @Test
    void metricVsXHasErrorBars() throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("CrossPT", List.of(new double[] {0, 0.55, 0.03}, new double[] {4, 0.68, 0.05},
                new double[] {32, 0.81, 0.02}));
        series.put("prompt tuning", List.of(new double[] {0, 0.5, 0}, new double[] {4, 0.58, 0.06},
                new double[] {32, 0.74, 0.04}));
        Path png = dir.resolve("acc-vs-shots.png");
        Plots.metricVsX(png, "accuracy vs shots", "shots", "accuracy", series);
        decode(png);
        assertThrows(IllegalArgumentException.class, () -> Plots.metricVsX(png, "t", "x", "y",
                Map.of("s", List.of(new double[] {0, 0.5, -0.1}))));
    }

    @Test
    void routerHeatmapIsAPng() throws IOException {
        Path png = dir.resolve("router.png");
        Plots.routerHeatmap(png, "router weights", List.of("rte", "boolq", "cb"), List.of("s1", "s2"),
                new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.5, 0.5}});
        decode(png);
    }

    @Test
    void heatmapRejectsMismatchedShapes() {
        Path png = dir.resolve("bad.png");
        String msg = assertThrows(IllegalArgumentException.class, () -> Plots.routerHeatmap(png, "t",
                List.of("a", "b"), List.of("s1", "s2", "s3"), new double[][] {{0.1, 0.2}, {0.3, 0.4}}))
                .getMessage();
        assertEquals("weights have shape [2 x 2], expected [2 tasks x 3 sources]", msg);
        String rows = assertThrows(IllegalArgumentException.class, () -> Plots.routerHeatmap(png, "t",
                List.of("a"), List.of("s1"), new double[][] {{0.1}, {0.3}})).getMessage();
        assertTrue(rows.contains("[2 x 1]") && rows.contains("[1 tasks x 1 sources]"), rows);
        String range = assertThrows(IllegalArgumentException.class, () -> Plots.routerHeatmap(png, "t",
                List.of("a"), List.of("s1"), new double[][] {{1.5}})).getMessage();
        assertTrue(range.contains("in [0, 1], got 1.5"), range);
        assertFalse(Files.exists(png));
    }

    @Test
    void badSeriesAreRejected() {
        Path png = dir.resolve("bad.png");
        assertThrows(IllegalArgumentException.class, () -> Plots.learningCurves(png, "t", "y", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Plots.learningCurves(png, "t", "y",
                Map.of("s", List.of())));
        String msg = assertThrows(IllegalArgumentException.class, () -> Plots.learningCurves(png, "t", "y",
                Map.of("s", List.of(new double[] {1, Double.NaN})))).getMessage();
        assertTrue(msg.contains("series 's' point 0"), msg);
        assertFalse(Files.exists(png));
    }
}
