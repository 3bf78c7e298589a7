package io.spillway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** PNG bar charts of the report (XChart): throughput per run, and latency percentiles. */
public final class ResultChart {
    private ResultChart() {
    }

    public static Path writeThroughput(BenchReport report, Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (RunResult r : report.runs()) {
            names.add(r.ok() ? r.name() : r.name() + " (FAILED)");
            values.add((double) Math.round(r.changesPerSecond()));
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(820)
                .title(String.format("Changes per second, %,d changes (%d cores)", report.changes(),
                        report.machine().cores()))
                .xAxisTitle("").yAxisTitle("changes/s").build();
        chart.getStyler().setLegendVisible(false);
        // Upright names: slanted ones were drawn off their bars, and the last one off the picture.
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("changes/s", names, values);
        return save(chart, file);
    }

    public static Path writeLatency(BenchReport report, Path file) throws IOException {
        // The legend beside the bars: inside, its ten rows covered them.
        CategoryChart chart = new CategoryChartBuilder().width(1300).height(520)
                .title("Source commit to row in target at a steady rate")
                .xAxisTitle("").yAxisTitle("ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> percentiles = List.of("p50", "p95", "p99");
        for (LatencyResult l : report.latencies()) {
            if (l.ok()) {
                chart.addSeries(l.name(), percentiles, List.of((double) Math.round(l.p50Ms()),
                        (double) Math.round(l.p95Ms()), (double) Math.round(l.p99Ms())));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        return save(chart, file);
    }

    private static Path save(CategoryChart chart, Path file) throws IOException {
        String name = file.toString();
        String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(base + ".png");
    }
}
