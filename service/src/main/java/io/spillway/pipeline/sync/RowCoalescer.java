package io.spillway.pipeline.sync;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.change.Op;
import io.spillway.change.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reduces a window to one write per row: many updates of a key become the last one, insert-then-delete
 * becomes nothing, delete-then-insert becomes the insert; a truncate drops what came before it. Pure.
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
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private List<String> primaryKey = List.of();
        private final Map<List<Object>, ChangeEvent> lastByKey = new LinkedHashMap<>();
        private final Set<List<Object>> createdInWindow = new HashSet<>();

        Builder(TableId table) {
            this.table = table;
        }

        void add(ChangeEvent event) {
            if (event.op() == Op.TRUNCATE) {
                truncated = true;
                lastByKey.clear();
                createdInWindow.clear();
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
            if (!lastByKey.containsKey(key) && event.op() == Op.CREATE) {
                createdInWindow.add(key);
            }
            lastByKey.remove(key); // re-insert: order of the key's last change
            lastByKey.put(key, event);
        }

        private static List<Object> keyOf(ChangeEvent event) {
            JsonNode source = event.key() != null ? event.key() : event.row();
            List<Object> key = new ArrayList<>();
            for (String column : event.schema().primaryKey()) {
                JsonNode value = source == null ? null : source.get(column);
                key.add(value == null || value.isNull() ? null : value.toString());
            }
            return List.copyOf(key.stream().map(v -> v == null ? "null" : v).toList());
        }

        TableChanges build() {
            List<TableChanges.RowChange> rows = new ArrayList<>();
            for (Map.Entry<List<Object>, ChangeEvent> entry : lastByKey.entrySet()) {
                boolean delete = !entry.getValue().op().writesRow();
                if (delete && createdInWindow.contains(entry.getKey())) {
                    continue; // born and gone within the window: nothing to write
                }
                rows.add(new TableChanges.RowChange(entry.getKey(), entry.getValue()));
            }
            return new TableChanges(table, truncated, List.copyOf(columns.values()), primaryKey, List.copyOf(rows));
        }
    }
}
