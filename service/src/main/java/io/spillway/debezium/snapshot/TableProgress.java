package io.spillway.debezium.snapshot;

/**
 * One table of an incremental snapshot. {@code state}: PENDING, IN_PROGRESS, DONE, STOPPED (not finished
 * when the snapshot was stopped); {@code scanStatus} is
 * Debezium's outcome of the table's scan (SUCCEEDED, EMPTY, NO_PRIMARY_KEY, SKIPPED, SQL_EXCEPTION,
 * UNKNOWN_SCHEMA); {@code rowsScanned} is known once the table is done. {@code rowsReadAtLeast} is what can
 * be said while it is read: every chunk but a table's last holds exactly the chunk size (Debezium reads a
 * chunk as the next {@code incremental.snapshot.chunk.size} rows by key), so the chunks before the one in
 * progress; the rows scanned once done.
 */
public record TableProgress(String table, String filter, String state, Long rowsScanned, long rowsReadAtLeast,
        int chunksRead, String scanStatus) {
}
