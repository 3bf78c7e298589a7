package io.spillway.debezium.snapshot;

/**
 * One table of an incremental snapshot. {@code state}: PENDING, IN_PROGRESS, DONE, STOPPED (not finished
 * when the snapshot was stopped); {@code scanStatus} is
 * Debezium's outcome of the table's scan (SUCCEEDED, EMPTY, NO_PRIMARY_KEY, SKIPPED, SQL_EXCEPTION,
 * UNKNOWN_SCHEMA); {@code rowsScanned} is known once the table is done.
 */
public record TableProgress(String table, String filter, String state, Long rowsScanned, int chunksRead,
        String scanStatus) {
}
