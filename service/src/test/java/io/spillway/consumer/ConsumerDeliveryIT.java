package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.consumer.engine.DeadLetterPublisher;
import io.spillway.pipeline.Window;
import io.spillway.support.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Offsets move only after success; failures pause and retry; bad records go to the DLQ; Redis may vanish. */
class ConsumerDeliveryIT extends ConsumerStackIT {

    @Test
    void aJobFailingThreeTimesIsRetriedWithPausedPartitionsAndNothingIsCommittedBeforeItSucceeds() throws Exception {
        Source source = captureNewTable("retry", 1);
        String id = "retry-" + suffix();
        Api api = api();
        try {
            RecordingJob.failNext(id, 3);
            startRecordingConsumer(api, id, source.topic(), 5, 3600);
            insertRows(source.table(), 5);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> info(api, id).get("state").asString().equals("PAUSED_BACKPRESSURE"));
            JsonNode paused = info(api, id);
            assertThat(paused.get("state_reason").asString()).contains("failed").contains("retrying");
            assertThat(paused.get("paused_partitions")).hasSize(1);
            assertThat(committedTotal(id, source.topic())).as("committed while the job fails").isZero();

            // Changes made meanwhile are not read while the partitions are paused.
            insertRows(source.table(), 2);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> endOffsetTotal(source.topic()) == 7);
            assertThat(info(api, id).get("events_in").asInt()).isEqualTo(5);

            // Backoff 1 s, 2 s, 4 s: the fourth attempt succeeds.
            await().atMost(Duration.ofSeconds(30)).until(() -> RecordingJob.windowsOf(id).size() == 1);
            Window window = RecordingJob.windowsOf(id).get(0);
            assertThat(window.events()).hasSize(5);
            await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> info(api, id).get("events_in").asInt() == 7);
            JsonNode running = info(api, id);
            assertThat(running.get("state").asString()).isEqualTo("RUNNING");
            assertThat(running.get("paused_partitions")).isEmpty();
            assertThat(running.get("job_failures").asInt()).isEqualTo(3);

            JsonNode runs = body(api.get("/consumer/runs/" + id)).get("runs");
            assertThat(runs).hasSize(4);
            List<String> statuses = new ArrayList<>();
            runs.forEach(r -> {
                statuses.add(r.get("status").asString());
                assertThat(r.get("window_id").asString()).isEqualTo(window.windowId());
            });
            assertThat(statuses).containsExactly("SUCCEEDED", "FAILED", "FAILED", "FAILED");
            assertThat(runs.get(1).get("error").asString()).contains("told to fail");
            assertThat(runs.get(1).get("attempt").asInt()).isEqualTo(3);
            assertThat(committedTotal(id, source.topic())).as("the open window's 2 changes stay uncommitted").isEqualTo(5);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void aNonJsonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() throws Exception {
        Source source = captureNewTable("dlq", 1);
        String id = "dlq-" + suffix();
        Api api = api();
        try {
            startRecordingConsumer(api, id, source.topic(), 4, 3600);
            List<Long> ids = new ArrayList<>(insertRows(source.table(), 2));
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> endOffsetTotal(source.topic()) == 2);
            // The second is as large as the broker takes by default: its letter (record plus headers) is larger.
            byte[] nearTheLimit = "x".repeat(1_048_400).getBytes(StandardCharsets.UTF_8);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(source.topic(), "k".getBytes(StandardCharsets.UTF_8),
                        "this is not json".getBytes(StandardCharsets.UTF_8))).get();
                producer.send(new ProducerRecord<>(source.topic(), "big".getBytes(StandardCharsets.UTF_8),
                        nearTheLimit)).get();
            }
            ids.addAll(insertRows(source.table(), 2));

            await().atMost(Duration.ofSeconds(30)).until(() -> RecordingJob.windowsOf(id).size() == 1);
            assertThat(RecordingJob.ids(RecordingJob.windowsOf(id).get(0).events())).containsExactlyElementsOf(ids);
            await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(id, source.topic()) == 6);

            List<ConsumerRecord<byte[], byte[]>> letters = readAll(DeadLetterPublisher.topicFor(source.topic()), 2);
            assertThat(letters).hasSize(2);
            assertThat(letters.get(1).value()).isEqualTo(nearTheLimit);
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
            assertThat(header(letter, DeadLetterPublisher.REASON)).startsWith("value is not JSON");
            assertThat(header(letter, DeadLetterPublisher.SOURCE_TOPIC)).isEqualTo(source.topic());
            assertThat(header(letter, DeadLetterPublisher.SOURCE_OFFSET)).isEqualTo("2");
            assertThat(header(letter, DeadLetterPublisher.CONSUMER)).isEqualTo(id);

            JsonNode info = info(api, id);
            assertThat(info.get("dead_lettered").asInt()).isEqualTo(2);
            assertThat(info.get("state").asString()).isEqualTo("RUNNING");
            assertThat(body(api.get("/redis/count/" + id)).get("dead_lettered_total").asInt()).isEqualTo(2);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void redisFlushedMidStreamLosesNothingAndTheCountsResume() throws Exception {
        Source source = captureNewTable("flush", 1);
        String id = "flush-" + suffix();
        Api api = api();
        try {
            startRecordingConsumer(api, id, source.topic(), 10, 3600);
            List<Long> ids = new ArrayList<>(insertRows(source.table(), 15));
            await().atMost(Duration.ofSeconds(30)).until(() -> RecordingJob.windowsOf(id).size() == 1
                    && info(api, id).get("window").get("local_count").asInt() == 5);

            // (No check that the hash is gone: the runner's next poll, within 250 ms, may already rebuild it.)
            redis(0, cmds -> cmds.flushall());

            ids.addAll(insertRows(source.table(), 10));
            // 5 held + 10 new: the rebuilt count closes a window of 10, 5 stay open; then close those by hand.
            await().atMost(Duration.ofSeconds(30)).until(() -> RecordingJob.windowsOf(id).size() == 2);
            assertThat(RecordingJob.windowsOf(id).get(1).events()).hasSize(10);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> body(api.get("/redis/count/" + id)).get("count").asInt() == 5);
            assertThat(api.post("/consumer/trigger?consumer_id=" + id, null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> RecordingJob.windowsOf(id).size() == 3);

            List<Long> handled = RecordingJob.windowsOf(id).stream()
                    .flatMap(w -> RecordingJob.ids(w.events()).stream()).toList();
            assertThat(handled).as("every change once, in order").containsExactlyElementsOf(ids);
            await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 25);

            // The counters resumed, and the definition was written back for the next restart.
            Map<String, String> hash = redis(0, cmds -> cmds.hgetall(ConsumerKeys.pipeline("pipeline " + id)));
            assertThat(hash).containsEntry("window_count", "0").containsEntry("table_name", source.table());
            assertThat(Long.parseLong(hash.get("events_total"))).isEqualTo(10);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> redis(0, cmds -> cmds.hexists(ConsumerKeys.DEFINITIONS, id)));
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }
}
