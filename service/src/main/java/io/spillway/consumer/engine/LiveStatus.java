package io.spillway.consumer.engine;

import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.RunRecord;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a runner publishes for the API: its state, partitions, lag, open window and counters. Written by the
 * loop thread only (the KafkaConsumer is not thread-safe), read from any thread as a {@link RunnerStatus}.
 */
final class LiveStatus {
    private final String instanceId;
    private final String startedAt = Instant.now().toString();
    private volatile ConsumerState state = ConsumerState.STARTING;
    private volatile String stateReason;
    private volatile List<String> assigned = List.of();
    private volatile List<String> paused = List.of();
    private volatile Map<String, Long> lag = Map.of();
    private volatile Map<String, Long> committedLag = Map.of();
    private volatile RunRecord lastRun;
    private volatile String localWindowId;
    private volatile int localWindowCount;
    private volatile long localWindowBytes;
    private final AtomicLong recordsIn = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong changesIn = new AtomicLong();
    private final AtomicLong eventsOut = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong windowsRun = new AtomicLong();
    private final AtomicLong jobFailures = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private volatile RunnerError lastError;
    private final AtomicLong windowsIsolated = new AtomicLong();
    private final AtomicLong isolationDeadLettered = new AtomicLong();
    private volatile String lastIsolationError;
    private volatile Map<String, String> pausedTables = Map.of();

    LiveStatus(String instanceId) {
        this.instanceId = instanceId;
    }

    ConsumerState state() {
        return state;
    }

    void setState(ConsumerState next, String reason) {
        state = next;
        stateReason = reason;
    }

    /**
     * Copies the partitions, their lag and the open window; the consumer is only touched here, on the loop
     * thread. The committed lag adds what was read but not committed yet: what a crash would read again.
     */
    void publish(Consumer<byte[], byte[]> consumer, LocalWindow open, ToLongFunction<TopicPartition> uncommitted) {
        List<String> parts = new ArrayList<>();
        Map<String, Long> lags = new TreeMap<>();
        Map<String, Long> committedLags = new TreeMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            parts.add(tp.toString());
            consumer.currentLag(tp).ifPresent(l -> {
                lags.put(tp.toString(), l);
                committedLags.put(tp.toString(), l + uncommitted.applyAsLong(tp));
            });
        }
        parts.sort(null);
        assigned = List.copyOf(parts);
        paused = consumer.paused().stream().map(TopicPartition::toString).sorted().toList();
        lag = Map.copyOf(lags);
        committedLag = Map.copyOf(committedLags);
        localWindowId = open == null ? null : open.windowId();
        localWindowCount = open == null ? 0 : open.size();
        localWindowBytes = open == null ? 0 : open.bytes();
    }

    void lastRun(RunRecord run) {
        lastRun = run;
    }

    /** A poll that brought records or had a window open: one counting call to Redis. */
    void polled() {
        polls.incrementAndGet();
    }

    void recordIn() {
        recordsIn.incrementAndGet();
    }

    void changesIn(int count) {
        changesIn.addAndGet(count);
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    /** A window's job succeeded with this many events. */
    void windowRun(int events) {
        eventsOut.addAndGet(events);
        windowsRun.incrementAndGet();
    }

    void jobFailed() {
        jobFailures.incrementAndGet();
    }

    /** A window was isolated: {@code refused} of its changes went to the dead-letter topic for {@code error}. */
    void windowIsolated(int refused, String error) {
        windowsIsolated.incrementAndGet();
        isolationDeadLettered.addAndGet(refused);
        lastIsolationError = error;
    }

    /**
     * A job ran: the tables it paused are shown with their reason until a later window loads changes of them.
     * Costs a pass over the windows' changes only while a table is paused.
     */
    void tablesLoaded(List<Window> windows, List<JobResult> results) {
        Map<String, String> now = new TreeMap<>(pausedTables);
        if (!now.isEmpty()) {
            windows.forEach(w -> w.events().forEach(e -> now.remove(e.table().toString())));
        }
        results.forEach(r -> r.pausedTables().forEach(p -> now.put(p.table(), p.reason())));
        if (!now.equals(pausedTables)) {
            pausedTables = Map.copyOf(now);
        }
    }

    RunnerStatus snapshot() {
        long total = lag.values().stream().mapToLong(Long::longValue).sum();
        return new RunnerStatus(instanceId, state, stateReason, startedAt, assigned, paused, lag, committedLag, total,
                localWindowId,
                localWindowCount, localWindowBytes, recordsIn.get(), changesIn.get(), eventsOut.get(), skipped.get(),
                deadLettered.get(), windowsRun.get(), jobFailures.get(), lastRun, restarts.get(), lastError,
                windowsIsolated.get(), isolationDeadLettered.get(), lastIsolationError, new TreeMap<>(pausedTables),
                polls.get());
    }

    /**
     * The loop failed and its KafkaConsumer is closed: it restarts after {@code wait}. Partitions and the
     * open window are gone with the consumer; the state says when the restart comes and why.
     */
    void restarting(RunnerError error, Duration wait) {
        long count = restarts.incrementAndGet();
        lastError = error;
        assigned = List.of();
        paused = List.of();
        lag = Map.of();
        committedLag = Map.of();
        localWindowId = null;
        localWindowCount = 0;
        localWindowBytes = 0;
        setState(ConsumerState.RESTARTING, "restart " + count + " in " + wait.toMillis() + " ms from the committed"
                + " offsets after: " + error.error());
    }

    long restarts() {
        return restarts.get();
    }
}
