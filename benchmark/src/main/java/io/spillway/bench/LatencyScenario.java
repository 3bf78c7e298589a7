package io.spillway.bench;

import java.util.List;
import java.util.Locale;

/**
 * One latency run: Spillway with its max_event at a steady rate, with the Debezium JDBC sink beside it or not.
 * Beside it, both read the same topic at the same time and are timed on the same changes: what Debezium adds
 * (its own share varies by tens of milliseconds from one minute to the next) is the same for both. Each
 * scenario has its own captured table and topic, so no run reads another's changes.
 *
 * @param rate changes per second, written as one transaction every 10 ms
 * @param maxEvent Spillway's max_event
 * @param sinkBeside the JDBC sink reads the same topic into its own database meanwhile
 */
record LatencyScenario(int rate, int maxEvent, boolean sinkBeside) {
    /** What the issue asks: 1,000/s and 5,000/s, Spillway at max_event 1 (the sink beside) and 10. */
    static final List<LatencyScenario> ALL = List.of(
            new LatencyScenario(1_000, 1, true), new LatencyScenario(1_000, 10, false),
            new LatencyScenario(5_000, 1, true), new LatencyScenario(5_000, 10, false));

    static final long TX_INTERVAL_MS = 10;

    static String spillwayName(int rate, int maxEvent) {
        return "Spillway sync pg max_event=" + maxEvent + String.format(Locale.ROOT, " at %,d/s", rate);
    }

    static String sinkName(int rate) {
        return BenchReport.JDBC_SINK + String.format(Locale.ROOT, " at %,d/s", rate);
    }

    String name() {
        return spillwayName(rate, maxEvent);
    }

    /** The captured source table (and so the topic) of this run. */
    String table() {
        return SourceTable.LATENCY + "_r" + rate + "_e" + maxEvent;
    }

    int rowsPerTransaction() {
        return (int) Math.max(1, rate * TX_INTERVAL_MS / 1000);
    }

    /** One second's worth of changes before the measured ones. */
    int warmup() {
        return rate;
    }
}
