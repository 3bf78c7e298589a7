package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import io.spillway.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Windows close on count and on time (a timer, no further event needed), and on a manual trigger. */
class ConsumerWindowIT extends ConsumerStackIT {
    @Autowired
    ConsumerHealthCheck health;

    @Test
    void twentyFiveInsertsGiveWindowsOfTenTenAndFiveTheLastClosedByTime() throws Exception {
        Source source = captureNewTable("windows", 1);
        String id = "windows-" + suffix();
        Api api = api();
        try {
            startRecordingConsumer(api, id, source.topic(), 10, 5);
            List<Long> ids = insertRows(source.table(), 25);

            await().atMost(Duration.ofSeconds(40)).until(() -> RecordingJob.windowsOf(id).size() >= 3);
            List<Window> windows = RecordingJob.windowsOf(id);
            assertThat(windows).extracting(w -> w.events().size()).containsExactly(10, 10, 5);
            assertThat(windows).extracting(Window::reason)
                    .containsExactly(WindowCloseReason.COUNT, WindowCloseReason.COUNT, WindowCloseReason.TIME);
            assertThat(windows.stream().flatMap(w -> RecordingJob.ids(w.events()).stream()).toList())
                    .containsExactlyElementsOf(ids);

            Window last = windows.get(2);
            Duration open = Duration.between(last.openedAt(), last.closedAt());
            assertThat(open).as("time window open for").isBetween(Duration.ofMillis(4_900), Duration.ofSeconds(6));
            // From the source commit, Debezium's own capture latency (its poll interval, Connect's producer)
            // comes on top of max_time; the loose bound only catches a timer that waits for another event.
            Instant firstCommit = Instant.ofEpochMilli(last.events().get(0).position().commitTimeMs());
            assertThat(Duration.between(firstCommit, last.closedAt())).as("from the first change's commit")
                    .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(8));

            // Offsets are committed once the windows ran; nothing is held.
            await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 25);

            // The run history, newest first, with reasons, sizes and source positions.
            JsonNode runs = body(api.get("/consumer/runs/" + id + "?limit=2&offset=0"));
            assertThat(runs.get("total").asInt()).isEqualTo(3);
            assertThat(runs.get("runs")).hasSize(2);
            JsonNode newest = runs.get("runs").get(0);
            assertThat(newest.get("reason").asString()).isEqualTo("time");
            assertThat(newest.get("events_in").asInt()).isEqualTo(5);
            assertThat(newest.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(newest.get("rows_upserted").asInt()).isEqualTo(5);
            assertThat(newest.get("window_id").asString()).isEqualTo(last.windowId());
            assertThat(newest.get("first_position").get("lsn").asLong())
                    .isLessThanOrEqualTo(newest.get("last_position").get("lsn").asLong());
            assertThat(newest.get("duration_ms").isNumber()).isTrue();
            JsonNode oldest = body(api.get("/consumer/runs/" + id + "?limit=5&offset=2")).get("runs");
            assertThat(oldest).singleElement().satisfies(r -> assertThat(r.get("reason").asString()).isEqualTo("count"));

            // The pipeline hash shows where the pipeline stands, as the seed's redis-cli script would.
            Map<String, String> hash = redis(0, cmds -> cmds.hgetall(ConsumerKeys.pipeline("pipeline " + id)));
            assertThat(hash).containsEntry("table_name", source.table()).containsEntry("schema_name", "public")
                    .containsEntry("db_name", "mydatabase").containsEntry("window_count", "0")
                    .containsEntry("events_total", "25");
            JsonNode event = json.readTree(hash.get("event"));
            assertThat(event.get("event_type").asString()).isEqualTo("c");
            assertThat(event.get("event_count").asInt()).isZero();
            assertThat(event.has("first_event_time") && event.has("last_event_time")).isTrue();

            JsonNode info = info(api, id);
            assertThat(info.get("state").asString()).isEqualTo("RUNNING");
            assertThat(info.get("assigned_partitions")).hasSize(1);
            assertThat(info.get("events_in").asInt()).isEqualTo(25);
            assertThat(info.get("events_out").asInt()).isEqualTo(25);
            assertThat(info.get("windows_run").asInt()).isEqualTo(3);
            assertThat(info.get("last_run").get("reason").asString()).isEqualTo("time");

            assertThat(health.service()).isEqualTo("consumer");
            assertThat(health.check().isUp()).isTrue();
            assertThat(health.check().details().get("consumers").toString()).contains(id + "={state=RUNNING");
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void theTriggerClosesTheWindowNowWithReasonManual() throws Exception {
        Source source = captureNewTable("trigger", 1);
        String id = "trigger-" + suffix();
        Api api = api();
        try {
            startRecordingConsumer(api, id, source.topic(), 100, 3600);
            insertRows(source.table(), 3);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> body(api.get("/redis/count/" + id)).get("count").asInt() == 3);
            assertThat(info(api, id).get("window").get("local_count").asInt()).isEqualTo(3);
            assertThat(committedTotal(id, source.topic())).as("nothing committed while the window is open").isZero();

            Api.Response trigger = api.post("/consumer/trigger?consumer_id=" + id, null);
            assertThat(trigger.status()).isEqualTo(200);
            assertThat(body(trigger).get("closed").asBoolean()).isTrue();

            await().atMost(Duration.ofSeconds(5)).until(() -> RecordingJob.windowsOf(id).size() == 1);
            Window window = RecordingJob.windowsOf(id).get(0);
            assertThat(window.reason()).isEqualTo(WindowCloseReason.MANUAL);
            assertThat(window.events()).hasSize(3);
            assertThat(window.windowId()).isEqualTo(body(trigger).get("window_id").asString());
            await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 3);

            Api.Response empty = api.post("/consumer/trigger?consumer_id=" + id, null);
            assertThat(empty.status()).isEqualTo(200);
            assertThat(body(empty).get("closed").asBoolean()).isFalse();
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }
}
