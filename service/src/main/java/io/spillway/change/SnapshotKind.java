package io.spillway.change;

/**
 * Which snapshot, if any, read a change: Debezium's {@code source.snapshot} is {@code true}/{@code first}/
 * {@code last}/... for the initial snapshot, {@code incremental} for an incremental (signalled) one, and
 * {@code false} or absent for a streamed change.
 */
public enum SnapshotKind {
    NONE, INITIAL, INCREMENTAL;

    /** The lower-case name the changelog and the API show ({@code initial}, {@code incremental}). */
    public String label() {
        return name().toLowerCase();
    }
}
