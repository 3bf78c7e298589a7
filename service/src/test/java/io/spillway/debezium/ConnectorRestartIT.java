package io.spillway.debezium;

import static io.spillway.debezium.SnapshotStack.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
import io.spillway.support.TableCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A connector whose task FAILED (its publication does not exist and may not be created): the snapshot's
 * progress says what failed and how to go on, {@code POST /debezium/connector/{name}/restart} restarts the task
 * once the cause is gone, and the requested snapshot then runs to the end.
 */
class ConnectorRestartIT extends StackIT {

    @Test
    void aFailedTaskShowsInTheSnapshotProgressAndARestartAfterTheFixLetsTheSnapshotFinish() throws Exception {
        String s = TableCapture.suffix();
        String table = "restart_" + s;
        String prefix = "restart" + s;
        String connector = "restart-" + s;
        Api api = api();
        SnapshotStack.createTable(table, 20);
        try {
            // publication.autocreate.mode disabled and no such publication: Debezium fails the task at start.
            String request = SnapshotStack.connectorRequest(connector, prefix, "public." + table)
                    .replace("\"publication_autocreate_mode\": \"filtered\"", "\"publication_autocreate_mode\": \"disabled\"");
            Api.Response created = api.post("/debezium/start/", request);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            await("task FAILED").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    "FAILED".equals(body(api.get("/debezium/connector/" + connector + "/info")).path("tasks").path(0)
                            .path("state").asString()));

            Api.Response requested = api.post("/debezium/connector/" + connector + "/snapshot",
                    "{\"tables\": [\"public." + table + "\"]}");
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String id = body(requested).path("id").asString();
            JsonNode progress = body(api.get("/debezium/connector/" + connector + "/snapshot"));
            assertThat(progress.path("state").asString()).isEqualTo("REQUESTED");
            assertThat(progress.path("connector_problem").asString()).as(progress.toString())
                    .startsWith("task 0 FAILED: ").contains("POST /debezium/connector/" + connector + "/restart")
                    .doesNotContain("password");

            SnapshotStack.sql("CREATE PUBLICATION pub_" + prefix + " FOR TABLE public." + table);
            Api.Response restarted = api.post("/debezium/connector/" + connector + "/restart", "");
            assertThat(restarted.status()).as(restarted.body()).isEqualTo(202);
            assertThat(body(restarted).path("name").asString()).isEqualTo(connector);
            assertThat(body(restarted).path("config").path("database.password").asString()).isEqualTo("****");

            JsonNode done = SnapshotStack.awaitSnapshotState(api, connector, id, "COMPLETED");
            assertThat(done.path("tables").get(0).path("rows_scanned").asLong()).isEqualTo(20);
            assertThat(done.path("connector_problem").isNull()).as(done.toString()).isTrue();
            assertThat(body(api.get("/debezium/connector/" + connector + "/info")).path("tasks").path(0)
                    .path("state").asString()).isEqualTo("RUNNING");
            // A running connector: nothing FAILED, nothing restarted.
            assertThat(api.post("/debezium/connector/" + connector + "/restart", "").status()).isEqualTo(202);
        } finally {
            SnapshotStack.release(api, connector, prefix);
        }
    }

    @Test
    void restartingAnUnknownOrMalformedConnectorIs404Or400() {
        assertThat(api().post("/debezium/connector/" + DebeziumIT.uniqueName("absent") + "/restart", "").status()).isEqualTo(404);
        assertThat(api().post("/debezium/connector/bad%20name/restart", "").status()).isEqualTo(400);
    }
}
