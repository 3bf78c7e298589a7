package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.devstack.PostgresServer;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import io.spillway.support.TargetRedis;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A replay of a window that holds an insert of K and its delete ("born and gone") after an earlier attempt
 * already loaded K: the consumer loads K, is stopped, its group rewound to before the insert, K is deleted
 * at the source, and the consumer started again. K must be gone from the target.
 */
class ReplayDeleteIT extends StackIT {
    @Autowired
    private Admin admin;

    @Test
    void aReplayedInsertAndDeleteRemoveTheRowFromAPostgresTargetAndRecordTheDelete() throws Exception {
        String suffix = suffix();
        String schema = "it_replay_" + suffix;
        String table = "replay_" + suffix;
        String connection = """
                {"connection_id": "replay-%s", "type": "postgres", "jdbc_url": "%s",
                 "username": "warehouse", "password": "warehouse", "schema": "%s"}"""
                .formatted(suffix, stack.postgres().jdbcUrl(PostgresServer.TARGET_DB), schema);
        replay(suffix, table, connection, id -> targetHas(schema, table, id));
        try (Connection c = warehouse()) {
            assertThat(ids(c, PgIdentifiers.qualified(schema, table + "__spillway_deleted") + " WHERE id = 1")).isEqualTo(1);
        }
    }

    @Test
    void aReplayedInsertAndDeleteRemoveTheRowFromARedisTarget() throws Exception {
        String suffix = suffix();
        String table = "replay_" + suffix;
        String prefix = "it:replay:" + suffix + ":";
        String connection = """
                {"connection_id": "replay-%s", "type": "redis", "url": "%s", "key_prefix": "%s"}"""
                .formatted(suffix, TargetRedis.get().url(), prefix);
        RedisClient client = RedisClient.create(TargetRedis.get().url());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            replay(suffix, table, connection, id -> redis.sync().exists(prefix + "public." + table + ":" + id) == 1);
        } finally {
            client.shutdown();
        }
    }

    /**
     * Loads K=1, rewinds the consumer's group to the topic's start, deletes K and inserts 2 at the source,
     * starts the consumer again, waits for 2 (the replayed window has run) and asserts K is gone.
     */
    private void replay(String suffix, String table, String connectionJson, IntPredicate present) throws Exception {
        Api api = api();
        String consumerId = "replay-" + suffix;
        String topic = "replay" + suffix + ".public." + table;
        source("CREATE TABLE public." + table + " (id int PRIMARY KEY, v text)",
                "ALTER TABLE public." + table + " OWNER TO debezium", "GRANT SELECT ON public." + table + " TO debezium");
        Api.Response connector = api.post("/debezium/start/", """
                {"name": "replay-%1$s", "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector", "tasks_max": "1",
                   "database_hostname": "localhost", "database_port": "%2$d", "database_user": "debezium",
                   "database_password": "password", "database_dbname": "mydatabase", "topic_prefix": "replay%1$s",
                   "publication_autocreate_mode": "filtered", "publication_name": "pub_replay_%1$s",
                   "slot_name": "slot_replay_%1$s", "table_include_list": "public.%3$s", "plugin_name": "pgoutput",
                   "snapshot_mode": "initial", "slot_drop_on_stop": "true"}}""".formatted(suffix,
                stack.postgres().port(), table));
        assertThat(connector.status()).as(connector.body()).isEqualTo(201);
        try {
            assertThat(api.post("/connection/create", connectionJson).status()).isEqualTo(201);
            String consumer = """
                    {"consumer_id": "%s", "kafka_topic": "%s", "pipeline_name": "replay", "connection_id": "replay-%s",
                     "max_event": 100, "max_time": 1, "job_type": "sync", "auto_offset_reset": "earliest"}"""
                    .formatted(consumerId, topic, suffix);
            // The insert must be streamed (an insert event), not read by the snapshot: wait for the slot.
            await("replication slot").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> slotActive("slot_replay_" + suffix));
            Api.Response started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            source("INSERT INTO public." + table + " VALUES (1, 'k')");
            await("K loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> present.test(1));

            assertThat(api.post("/consumer/stop?consumer_id=" + consumerId, null).status()).isEqualTo(200);
            // Rewound to before the insert, as after a crash before the commit of an overlapping window.
            await("group rewound").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        admin.alterConsumerGroupOffsets("spillway-" + consumerId,
                                Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
                        return true;
                    });
            source("DELETE FROM public." + table + " WHERE id = 1", "INSERT INTO public." + table + " VALUES (2, 'later')");
            started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            await("the replayed window loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> present.test(2));
            assertThat(present.test(1)).as("K deleted at the source is still in the target").isFalse();
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumerId, null);
            api.delete("/debezium/connector/replay-" + suffix + "/delete/");
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void source(String... statements) throws SQLException {
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static boolean slotActive(String slot) throws SQLException {
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Connection warehouse() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD);
    }

    private static boolean targetHas(String schema, String table, int id) {
        try (Connection c = warehouse()) {
            return ids(c, PgIdentifiers.qualified(schema, table) + " WHERE id = " + id) == 1;
        } catch (SQLException e) {
            return false; // the target table is not there yet
        }
    }

    /** The number of rows of {@code from} (a table, optionally with a WHERE clause). */
    private static long ids(Connection c, String from) throws SQLException {
        try (Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
