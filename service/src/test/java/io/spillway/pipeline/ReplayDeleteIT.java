package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static io.spillway.support.TableCapture.source;
import static io.spillway.support.TableCapture.suffix;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.devstack.PostgresServer;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import io.spillway.support.TableCapture;
import io.spillway.support.TargetRedis;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
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
        TableCapture.start(api, "replay", suffix, table, "\"snapshot_mode\": \"initial\"");
        try {
            assertThat(api.post("/connection/create", connectionJson).status()).isEqualTo(201);
            String consumer = """
                    {"consumer_id": "%s", "kafka_topic": "%s", "pipeline_name": "replay", "connection_id": "replay-%s",
                     "max_event": 100, "max_time": 1, "job_type": "sync", "auto_offset_reset": "earliest"}"""
                    .formatted(consumerId, topic, suffix);
            Api.Response started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            source("INSERT INTO public." + table + " VALUES (1, 'k')");
            await("K loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> present.test(1));

            assertThat(api.post("/consumer/stop?consumer_id=" + consumerId, null).status()).isEqualTo(200);
            // Rewound to before the insert, as after a crash before the commit of an overlapping window.
            TableCapture.rewindToStart(admin, consumerId, topic);
            source("DELETE FROM public." + table + " WHERE id = 1", "INSERT INTO public." + table + " VALUES (2, 'later')");
            started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            await("the replayed window loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> present.test(2));
            assertThat(present.test(1)).as("K deleted at the source is still in the target").isFalse();
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumerId, null);
            TableCapture.delete(api, "replay", suffix);
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
