package io.spillway.pipeline.append;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.postgres.CopyText;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.postgres.PgValueText;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends every change as one row of {@code <table>_changelog}, keyed by the record's Kafka coordinates
 * (topic, partition, offset): a replayed window inserts nothing twice. COPY into a staging table, then one
 * {@code INSERT ... ON CONFLICT DO NOTHING}, in one transaction.
 */
public final class ChangelogWriter {
    static final String SUFFIX = "_changelog";
    private static final List<String> COLUMNS = List.of("kafka_topic", "kafka_partition", "kafka_offset", "op",
            "source_schema", "source_table", "lsn", "tx_id", "commit_time", "snapshot", "key", "before", "after",
            "window_id");

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
                    + "PRIMARY KEY (kafka_topic, kafka_partition, kafka_offset))");
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
        row.add(json(event.key(), event));
        row.add(json(event.before(), event));
        row.add(json(event.after(), event));
        row.add(windowId);
        return row;
    }

    /**
     * A row image as JSON with readable values: columns whose Connect encoding is not plain JSON (dates as
     * day numbers, timestamps as microseconds, bytes as base64, decimals) become their PostgreSQL text.
     */
    private static String json(JsonNode image, ChangeEvent event) {
        if (image == null || image.isNull()) {
            return null;
        }
        if (!image.isObject() || !event.schema().isKnown()) {
            return image.toString();
        }
        ObjectNode readable = ((ObjectNode) image).deepCopy();
        for (Column column : event.schema().columns()) {
            JsonNode value = image.get(column.name());
            if (value != null && !value.isNull()
                    && (column.logicalName() != null || "bytes".equals(column.connectType()))) {
                readable.put(column.name(), PgValueText.of(column, value));
            }
        }
        return readable.toString();
    }
}
