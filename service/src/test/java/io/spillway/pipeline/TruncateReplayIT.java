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
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replay of a window from before a truncate, after the truncate was loaded: rows 1 and 2 are loaded, the
 * source table is truncated and the truncate loaded, the consumer is stopped and its group rewound to before
 * the inserts, then started again. With max_event 2 the replayed inserts close a window of their own while
 * the truncate waits in the next one (max_time 8 s): once that window has run, the target must still be
 * empty (the truncate watermark refuses the older rows). A row inserted afterwards closes the truncate's
 * window and is loaded (the replayed truncate does not remove it).
 */
class TruncateReplayIT extends StackIT {
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private Admin admin;

    @Test
    void aReplayedWindowFromBeforeATruncateBringsNoRowBackIntoPostgres() throws Exception {
        String suffix = suffix();
        String schema = "it_trunc_" + suffix;
        String table = "trunc_" + suffix;
        String connection = """
                {"connection_id": "trunc-%s", "type": "postgres", "jdbc_url": "%s",
                 "username": "warehouse", "password": "warehouse", "schema": "%s"}"""
                .formatted(suffix, stack.postgres().jdbcUrl(PostgresServer.TARGET_DB), schema);
        replay(suffix, table, connection, id -> targetHas(schema, table, id));
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT " + PgIdentifiers.quote("__spillway_lsn") + " FROM "
                        + PgIdentifiers.qualified(schema, "__spillway_truncates") + " WHERE table_name = '" + table + "'")) {
            assertThat(rs.next()).as("the truncate's watermark is kept").isTrue();
            assertThat(rs.getLong(1)).isPositive();
        }
    }

    @Test
    void aReplayedWindowFromBeforeATruncateBringsNoRowBackIntoRedis() throws Exception {
        String suffix = suffix();
        String table = "trunc_" + suffix;
        String prefix = "it:trunc:" + suffix + ":";
        String connection = """
                {"connection_id": "trunc-%s", "type": "redis", "url": "%s", "key_prefix": "%s"}"""
                .formatted(suffix, TargetRedis.get().url(), prefix);
        RedisClient client = RedisClient.create(TargetRedis.get().url());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            replay(suffix, table, connection, id -> redis.sync().exists(prefix + "public." + table + ":" + id) == 1);
            assertThat(redis.sync().get(prefix + "__spillway_truncated:public." + table)).as("the truncate's watermark")
                    .isNotNull();
        } finally {
            client.shutdown();
        }
    }

    private void replay(String suffix, String table, String connectionJson, IntPredicate present) throws Exception {
        Api api = api();
        String consumerId = "trunc-" + suffix;
        String topic = "trunc" + suffix + ".public." + table;
        source("CREATE TABLE public." + table + " (id int PRIMARY KEY, v text)",
                "ALTER TABLE public." + table + " OWNER TO debezium", "GRANT SELECT ON public." + table + " TO debezium");
        // /debezium/start sets skipped.operations=none: the connector streams truncates.
        TableCapture.start(api, "trunc", suffix, table, "\"snapshot_mode\": \"initial\"");
        try {
            assertThat(api.post("/connection/create", connectionJson).status()).isEqualTo(201);
            String consumer = """
                    {"consumer_id": "%s", "kafka_topic": "%s", "pipeline_name": "truncate %s", "connection_id": "trunc-%s",
                     "max_event": 2, "max_time": 8, "job_type": "sync", "auto_offset_reset": "earliest"}"""
                    .formatted(consumerId, topic, suffix, suffix);
            Api.Response started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            source("INSERT INTO public." + table + " VALUES (1, 'a')", "INSERT INTO public." + table + " VALUES (2, 'b')");
            await("1 and 2 loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> present.test(1) && present.test(2));
            source("TRUNCATE public." + table);
            await("the truncate loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> succeeded(api, consumerId).size() == 2);
            assertThat(present.test(1) || present.test(2)).as("rows left after the truncate").isFalse();

            assertThat(api.post("/consumer/stop?consumer_id=" + consumerId, null).status()).isEqualTo(200);
            TableCapture.rewindToStart(admin, consumerId, topic);
            started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            await("the replayed inserts' window ran").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> succeeded(api, consumerId).size() == 3);
            // The truncate's window is still open (it closes in max_time, or with the next change).
            assertThat(succeeded(api, consumerId).get(0).get("events_in").asInt()).isEqualTo(2);
            assertThat(present.test(1) || present.test(2)).as("replayed rows from before the truncate").isFalse();

            source("INSERT INTO public." + table + " VALUES (3, 'after')");
            await("3 loaded").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions().until(() -> present.test(3));
            assertThat(present.test(1) || present.test(2)).as("replayed rows from before the truncate").isFalse();
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumerId, null);
            TableCapture.delete(api, "trunc", suffix);
        }
    }

    /** The consumer's succeeded runs, newest first. */
    private static List<JsonNode> succeeded(Api api, String consumerId) {
        List<JsonNode> runs = new ArrayList<>();
        json.readTree(api.get("/consumer/runs/" + consumerId + "?limit=500").body()).get("runs").forEach(run -> {
            if ("SUCCEEDED".equals(run.get("status").asString())) {
                runs.add(run);
            }
        });
        return runs;
    }



    private static Connection warehouse() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD);
    }

    private static boolean targetHas(String schema, String table, int id) {
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + PgIdentifiers.qualified(schema, table)
                        + " WHERE id = " + id)) {
            rs.next();
            return rs.getLong(1) == 1;
        } catch (SQLException e) {
            return false; // the target table is not there yet
        }
    }
}
