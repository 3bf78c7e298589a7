package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.SharedDevstack;
import io.spillway.support.Api;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PostgreSQL connector created through Spillway's API for the snapshot tests (so it has Spillway's signal
 * and notification defaults), streaming only ({@code snapshot_mode=no_data}), with heartbeats every second
 * so that read-only snapshot windows close quickly, and the tables it works on.
 */
final class SnapshotStack {
    static final JsonMapper json = JsonMapper.builder().build();

    private SnapshotStack() {
    }

    static String connectorRequest(String name, String prefix, String tableIncludeList) {
        return connectorRequest(name, prefix, tableIncludeList, 1024);
    }

    static String connectorRequest(String name, String prefix, String tableIncludeList, int chunkSize) {
        return """
                {"name": "%1$s", "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector",
                   "database_hostname": "localhost", "database_port": "%2$d", "database_user": "debezium",
                   "database_password": "password", "database_dbname": "mydatabase", "topic_prefix": "%3$s",
                   "publication_autocreate_mode": "filtered", "publication_name": "pub_%3$s",
                   "slot_name": "slot_%3$s", "table_include_list": "%4$s", "heartbeat_interval_ms": "1000",
                   "plugin_name": "pgoutput", "snapshot_mode": "no_data",
                   "incremental.snapshot.chunk.size": "%5$d"}}"""
                .formatted(name, SharedDevstack.get().postgres().port(), prefix, tableIncludeList, chunkSize);
    }

    /** A table (id serial key, name, n) owned by the connector's user, with {@code rows} rows n = 1..rows. */
    static void createTable(String table, int rows) throws Exception {
        try (Connection c = SharedDevstack.get().postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE public." + table + " (id serial PRIMARY KEY, name text NOT NULL, n integer)");
            sql.execute("ALTER TABLE public." + table + " OWNER TO debezium");
            sql.execute("INSERT INTO public." + table + " (name, n) SELECT 'row ' || g, g FROM generate_series(1, "
                    + rows + ") g");
        }
    }

    static void sql(String statement) throws Exception {
        try (Connection c = SharedDevstack.get().postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            sql.execute(statement);
        }
    }

    /** id -> n of every row of a source table. */
    static Map<Integer, Integer> sourceRows(String table) throws Exception {
        try (Connection c = SharedDevstack.get().postgres().superuser("mydatabase")) {
            return rows(c, table);
        }
    }

    static Map<Integer, Integer> rows(Connection c, String table) throws Exception {
        Map<Integer, Integer> rows = new TreeMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, n FROM public." + table);
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getInt(2));
            }
        }
        return rows;
    }

    static void awaitSlotActive(String slot) {
        await("slot " + slot + " streaming").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    try (Connection c = SharedDevstack.get().postgres().superuser("mydatabase");
                            PreparedStatement q = c.prepareStatement(
                                    "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
                        q.setString(1, slot);
                        try (ResultSet rs = q.executeQuery()) {
                            return rs.next() && rs.getBoolean(1);
                        }
                    }
                });
    }

    static JsonNode body(Api.Response response) {
        return json.readTree(response.body());
    }

    /** Polls the snapshot's progress until its state is {@code state}; returns that progress. */
    static JsonNode awaitSnapshotState(Api api, String connector, String id, String state) {
        JsonNode[] last = new JsonNode[1];
        await("snapshot " + id + " " + state).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Api.Response progress = api.get("/debezium/connector/" + connector + "/snapshot");
                    assertThat(progress.status()).as(progress.body()).isEqualTo(200);
                    last[0] = body(progress);
                    assertThat(last[0].path("id").asString()).isEqualTo(id);
                    assertThat(last[0].path("state").asString()).as(progress.body()).isEqualTo(state);
                });
        return last[0];
    }

    /** Deletes the connector through the API and drops its slot and publication. */
    static void release(Api api, String connector, String prefix) {
        try {
            api.delete("/debezium/connector/" + connector + "/delete/");
            DebeziumIT.dropSlotAndPublication("slot_" + prefix, "pub_" + prefix);
        } catch (Exception e) {
            System.err.println("cleanup of " + connector + " failed: " + e);
        }
    }
}
