package io.spillway.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's pipeline, registered through Spillway's REST API exactly as the README's quickstart does
 * it: the seed's connector, the warehouse connection, a sync consumer. A 409 means a kept data
 * directory already has it.
 */
final class DemoPipeline {
    static final String CONNECTOR = "my-postgres-connector";
    static final String CONNECTION = "warehouse";
    static final String CONSUMER = "demo";

    private DemoPipeline() {
    }

    static void register(Devstack stack, String api) {
        int pg = stack.postgres().port();
        post(api, "/debezium/start/", """
                {"name": "%s", "config": {
                  "connector_class": "io.debezium.connector.postgresql.PostgresConnector", "tasks_max": "1",
                  "database_hostname": "localhost", "database_port": "%d",
                  "database_user": "debezium", "database_password": "password", "database_dbname": "mydatabase",
                  "topic_prefix": "db", "schema_include_list": "public", "publication_autocreate_mode": "filtered",
                  "table_include_list": "public.person12", "plugin_name": "pgoutput", "snapshot_mode": "initial"}}"""
                .formatted(CONNECTOR, pg));
        post(api, "/connection/create", """
                {"connection_id": "%s", "type": "postgres", "jdbc_url": "jdbc:postgresql://localhost:%d/warehouse",
                 "username": "warehouse", "password": "warehouse", "schema": "public"}""".formatted(CONNECTION, pg));
        post(api, "/consumer/start", """
                {"consumer_id": "%s", "kafka_topic": "db.public.person12", "pipeline_name": "demo pipeline",
                 "connection_id": "%s", "max_event": 10, "max_time": 30, "job_type": "sync",
                 "auto_offset_reset": "earliest"}""".formatted(CONSUMER, CONNECTION));
    }

    private static void post(String api, String path, String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new DevstackException("demo: POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new DevstackException("demo: POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted", e);
        }
    }
}
