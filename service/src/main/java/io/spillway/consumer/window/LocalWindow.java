package io.spillway.consumer.window;

import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * This instance's part of a pipeline's open window: the changes it read, their size, and the first
 * offset it holds per partition (offsets at or after it must not be committed before the window ran).
 */
public final class LocalWindow {
    private String windowId;
    private final Instant openedAt;
    private final List<ChangeEvent> events = new ArrayList<>();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private long bytes;

    public LocalWindow(String windowId, Instant openedAt) {
        this.windowId = windowId;
        this.openedAt = openedAt;
    }

    public void add(ChangeEvent event) {
        events.add(event);
        bytes += event.approximateBytes();
        TopicPartition tp = new TopicPartition(event.coordinates().topic(), event.coordinates().partition());
        firstOffsets.merge(tp, event.coordinates().offset(), Math::min);
        nextOffsets.merge(tp, event.coordinates().offset() + 1, Math::max);
    }

    /** The window's id changes when the Redis state was rebuilt by another instance and we joined its window. */
    void renameTo(String id) {
        this.windowId = id;
    }

    public Window close(WindowCloseReason reason, Instant closedAt) {
        return new Window(windowId, reason, openedAt, closedAt, List.copyOf(events));
    }

    public String windowId() {
        return windowId;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public int size() {
        return events.size();
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public long bytes() {
        return bytes;
    }

    public Map<TopicPartition, Long> firstOffsets() {
        return Map.copyOf(firstOffsets);
    }

    /** Per partition, the offsets {@code [first, next)} this window's changes span (the window script's counted ranges). */
    Map<TopicPartition, CountedRanges.Range> ranges() {
        Map<TopicPartition, CountedRanges.Range> ranges = new HashMap<>();
        firstOffsets.forEach((tp, first) -> ranges.put(tp, new CountedRanges.Range(first, nextOffsets.get(tp))));
        return ranges;
    }

    public boolean holds(TopicPartition tp) {
        return firstOffsets.containsKey(tp);
    }
}
