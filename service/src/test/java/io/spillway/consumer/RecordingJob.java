package io.spillway.consumer;

import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.redis.Redis;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test job {@code recording}: remembers every window it was given (in memory, and as JSON in the Redis
 * list {@code spillway:test:runs:<consumer_id>} so that tests can observe a service child process), and
 * fails a set number of times on request.
 */
@Component
public class RecordingJob implements PipelineJob {
    public static final String TYPE = "recording";
    private static final Map<String, List<Window>> windows = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private static final String PID = ManagementFactory.getRuntimeMXBean().getName();

    /** One window as a service process recorded it. */
    public record Recorded(String windowId, String reason, String instance, String openedAt, String closedAt,
            List<Long> ids, List<String> offsets) {
    }

    private final Redis redis;
    private final JsonMapper json;

    public RecordingJob(Redis redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public JobResult run(JobContext context, Window window) {
        AtomicInteger toFail = failures.get(context.consumerId());
        if (toFail != null && toFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("recording job told to fail");
        }
        Recorded recorded = new Recorded(window.windowId(), window.reason().label(), PID,
                window.openedAt().toString(), window.closedAt().toString(), ids(window.events()),
                window.events().stream().map(e -> e.coordinates().toString()).toList());
        String value = json.writeValueAsString(recorded);
        redis.call(cmds -> cmds.rpush("spillway:test:runs:" + context.consumerId(), value));
        windows.computeIfAbsent(context.consumerId(), k -> new CopyOnWriteArrayList<>()).add(window);
        return new JobResult(window.events().size(), 0, 0);
    }

    static List<Long> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> e.row() == null || e.row().get("id") == null ? -1L : e.row().get("id").asLong())
                .toList();
    }

    /** The windows this JVM's job was given for that consumer, in run order. */
    public static List<Window> windowsOf(String consumerId) {
        return List.copyOf(windows.getOrDefault(consumerId, List.of()));
    }

    public static void failNext(String consumerId, int times) {
        failures.put(consumerId, new AtomicInteger(times));
    }
}
