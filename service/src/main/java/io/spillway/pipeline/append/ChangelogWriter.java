package io.spillway.pipeline.append;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.change.SnapshotKind;
import io.spillway.change.UnavailableValue;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.postgres.CopyText;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.postgres.PgValueText;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends every change as one row of {@code <table>_changelog}, keyed by the record's Kafka coordinates
 * (topic, partition, offset) and unique on the change's place in the source (table, LSN, operation, key):
 * a replayed window inserts nothing twice, and neither does a change Debezium sent twice (a restarted
 * task re-sends what it captured since its last offset flush, under new Kafka offsets). COPY into a
 * staging table, then one {@code INSERT ... ON CONFLICT DO NOTHING}, in one transaction. An update's unavailable columns
 * (unchanged TOASTed values) are left out of {@code after} and named in {@code unchanged_columns}. A snapshot
 * read (op {@code r}) says which snapshot read it in {@code snapshot_kind} ({@code initial} or
 * {@code incremental}; NULL for a streamed change).
 */
public final class ChangelogWriter {
    private static final Logger log = LoggerFactory.getLogger(ChangelogWriter.class);
    static final String SUFFIX = "_changelog";
    private static final List<String> COLUMNS = List.of("kafka_topic", "kafka_partition", "kafka_offset", "op",
            "source_schema", "source_table", "lsn", "tx_id", "commit_time", "snapshot", "key", "before", "after",
            "window_id", "unchanged_columns", "snapshot_kind");

    public long append(PostgresTarget target, String targetTable, String windowId, List<ChangeEvent> events)
            throws SQLException {
        Map<String, List<ChangeEvent>> byTable = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            String base = targetTable != null && !targetTable.isBlank() ? targetTable : event.table().table();
            byTable.computeIfAbsent(PgIdentifiers.derived(base, SUFFIX), t -> new ArrayList<>()).add(event);
        }
        String schema = target.schemaOrDefault();
        long appended = 0;
        try (Connection connection = PgTargets.open(target)) {
            try {
                PgTargets.ensureSchema(connection, schema);
                for (Map.Entry<String, List<ChangeEvent>> table : byTable.entrySet()) {
                    appended += appendTable(connection, schema, table.getKey(), windowId, table.getValue());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                PgTargets.rollbackAfter(connection, e);
                throw e;
            }
        }
        return appended;
    }

    private long appendTable(Connection connection, String schema, String table, String windowId,
            List<ChangeEvent> events) throws SQLException {
        PgTargets.lockTable(connection, schema, table);
        String target = qualified(schema, table);
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + target + " ("
                    + "kafka_topic text NOT NULL, kafka_partition integer NOT NULL, kafka_offset bigint NOT NULL, "
                    + "op text NOT NULL, source_schema text NOT NULL, source_table text NOT NULL, lsn bigint, "
                    + "tx_id bigint, commit_time timestamptz, snapshot boolean NOT NULL, key jsonb, before jsonb, "
                    + "after jsonb, window_id text, loaded_at timestamptz NOT NULL DEFAULT now(), "
                    + "unchanged_columns text[], snapshot_kind text, "
                    + "PRIMARY KEY (kafka_topic, kafka_partition, kafka_offset))");
            // Changelogs created before unchanged_columns (snapshot_kind) existed get it (a catalog check when
            // present).
            sql.execute("ALTER TABLE " + target + " ADD COLUMN IF NOT EXISTS unchanged_columns text[], "
                    + "ADD COLUMN IF NOT EXISTS snapshot_kind text");
            ensureSourceUnique(connection, sql, schema, table);
            sql.execute("CREATE TEMP TABLE spillway_changelog_stage ON COMMIT DROP AS SELECT "
                    + PgIdentifiers.list(COLUMNS) + " FROM " + target + " WITH NO DATA");
            String copySql = "COPY spillway_changelog_stage (" + PgIdentifiers.list(COLUMNS) + ") FROM STDIN";
            try (CopyText copy = new CopyText(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql))) {
                for (ChangeEvent event : events) {
                    copy.row(values(event, windowId));
                }
                copy.finish();
            }
            long inserted = sql.executeUpdate("INSERT INTO " + target + " (" + PgIdentifiers.list(COLUMNS) + ") SELECT "
                    + PgIdentifiers.list(COLUMNS) + " FROM spillway_changelog_stage ORDER BY kafka_partition, kafka_offset"
                    + " ON CONFLICT DO NOTHING");
            sql.execute("DROP TABLE spillway_changelog_stage");
            return inserted;
        }
    }

    /**
     * One row per source change: the same table, LSN, operation and key is the same change, whatever its
     * Kafka offset. A changelog that already holds such duplicates (written before this index existed)
     * keeps working without it; the log says how to remove them.
     */
    private static void ensureSourceUnique(Connection connection, Statement sql, String schema, String table)
            throws SQLException {
        String index = PgIdentifiers.derived(table, "_source_change");
        Savepoint before = connection.setSavepoint();
        try {
            sql.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + quote(index) + " ON " + qualified(schema, table)
                    + " (source_schema, source_table, lsn, op, (coalesce(key::text, '')))");
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            connection.rollback(before);
            log.warn("changelog {}.{} holds a source change more than once, so it cannot be unique on the source"
                    + " position ({}); delete the copies to have replays de-duplicated by source position too",
                    schema, table, e.getSQLState());
        }
    }

    private static List<String> values(ChangeEvent event, String windowId) {
        List<String> row = new ArrayList<>();
        row.add(event.coordinates().topic());
        row.add(Integer.toString(event.coordinates().partition()));
        row.add(Long.toString(event.coordinates().offset()));
        row.add(event.op().code());
        row.add(event.table().schema());
        row.add(event.table().table());
        row.add(event.position().lsn() == 0 ? null : Long.toString(event.position().lsn()));
        row.add(event.position().txId() == null ? null : event.position().txId().toString());
        row.add(event.position().commitTimeMs() == 0 ? null
                : Instant.ofEpochMilli(event.position().commitTimeMs()).toString());
        row.add(Boolean.toString(event.position().snapshot()));
        Set<String> unchanged = UnavailableValue.columns(event);
        row.add(json(event.key(), event, Set.of()));
        row.add(json(event.before(), event, Set.of()));
        row.add(json(event.after(), event, unchanged));
        row.add(windowId);
        row.add(unchanged.isEmpty() ? null : textArray(unchanged));
        SnapshotKind kind = event.position().snapshotKind();
        row.add(kind == SnapshotKind.NONE ? null : kind.label());
        return row;
    }

    /**
     * A row image as JSON with readable values: columns whose Connect encoding is not plain JSON (dates as
     * day numbers, timestamps as microseconds, bytes as base64, decimals) become their PostgreSQL text;
     * {@code unchanged} columns are left out.
     */
    private static String json(JsonNode image, ChangeEvent event, Set<String> unchanged) {
        if (image == null || image.isNull()) {
            return null;
        }
        if (!image.isObject() || !event.schema().isKnown()) {
            return image.toString();
        }
        ObjectNode readable = ((ObjectNode) image).deepCopy();
        readable.remove(unchanged);
        for (Column column : event.schema().columns()) {
            JsonNode value = image.get(column.name());
            if (value != null && !value.isNull() && !unchanged.contains(column.name())
                    && (column.logicalName() != null || "bytes".equals(column.connectType()))) {
                readable.put(column.name(), PgValueText.of(column, value));
            }
        }
        return readable.toString();
    }

    /** A text[] literal: every element double-quoted, with backslash and double quote escaped. */
    private static String textArray(Set<String> names) {
        return names.stream().map(n -> "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
