package io.spillway.support;

import io.spillway.devstack.SharedDevstack;
import io.spillway.pipeline.postgres.PgIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Incremental snapshots started the way Debezium documents them, through a signal table in the source
 * database, for tests that look at what Debezium itself sends with that set-up (Spillway's own
 * {@code POST /debezium/connector/{name}/snapshot} uses a Kafka signal and read-only watermarks instead).
 */
public final class IncrementalSnapshots {
    private IncrementalSnapshots() {
    }

    /**
     * Creates {@code mydatabase.public.<signalTable>} as Debezium documents it, owned by the connector's role:
     * Debezium reads signals from it and writes its chunk watermarks into it.
     */
    public static void createSignalTable(String signalTable) throws SQLException {
        String table = PgIdentifiers.qualified("public", signalTable);
        try (Connection pg = SharedDevstack.get().postgres().superuser("mydatabase");
                Statement sql = pg.createStatement()) {
            sql.execute("CREATE TABLE " + table
                    + " (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))");
            sql.execute("ALTER TABLE " + table + " OWNER TO debezium");
        }
    }

    /** Connector settings (dotted keys) that make the connector read signals from that table. */
    public static Map<String, String> signalSettings(String signalTable) {
        return Map.of("signal.data.collection", "public." + signalTable, "signal.enabled.channels", "source");
    }

    /**
     * Starts an incremental snapshot of {@code tables} ({@code schema.table}) on the connector whose
     * {@code signal.data.collection} is {@code signalTable}: an {@code execute-snapshot} signal.
     */
    public static void startIncrementalSnapshot(String signalTable, List<String> tables) throws SQLException {
        String collections = tables.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
        try (Connection pg = SharedDevstack.get().postgres().superuser("mydatabase");
                PreparedStatement insert = pg.prepareStatement("INSERT INTO "
                        + PgIdentifiers.qualified("public", signalTable) + " (id, type, data) VALUES (?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "execute-snapshot");
            insert.setString(3, "{\"data-collections\": [" + collections + "], \"type\": \"incremental\"}");
            insert.executeUpdate();
        }
    }
}
