package io.spillway.bench;

import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The report as JSON, field names in snake_case like the service's API. */
public final class ResultJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultJson() {
    }

    public static String render(BenchReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("started_at", report.startedAt());
        root.put("command", report.command());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", report.machine().cores());
        machine.put("memory_mb", report.machine().memoryMb());
        machine.put("cpu", report.machine().cpu());
        machine.put("os", report.machine().os());
        machine.put("java", report.machine().java());
        root.put("changes", report.changes());
        root.put("produce_seconds", round(report.produceSeconds()));
        root.put("compression", report.compression());
        root.put("all_ok", report.allOk());
        ArrayNode runs = root.putArray("runs");
        for (RunResult r : report.runs()) {
            ObjectNode row = runs.addObject();
            row.put("name", r.name());
            row.put("ok", r.ok());
            if (!r.ok()) {
                row.put("error", r.error());
                continue;
            }
            row.put("changes", r.changes());
            row.put("seconds", round(r.seconds()));
            row.put("changes_per_second", Math.round(r.changesPerSecond()));
            putOptional(row, "peak_heap_mb", r.peakHeapMb());
            putOptional(row, "heap_after_gc_mb", r.heapAfterGcMb());
            putOptional(row, "peak_rss_mb", r.peakRssMb());
            putOptional(row, "redis_commands_per_1000_records", r.redisCommandsPer1000());
            putOptional(row, "redis_round_trips_per_1000_records", r.redisRoundTripsPer1000());
            if (r.polls() >= 0) {
                row.put("polls", r.polls());
                row.put("redis_background_reads", Math.round(r.redisBackgroundReads()));
            }
            putPerPoll(row, "redis_commands_per_poll", r.redisCommandsPerPoll());
            putPerPoll(row, "redis_round_trips_per_poll", r.redisRoundTripsPerPoll());
            putPerPoll(row, "redis_round_trips_per_poll_after_startup", r.redisRoundTripsPerPollAfterStartup());
            if (r.redis().measured()) {
                row.put("spillway_keys_before", r.redis().stateKeysBefore());
                row.put("spillway_keys_after", r.redis().stateKeysAfter());
                row.put("redis_used_bytes_before", r.redis().usedBytesBefore());
                row.put("redis_used_bytes_after", r.redis().usedBytesAfter());
            }
            row.put("verified", r.verified());
            if (r.cpu().measured()) {
                ObjectNode cpu = row.putObject("cpu");
                cpu.put("wall_seconds", round(r.cpu().wallSeconds()));
                cpu.put("system_ms_per_1000_changes", round(r.cpu().systemMsPer1000(r.changes())));
                ObjectNode parts = cpu.putObject("seconds_by_part");
                r.cpu().cpuSeconds().forEach((part, seconds) -> parts.put(part.name().toLowerCase(Locale.ROOT),
                        Math.round(seconds * 100) / 100.0));
            }
        }
        ArrayNode latencies = root.putArray("latency");
        for (LatencyResult l : report.latencies()) {
            ObjectNode row = latencies.addObject();
            row.put("name", l.name());
            row.put("ok", l.ok());
            if (!l.ok()) {
                row.put("error", l.error());
                continue;
            }
            row.put("changes", l.count());
            row.put("p50_ms", round(l.p50Ms()));
            row.put("p95_ms", round(l.p95Ms()));
            row.put("p99_ms", round(l.p99Ms()));
            row.put("max_ms", round(l.maxMs()));
            row.put("poll_interval_ms", l.pollMs());
        }
        ArrayNode targets = root.putArray("targets");
        report.targetChecks().forEach(targets::add);
        return MAPPER.writeValueAsString(root);
    }

    private static void putOptional(ObjectNode row, String field, double value) {
        if (value < 0) {
            row.putNull(field);
        } else {
            row.put(field, round(value));
        }
    }

    /** Two decimals: "at most one round trip per poll" is read off these. */
    private static void putPerPoll(ObjectNode row, String field, double value) {
        if (value < 0) {
            row.putNull(field);
        } else {
            row.put(field, Math.round(value * 100) / 100.0);
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
