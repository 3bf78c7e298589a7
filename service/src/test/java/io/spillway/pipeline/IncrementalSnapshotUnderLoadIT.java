package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.PostgresServer;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.support.Api;
import io.spillway.support.RowChurn;
import io.spillway.support.StackIT;
import io.spillway.support.TableCapture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12, item 4: a 200,000-row table captured without an initial snapshot is backfilled by an
 * incremental snapshot into an empty sync target while a steady load keeps updating, deleting and (re-)inserting
 * its rows. Once the snapshot is done, the load stopped and the consumer caught up, the target equals the
 * source, every row and column, and the run history shows the snapshot's reads.
 */
class IncrementalSnapshotUnderLoadIT extends StackIT {
    private static final int ROWS = 200_000;
    /** Rows the load leaves alone: the snapshot's last row, and the marker of the end of the load. */
    private static final int LAST = ROWS;
    private static final int MARKER = ROWS - 1;
    private static final int WRITTEN = ROWS - 100;
    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTableBackfilledWhileItChangesEndsEqualInTheTarget() throws Exception {
        String suffix = TableCapture.suffix();
        String table = "backfill_" + suffix;
        String schema = "it_backfill_" + suffix;
        String source = PgIdentifiers.qualified("public", table);
        String target = PgIdentifiers.qualified(schema, table);
        TableCapture.source("CREATE TABLE " + source + " (id integer PRIMARY KEY, n bigint NOT NULL, v text, "
                        + "changed_at timestamptz NOT NULL DEFAULT now())",
                "ALTER TABLE " + source + " OWNER TO debezium",
                "INSERT INTO " + source + " (id, n, v) SELECT g, g, 'row ' || g FROM generate_series(1, " + ROWS + ") g");
        Api api = api();
        TableCapture.start(api, "backfill", suffix, table,
                "\"snapshot_mode\": \"no_data\", \"incremental_snapshot_chunk_size\": \"8000\"");
        String consumerId = "backfill-" + suffix;
        RowChurn load = new RowChurn(source, WRITTEN, ROWS + 1);
        try {
            assertThat(api.post("/connection/create", """
                    {"connection_id": "backfill-%s", "type": "postgres", "jdbc_url": "%s",
                     "username": "warehouse", "password": "warehouse", "schema": "%s"}"""
                    .formatted(suffix, stack.postgres().jdbcUrl(PostgresServer.TARGET_DB), schema)).status())
                    .isEqualTo(201);
            Api.Response started = api.post("/consumer/start", """
                    {"consumer_id": "%s", "kafka_topic": "backfill%s.public.%s", "pipeline_name": "backfill-%s",
                     "connection_id": "backfill-%s", "max_event": 20000, "max_time": 2, "job_type": "sync",
                     "auto_offset_reset": "earliest"}""".formatted(consumerId, suffix, table, suffix, suffix));
            assertThat(started.status()).as(started.body()).isEqualTo(201);

            load.start();
            await("the load's first changes").atMost(Duration.ofSeconds(30)).until(() -> load.transactions() > 5);
            // Spillway's API: a Kafka signal to the connector, read-only watermarks (no signal table).
            Api.Response snapshot = api.post("/debezium/connector/backfill-" + suffix + "/snapshot",
                    "{\"tables\": [\"public." + table + "\"]}");
            assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(202);
            // Debezium reads chunks in key order up to the largest key when the snapshot started: the read of
            // LAST (which nothing else writes) is the snapshot's last.
            String progressPath = "/debezium/connector/backfill-" + suffix + "/snapshot";
            try {
                await("the snapshot's last chunk loaded").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> {
                            restartAfterDebeziumsRace(api, progressPath, "backfill-" + suffix);
                            return targetCount(target + " WHERE id = " + LAST) == 1;
                        });
            } catch (ConditionTimeoutException e) {
                // Where the snapshot stood (started? which chunk?) and what the consumer did, for the report.
                throw new AssertionError(e.getMessage() + "; snapshot: " + api.get(progressPath).body()
                        + "; consumer: " + api.get("/consumer/info/" + consumerId).body(), e);
            }
            load.stop();
            // A change after the load's last one: once it is in the target, so is every change before it
            // (one partition, loaded in order).
            TableCapture.source("UPDATE " + source + " SET v = 'done', changed_at = now() WHERE id = " + MARKER);
            await("the consumer caught up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> targetCount(target + " WHERE id = " + MARKER + " AND v = 'done'") == 1);

            assertTargetEqualsSource(source, target);
            JsonNode progress = json.readTree(api.get(progressPath).body());
            assertThat(progress.get("state").asString()).as(progress.toString()).isEqualTo("COMPLETED");
            JsonNode scanned = progress.get("tables").get(0);
            assertThat(scanned.get("state").asString()).as(progress.toString()).isEqualTo("DONE");
            assertThat(scanned.get("rows_scanned").asLong()).as(progress.toString()).isBetween(ROWS * 9L / 10, ROWS * 11L / 10);
            JsonNode runs = json.readTree(api.get("/consumer/runs/" + consumerId + "?limit=500").body()).get("runs");
            long reads = 0;
            boolean mixed = false;
            for (JsonNode run : runs) {
                if (!"FAILED".equals(run.get("status").asString())) {
                    int windowReads = run.get("snapshot_reads").asInt();
                    reads += windowReads;
                    mixed |= windowReads > 0 && run.get("events_in").asInt() > windowReads;
                }
            }
            assertThat(reads).as("snapshot reads in the run history").isGreaterThan(ROWS / 2);
            assertThat(mixed).as("a window holding both snapshot reads and streamed changes").isTrue();
            assertThat(load.changes()).as("changes the load made during the snapshot").isGreaterThan(1000);
        } finally {
            load.stop();
            api.post("/consumer/stop?consumer_id=" + consumerId, null);
            TableCapture.delete(api, "backfill", suffix);
        }
    }

