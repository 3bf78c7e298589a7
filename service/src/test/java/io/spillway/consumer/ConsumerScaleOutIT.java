package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two service instances (this JVM's and a child process, on the same Redis) share one consumer's four
 * partitions: every change is handled, none twice, and the count is global.
 */
class ConsumerScaleOutIT extends ConsumerStackIT {

    @Test
    void twoInstancesShareTheConsumersPartitionsAndHandleEveryChangeOnce() throws Exception {
        Source source = captureNewTable("scale", 4);
        String id = "scale-" + suffix();
        Api here = api();
        Path log = Path.of("target", "child-logs", id + ".log");
        try {
            startRecordingConsumer(here, id, source.topic(), 10, 3);
            Map<String, String> properties = ServiceProcess.onStack(stack, 0);
            try (ServiceProcess other = ServiceProcess.start(ServiceProcess.freePort(), properties, log)) {
                Api there = other.api();
                // The second instance picks the stored consumer up by itself and the group splits the partitions.
                await().atMost(Duration.ofSeconds(60)).until(() -> there.get("/consumer/info/" + id).status() == 200
                        && info(there, id).get("assigned_partitions").size() > 0
                        && info(here, id).get("assigned_partitions").size() > 0
                        && info(there, id).get("assigned_partitions").size()
                                + info(here, id).get("assigned_partitions").size() == 4);

                List<Long> ids = insertRows(source.table(), 40);
                await().atMost(Duration.ofSeconds(60)).until(() -> handled(id).containsAll(ids));

                List<RecordingJob.Recorded> windows = recorded(0, id);
                List<Long> all = new ArrayList<>();
                windows.forEach(w -> all.addAll(w.ids()));
                assertThat(all).as("no change handed to a job twice").doesNotHaveDuplicates().hasSize(40);
                assertThat(windows).extracting(w -> w.windowId() + "@" + w.instance())
                        .as("no window part run twice").doesNotHaveDuplicates();
                assertThat(windows).extracting(RecordingJob.Recorded::instance).as("both instances ran windows")
                        .containsAll(Set.of(windows.get(0).instance()))
                        .satisfies(instances -> assertThat(new HashSet<>(instances)).hasSize(2));
                await().atMost(Duration.ofSeconds(15)).until(() -> committedTotal(id, source.topic()) == 40);
                Map<String, String> hash = redis(0, cmds -> cmds.hgetall(ConsumerKeys.pipeline("pipeline " + id)));
                assertThat(hash).containsEntry("events_total", "40");

                // Stopped on one instance, it stops on the other too.
                assertThat(here.post("/consumer/stop?consumer_id=" + id, null).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).until(() -> there.get("/consumer/info/" + id).status() == 404);
            }
        } finally {
            stopQuietly(here, id);
            release(source);
        }
    }

    private static Set<Long> handled(String id) {
        Set<Long> handled = new HashSet<>();
        recorded(0, id).forEach(w -> handled.addAll(w.ids()));
        return handled;
    }
}
