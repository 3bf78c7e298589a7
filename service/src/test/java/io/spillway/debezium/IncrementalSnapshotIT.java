package io.spillway.debezium;

import static io.spillway.debezium.SnapshotStack.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.consumer.ConsumerStackIT;
import io.spillway.support.Api;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /debezium/connector/{name}/snapshot} on the real stack: a table with rows, captured by a
 * streaming-only connector, is snapshotted on demand (Kafka signal, read-only watermarks) while a sync
 * consumer runs; the rows arrive as incremental-snapshot reads, the target equals the source, the progress
 * shows the rows scanned, a row filter limits the rows, and bad requests are 4xx.
 */
class IncrementalSnapshotIT extends ConsumerStackIT {

    @Test
    void aSnapshotOnDemandLoadsTheTableWhileStreamingGoesOnAndAFilterLimitsTheRows() throws Exception {
        String s = suffix();
        String table = "snap_" + s;
        String prefix = "snap" + s;
        String connector = "snap-" + s;
        String topic = prefix + ".public." + table;
        String consumer = "snap-" + s;
        Api api = api();
        SnapshotStack.createTable(table, 50);
        try {
            Api.Response created = api.post("/debezium/start/",
                    SnapshotStack.connectorRequest(connector, prefix, "public." + table));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(body(created).path("config").path("read.only").asString()).isEqualTo("true");
            assertThat(body(created).path("config").path("signal.kafka.topic").asString())
                    .isEqualTo("spillway-signal." + connector);
            SnapshotStack.awaitSlotActive("slot_" + prefix);

            assertThat(api.get("/debezium/connector/" + connector + "/snapshot").status()).isEqualTo(404);
            assertBadRequests(api, connector, table);

            // One streamed change before the snapshot: the topic exists and the consumer has something to load.
            SnapshotStack.sql("INSERT INTO public." + table + " (name, n) VALUES ('streamed', 51)");
            givenConnection("conn-" + consumer);
            Api.Response started = api.post("/consumer/start", consumerJson(consumer, topic, "pipeline " + consumer,
                    "conn-" + consumer, 20, 2, "sync"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> targetRows(table) == 1);

            Api.Response requested = api.post("/debezium/connector/" + connector + "/snapshot",
                    "{\"tables\": [\"public." + table + "\"]}");
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String id = body(requested).path("id").asString();
            assertThat(body(requested).path("tables_requested").get(0).asString()).isEqualTo("public." + table);
            // A second request while this one has not finished is refused.
            Api.Response again = api.post("/debezium/connector/" + connector + "/snapshot",
                    "{\"tables\": [\"public." + table + "\"]}");
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            // Streaming goes on during the snapshot.
            SnapshotStack.sql("UPDATE public." + table + " SET n = 1000 WHERE n = 7");

            JsonNode done = SnapshotStack.awaitSnapshotState(api, connector, id, "COMPLETED");
            JsonNode tableProgress = done.path("tables").get(0);
            assertThat(tableProgress.path("state").asString()).isEqualTo("DONE");
            assertThat(tableProgress.path("rows_scanned").asLong()).isEqualTo(51);
            assertThat(tableProgress.path("scan_status").asString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("tables_done").get(0).asString()).isEqualTo("public." + table);
            assertThat(done.path("started_at").isNull()).isFalse();
            assertThat(done.path("finished_at").isNull()).isFalse();

            Map<Integer, Integer> source = SnapshotStack.sourceRows(table);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                try (Connection target = warehouse()) {
                    assertThat(SnapshotStack.rows(target, table)).isEqualTo(source);
                }
            });
            // 51 reads, less the updated row's if the update fell into its chunk's window (the streamed change wins).
            int firstReads = incrementalReads(topic, 52).size();
            assertThat(firstReads).isBetween(50, 51);

            // A filtered snapshot reads only the rows its condition admits.
            Api.Response filtered = api.post("/debezium/connector/" + connector + "/snapshot", """
                    {"tables": ["public.%1$s"], "filters": {"public.%1$s": "id > 40 AND name <> 'x'"}}"""
                    .formatted(table));
            assertThat(filtered.status()).as(filtered.body()).isEqualTo(202);
            String second = body(filtered).path("id").asString();
            JsonNode secondDone = SnapshotStack.awaitSnapshotState(api, connector, second, "COMPLETED");
            assertThat(secondDone.path("tables").get(0).path("rows_scanned").asLong()).isEqualTo(11);
            assertThat(secondDone.path("tables").get(0).path("filter").asString()).isEqualTo("id > 40 AND name <> 'x'");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(incrementalReads(topic, 52 + 11)).hasSize(firstReads + 11));
        } finally {
            stopQuietly(api, consumer);
            SnapshotStack.release(api, connector, prefix);
        }
    }

    @Test
    void aDeleteStopsTheSnapshotAndTheProgressSaysAborted() throws Exception {
        String s = suffix();
        String table = "snapstop_" + s;
        String prefix = "snapstop" + s;
        String connector = "snapstop-" + s;
        Api api = api();
        // One-row chunks: the stop, sent right after the request, is seen long before the table is read.
        SnapshotStack.createTable(table, 2_000);
        try {
            Api.Response created = api.post("/debezium/start/",
                    SnapshotStack.connectorRequest(connector, prefix, "public." + table, 1));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            SnapshotStack.awaitSlotActive("slot_" + prefix);
            Api.Response requested = api.post("/debezium/connector/" + connector + "/snapshot",
                    "{\"tables\": [\"public." + table + "\"]}");
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String id = body(requested).path("id").asString();

            Api.Response stopped = api.delete("/debezium/connector/" + connector + "/snapshot");
            assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
            assertThat(body(stopped).path("state").asString()).isEqualTo("STOP_REQUESTED");
            assertThat(body(stopped).path("stop_requested_at").isNull()).isFalse();
            JsonNode aborted = SnapshotStack.awaitSnapshotState(api, connector, id, "ABORTED");
            assertThat(aborted.path("finished_at").isNull()).isFalse();
            assertThat(aborted.path("tables").get(0).path("state").asString()).isEqualTo("STOPPED");
            assertThat(aborted.path("tables_done")).isEmpty();
            assertThat(api.delete("/debezium/connector/" + connector + "/snapshot").status()).isEqualTo(409);
        } finally {
            SnapshotStack.release(api, connector, prefix);
        }
    }

    @Test
    void aConnectorNotSetUpForSignalsIsToldWhichKeysToAdd() throws Exception {
        Source source = captureNewTable("snapplain", 1);
        try {
            Api.Response response = api().post("/debezium/connector/" + source.connector() + "/snapshot",
                    "{\"tables\": [\"public." + source.table() + "\"]}");
            assertThat(response.status()).as(response.body()).isEqualTo(409);
            assertThat(body(response).path("detail").asString()).contains("signal.enabled.channels=kafka")
                    .contains("signal.kafka.topic=spillway-signal." + source.connector()).contains("read.only=true")
                    .contains("notification.enabled.channels=sink").doesNotContain("password");
            assertThat(api().get("/debezium/connector/" + source.connector() + "/snapshot").status()).isEqualTo(409);
        } finally {
            release(source);
        }
    }

    private void assertBadRequests(Api api, String connector, String table) {
        String path = "/debezium/connector/" + connector + "/snapshot";
        Map<String, String> refused = Map.of(
                "{\"tables\": [\"public." + table + "; DROP TABLE x\"]}", "schema.table",
                "{\"tables\": []}", "empty",
                "{\"tables\": [\"public.person12\"]}", "does not capture",
                "{\"tables\": [\"public." + table + "\"], \"filters\": {\"public." + table + "\": \"id > 1; DELETE FROM x\"}}",
                "one SQL condition",
                "{\"tables\": [\"public." + table + "\"], \"filters\": {\"public." + table + "\": \"id > 1 -- x\"}}",
                "comment",
                "{\"tables\": [\"public." + table + "\"], \"filters\": {\"public.other\": \"id > 1\"}}", "not in tables");
        refused.forEach((request, detail) -> {
            Api.Response response = api.post(path, request);
            assertThat(response.status()).as(request + " -> " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(body(response).path("detail").asString()).contains(detail);
        });
        Api.Response unknown = api.post("/debezium/connector/absent-" + connector + "/snapshot",
                "{\"tables\": [\"public." + table + "\"]}");
        assertThat(unknown.status()).isEqualTo(404);
        Api.Response badName = api.post("/debezium/connector/bad%20name/snapshot", "{\"tables\": [\"public.t\"]}");
        assertThat(badName.status()).isEqualTo(400);
    }

    /** The topic's change events that are incremental-snapshot reads, once {@code total} records arrived. */
    private List<JsonNode> incrementalReads(String topic, int total) {
        List<JsonNode> reads = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topic, total)) {
            if (record.value() == null) {
                continue;
            }
            JsonNode value = json.readTree(new String(record.value(), StandardCharsets.UTF_8));
            JsonNode payload = value.has("payload") ? value.path("payload") : value;
            if ("r".equals(payload.path("op").asString(""))
                    && "incremental".equals(payload.path("source").path("snapshot").asString(""))) {
                reads.add(payload);
            }
        }
        return reads;
    }
}
