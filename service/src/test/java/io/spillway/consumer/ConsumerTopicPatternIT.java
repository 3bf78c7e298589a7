package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.Window;
import io.spillway.support.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code topic_pattern: true}: one consumer reads every change topic its regex matches, and only those. */
class ConsumerTopicPatternIT extends ConsumerStackIT {
    @Test
    void aPatternConsumerCountsTheChangesOfEveryMatchingTopicTogether() throws Exception {
        Source first = captureNewTable("pattern_a", 1);
        Source second = captureNewTable("pattern_b", 1);
        Source other = captureNewTable("pattern_c", 1);
        String id = "pattern-" + suffix();
        String connection = "conn-" + id;
        Api api = api();
        try {
            givenConnection(connection);
            // Both topics, not the third: "<prefix1>.public.<table1>|<prefix2>.public.<table2>" as a regex.
            String regex = (first.topic() + "|" + second.topic()).replace(".", "\\\\.");
            Api.Response started = api.post("/consumer/start", """
                    {"consumer_id": "%s", "kafka_topic": "%s", "topic_pattern": true, "pipeline_name": "pipeline %s",
                     "connection_id": "%s", "max_event": 6, "max_time": 30, "job_type": "%s",
                     "auto_offset_reset": "earliest"}""".formatted(id, regex, id, connection, RecordingJob.TYPE));
            assertThat(started.status()).as(started.body()).isEqualTo(201);

            insertRows(first.table(), 3);
            insertRows(other.table(), 3);
            insertRows(second.table(), 3);

            await().atMost(Duration.ofSeconds(40)).until(() -> !RecordingJob.windowsOf(id).isEmpty());
            List<Window> windows = RecordingJob.windowsOf(id);
            assertThat(windows).hasSize(1);
            Map<String, Long> perTable = windows.get(0).events().stream()
                    .collect(Collectors.groupingBy((ChangeEvent e) -> e.table().table(), Collectors.counting()));
            assertThat(perTable).isEqualTo(Map.of(first.table(), 3L, second.table(), 3L));
        } finally {
            stopQuietly(api, id);
            release(first);
            release(second);
            release(other);
        }
    }
}
