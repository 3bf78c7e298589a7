package io.spillway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report as Markdown tables: what the harness prints and what the README shows. */
public final class ResultTable {
    private ResultTable() {
    }

    public static String render(BenchReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(report.machine().describe()).append('\n');
        out.append("Command: `").append(report.command()).append("`\n");
        out.append(String.format(Locale.ROOT, "Workload: %,d changes (60/30/10 insert/update/delete) on a "
                + "12-column table, Debezium into 4 partitions (compression %s), produced in %.1f s; started %s%n%n",
                report.changes(), report.compression(), report.produceSeconds(), report.startedAt()));
        out.append(throughput(report)).append('\n');
        String cpu = cpu(report);
        if (!cpu.isEmpty()) {
            out.append("Where the CPU went (ms of CPU per 1,000 changes, and busy cores in brackets; \"system\" is"
                    + " every part but the harness):\n\n").append(cpu).append('\n');
        }
        if (!report.latencies().isEmpty()) {
            out.append(latency(report.latencies())).append('\n');
        }
        out.append("Targets:\n");
        for (String check : report.targetChecks()) {
            out.append("- ").append(check).append('\n');
        }
        return out.toString();
    }

    public static String throughput(BenchReport report) {
        double ceiling = report.run(BenchReport.CEILING).map(RunResult::changesPerSecond).orElse(0.0);
        double noop = report.run(BenchReport.SPILLWAY_NOOP).map(RunResult::changesPerSecond).orElse(0.0);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", "changes/s", "% of ceiling", "% of noop", "seconds", "peak heap MB", "heap after GC MB",
                "peak RSS MB", "polls", "Redis cmds / poll", "Redis round trips / poll",
                "Spillway keys in Redis before → after", "Redis used MB before → after", "target == source"));
        for (RunResult r : report.runs()) {
            if (!r.ok()) {
                rows.add(List.of(r.name(), "FAILED", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-",
                        oneLine(r.error())));
                continue;
            }
            rows.add(List.of(r.name(), fmt("%,.0f", r.changesPerSecond()),
                    percent(r.changesPerSecond(), ceiling), percent(r.changesPerSecond(), noop),
                    fmt("%.1f", r.seconds()), mb(r.peakHeapMb()), mb(r.heapAfterGcMb()), mb(r.peakRssMb()),
                    r.polls() < 0 ? "-" : fmt("%,d", r.polls()),
                    r.redisCommandsPerPoll() < 0 ? "-" : fmt("%.2f", r.redisCommandsPerPoll()),
                    r.redisRoundTripsPerPoll() < 0 ? "-" : fmt("%.2f", r.redisRoundTripsPerPoll()),
                    r.redis().measured() ? fmt("%,d → %,d", r.redis().stateKeysBefore(), r.redis().stateKeysAfter()) : "-",
                    r.redis().measured() ? fmt("%.1f → %.1f", r.redis().usedBytesBefore() / 1048576.0,
                            r.redis().usedBytesAfter() / 1048576.0) : "-",
                    r.verified()));
        }
        return markdown(rows);
    }

    /** Each row's CPU by part, for the rows where it was measured; empty when none was. */
    public static String cpu(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("run", "system"));
        for (CpuSplit.Part part : CpuSplit.Part.values()) {
            header.add(part.label);
        }
        rows.add(header);
        for (RunResult r : report.runs()) {
            CpuUsage cpu = r.cpu();
            if (!r.ok() || !cpu.measured()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(r.name(),
                    fmt("%.1f (%.2f)", cpu.systemMsPer1000(r.changes()), cpu.systemCores())));
            for (CpuSplit.Part part : CpuSplit.Part.values()) {
                row.add(cpu.cores(part) < 0 ? "-"
                        : fmt("%.1f (%.2f)", cpu.msPer1000(part, r.changes()), cpu.cores(part)));
            }
            rows.add(row);
        }
        return rows.size() == 1 ? "" : markdown(rows);
    }

    public static String latency(List<LatencyResult> latencies) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("latency at a steady rate", "changes", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (LatencyResult l : latencies) {
            if (!l.ok()) {
                rows.add(List.of(l.name(), "FAILED", "-", "-", "-", oneLine(l.error())));
                continue;
            }
            rows.add(List.of(l.name(), fmt("%,d", l.count()), fmt("%.0f", l.p50Ms()), fmt("%.0f", l.p95Ms()),
                    fmt("%.0f", l.p99Ms()), fmt("%.0f", l.maxMs())));
        }
        return markdown(rows);
    }

    /** A GitHub Markdown table with padded columns, readable as plain text too. */
    static String markdown(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            out.append('|');
            for (int c = 0; c < columns; c++) {
                String cell = rows.get(i).get(c);
                boolean left = c == 0 || i == 0;
                out.append(' ').append(left ? pad(cell, width[c], false) : pad(cell, width[c], true)).append(" |");
            }
            out.append('\n');
            if (i == 0) {
                out.append('|');
                for (int c = 0; c < columns; c++) {
                    out.append(c == 0 ? "-".repeat(width[c] + 2) : "-".repeat(width[c] + 1) + ":").append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    private static String percent(double value, double of) {
        return of > 0 ? fmt("%.0f%%", 100 * value / of) : "-";
    }

    private static String mb(double value) {
        return value < 0 ? "-" : fmt("%,.0f", value);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String oneLine(String error) {
        String text = Optional.ofNullable(error).orElse("failed").replaceAll("\\s+", " ").replace("|", "/");
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
