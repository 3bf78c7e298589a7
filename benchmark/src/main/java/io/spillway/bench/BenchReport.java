package io.spillway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything one benchmark run measured, with what it was measured on. */
public record BenchReport(String startedAt, String command, MachineInfo machine, long changes, double produceSeconds,
        List<RunResult> runs, List<LatencyResult> latencies) {

    public static final String RAW = "raw (KafkaConsumer + JSON parse)";
    public static final String JDBC_SINK = "Debezium JDBC sink";

    public static String spillwaySync(int maxEvent) {
        return "Spillway sync pg max_event=" + maxEvent;
    }

    public static final String SPILLWAY_REDIS = "Spillway sync redis max_event=10000";
    public static final String SPILLWAY_NOOP = "Spillway noop max_event=10000";

    public Optional<RunResult> run(String name) {
        return runs.stream().filter(r -> r.name().equals(name) && r.ok()).findFirst();
    }

    public boolean allOk() {
        return runs.stream().allMatch(RunResult::ok) && latencies.stream().allMatch(LatencyResult::ok);
    }

    /** The targets, each with the measured figure; "n/a" where a row is missing. */
    public List<String> targetChecks() {
        List<String> out = new ArrayList<>();
        Optional<RunResult> raw = run(RAW);
        Optional<RunResult> sync = run(spillwaySync(10_000));
        Optional<RunResult> sink = run(JDBC_SINK);
        Optional<RunResult> noop = run(SPILLWAY_NOOP);
        out.add(ratio("Spillway sync >= 3x JDBC sink", sync, sink, 3.0));
        out.add(ratio("Spillway sync >= 50% of raw", sync, raw, 0.5));
        out.add(ratio("noop (counting + windowing) >= 80% of raw", noop, raw, 0.8));
        out.add(noop.map(n -> String.format("noop at most one Redis round trip per poll: %.1f round trips and %.1f"
                + " commands per 1,000 records (one per poll of 500 would be 2)", n.redisRoundTripsPer1000(),
                n.redisCommandsPer1000())).orElse("noop Redis round trips: n/a"));
        Optional<LatencyResult> latency = latencies.stream()
                .filter(l -> l.ok() && l.name().startsWith("Spillway") && !l.name().endsWith(LatencyRun.CAPTURE_SUFFIX))
                .findFirst();
        out.add(latency.map(l -> String.format("Spillway latency p99 < 1 s: %.0f ms %s", l.p99Ms(),
                l.p99Ms() < 1000 ? "(met)" : "(NOT met)")).orElse("Spillway latency p99 < 1 s: n/a"));
        Optional<RunResult> big = run(spillwaySync(100_000));
        out.add(big.map(b -> String.format("Spillway heap < 512 MB at max_event=100000: peak %.0f MB, after GC %.0f MB %s",
                b.peakHeapMb(), b.heapAfterGcMb(), b.heapAfterGcMb() < 512 ? "(live set met)" : "(NOT met)"))
                .orElse("Spillway heap at max_event=100000: n/a (run with --sweep)"));
        return out;
    }

    private static String ratio(String label, Optional<RunResult> a, Optional<RunResult> b, double target) {
        if (a.isEmpty() || b.isEmpty() || b.get().changesPerSecond() == 0) {
            return label + ": n/a";
        }
        double r = a.get().changesPerSecond() / b.get().changesPerSecond();
        return String.format("%s: %.2fx %s", label, r, r >= target ? "(met)" : "(NOT met)");
    }
}
