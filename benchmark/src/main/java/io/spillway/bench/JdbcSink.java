package io.spillway.bench;

import io.spillway.devstack.ConnectWorker;
import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Debezium JDBC sink connector, in the devstack's Connect worker, writing into target database B.
 * Tuned as its documentation says (see docs/readme/benchmark.md): upsert by record key with deletes,
 * batch.size and the Connect consumer's max.poll.records both at Spillway's window, and the reduction
 * buffer on, so a batch applies one statement per key.
 */
final class JdbcSink {
    static final int BATCH = 10_000;

    private final BenchEnv env;

    JdbcSink(BenchEnv env) {
        this.env = env;
    }

    static String groupOf(String connector) {
        return "connect-" + connector;
    }

    Map<String, String> config(String topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ConnectWorker.JDBC_SINK_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", env.jdbcUrl(BenchEnv.SINK_DB));
        config.put("connection.username", PostgresServer.TARGET_USER);
        config.put("connection.password", PostgresServer.TARGET_PASSWORD);
        config.put("insert.mode", "upsert");
        config.put("delete.enabled", "true");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("batch.size", String.valueOf(BATCH));
        config.put("use.reduction.buffer", "true");
        config.put("consumer.override.max.poll.records", String.valueOf(BATCH));
        config.put("consumer.override.auto.offset.reset", "earliest");
        // PostgreSQL dialect: one INSERT ... SELECT FROM unnest(...) per batch instead of a JDBC batch of
        // single-row statements ("5-10x" by the connector's own description of the option).
        config.put("dialect.postgres.unnest.insert.enabled", "true");
        return config;
    }

    void start(String connector, String topic) {
        JsonHttp.Response put = env.connect.put("/connectors/" + connector + "/config", config(topic));
        if (!put.ok()) {
            throw new BenchException("registering the JDBC sink connector failed: " + put);
        }
    }

    void delete(String connector) {
        try {
            env.connect.delete("/connectors/" + connector);
        } catch (RuntimeException e) {
            Log.info("deleting connector %s failed: %s", connector, e.getMessage());
        }
    }

    String status(String connector) {
        return "JDBC sink status: " + env.connect.get("/connectors/" + connector + "/status")
                + "; Connect log: " + env.stack.connect().process().logFile();
    }

    /** The table the sink created for a source table (its name follows the sink's naming settings). */
    static Optional<String> targetTable(Connection sinkDb, String sourceTable) throws SQLException {
        try (Statement sql = sinkDb.createStatement(); ResultSet rs = sql.executeQuery(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name LIKE '%"
                        + sourceTable + "' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            if (rs.next()) {
                return Optional.of("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
            }
            return Optional.empty();
        }
    }
}
