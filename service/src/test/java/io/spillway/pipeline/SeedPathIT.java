package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The seed's path, done as a new user would, only through the REST API: a Debezium connector on
 * person12, the warehouse connection, a sync consumer; rows changed in person12 end up, equal, in
 * the warehouse.
 */
class SeedPathIT extends StackIT {
    @Test
    void changesToPerson12ReachTheWarehouseThroughTheApi() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "seed" + suffix;
        String schema = "seed_" + suffix;
        Api api = api();

        Api.Response connector = api.post("/debezium/start/", """
                {"name": "my-postgres-connector-%1$s",
                 "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector",
                   "tasks_max": "1",
                   "database_hostname": "localhost",
                   "database_port": "%2$d",
                   "database_user": "debezium",
                   "database_password": "password",
                   "database_dbname": "mydatabase",
                   "topic_prefix": "%3$s",
                   "schema_include_list": "public",
                   "publication_autocreate_mode": "filtered",
                   "publication_name": "pub_%1$s",
                   "slot_name": "slot_%1$s",
                   "table_include_list": "public.person12",
                   "plugin_name": "pgoutput",
                   "snapshot_mode": "initial"}}""".formatted(suffix, stack.postgres().port(), prefix));
        assertThat(connector.status()).as(connector.body()).isEqualTo(201);

        Api.Response connection = api.post("/connection/create", """
                {"connection_id": "warehouse-%s", "type": "postgres",
                 "jdbc_url": "%s", "username": "warehouse", "password": "warehouse", "schema": "%s"}"""
                .formatted(suffix, stack.postgres().jdbcUrl("warehouse"), schema));
        assertThat(connection.status()).as(connection.body()).isEqualTo(201);

        Api.Response consumer = api.post("/consumer/start", """
                {"consumer_id": "seed-%1$s", "kafka_topic": "%2$s.public.person12",
                 "pipeline_name": "first pipeline", "connection_id": "warehouse-%1$s",
                 "max_event": 10, "max_time": 2, "job_type": "sync", "auto_offset_reset": "earliest"}"""
                .formatted(suffix, prefix));
        assertThat(consumer.status()).as(consumer.body()).isEqualTo(201);

        try (Connection source = DriverManager.getConnection(stack.postgres().jdbcUrl("mydatabase"),
                "debezium", "password"); Statement sql = source.createStatement()) {
            for (int i = 0; i < 25; i++) {
                sql.executeUpdate("INSERT INTO person12 (name, email, age) VALUES ('seed " + i + "', 's" + i
                        + "@example.com', " + (20 + i) + ")");
            }
            sql.executeUpdate("UPDATE person12 SET age = age + 100 WHERE name IN ('seed 1', 'seed 2', 'seed 3')");
            sql.executeUpdate("DELETE FROM person12 WHERE name IN ('seed 4', 'seed 5')");
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(differences(schema)).isZero());

        Api.Response runs = api.get("/consumer/runs/seed-" + suffix);
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.body()).contains("\"status\"");
        assertThat(api.post("/consumer/stop?consumer_id=seed-" + suffix, null).status()).isEqualTo(200);
        api.delete("/debezium/connector/my-postgres-connector-" + suffix + "/delete/");
    }

    /** Rows in one table and not the other, both ways, compared on every column of person12. */
    private long differences(String schema) throws Exception {
        try (Connection pg = stack.postgres().superuser("mydatabase"); Statement sql = pg.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS dblink");
        }
        String target = "dbname=warehouse port=" + stack.postgres().port() + " user=warehouse password=warehouse"
                + " host=localhost";
        String query = """
                WITH t AS (SELECT * FROM dblink('%s', 'SELECT id, name, email, age, created_at FROM "%s".person12')
                           AS t(id int, name text, email text, age int, created_at timestamptz)),
                     s AS (SELECT id, name, email, age, created_at FROM public.person12)
                SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM t) a)
                     + (SELECT count(*) FROM (SELECT * FROM t EXCEPT ALL SELECT * FROM s) b)""".formatted(target, schema);
        try (Connection pg = stack.postgres().superuser("mydatabase"); Statement sql = pg.createStatement();
                ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            if (e.getMessage().contains("does not exist")) {
                return Long.MAX_VALUE; // the target table is not there yet
            }
            throw e;
        }
    }
}
