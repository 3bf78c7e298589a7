package io.spillway.consumer.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed. A record is done when it was skipped, dead-lettered, or its window's
 * job succeeded; the committable offset of a partition is the first offset still held by an unrun
 * window, or else just past the last handled record. Pure: the Kafka loop feeds it and commits.
 *
 * <p>Commits confirmed by the broker are what a rewind goes back to; commits asked for asynchronously and not
 * answered yet are only remembered so the next poll does not ask for the same offsets again.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Map<TopicPartition, Long> requested = new HashMap<>();

    /** The partition was assigned at this position (its committed offset, or where the reset policy put it). */
    public void assigned(TopicPartition tp, long position) {
        committed.put(tp, position);
        next.put(tp, position);
    }

    public void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            next.remove(tp);
            committed.remove(tp);
            requested.remove(tp);
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
        return toCommit(held, false);
    }

    /** The same, leaving out what an asynchronous commit not answered yet asked for already. */
    public Map<TopicPartition, Long> toCommitAsync(Map<TopicPartition, Long> held) {
        return toCommit(held, true);
    }

    private Map<TopicPartition, Long> toCommit(Map<TopicPartition, Long> held, boolean skipRequested) {
        Map<TopicPartition, Long> result = new HashMap<>();
        next.forEach((tp, nextOffset) -> {
            long committable = held.containsKey(tp) ? Math.min(held.get(tp), nextOffset) : nextOffset;
            Long last = committed.get(tp);
            Long asked = skipRequested ? requested.get(tp) : null;
            if ((last == null || committable > last) && (asked == null || committable > asked)) {
                result.put(tp, committable);
            }
        });
        return result;
    }

    /** An asynchronous commit of these offsets was sent. */
    public void requested(Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, offset) -> {
            if (next.containsKey(tp)) {
                requested.merge(tp, offset, Math::max);
            }
        });
    }

    /** The asynchronous commit of these offsets failed: a later poll asks again. */
    public void requestFailed(Map<TopicPartition, Long> offsets) {
        offsets.forEach(requested::remove);
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
