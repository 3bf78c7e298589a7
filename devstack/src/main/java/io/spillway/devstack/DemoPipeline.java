package io.spillway.devstack;

import java.io.IOException;

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
            JsonRest.Response response = new JsonRest(api).post(path, json);
            if (response.status() != 201 && response.status() != 409) {
                throw new DevstackException("demo: POST " + path + " answered " + response.status() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new DevstackException("demo: POST " + path + " failed: " + e.getMessage(), e);
        }
    }
}
