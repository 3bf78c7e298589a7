package io.spillway.bench;

import java.util.List;
import java.util.Locale;

/**
 * One latency row: a system at a steady rate, Spillway with its max_event. Each has its own captured table
 * and topic, so no row reads another's changes.
 *
 * @param spillway Spillway (sync into PostgreSQL), else the Debezium JDBC sink
 * @param rate changes per second, written as one transaction every 10 ms
 * @param maxEvent Spillway's max_event (0 for the JDBC sink)
 */
record LatencyScenario(boolean spillway, int rate, int maxEvent) {
    /** What the issue asks: 1,000/s and 5,000/s, Spillway at max_event 1 and 10, the JDBC sink beside. */
    static final List<LatencyScenario> ALL = List.of(
            new LatencyScenario(true, 1_000, 1), new LatencyScenario(false, 1_000, 0),
            new LatencyScenario(true, 1_000, 10),
            new LatencyScenario(true, 5_000, 1), new LatencyScenario(false, 5_000, 0),
            new LatencyScenario(true, 5_000, 10));

    static final long TX_INTERVAL_MS = 10;

    String name() {
        return (spillway ? "Spillway sync pg max_event=" + maxEvent : BenchReport.JDBC_SINK)
                + String.format(Locale.ROOT, " at %,d/s", rate);
    }

    /** The captured source table (and so the topic) of this row. */
    String table() {
        return (spillway ? SourceTable.LATENCY_SPILLWAY + "_r" + rate + "_e" + maxEvent
                : SourceTable.LATENCY_JDBC + "_r" + rate);
    }

    int rowsPerTransaction() {
        return (int) Math.max(1, rate * TX_INTERVAL_MS / 1000);
    }

    /** One second's worth of changes before the measured ones. */
    int warmup() {
        return rate;
    }
}
