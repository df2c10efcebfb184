package dev.crosspt.report;

import java.awt.Color;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a report, written as PNG files with XChart, headless (no display needed): learning curves,
 * router-weight heatmaps and metric-versus-x plots with error bars. Every figure is {@value #WIDTH} x
 * {@value #HEIGHT} pixels and is written atomically.
 */
public final class Plots {

    /** Width of every figure, in pixels. */
    public static final int WIDTH = 800;

    /** Height of every figure, in pixels. */
    public static final int HEIGHT = 600;

    /** Series with more points than this are drawn as plain lines, without a marker at each point. */
    private static final int MAX_MARKED_POINTS = 50;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * Plots training curves: one line per series, with a legend.
     *
     * @param png the destination PNG file; parent directories are created, an existing file is replaced
     * @param title the chart title
     * @param yLabel the y-axis title, such as {@code "loss"}; the x axis is {@code "step"}
     * @param series for each series name (in legend order), its points {@code {step, value}}; at least one
     *     series, each with at least one point, every number finite
     * @throws IllegalArgumentException if a series is empty or a point is not two finite numbers
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void learningCurves(Path png, String title, String yLabel, Map<String, List<double[]>> series) {
        PlotData.requireSeries(series);
        XYChart chart = xyChart(title, "step", yLabel);
        series.forEach((name, points) -> {
            double[][] cols = PlotData.columns(name, points, 2);
            var s = chart.addSeries(name, cols[0], cols[1]);
            if (points.size() > MAX_MARKED_POINTS) {
                s.setMarker(SeriesMarkers.NONE);
            }
        });
        writePng(png, chart);
    }

    /**
     * Plots a metric against some setting (shots, number of source prompts, ...): one line per series, each
     * point with an error bar of plus or minus its standard deviation.
     *
     * @param png the destination PNG file; parent directories are created, an existing file is replaced
     * @param title the chart title
     * @param xLabel the x-axis title
     * @param yLabel the y-axis title
     * @param seriesWithErrorBars for each series name, its points {@code {x, mean, std}}; at least one series,
     *     each with at least one point, every number finite, std not negative
     * @throws IllegalArgumentException if a series is empty or a point is not three finite numbers
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void metricVsX(Path png, String title, String xLabel, String yLabel,
            Map<String, List<double[]>> seriesWithErrorBars) {
        PlotData.requireSeries(seriesWithErrorBars);
        XYChart chart = xyChart(title, xLabel, yLabel);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        seriesWithErrorBars.forEach((name, points) -> {
            double[][] cols = PlotData.columns(name, points, 3);
            for (int i = 0; i < cols[2].length; i++) {
                if (cols[2][i] < 0) {
                    throw new IllegalArgumentException("series '" + name + "' point " + i
                            + ": std must be >= 0, got " + cols[2][i]);
                }
            }
            chart.addSeries(name, cols[0], cols[1], cols[2]);
        });
        writePng(png, chart);
    }

    /**
     * Draws router weights as a heatmap: one row per task (the first at the top), one column per source
     * prompt, each cell coloured on a fixed [0, 1] scale and labelled with its value.
     *
     * @param png the destination PNG file; parent directories are created, an existing file is replaced
     * @param title the chart title
     * @param tasks the row names; not empty
     * @param sources the column names; not empty
     * @param weights {@code weights[task][source]}, each in [0, 1]
     * @throws IllegalArgumentException if the shape of {@code weights} is not tasks x sources (the message gives
     *     both shapes) or a weight is outside [0, 1]
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void routerHeatmap(Path png, String title, List<String> tasks, List<String> sources,
            double[][] weights) {
        PlotData.requireMatrix(tasks, sources, weights, true);
        HeatMapChart chart = heatMapChart(Objects.requireNonNull(title, "title"));
        style(chart.getStyler());
        chart.getStyler().setMin(0).setMax(1).setShowValue(true).setHeatMapValueDecimalPattern("0.00")
                // Light enough at 1.0 that the black cell labels stay readable everywhere.
                .setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x9ECAE1), new Color(0x4292C6)})
                .setValueFontColor(Color.BLACK).setPlotContentSize(1.0);
        // XChart puts y index 0 at the bottom; reverse so the first task reads at the top.
        List<String> rows = new ArrayList<>(tasks);
        Collections.reverse(rows);
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            for (int s = 0; s < sources.size(); s++) {
                cells.add(new Number[] {s, tasks.size() - 1 - t, weights[t][s]});
            }
        }
        chart.addSeries("router weights", sources, rows, cells);
        writePng(png, chart);
    }

    /**
     * XChart 3.8.8 formats heatmap cell labels with a {@code DecimalFormat} made, with the JVM's default format
     * locale, when the chart is built (the styler's locale and value formatter are ignored there). Building it
     * under {@link Locale#ROOT} makes the labels read {@code 0.70} on every machine, not {@code 0,70}.
     */
    private static HeatMapChart heatMapChart(String title) {
        synchronized (Plots.class) {
            Locale saved = Locale.getDefault(Locale.Category.FORMAT);
            Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
            try {
                return new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                        .xAxisTitle("source prompt").yAxisTitle("task").build();
            } finally {
                Locale.setDefault(Locale.Category.FORMAT, saved);
            }
        }
    }

    private static XYChart xyChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(Objects.requireNonNull(title, "title"))
                .xAxisTitle(Objects.requireNonNull(xLabel, "xLabel"))
                .yAxisTitle(Objects.requireNonNull(yLabel, "yLabel")).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setLegendBorderColor(Color.LIGHT_GRAY).setAntiAlias(true);
        styler.setLocale(Locale.ROOT); // the same tick labels whatever the machine's locale
    }

    private static void writePng(Path png, Chart<?, ?> chart) {
        AtomicFiles.write(png, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