    /** Every row and column: the source copied into the warehouse session, then EXCEPT both ways in SQL. */
    /**
     * Debezium 3.6's read-only incremental snapshot can fail its task with a ConcurrentModificationException
     * when the signal meets the streaming thread under load (seen once in this test); the progress then says
     * so, and the operator's way on is a restart, after which Debezium resumes the snapshot. Any other failure
     * is left to fail the test.
     */
    private static void restartAfterDebeziumsRace(Api api, String progressPath, String connector) {
        String problem = json.readTree(api.get(progressPath).body()).path("connector_problem").asString("");
        if (problem.contains("ConcurrentModificationException")) {
            System.out.println("Debezium's snapshot race failed the task; restarting it: " + problem);
            assertThat(api.post("/debezium/connector/" + connector + "/restart", "").status()).isEqualTo(202);
        }
    }

    private static void assertTargetEqualsSource(String source, String target) throws Exception {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + source + " (id, n, v, changed_at) TO STDOUT", rows);
        }
        try (Connection c = warehouse()) {
            c.setAutoCommit(false);
            try (Statement sql = c.createStatement()) {
                sql.execute("CREATE TEMP TABLE source_rows (id integer, n bigint, v text, changed_at timestamptz)"
                        + " ON COMMIT DROP");
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY source_rows FROM STDIN",
                        new ByteArrayInputStream(rows.toByteArray()));
                String targetRows = "SELECT id, n, v, changed_at FROM " + target;
                List<String> missing = texts(sql, "SELECT s::text FROM (SELECT * FROM source_rows EXCEPT "
                        + targetRows + ") s LIMIT 10");
                List<String> extra = texts(sql, "SELECT t::text FROM (" + targetRows
                        + " EXCEPT SELECT * FROM source_rows) t LIMIT 10");
                long sourceCount = count(sql, "SELECT count(*) FROM source_rows");
                assertThat(missing).as("source rows not in the target (of " + sourceCount + ")").isEmpty();
                assertThat(extra).as("target rows not in the source").isEmpty();
                assertThat(count(sql, "SELECT count(*) FROM " + target)).isEqualTo(sourceCount);
            }
            c.rollback();
        }
    }

    private static List<String> texts(Statement sql, String query) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
        }
        return texts;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long targetCount(String from) throws SQLException {
        try (Connection c = warehouse(); Statement sql = c.createStatement()) {
            return count(sql, "SELECT count(*) FROM " + from);
        }
    }


    private static Connection warehouse() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD);
    }
}
