package io.spillway.consumer.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed. A record is done when it was skipped, dead-lettered, or its window's
 * job succeeded; the committable offset of a partition is the first offset still held by an unrun
 * window, or else just past the last handled record. Pure: the Kafka loop feeds it and commits.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** The partition was assigned at this position (its committed offset, or where the reset policy put it). */
    public void assigned(TopicPartition tp, long position) {
        committed.put(tp, position);
        next.put(tp, position);
    }

    public void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            next.remove(tp);
            committed.remove(tp);
        });
    }

    /** The loop has read (and routed) the record at {@code offset}. */
    public void handled(TopicPartition tp, long offset) {
        next.merge(tp, offset + 1, Math::max);
    }

    /**
     * Offsets to commit now, given the first offsets still held by unrun windows (per partition):
     * only partitions whose committable offset moved past the last commit.
     */
    public Map<TopicPartition, Long> toCommit(Map<TopicPartition, Long> held) {
        Map<TopicPartition, Long> result = new HashMap<>();
        next.forEach((tp, nextOffset) -> {
            long committable = held.containsKey(tp) ? Math.min(held.get(tp), nextOffset) : nextOffset;
            Long last = committed.get(tp);
            if (last == null || committable > last) {
                result.put(tp, committable);
            }
        });
        return result;
    }

    public void committed(Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, offset) -> {
            if (next.containsKey(tp)) {
                committed.merge(tp, offset, Math::max);
            }
        });
    }

    /** Records handled on this partition but not yet committed (they would be read again after a crash). */
    public long uncommitted(TopicPartition tp) {
        Long n = next.get(tp);
        Long c = committed.get(tp);
        return n == null || c == null ? 0 : Math.max(0, n - c);
    }

    /** Where to seek a partition so that everything not yet committed is read again. */
    public Long rewindPoint(TopicPartition tp) {
        return committed.get(tp);
    }

    /** Forgets handled-but-uncommitted progress (after a rewind to the committed offsets). */
    public void rewound(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            Long c = committed.get(tp);
            if (c != null) {
                next.put(tp, c);
            }
        });
    }
}
