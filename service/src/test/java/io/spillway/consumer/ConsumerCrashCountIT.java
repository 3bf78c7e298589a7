package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Redis count after a crash: with max_event 10, 4 changes sit in the open window when the service is
 * killed (SIGKILL). The restarted service reads them again (they were not committed): the global count stays
 * 4 instead of 8, and the window closes with exactly the 10th change, holding each of the 10 once. The
 * service runs as a child process on Redis database 1 (this JVM's own service uses database 0).
 */
class ConsumerCrashCountIT extends ConsumerStackIT {
    private static final int DB = 1;

    @Test
    void changesReadAgainAfterACrashAreCountedOnceAndTheWindowClosesAtMaxEvent() throws Exception {
        Source source = captureNewTable("crashcount", 1);
        String id = "crashcount-" + suffix();
        String pipelineKey = ConsumerKeys.pipeline("pipeline " + id);
        int port = ServiceProcess.freePort();
        Map<String, String> properties = ServiceProcess.onStack(stack, DB);
        Path log = Path.of("target", "child-logs", id + ".log");
        try {
            List<Long> ids;
            try (ServiceProcess first = ServiceProcess.start(port, properties, log)) {
                Api api = first.api();
                givenConnection(api, "conn-" + id);
                Api.Response started = api.post("/consumer/start",
                        consumerJson(id, source.topic(), "pipeline " + id, "conn-" + id, 10, 3600, RecordingJob.TYPE));
                assertThat(started.status()).as(started.body()).isEqualTo(201);
                ids = new ArrayList<>(insertRows(source.table(), 4));
                await().atMost(Duration.ofSeconds(60)).until(() -> windowCount(pipelineKey) == 4
                        && info(api, id).get("window").get("local_count").asInt() == 4);
                first.kill();
            }

            try (ServiceProcess second = ServiceProcess.start(port, properties, log)) {
                Api api = second.api();
                // The stored definition is resumed; the 4 uncommitted changes are read again.
                await().atMost(Duration.ofSeconds(90)).until(() -> api.get("/consumer/info/" + id).status() == 200
                        && info(api, id).get("window").get("local_count").asInt() == 4);
                assertThat(windowCount(pipelineKey)).as("the global count after the changes were read again")
                        .isEqualTo(4);
                assertThat(recorded(DB, id)).isEmpty();

                ids.addAll(insertRows(source.table(), 5));
                await().atMost(Duration.ofSeconds(30)).until(() -> windowCount(pipelineKey) == 9
                        && info(api, id).get("window").get("local_count").asInt() == 9);
                assertThat(recorded(DB, id)).as("no window closed before max_event").isEmpty();
                ids.addAll(insertRows(source.table(), 1));
                await().atMost(Duration.ofSeconds(30)).until(() -> recorded(DB, id).size() == 1);
                RecordingJob.Recorded window = recorded(DB, id).get(0);
                assertThat(window.reason()).isEqualTo("count");
                assertThat(window.ids()).containsExactlyInAnyOrderElementsOf(ids);
                await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 10);
                stopQuietly(api, id);
            }
        } finally {
            redis(DB, cmds -> cmds.flushdb());
            release(source);
        }
    }

    private static long windowCount(String pipelineKey) {
        String count = redis(DB, cmds -> cmds.hget(pipelineKey, "window_count"));
        return count == null ? -1 : Long.parseLong(count);
    }
}
