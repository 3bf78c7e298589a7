package io.spillway.bench;

import io.spillway.devstack.PostgresServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Spillway endpoints the benchmark drives: connections and consumers. */
final class SpillwayApi {
    private final BenchEnv env;

    SpillwayApi(BenchEnv env) {
        this.env = env;
    }

    void createPostgresConnection(String id, String database, String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", id);
        body.put("type", "postgres");
        body.put("jdbc_url", env.jdbcUrl(database));
        body.put("username", PostgresServer.TARGET_USER);
        body.put("password", PostgresServer.TARGET_PASSWORD);
        body.put("schema", schema);
        createConnection(body);
    }

    void createRedisConnection(String id, String keyPrefix) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection_id", id);
        body.put("type", "redis");
        body.put("url", env.stack.redis().url());
        body.put("key_prefix", keyPrefix);
        createConnection(body);
    }

    private void createConnection(Map<String, Object> body) {
        JsonHttp.Response response = env.spillway.post("/connection/create", body);
        if (!response.ok()) {
            throw new BenchException("POST /connection/create answered " + response);
        }
    }

    void startConsumer(String consumerId, String topic, String connectionId, int maxEvent, int maxTime,
            String jobType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("kafka_topic", topic);
        body.put("pipeline_name", consumerId);
        body.put("connection_id", connectionId);
        body.put("max_event", maxEvent);
        body.put("max_time", maxTime);
        body.put("job_type", jobType);
        body.put("auto_offset_reset", "earliest");
        JsonHttp.Response response = env.spillway.post("/consumer/start", body);
        if (response.status() != 201 && response.status() != 200) {
            throw new BenchException("POST /consumer/start (job_type " + jobType + ") answered " + response);
        }
    }

    void stopConsumer(String consumerId) {
        try {
            env.spillway.post("/consumer/stop?consumer_id=" + consumerId, null);
        } catch (RuntimeException e) {
            Log.info("stopping consumer %s failed: %s", consumerId, e.getMessage());
        }
    }

    /** The consumer's info and last runs, for a failure message. */
    String diagnostics(String consumerId) {
        try {
            String info = env.spillway.get("/consumer/info/" + consumerId).toString();
            String runs = env.spillway.get("/consumer/runs/" + consumerId).toString();
            return "consumer info: " + info + "; runs: " + runs + "; service log: " + env.service.logFile();
        } catch (RuntimeException e) {
            return "service log: " + env.service.logFile();
        }
    }

    static String groupOf(String consumerId) {
        return "spillway-" + consumerId;
    }
}
