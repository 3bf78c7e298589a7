package io.spillway.bench;

import io.spillway.devstack.Devstack;
import io.spillway.devstack.ManagedProcess;
import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The running stack and service, and the clients the runs share. */
final class BenchEnv implements AutoCloseable {
    static final String TOPIC_PREFIX = "bench";
    static final String SINK_DB = "sinkdb";
    static final int PARTITIONS = 4;

    final Devstack stack;
    final ManagedProcess service;
    final JsonHttp spillway;
    final JsonHttp connect;
    final KafkaProgress kafka;
    final RedisStats redis;

    BenchEnv(Devstack stack, ManagedProcess service, int apiPort) {
        this.stack = stack;
        this.service = service;
        this.spillway = new JsonHttp("http://localhost:" + apiPort);
        this.connect = new JsonHttp(stack.connect().url());
        this.kafka = new KafkaProgress(stack.kafka().bootstrapServers());
        this.redis = new RedisStats(stack.redis().port());
    }

    static String topic(String table) {
        return TOPIC_PREFIX + ".public." + table;
    }

    Connection superuser(String database) throws SQLException {
        return stack.postgres().superuser(database);
    }

    /** The source database as the writer uses it: batched inserts rewritten to multi-row, manual commits. */
    Connection sourceWriter() throws SQLException {
        Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.SOURCE_DB)
                + "?reWriteBatchedInserts=true", PostgresServer.SOURCE_USER, PostgresServer.SOURCE_PASSWORD);
        c.setAutoCommit(false);
        return c;
    }

    String jdbcUrl(String database) {
        return stack.postgres().jdbcUrl(database);
    }

    /** A schema in the target database A (warehouse), owned by the target role, empty. */
    void freshTargetSchema(String schema) throws SQLException {
        try (Connection c = superuser(PostgresServer.TARGET_DB); Statement sql = c.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            sql.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + PostgresServer.TARGET_USER);
        }
    }

    /**
     * Writes every dirty buffer out now: a row does not pay (in PostgreSQL's CPU and its disk) for the checkpoint
     * the rows before it made due, and each row starts from the same state.
     */
    void checkpoint() throws SQLException {
        try (Connection c = superuser("postgres"); Statement sql = c.createStatement()) {
            sql.execute("CHECKPOINT");
        }
    }

    void createSinkDatabase() throws SQLException {
        try (Connection c = superuser("postgres"); Statement sql = c.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + SINK_DB);
            sql.execute("CREATE DATABASE " + SINK_DB + " OWNER " + PostgresServer.TARGET_USER);
        }
    }

    @Override
    public void close() {
        redis.close();
        kafka.close();
    }
}
