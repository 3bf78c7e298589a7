package io.spillway.pipeline.sync;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.change.TableId;
import io.spillway.change.UnavailableValue;
import java.util.List;
import java.util.Set;

/**
 * What a window does to one source table once coalesced: whether it truncates the table first, then the
 * last state of every key it touched (an upsert of the after image, or a delete), each with its LSN.
 *
 * @param columns every column the window's events know, in source order (a column added mid-window too)
 * @param primaryKey the primary key's column names
 * @param rows the final change per key, in the order the keys were first touched
 * @param truncateLsn the LSN of the window's last truncate of the table (0 when {@code truncated} is false):
 *                    the target keeps it as the table's truncate watermark
 */
public record TableChanges(TableId table, boolean truncated, List<Column> columns, List<String> primaryKey,
        List<RowChange> rows, long truncateLsn) {

    public TableChanges(TableId table, boolean truncated, List<Column> columns, List<String> primaryKey,
            List<RowChange> rows) {
        this(table, truncated, columns, primaryKey, rows, 0);
    }

    /**
     * The last change of one row in the window.
     *
     * @param unavailable columns of the after image whose value Debezium could not read (unchanged TOASTed
     *                    values, see {@link UnavailableValue}): the target keeps its value
     */
    public record RowChange(List<Object> keyValues, ChangeEvent event, Set<String> unavailable) {
        public RowChange(List<Object> keyValues, ChangeEvent event) {
            this(keyValues, event, Set.of());
        }

        public boolean isDelete() {
            return !event.op().writesRow();
        }

        public long lsn() {
            return event.position().lsn();
        }
    }

    public long upserts() {
        return rows.stream().filter(r -> !r.isDelete()).count();
    }

    public long deletes() {
        return rows.stream().filter(RowChange::isDelete).count();
    }
}
