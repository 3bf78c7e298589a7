package io.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ResultFormatTest {
    private static final MachineInfo MACHINE = new MachineInfo(2, 24_000, "Test CPU", "Linux", "Java 17");

    private static BenchReport report() {
        List<RunResult> runs = List.of(
                new RunResult(BenchReport.CEILING, true, null, 100_000, 1.0, 300, 60, 500, -1, -1, "100,000 records",
                        RedisFootprint.NONE),
                new RunResult(BenchReport.NAIVE, true, null, 100_000, 2.0, 300, 60, 500, -1, -1, "all parsed",
                        RedisFootprint.NONE),
                new RunResult(BenchReport.spillwaySync(10_000), true, null, 100_000, 4.0, 400, 120, 700, 0.5, 2.0,
                        "equal (60000 rows, md5 sum)", new RedisFootprint(5, 7, 2 << 20, 3 << 20), 200, 20, 20),
                new RunResult(BenchReport.JDBC_SINK, true, null, 100_000, 20.0, 600, 200, 900, -1, -1, "equal",
                        RedisFootprint.NONE),
                RunResult.failed(BenchReport.SPILLWAY_NOOP, 100_000, "POST /consumer/start answered 400 | bad\njob"),
                new RunResult(BenchReport.SPILLWAY_LOOP_THREAD, true, null, 100_000, 5.0, 400, 120, 700, 0.5, 2.0,
                        "equal (60000 rows, md5 sum)", RedisFootprint.NONE));
        List<LatencyResult> latencies = List.of(
                LatencyResult.of("Spillway sync pg max_event=1 at 1,000/s", new double[] {100, 200, 300, 400}, 10),
                LatencyResult.of("Debezium JDBC sink at 1,000/s", new double[] {100, 150, 200, 350}, 10),
                LatencyResult.of("Spillway sync pg max_event=1 at 5,000/s", new double[] {100, 200, 300, 900}, 10),
                LatencyResult.of("Spillway sync pg max_event=1 at 5,000/s" + LatencyRun.CAPTURE_SUFFIX,
                        new double[] {50, 100, 150, 300}, 0));
        return new BenchReport("2026-01-01T00:00:00Z", "./spillway bench --changes 100000", MACHINE, 100_000, 30.5,
                runs, latencies, "lz4");
    }

    @Test
    void aFasterLoopThreadRowIsTheBestOfAnySettingNotOfTheDefaults() {
        List<RunResult> runs = List.of(
                new RunResult(BenchReport.spillwaySync(10_000), true, null, 100_000, 4.0, 400, 120, 700, -1, -1, "equal",
                        RedisFootprint.NONE),
                new RunResult(BenchReport.SPILLWAY_LOOP_THREAD, true, null, 100_000, 2.0, 400, 120, 700, -1, -1, "equal",
                        RedisFootprint.NONE),
                new RunResult(BenchReport.JDBC_SINK, true, null, 100_000, 10.0, 600, 200, 900, -1, -1, "equal",
                        RedisFootprint.NONE));
        List<String> checks = new BenchReport("2026-01-01T00:00:00Z", "./spillway bench", MACHINE, 100_000, 30.5, runs,
                List.of(), "zstd").targetChecks();
        assertThat(checks).contains(
                "Spillway sync, default settings (best max_event: 10000) >= 4x JDBC sink: 2.50x (NOT met)",
                "Spillway sync, any setting (best: jobs on loop thread max_event=10000) >= 4x JDBC sink: 5.00x (met)");
    }

    @Test
    void tableShowsRatesRatiosAndFailures() {
        String table = ResultTable.render(report());
        assertThat(table).contains("2 cores, 23 GB RAM, Test CPU");
        assertThat(table).contains("`./spillway bench --changes 100000`");
        assertThat(table).containsPattern("\\| ceiling: KafkaConsumer, bytes only +\\| +100,000 \\| +100% \\| +- \\|");
        assertThat(table).containsPattern("\\| naive consumer \\(KafkaConsumer \\+ JSON tree\\) +\\| +50,000 \\| +50% \\|");
        assertThat(table).containsPattern("\\| Spillway sync pg max_event=10000 +\\| +25,000 \\| +25% \\| +- \\| +4.0 \\|");
        assertThat(table).containsPattern("\\| Debezium JDBC sink +\\| +5,000 \\| +5% \\|");
        assertThat(table).containsPattern("\\| +200 \\| +0.25 \\| +0.90 \\| +5 → 7 \\| +2.0 → 3.0 \\| +equal \\(60000 rows");
        assertThat(table).contains("Debezium into 4 partitions (compression lz4)");
        assertThat(table).contains("at most one Redis round trip per poll at max_event >= 1000 (after the consumer's"
                + " start-up; with it): sync pg max_event=10000 0.80; 0.90 (0.3 commands) (met)");
        // A failure keeps its row, on one line, and cannot break the table with a '|'.
        assertThat(table).containsPattern("\\| Spillway noop max_event=10000 +\\| +FAILED \\|");
        assertThat(table).contains("POST /consumer/start answered 400 / bad job");
        assertThat(table).contains("the ceiling is one: no run read the topic faster");
        assertThat(table).contains("Spillway sync, default settings (best max_event: 10000) >= 4x JDBC sink: 5.00x (met)");
        // The loop-thread row (20,000/s) is slower here: the best of any setting is the same row.
        assertThat(table).contains("Spillway sync, any setting (best: max_event=10000) >= 4x JDBC sink: 5.00x (met)");
        assertThat(table).contains("Spillway sync max_event=100 >= 2x JDBC sink: n/a");
        assertThat(table).contains("Spillway sync max_event=10000 >= 85% of noop: n/a");
        assertThat(table).containsPattern("\\| Spillway sync pg jobs on loop thread max_event=10000 +\\| +20,000 \\|");
        assertThat(table).contains("pipelined jobs (the default) pay: >= 1.0x jobs on the loop thread at max_event=10000:"
                + " 1.25x (met)");
        assertThat(table).contains("Spillway latency p99 < 500 ms and <= JDBC sink (same changes, side by side): 400 ms"
                + " vs 350 ms (NOT met)");
        assertThat(table).contains("keeps up with 5,000 changes/s (p99 within 500 ms of Debezium's share): p99 900 ms,"
                + " of which Debezium's 300 ms (NOT met)");
        assertThat(table).containsPattern("\\| Spillway sync pg max_event=1 at 5,000/s +\\| +4 \\|");
    }

    @Test
    void everyTableLineHasTheSameNumberOfColumns() {
        String table = ResultTable.throughput(report());
        List<Long> pipes = table.lines().map(l -> l.chars().filter(c -> c == '|').count()).distinct().toList();
        assertThat(pipes).containsExactly(15L);
    }

    @Test
    void jsonCarriesEveryFigureAndTheMachine() {
        JsonNode json = JsonHttp.JSON.readTree(ResultJson.render(report()));
        assertThat(json.get("command").asString()).isEqualTo("./spillway bench --changes 100000");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("all_ok").asBoolean()).isFalse();
        JsonNode sync = json.get("runs").get(2);
        assertThat(sync.get("changes_per_second").asLong()).isEqualTo(25_000);
        assertThat(sync.get("redis_commands_per_1000_records").asDouble()).isEqualTo(0.5);
        assertThat(sync.get("redis_round_trips_per_1000_records").asDouble()).isEqualTo(2.0);
        assertThat(sync.get("polls").asLong()).isEqualTo(200);
        assertThat(sync.get("redis_round_trips_per_poll").asDouble()).as("200 reads, 20 of them background")
                .isEqualTo(0.9);
        assertThat(sync.get("redis_round_trips_per_poll_after_startup").asDouble()).as("20 more the start-up's")
                .isEqualTo(0.8);
        assertThat(sync.get("redis_background_reads").asLong()).isEqualTo(20);
        assertThat(sync.get("redis_commands_per_poll").asDouble()).isEqualTo(0.25);
        assertThat(json.get("compression").asString()).isEqualTo("lz4");
        assertThat(sync.get("spillway_keys_after").asLong()).isEqualTo(7);
        assertThat(sync.get("redis_used_bytes_after").asLong()).isEqualTo(3 << 20);
        assertThat(json.get("runs").get(0).get("redis_commands_per_1000_records").isNull()).isTrue();
        assertThat(json.get("runs").get(4).get("ok").asBoolean()).isFalse();
        assertThat(json.get("runs").get(4).get("error").asString()).contains("answered 400");
        JsonNode latency = json.get("latency").get(0);
        assertThat(latency.get("p50_ms").asDouble()).isEqualTo(200);
        assertThat(latency.get("p99_ms").asDouble()).isEqualTo(400);
        assertThat(json.get("targets").size()).isEqualTo(10);
    }

    @Test
    void theCpuTableAndTheNoopTargetSayWhatEachPartSpent() {
        CpuUsage sync = new CpuUsage(4.0, Map.of(CpuSplit.Part.SERVICE, 2.0, CpuSplit.Part.POSTGRES, 1.0,
                CpuSplit.Part.KAFKA, 0.2, CpuSplit.Part.REDIS, 0.1, CpuSplit.Part.HARNESS, 0.4));
        List<RunResult> runs = List.of(
                new RunResult(BenchReport.spillwaySync(10_000), true, null, 100_000, 4.0, 400, 120, 700, -1, -1, "equal",
                        RedisFootprint.NONE).withCpu(sync),
                new RunResult(BenchReport.SPILLWAY_NOOP, true, null, 100_000, 2.0, 400, 120, 700, -1, -1, "-",
                        RedisFootprint.NONE));
        BenchReport report = new BenchReport("2026-01-01T00:00:00Z", "./spillway bench", MACHINE, 100_000, 30.5, runs,
                List.of(), "zstd");
        // 3.3 s of the system's CPU for 100,000 changes: 33 ms per 1,000; at 85% of noop's 50,000/s, 1.40 cores.
        assertThat(report.targetChecks()).contains("Spillway sync max_event=10000 >= 85% of noop: 0.50x (NOT met);"
                + " at 85% of noop (42,500 changes/s), the CPU sync spent per change in this run (33.0 ms per 1,000"
                + " changes: service 20.0, PostgreSQL 10.0, Kafka and Redis 3.0) would keep 1.40 cores busy, on a"
                + " machine of 2");
        String cpu = ResultTable.cpu(report);
        assertThat(cpu).containsPattern("\\| Spillway sync pg max_event=10000 +\\| +33.0 \\(0.83\\) \\| +20.0 \\(0.50\\)"
                + " \\| +10.0 \\(0.25\\) \\| +2.0 \\(0.05\\) \\| +- \\| +1.0 \\(0.03\\) \\| +4.0 \\(0.10\\) \\|");
        assertThat(cpu).as("a row without CPU figures has no line").doesNotContain("noop");
        assertThat(ResultTable.render(report)).contains("Where the CPU went");
        assertThat(ResultTable.cpu(report())).as("no row measured").isEmpty();
        JsonNode row = JsonHttp.JSON.readTree(ResultJson.render(report)).get("runs").get(0).get("cpu");
        assertThat(row.get("system_ms_per_1000_changes").asDouble()).isEqualTo(33.0);
        assertThat(row.get("seconds_by_part").get("postgres").asDouble()).isEqualTo(1.0);
    }

    @Test
    void failedRowHasNoRate() {
        assertThat(RunResult.failed("x", 10, "e").changesPerSecond()).isZero();
    }
}
