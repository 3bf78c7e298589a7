package io.spillway.change;

/**
 * Where a change happened in the source: its WAL position (per row, LSN order is commit order, since
 * one row cannot be changed by two transactions at once), its transaction and its commit time.
 *
 * @param lsn the change's log sequence number (0 when the event has none, e.g. some snapshot reads)
 * @param txId the transaction id, or null
 * @param commitTimeMs source commit time (source.ts_ms)
 * @param snapshot whether the event came from the initial snapshot
 */
public record SourcePosition(long lsn, Long txId, long commitTimeMs, boolean snapshot) {
}
