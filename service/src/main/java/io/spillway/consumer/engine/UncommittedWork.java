package io.spillway.consumer.engine;

import io.spillway.change.ChangeEvent;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.consumer.window.WindowAssembler;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.pipeline.Window;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a runner has read but not committed: the window it is filling, the closed windows waiting for
 * their job, and the offsets those hold back. Commits what is done; drops and rewinds what must be read
 * again. Loop thread only.
 */
final class UncommittedWork {
    private static final Logger log = LoggerFactory.getLogger(UncommittedWork.class);

    private final ConsumerDefinition definition;
    private final WindowCounter counter;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Deque<Window> pending = new ArrayDeque<>();
    /**
     * The first offsets of the pending windows, worked out once per window: a job in flight's windows stay
     * pending through several polls, each of which commits.
     */
    private Map<Window, Map<TopicPartition, Long>> pendingFirstOffsets = new IdentityHashMap<>();
    private LocalWindow open;
    private long windowOpenedMs;
    private boolean inFlight;

    UncommittedWork(ConsumerDefinition definition, WindowCounter counter) {
        this.definition = definition;
        this.counter = counter;
    }

    LocalWindow open() {
        return open;
    }

    boolean holding() {
        return open != null && !open.isEmpty();
    }

    /** When the open window was opened (its max_time counts from there), 0 if none. */
    long windowOpenedMs() {
        return windowOpenedMs;
    }

    /**
     * True while the loop routes a batch and runs its closed windows: a rebalance then must not touch the
     * windows itself, it asks the loop to drop them.
     */
    boolean inFlight() {
        return inFlight;
    }

    void inFlight(boolean value) {
        inFlight = value;
    }

    /** Takes a batch's outcome: the window now open, and the windows that closed (to run, in order). */
    void assembled(WindowAssembler.Assembly assembly, long openedMs) {
        open = assembly.open();
        windowOpenedMs = openedMs;
        pending.addAll(assembly.closed());
    }

    void handled(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> read = records.records(tp);
            offsets.handled(tp, read.get(read.size() - 1).offset()); // a partition's records come in offset order
        }
    }

    /** Closed windows not yet run, oldest first; the loop removes one only after its job succeeded. */
    Deque<Window> pending() {
        return pending;
    }

    void assigned(TopicPartition tp, long position) {
        offsets.assigned(tp, position);
    }

    void revoked(Collection<TopicPartition> partitions) {
        offsets.revoked(partitions);
    }

    /** Drops every unrun window (open and closed); their records are read again after a rewind. */
    void dropAll() {
        dropOpenWindow();
        pending.clear();
    }

    void dropOpenWindow() {
        if (open != null && !open.isEmpty()) {
            try {
                counter.forget(definition, open);
            } catch (RuntimeException e) {
                log.debug("consumer {}: could not take dropped window {} out of the count: {}",
                        definition.consumerId(), open.windowId(), e.toString());
            }
        }
        open = null;
        windowOpenedMs = 0;
    }

    /** Records of this partition read but not committed yet. */
    long uncommitted(TopicPartition tp) {
        return offsets.uncommitted(tp);
    }

    /** Seeks the partitions back to their committed offsets, so everything not committed is read again. */
    void rewind(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Long point = offsets.rewindPoint(tp);
            if (point != null) {
                consumer.seek(tp, point);
            }
        }
        offsets.rewound(partitions);
    }

    /**
     * Commits what is done without waiting for the broker (the loop's commit after each poll): the answer comes
     * with a later poll. A failed one is asked for again by a later poll; until one is confirmed, a rewind goes
     * back to the last confirmed offsets (records read again, never skipped).
     */
    void commitAsync(Consumer<byte[], byte[]> consumer) {
        Map<TopicPartition, Long> toCommit = assigned(consumer, offsets.toCommitAsync(heldOffsets()));
        if (toCommit.isEmpty()) {
            return;
        }
        offsets.requested(toCommit);
        try {
            consumer.commitAsync(request(toCommit), (done, e) -> {
                if (e == null) {
                    offsets.committed(toCommit);
                } else {
                    offsets.requestFailed(toCommit);
                    commitFailed(toCommit, e);
                }
            });
        } catch (WakeupException e) {
            offsets.requestFailed(toCommit);
            throw e;
        } catch (RuntimeException e) {
            offsets.requestFailed(toCommit);
            commitFailed(toCommit, e);
        }
    }

    /** Commits what is done and waits for the broker: before partitions go, and before the consumer closes. */
    void commit(Consumer<byte[], byte[]> consumer) {
        commit(consumer, Duration.ofSeconds(30));
    }

    void commit(Consumer<byte[], byte[]> consumer, Duration timeout) {
        Map<TopicPartition, Long> toCommit = assigned(consumer, offsets.toCommit(heldOffsets()));
        if (toCommit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(request(toCommit), timeout);
            offsets.committed(toCommit);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            commitFailed(toCommit, e);
        }
    }

    private static Map<TopicPartition, Long> assigned(Consumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> toCommit) {
        toCommit.keySet().retainAll(consumer.assignment());
        return toCommit;
    }

    private static Map<TopicPartition, OffsetAndMetadata> request(Map<TopicPartition, Long> toCommit) {
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        toCommit.forEach((tp, o) -> request.put(tp, new OffsetAndMetadata(o)));
        return request;
    }

    /** A rebalance took the partitions, or Kafka is slow: a later commit asks again. */
    private void commitFailed(Map<TopicPartition, Long> toCommit, Exception e) {
        log.warn("consumer {}: commit of {} failed: {}", definition.consumerId(), toCommit, e.toString());
    }

    /** The first offset per partition still held by an unrun window: commits stop there. */
    private Map<TopicPartition, Long> heldOffsets() {
        Map<TopicPartition, Long> held = new HashMap<>();
        if (open != null) {
            open.firstOffsets().forEach((tp, o) -> held.merge(tp, o, Math::min));
        }
        Map<Window, Map<TopicPartition, Long>> stillPending = new IdentityHashMap<>();
        for (Window window : pending) {
            Map<TopicPartition, Long> first = pendingFirstOffsets.get(window);
            if (first == null) {
                first = firstOffsets(window);
            }
            stillPending.put(window, first);
            first.forEach((tp, o) -> held.merge(tp, o, Math::min));
        }
        pendingFirstOffsets = stillPending;
        return held;
    }

    private static Map<TopicPartition, Long> firstOffsets(Window window) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ChangeEvent e : window.events()) {
            first.merge(new TopicPartition(e.coordinates().topic(), e.coordinates().partition()),
                    e.coordinates().offset(), Math::min);
        }
        return first;
    }
}
