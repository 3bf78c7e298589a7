package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.pipeline.Window;
import io.spillway.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * spillway.consumer.pipelined-jobs on, on the real stack (its own Spring context on Redis database 4, so the
 * other ITs' service does not run its consumer): a job failing on the worker thread is retried with the
 * partitions paused before any later window runs; every change loads once, in order; commits follow.
 */
@TestPropertySource(properties = "spillway.consumer.pipelined-jobs=true")
class PipelinedJobsIT extends ConsumerStackIT {

    @DynamicPropertySource
    static void ownRedisDatabase(DynamicPropertyRegistry registry) {
        registry.add("spillway.it.redis-url", () -> stack.redis().url() + "/4");
    }

    @Test
    void aFailedJobInFlightIsRetriedBeforeTheNextWindowAndEveryChangeLoadsOnceInOrder() throws Exception {
        Source source = captureNewTable("pipelined", 1);
        String id = "pipelined-" + suffix();
        Api api = api();
        try {
            RecordingJob.failNext(id, 1);
            startRecordingConsumer(api, id, source.topic(), 5, 3600);
            List<Long> ids = new ArrayList<>(insertRows(source.table(), 5));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> info(api, id).get("state").asString().equals("PAUSED_BACKPRESSURE"));
            assertThat(info(api, id).get("paused_partitions")).hasSize(1);
            assertThat(committedTotal(id, source.topic())).as("committed while the job fails").isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> RecordingJob.windowsOf(id).size() == 1);

            ids.addAll(insertRows(source.table(), 12)); // two more windows of 5, then 2 stay open
            await().atMost(Duration.ofSeconds(60)).until(() -> RecordingJob.windowsOf(id).size() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(id, source.topic()) == 15);

            List<Window> windows = RecordingJob.windowsOf(id);
            List<Long> loaded = windows.stream().flatMap(w -> RecordingJob.ids(w.events()).stream()).toList();
            assertThat(loaded).containsExactlyElementsOf(ids.subList(0, 15));
            JsonNode running = info(api, id);
            assertThat(running.get("state").asString()).isEqualTo("RUNNING");
            assertThat(running.get("job_failures").asInt()).isEqualTo(1);
            assertThat(running.get("windows_run").asInt()).isEqualTo(3);

            // One run per attempt, each window SUCCEEDED once, the failure first.
            await().atMost(Duration.ofSeconds(30)).until(() -> runs(api, id).size() == 4);
            List<JsonNode> runs = runs(api, id);
            Map<String, Long> succeeded = runs.stream().filter(r -> r.get("status").asString().equals("SUCCEEDED"))
                    .collect(Collectors.groupingBy(r -> r.get("window_id").asString(), Collectors.counting()));
            assertThat(succeeded).hasSize(3).allSatisfy((window, count) -> assertThat(count).isEqualTo(1));
            JsonNode failed = runs.get(runs.size() - 1);
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("error").asString()).contains("told to fail");
            assertThat(failed.get("window_id").asString()).isEqualTo(windows.get(0).windowId());
            assertThat(committedTotal(id, source.topic())).as("the open window's 2 changes stay uncommitted")
                    .isEqualTo(15);
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }
}
