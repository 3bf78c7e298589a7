package io.spillway.reliability;

import io.spillway.bench.JsonHttp;
import io.spillway.bench.Waits;
import io.spillway.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's pipeline, registered through Spillway's API as a user would: the seed's connector on
 * {@code public.person12}, the target connection {@code warehouse} (on the separate target server), a
 * {@code sync} consumer and an {@code append} consumer beside it on the same topic.
 */
final class PipelineSetup {
    static final String CONNECTOR = "my-postgres-connector";
    static final String TOPIC = "db.public.person12";
    static final String DLQ_TOPIC = TOPIC + ".dlq";
    static final String SYNC = "reliability-sync";
    static final String APPEND = "reliability-append";
    static final String CHANGELOG = "public.person12_changelog";
    private static final int MAX_EVENT = 500;
    private static final int MAX_TIME = 2;

    private PipelineSetup() {
    }

    static void register(ReliabilityStack stack) throws Exception {
        JsonHttp api = stack.api();
        // One partition, created up front: the consumers can start before Debezium's first change.
        post(api, "/topic/create", Map.of("topic_name", TOPIC, "num_partitions", 1, "replication_factor", 1));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connector_class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks_max", "1");
        config.put("database_hostname", "localhost");
        config.put("database_port", String.valueOf(stack.sourcePort()));
        config.put("database_user", PostgresServer.SOURCE_USER);
        config.put("database_password", PostgresServer.SOURCE_PASSWORD);
        config.put("database_dbname", PostgresServer.SOURCE_DB);
        config.put("topic_prefix", "db");
        config.put("schema_include_list", "public");
        config.put("publication_autocreate_mode", "filtered");
        config.put("table_include_list", "public.person12");
        config.put("plugin_name", "pgoutput");
        config.put("snapshot_mode", "initial");
        post(api, "/debezium/start/", Map.of("name", CONNECTOR, "config", config));
        post(api, "/connection/create", Map.of("connection_id", "warehouse", "type", "postgres",
                "jdbc_url", stack.targetJdbcUrl(), "username", PostgresServer.TARGET_USER,
                "password", PostgresServer.TARGET_PASSWORD, "schema", "public"));
        startConsumer(api, SYNC, "sync");
        startConsumer(api, APPEND, "append");
        awaitSlotActive(stack);
    }

    private static void startConsumer(JsonHttp api, String id, String jobType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", id);
        body.put("kafka_topic", TOPIC);
        body.put("pipeline_name", id);
        body.put("connection_id", "warehouse");
        body.put("max_event", MAX_EVENT);
        body.put("max_time", MAX_TIME);
        body.put("job_type", jobType);
        body.put("auto_offset_reset", "earliest");
        post(api, "/consumer/start", body);
    }

    private static void post(JsonHttp api, String path, Map<String, Object> body) {
        JsonHttp.Response response = api.post(path, body);
        if (!response.ok()) {
            throw new IllegalStateException("POST " + path + " answered " + response);
        }
    }

    private static void awaitSlotActive(ReliabilityStack stack) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        try (Connection c = stack.source(); Statement sql = c.createStatement()) {
            while (true) {
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE active")) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Debezium did not start streaming within 180 s: "
                            + stack.api().get("/debezium/connector/" + CONNECTOR + "/info/"));
                }
                Waits.pause(250);
            }
        }
    }

    /** A consumer's state and reason, for progress lines and failure messages. */
    static String state(ReliabilityStack stack, String consumerId) {
        try {
            JsonHttp.Response info = stack.api().get("/consumer/info/" + consumerId);
            if (!info.ok()) {
                return "info answered " + info.status();
            }
            var json = info.json();
            String reason = json.path("state_reason").asString("");
            reason = reason.length() > 140 ? reason.substring(0, 140) + "..." : reason;
            return json.path("state").asString("?") + (reason.isBlank() ? "" : " (" + reason + ")");
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }
}
