package io.spillway.reliability;

import io.spillway.bench.JsonHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run as Markdown tables (for docs/reliability.md and the console) and as JSON. */
final class ReportWriter {
    static final String START = "<!-- reliability-results:start (written by ./spillway reliability) -->";
    static final String END = "<!-- reliability-results:end -->";

    private ReportWriter() {
    }

    static String markdown(ReliabilityReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run `%s` (seed %d) on %s, started %s: load %d changes/s for %.0f s.%n%n",
                report.commandLine(), report.seed(), report.machine(), report.startedAt(), report.rate(),
                report.loadSeconds()));
        out.append("| fault | injected | longest outage (s) | longest recovery (s) | recovered |\n");
        out.append("|---|--:|--:|--:|---|\n");
        out.append(String.format(Locale.ROOT, "| none (baseline: the pipeline's usual delay) | - | - | %.1f | - |%n",
                report.baselineSeconds()));
        Map<String, List<FaultResult>> byKind = new LinkedHashMap<>();
        report.faults().forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new java.util.ArrayList<>()).add(f));
        byKind.forEach((kind, faults) -> out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %s | %s |%n", kind,
                faults.size(), faults.stream().mapToDouble(FaultResult::outageSeconds).max().orElse(0),
                faults.stream().allMatch(FaultResult::recovered)
                        ? String.format(Locale.ROOT, "%.1f", faults.stream().mapToDouble(FaultResult::recoverySeconds).max().orElse(0))
                        : "-",
                faults.stream().allMatch(FaultResult::recovered) ? "yes"
                        : "**no**: " + faults.stream().filter(f -> !f.recovered()).findFirst().get().note())));
        out.append("\n");
        CheckResult c = report.check();
        if (c == null) {
            out.append("The run did not reach its final check: ").append(report.error()).append("\n");
            return out.toString();
        }
        out.append("| check | result |\n|---|--:|\n");
        row(out, "changes written at the source (inserts / updates / deletes)", String.format(Locale.ROOT,
                "%,d (%,d / %,d / %,d)", c.changesWritten(), c.inserts(), c.updates(), c.deletes()));
        row(out, "changes lost (must be 0): missing from the append table + rows missing, stale or extra in the sync target",
                String.format(Locale.ROOT, "%s (%,d + %,d / %,d / %,d)", bold(c.lost()), c.changesMissing(), c.rowsMissing(),
                        c.rowsStale(), c.rowsExtra()));
        row(out, "duplicates (must be 0): a change in the append table more than once", bold(c.changesDuplicated())
                + (c.duplicatesAfter().isEmpty() ? "" : ", after fault " + c.duplicatesAfter()));
        row(out, "rows in the append table that are no source change (must be 0)", bold(c.foreignRows()));
        row(out, "dead-lettered, per consumer (expected " + c.deadLetterExpected() + " each)", c.deadLettered().toString());
        row(out, "sync target == source (md5 over every column of every row)", (c.checksumsEqual() ? "equal" : "**DIFFERENT**")
                + String.format(Locale.ROOT, ", %,d rows (source %,d)", c.targetRows(), c.sourceRows()));
        row(out, "final lag of the consumer groups (must be 0)", c.finalLag().toString());
        row(out, "verdict", report.ok() ? "PASS" : "**FAIL**");
        out.append("\nEvery fault, in order:\n\n| # | fault | at (s) | outage (s) | recovery (s) |\n|--:|---|--:|--:|--:|\n");
        for (int i = 0; i < report.faults().size(); i++) {
            FaultResult f = report.faults().get(i);
            out.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | %s |%n", i + 1, f.kind(), f.atSeconds(),
                    f.outageSeconds(), f.recovered() ? String.format(Locale.ROOT, "%.1f", f.recoverySeconds()) : "not recovered"));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String bold(long mustBeZero) {
        return mustBeZero == 0 ? "0" : String.format(Locale.ROOT, "**%,d**", mustBeZero);
    }

    static String json(ReliabilityReport report) {
        return JsonHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    /** Replaces the results section of the docs file (between the markers), or appends one. */
    static void updateDocs(Path docs, String markdown) throws IOException {
        String section = START + "\n" + markdown + END;
        String text = Files.exists(docs) ? Files.readString(docs) : "";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start >= 0 && end > start) {
            text = text.substring(0, start) + section + text.substring(end + END.length());
        } else {
            text = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n" + section + "\n";
        }
        Files.writeString(docs, text);
    }
}
