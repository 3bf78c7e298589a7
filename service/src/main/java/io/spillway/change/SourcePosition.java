package io.spillway.change;

/**
 * Where a change happened in the source: its WAL position (per row, LSN order is commit order, since
 * one row cannot be changed by two transactions at once), its transaction and its commit time.
 *
 * @param lsn the change's log sequence number; 0 when the event has none: Debezium 3.6 sends reads of an
 *     incremental snapshot without one (and without a transaction id)
 * @param txId the transaction id, or null
 * @param commitTimeMs source commit time (source.ts_ms; for a snapshot read, when it was read)
 * @param snapshotKind which snapshot read the row, {@link SnapshotKind#NONE} for a streamed change
 */
public record SourcePosition(long lsn, Long txId, long commitTimeMs, SnapshotKind snapshotKind) {

    /** A streamed change ({@code snapshot} false) or a read of the initial snapshot. */
    public SourcePosition(long lsn, Long txId, long commitTimeMs, boolean snapshot) {
        this(lsn, txId, commitTimeMs, snapshot ? SnapshotKind.INITIAL : SnapshotKind.NONE);
    }

    /** Whether a snapshot (initial or incremental) read the row. */
    public boolean snapshot() {
        return snapshotKind != SnapshotKind.NONE;
    }
}
