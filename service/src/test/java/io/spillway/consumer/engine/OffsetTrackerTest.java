package io.spillway.consumer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final TopicPartition p1 = new TopicPartition("t", 1);

    @Test
    void nothingHeldByAnOpenWindowIsCommitted() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.assigned(p0, 0);
        for (long o = 0; o < 10; o++) {
            offsets.handled(p0, o);
        }
        assertThat(offsets.toCommit(Map.of(p0, 4L))).containsExactly(Map.entry(p0, 4L));
        assertThat(offsets.toCommit(Map.of())).containsExactly(Map.entry(p0, 10L));
    }

    @Test
    void onlyPartitionsThatMovedPastTheLastCommitAreCommitted() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.assigned(p0, 5);
        offsets.assigned(p1, 0);
        assertThat(offsets.toCommit(Map.of())).isEmpty();
        offsets.handled(p1, 0);
        Map<TopicPartition, Long> first = offsets.toCommit(Map.of());
        assertThat(first).containsExactly(Map.entry(p1, 1L));
        offsets.committed(first);
        assertThat(offsets.toCommit(Map.of())).isEmpty();
    }

    @Test
    void aRewindGoesBackToTheLastCommitAndForgetsUncommittedProgress() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.assigned(p0, 3);
        offsets.handled(p0, 3);
        offsets.handled(p0, 4);
        offsets.committed(Map.of(p0, 4L));
        offsets.handled(p0, 5);
        assertThat(offsets.rewindPoint(p0)).isEqualTo(4);
        offsets.rewound(List.of(p0));
        assertThat(offsets.toCommit(Map.of())).isEmpty();
    }

    @Test
    void revokedPartitionsAreNoLongerCommitted() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.assigned(p0, 0);
        offsets.handled(p0, 0);
        offsets.revoked(List.of(p0));
        assertThat(offsets.toCommit(Map.of())).isEmpty();
        assertThat(offsets.rewindPoint(p0)).isNull();
    }

    @Test
    void anUnansweredAsynchronousCommitIsNotAskedForAgainButARewindStillGoesToTheConfirmedOne() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.assigned(p0, 0);
        offsets.handled(p0, 0);
        offsets.handled(p0, 1);
        Map<TopicPartition, Long> sent = offsets.toCommitAsync(Map.of());
        assertThat(sent).containsExactly(Map.entry(p0, 2L));
        offsets.requested(sent);
        assertThat(offsets.toCommitAsync(Map.of())).isEmpty();
        // A waited-for commit (before partitions go) asks again: only a confirmed one counts there.
        assertThat(offsets.toCommit(Map.of())).containsExactly(Map.entry(p0, 2L));
        assertThat(offsets.rewindPoint(p0)).isEqualTo(0);
        assertThat(offsets.uncommitted(p0)).isEqualTo(2);

        offsets.handled(p0, 2);
        assertThat(offsets.toCommitAsync(Map.of())).containsExactly(Map.entry(p0, 3L));
        offsets.committed(sent);
        assertThat(offsets.rewindPoint(p0)).isEqualTo(2);
    }

    @Test
    void aFailedAsynchronousCommitIsAskedForAgain() {
        OffsetTracker offsets = new OffsetTracker();
        offsets.assigned(p0, 0);
        offsets.handled(p0, 0);
        Map<TopicPartition, Long> sent = offsets.toCommitAsync(Map.of());
        offsets.requested(sent);
        offsets.requestFailed(sent);
        assertThat(offsets.toCommitAsync(Map.of())).containsExactly(Map.entry(p0, 1L));
        assertThat(offsets.rewindPoint(p0)).isEqualTo(0);
    }
}
