package io.spillway.pipeline.sync;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.change.Op;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.change.UnavailableValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reduces a window to one write per row: many updates of a key become the last one, delete-then-insert
 * becomes the insert; a truncate drops what came before it. Insert-then-delete stays the delete: an earlier
 * attempt of an overlapping window may have loaded the insert already (a crash before the commit), and
 * only the delete removes it. An update's unavailable (unchanged TOASTed) value takes the real value an
 * earlier change of the key in the window carried; the columns still unavailable go with the row.
 *
 * <p>A read without a position (Debezium sends incremental snapshot reads without an LSN) that follows
 * other changes of its key in the window takes the LSN of the latest of them: Debezium emits a chunk's reads
 * after every change it streamed before the chunk closed, so the read holds that version or a newer one, and
 * with its LSN it passes the target's version guard like the change it replaces (a delete marker older than
 * a re-insert included). Pure.
 */
public final class RowCoalescer {
    private RowCoalescer() {
    }

    public static List<TableChanges> coalesce(List<ChangeEvent> events) {
        Map<TableId, Builder> tables = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            tables.computeIfAbsent(event.table(), Builder::new).add(event);
        }
        return tables.values().stream().map(Builder::build).toList();
    }

    private static final class Builder {
        private final TableId table;
        private boolean truncated;
        private long truncateLsn;
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private List<String> primaryKey = List.of();
        private final Map<List<Object>, TableChanges.RowChange> lastByKey = new LinkedHashMap<>();

        Builder(TableId table) {
            this.table = table;
        }

        void add(ChangeEvent event) {
            if (event.op() == Op.TRUNCATE) {
                truncated = true;
                truncateLsn = Math.max(truncateLsn, event.position().lsn());
                lastByKey.clear();
                return;
            }
            for (Column column : event.schema().columns()) {
                columns.put(column.name(), column); // the latest definition of a column wins
            }
            if (!event.schema().primaryKey().isEmpty()) {
                primaryKey = event.schema().primaryKey();
            }
            if (event.schema().primaryKey().isEmpty()) {
                throw new SyncException("table " + table + " has no primary key: sync needs one to apply "
                        + "updates and deletes (add a primary key to the source table, or use job_type append)");
            }
            List<Object> key = keyOf(event);
            TableChanges.RowChange earlier = lastByKey.remove(key); // re-insert: order of the key's last change
            if (earlier != null && event.op() == Op.READ && event.position().lsn() == 0) {
                event = atLsn(event, earlier.lsn());
            }
            lastByKey.put(key, withEarlierValues(key, event, earlier));
        }

        /**
         * The row change of {@code event}, its unavailable columns filled from the earlier change of the key
         * in this window when that one had the real value (an insert, or an update that set it).
         */
        private static TableChanges.RowChange withEarlierValues(List<Object> key, ChangeEvent event,
                TableChanges.RowChange earlier) {
            Set<String> unavailable = UnavailableValue.columns(event);
            if (unavailable.isEmpty() || earlier == null || earlier.isDelete()) {
                return new TableChanges.RowChange(key, event, unavailable);
            }
            ObjectNode after = ((ObjectNode) event.after()).deepCopy();
            Set<String> still = new LinkedHashSet<>();
            for (String column : unavailable) {
                JsonNode known = earlier.event().after().get(column);
                if (known != null && !earlier.unavailable().contains(column)) {
                    after.set(column, known);
                } else {
                    still.add(column);
                }
            }
            ChangeEvent merged = new ChangeEvent(event.op(), event.table(), event.position(), event.key(),
                    event.before(), after, event.schema(), event.coordinates(), event.approximateBytes());
            return new TableChanges.RowChange(key, merged, Collections.unmodifiableSet(still));
        }

        private static ChangeEvent atLsn(ChangeEvent event, long lsn) {
            SourcePosition at = event.position();
            return new ChangeEvent(event.op(), event.table(),
                    new SourcePosition(lsn, at.txId(), at.commitTimeMs(), at.snapshotKind()), event.key(),
                    event.before(), event.after(), event.schema(), event.coordinates(), event.approximateBytes());
        }

        /**
         * The key's values as JSON nodes (equal when their values are: a column's values all parse to the same
         * kind of node); a missing value counts as null.
         */
        private static List<Object> keyOf(ChangeEvent event) {
            JsonNode source = event.key() != null ? event.key() : event.row();
            List<String> columns = event.schema().primaryKey();
            Object[] key = new Object[columns.size()];
            for (int i = 0; i < key.length; i++) {
                JsonNode value = source == null ? null : source.get(columns.get(i));
                key[i] = value == null ? NullNode.getInstance() : value;
            }
            return List.of(key);
        }

        TableChanges build() {
            List<TableChanges.RowChange> rows = List.copyOf(lastByKey.values());
            return new TableChanges(table, truncated, List.copyOf(columns.values()), primaryKey, rows, truncateLsn);
        }
    }
}
