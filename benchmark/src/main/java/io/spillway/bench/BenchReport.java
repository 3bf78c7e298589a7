package io.spillway.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured, with what it was measured on.
 *
 * @param compression the change topics' producer compression (none, lz4, zstd)
 */
public record BenchReport(String startedAt, String command, MachineInfo machine, long changes, double produceSeconds,
        List<RunResult> runs, List<LatencyResult> latencies, String compression) {

    /** Reading the topic and touching each record's bytes: nothing that reads the topic can be faster. */
    public static final String CEILING = "ceiling: KafkaConsumer, bytes only";
    /** A first attempt: every value parsed into a JSON tree. */
    public static final String NAIVE = "naive consumer (KafkaConsumer + JSON tree)";
    public static final String JDBC_SINK = "Debezium JDBC sink";

    public static String spillwaySync(int maxEvent) {
        return "Spillway sync pg max_event=" + maxEvent;
    }

    public static final String SPILLWAY_REDIS = "Spillway sync redis max_event=10000";
    public static final String SPILLWAY_NOOP = "Spillway noop max_event=10000";
    /**
     * The same sync row with spillway.consumer.pipelined-jobs off (its own instance): the loop runs each job
     * itself, what the default was before the setting paid.
     */
    public static final int LOOP_THREAD_MAX_EVENT = 10_000;
    public static final String SPILLWAY_LOOP_THREAD = "Spillway sync pg jobs on loop thread max_event="
            + LOOP_THREAD_MAX_EVENT;

    public Optional<RunResult> run(String name) {
        return runs.stream().filter(r -> r.name().equals(name) && r.ok()).findFirst();
    }

    public boolean allOk() {
        return runs.stream().allMatch(RunResult::ok) && latencies.stream().allMatch(LatencyResult::ok);
    }

    /** The performance issue's targets, each with the measured figure; "n/a" where a row is missing. */
    public List<String> targetChecks() {
        List<String> out = new ArrayList<>();
        Optional<RunResult> ceiling = run(CEILING);
        Optional<RunResult> sink = run(JDBC_SINK);
        Optional<RunResult> noop = run(SPILLWAY_NOOP);
        Optional<RunResult> bestSync = bestSync(false);
        Optional<RunResult> bestAnySetting = bestSync(true);
        out.add(ceiling.map(c -> {
            List<String> above = runs.stream().filter(r -> r.ok() && r.changesPerSecond() > c.changesPerSecond())
                    .map(RunResult::name).toList();
            return above.isEmpty() ? "the ceiling is one: no run read the topic faster"
                    : "the ceiling is NOT one: faster than it: " + String.join(", ", above);
        }).orElse("ceiling: n/a"));
        out.add(ratio("Spillway sync, default settings (best max_event" + bestSync.map(r -> ": "
                + r.name().replaceAll(".*=", "")).orElse("") + ") >= 4x JDBC sink", bestSync, sink, 4.0));
        out.add(ratio("Spillway sync, any setting (best: " + bestAnySetting.map(r -> r.name().replace("Spillway sync pg ", ""))
                .orElse("n/a") + ") >= 4x JDBC sink", bestAnySetting, sink, 4.0));
        out.add(ratio("Spillway sync max_event=100 >= 2x JDBC sink", run(spillwaySync(100)), sink, 2.0));
        out.add(ratio("Spillway sync max_event=10000 >= 85% of noop", run(spillwaySync(10_000)), noop, 0.85)
                + noopFit(run(spillwaySync(10_000)), noop));
        out.add(ratio("pipelined jobs (the default) pay: >= 1.0x jobs on the loop thread at max_event=10000",
                run(spillwaySync(10_000)), run(SPILLWAY_LOOP_THREAD), 1.0));
        out.add(redisCheck());
        out.add(latencyCheck());
        out.add(keepUpCheck());
        run(ScaleRun.PREFIX + ": total").ifPresent(total -> out.add(String.format(
                "scale (--scale): 2 instances %,.0f changes/s, %s", total.changesPerSecond(),
                run(spillwaySync(ScaleRun.MAX_EVENT)).map(one -> String.format("%.2fx one instance's %,.0f",
                        total.changesPerSecond() / one.changesPerSecond(), one.changesPerSecond()))
                        .orElse("one instance: n/a"))));
        Optional<RunResult> big = run(spillwaySync(100_000));
        out.add(big.map(b -> String.format("Spillway peak heap < 256 MB at max_event=100000: peak %.0f MB, after GC"
                + " %.0f MB %s", b.peakHeapMb(), b.heapAfterGcMb(), b.peakHeapMb() < 256 ? "(met)" : "(NOT met)"))
                .orElse("Spillway heap at max_event=100000: n/a (run with --sweep)"));
        return out;
    }

    /** The fastest sync into PostgreSQL row; with the loop-thread row (a setting, not the default) or without. */
    private Optional<RunResult> bestSync(boolean anySetting) {
        return runs.stream().filter(r -> r.ok() && r.name().startsWith("Spillway sync pg"))
                .filter(r -> anySetting || !r.name().equals(SPILLWAY_LOOP_THREAD))
                .max(Comparator.comparingDouble(RunResult::changesPerSecond));
    }

    /**
     * At most one Redis round trip per poll at max_event >= 1,000 (sync into PostgreSQL and noop; the Redis
     * sync row's target is the same Redis). Net of the service's background reads (reconciler, metrics);
     * what starting the consumer costs (about ten calls) stays in, hence the 5% allowance.
     */
    private String redisCheck() {
        List<RunResult> rows = runs.stream().filter(r -> r.ok() && r.redisRoundTripsPerPoll() >= 0)
                .filter(r -> r.name().equals(SPILLWAY_NOOP) || (r.name().startsWith("Spillway sync pg ")
                        && Integer.parseInt(r.name().replaceAll(".*=", "")) >= 1_000))
                .toList();
        if (rows.isEmpty()) {
            return "at most one Redis round trip per poll at max_event >= 1000: n/a";
        }
        // Read on what the polls cost: the consumer's start-up (definition, group, script load) is no poll's.
        boolean met = rows.stream().allMatch(r -> r.redisRoundTripsPerPollAfterStartup() <= 1.05);
        return "at most one Redis round trip per poll at max_event >= 1000 (after the consumer's start-up; with"
                + " it): " + String.join(", ", rows.stream()
                .map(r -> String.format("%s %.2f; %.2f (%.1f commands)", r.name().replace("Spillway ", ""),
                        r.redisRoundTripsPerPollAfterStartup(), r.redisRoundTripsPerPoll(),
                        r.redisCommandsPerPoll())).toList())
                + (met ? " (met)" : " (NOT met)");
    }

    /**
     * Latency at 1,000 changes/s, max_event=1: p99 under 500 ms and no worse than the JDBC sink's, which read
     * the same changes at the same time.
     */
    private String latencyCheck() {
        Optional<LatencyResult> spillway = latency(LatencyScenario.spillwayName(1_000, 1));
        Optional<LatencyResult> jdbc = latency(LatencyScenario.sinkName(1_000));
        if (spillway.isEmpty()) {
            return "Spillway latency p99 < 500 ms and <= JDBC sink (same changes, side by side): n/a";
        }
        double p99 = spillway.get().p99Ms();
        boolean met = p99 < 500 && jdbc.map(j -> p99 <= j.p99Ms()).orElse(true);
        return String.format("Spillway latency p99 < 500 ms and <= JDBC sink (same changes, side by side): %.0f ms"
                + " vs %s %s", p99,
                jdbc.map(j -> String.format("%.0f ms", j.p99Ms())).orElse("n/a"), met ? "(met)" : "(NOT met)");
    }

    /**
     * Spillway at max_event=1 keeps up with 5,000 changes/s: its p99 stays within 500 ms of Debezium's own
     * share (commit to the topic) of the same row; a consumer that falls behind piles up a backlog instead.
     */
    private String keepUpCheck() {
        String name = LatencyScenario.spillwayName(5_000, 1);
        Optional<LatencyResult> spillway = latency(name);
        Optional<LatencyResult> capture = latency(name + LatencyRun.CAPTURE_SUFFIX);
        if (spillway.isEmpty() || capture.isEmpty()) {
            return "Spillway max_event=1 keeps up with 5,000 changes/s: n/a";
        }
        double own = spillway.get().p99Ms() - capture.get().p99Ms();
        return String.format("Spillway max_event=1 keeps up with 5,000 changes/s (p99 within 500 ms of Debezium's"
                + " share): p99 %.0f ms, of which Debezium's %.0f ms %s", spillway.get().p99Ms(),
                capture.get().p99Ms(), own < 500 ? "(met)" : "(NOT met)");
    }

    /**
     * What sync at 85% of noop's rate would ask of this machine at the CPU per change sync spent in this run
     * (every part but the harness: service, PostgreSQL, Kafka, Redis): more busy cores than the machine has
     * puts the target beyond it, whatever part Spillway's own code takes. Empty when the CPU was not measured.
     */
    private String noopFit(Optional<RunResult> sync, Optional<RunResult> noop) {
        if (sync.isEmpty() || noop.isEmpty() || !sync.get().cpu().measured()) {
            return "";
        }
        RunResult s = sync.get();
        CpuUsage cpu = s.cpu();
        double rate = 0.85 * noop.get().changesPerSecond();
        double perThousand = cpu.systemMsPer1000(s.changes());
        double service = Math.max(0, cpu.msPer1000(CpuSplit.Part.SERVICE, s.changes()));
        double postgres = Math.max(0, cpu.msPer1000(CpuSplit.Part.POSTGRES, s.changes()));
        double cores = perThousand / 1e6 * rate;
        return String.format("; at 85%% of noop (%,.0f changes/s), the CPU sync spent per change in this run (%.1f"
                + " ms per 1,000 changes: service %.1f, PostgreSQL %.1f, Kafka and Redis %.1f) would keep %.2f"
                + " cores busy, on a machine of %d", rate, perThousand, service, postgres,
                perThousand - service - postgres, cores, machine.cores());
    }

    private Optional<LatencyResult> latency(String name) {
        return latencies.stream().filter(l -> l.ok() && l.name().equals(name)).findFirst();
    }

    private static String ratio(String label, Optional<RunResult> a, Optional<RunResult> b, double target) {
        if (a.isEmpty() || b.isEmpty() || b.get().changesPerSecond() == 0) {
            return label + ": n/a";
        }
        double r = a.get().changesPerSecond() / b.get().changesPerSecond();
        return String.format("%s: %.2fx %s", label, r, r >= target ? "(met)" : "(NOT met)");
    }
}
