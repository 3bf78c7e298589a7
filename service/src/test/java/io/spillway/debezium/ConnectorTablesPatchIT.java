package io.spillway.debezium;

import static io.spillway.debezium.SnapshotStack.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.consumer.ConsumerStackIT;
import io.spillway.support.Api;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /debezium/connector/{name}} on the real stack: a table added to a running connector is
 * snapshotted and streamed, and a sync consumer subscribed by topic pattern loads it without a restart; a
 * removed table's changes are no longer captured.
 */
class ConnectorTablesPatchIT extends ConsumerStackIT {

    @Test
    void anAddedTableReachesAPatternConsumerWithoutARestartAndARemovedOneStopsBeingCaptured() throws Exception {
        String s = suffix();
        String first = "cap_a_" + s;
        String added = "cap_b_" + s;
        String prefix = "cap" + s;
        String connector = "cap-" + s;
        String consumer = "cap-" + s;
        Api api = api();
        SnapshotStack.createTable(first, 0);
        SnapshotStack.createTable(added, 30);
        try {
            Api.Response created = api.post("/debezium/start/",
                    SnapshotStack.connectorRequest(connector, prefix, "public." + first));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            SnapshotStack.awaitSlotActive("slot_" + prefix);
            SnapshotStack.sql("INSERT INTO public." + first + " (name, n) VALUES ('first', 1)");

            givenConnection("conn-" + consumer);
            String pattern = (prefix + ".public.").replace(".", "\\\\.") + ".*";
            Api.Response started = api.post("/consumer/start", """
                    {"consumer_id": "%s", "kafka_topic": "%s", "topic_pattern": true, "pipeline_name": "pipeline %s",
                     "connection_id": "conn-%s", "max_event": 20, "max_time": 2, "job_type": "sync",
                     "auto_offset_reset": "earliest"}""".formatted(consumer, pattern, consumer, consumer));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> targetRows(first) == 1);

            Api.Response bad = api.patch("/debezium/connector/" + connector, "{\"add_tables\": [\"public.x y\"]}");
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            Api.Response empty = api.patch("/debezium/connector/" + connector,
                    "{\"remove_tables\": [\"public." + first + "\"]}");
            assertThat(empty.status()).as(empty.body()).isEqualTo(400);
            assertThat(body(empty).path("detail").asString()).contains("empty");

            Api.Response patched = api.patch("/debezium/connector/" + connector,
                    "{\"add_tables\": [\"public." + added + "\"]}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            JsonNode change = body(patched);
            assertThat(change.path("table_include_list").asString()).isEqualTo("public." + first + ",public." + added);
            assertThat(change.path("publication_updated").asBoolean()).isTrue();
            String snapshotId = change.path("snapshot").path("id").asString();
            assertThat(snapshotId).isNotEmpty();
            Api.Response info = api.get("/debezium/connector/" + connector + "/info/");
            assertThat(body(info).path("config").path("table.include.list").asString()).contains("public." + added);

            // New changes to the added table while and after it is snapshotted.
            SnapshotStack.sql("INSERT INTO public." + added + " (name, n) SELECT 'new ' || g, 100 + g "
                    + "FROM generate_series(1, 5) g");
            SnapshotStack.sql("UPDATE public." + added + " SET n = -3 WHERE id = 3");
            SnapshotStack.sql("DELETE FROM public." + added + " WHERE id = 4");

            JsonNode done = SnapshotStack.awaitSnapshotState(api, connector, snapshotId, "COMPLETED");
            assertThat(done.path("tables").get(0).path("table").asString()).isEqualTo("public." + added);
            Map<Integer, Integer> source = SnapshotStack.sourceRows(added);
            assertThat(source).hasSize(34);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                try (Connection target = warehouse()) {
                    assertThat(SnapshotStack.rows(target, added)).isEqualTo(source);
                }
            });

            Api.Response removed = api.patch("/debezium/connector/" + connector,
                    "{\"remove_tables\": [\"public." + added + "\"]}");
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(body(removed).path("table_include_list").asString()).isEqualTo("public." + first);
            assertThat(body(removed).path("publication_updated").asBoolean()).isTrue();
            SnapshotStack.awaitSlotActive("slot_" + prefix);
            SnapshotStack.sql("INSERT INTO public." + added + " (name, n) VALUES ('after removal', 999)");
            SnapshotStack.sql("INSERT INTO public." + first + " (name, n) VALUES ('marker', 2)");
            // The marker, committed after the removed table's insert, is captured; that insert is not.
            await().atMost(Duration.ofSeconds(90)).until(() -> targetRows(first) == 2);
            String addedTopic = prefix + ".public." + added;
            for (ConsumerRecord<byte[], byte[]> record : readAll(addedTopic, (int) endOffsetTotal(addedTopic))) {
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                assertThat(value).doesNotContain("after removal");
            }
            try (Connection target = warehouse()) {
                assertThat(SnapshotStack.rows(target, added)).doesNotContainValue(999);
            }
        } finally {
            stopQuietly(api, consumer);
            SnapshotStack.release(api, connector, prefix);
        }
    }
}
