package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The service killed with SIGKILL in the middle of a window, then restarted: every change reaches a job
 * at least once and the consumer resumes by itself. The service runs as a child process on Redis
 * database 1, so this JVM's own service (database 0) does not pick the consumer up.
 */
class ConsumerCrashIT extends ConsumerStackIT {
    private static final int DB = 1;

    @Test
    void aServiceKilledMidWindowLosesNoChangeAndResumesTheConsumerOnRestart() throws Exception {
        Source source = captureNewTable("crash", 1);
        String id = "crash-" + suffix();
        String connection = "conn-" + id;
        int port = ServiceProcess.freePort();
        Map<String, String> properties = ServiceProcess.onStack(stack, DB);
        Path log = Path.of("target", "child-logs", id + ".log");
        try {
            List<Long> ids;
            try (ServiceProcess first = ServiceProcess.start(port, properties, log)) {
                Api api = first.api();
                givenConnection(api, connection);
                Api.Response started = api.post("/consumer/start",
                        consumerJson(id, source.topic(), "pipeline " + id, connection, 10, 10, RecordingJob.TYPE));
                assertThat(started.status()).as(started.body()).isEqualTo(201);
                ids = new java.util.ArrayList<>(insertRows(source.table(), 15));
                // One window of 10 ran; 5 changes sit in the open window.
                await().atMost(Duration.ofSeconds(30)).until(() -> recorded(DB, id).size() == 1
                        && info(api, id).get("window").get("local_count").asInt() == 5);
                // The commit follows the job's end (at once, or on the loop's next poll with pipelined jobs).
                await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 10);
                first.kill();
            }
            ids.addAll(insertRows(source.table(), 10));

            try (ServiceProcess second = ServiceProcess.start(port, properties, log)) {
                Api api = second.api();
                // No new /consumer/start: the stored definition is resumed.
                await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/consumer/info/" + id).status() == 200
                        && info(api, id).get("state").asString().equals("RUNNING")
                        && info(api, id).get("assigned_partitions").size() == 1);
                // The 5 uncommitted changes are read again with the 10 new ones; windows close on count or
                // time (how they split depends on the window state the killed process left in Redis).
                Set<Long> handled = new HashSet<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    handled.clear();
                    recorded(DB, id).forEach(w -> handled.addAll(w.ids()));
                    return handled.containsAll(ids);
                });
                List<RecordingJob.Recorded> windows = recorded(DB, id);
                assertThat(windows.get(0).instance()).isNotEqualTo(windows.get(windows.size() - 1).instance());
                await().atMost(Duration.ofSeconds(10)).until(() -> committedTotal(id, source.topic()) == 25);
                assertThat(info(api, id).get("state").asString()).isEqualTo("RUNNING");
                stopQuietly(api, id);
            }
        } finally {
            redis(DB, cmds -> cmds.flushdb());
            release(source);
        }
    }
}
