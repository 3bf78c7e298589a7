package io.spillway.consumer.engine;

import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.window.LocalWindow;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps offsets and the open window consistent when partitions move between instances. Kafka calls it
 * from inside poll, on the loop thread.
 */
final class RebalanceHandler implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> consumer;
    private final UncommittedWork work;
    private final BackpressureRetry retry;
    private final LiveStatus status;
    private final JobInFlight jobs;

    /** {@code jobs} null: no job runs beside the loop (spillway.consumer.pipelined-jobs off). */
    RebalanceHandler(Consumer<byte[], byte[]> consumer, UncommittedWork work, BackpressureRetry retry,
            LiveStatus status, JobInFlight jobs) {
        this.consumer = consumer;
        this.work = work;
        this.retry = retry;
        this.status = status;
        this.jobs = jobs;
    }

    /**
     * A job in flight may hold records of the partitions going: it is awaited first (its runs recorded).
     * False if it failed: then every unrun window is dropped and the retained partitions rewound, so the
     * failed window's records (and everything after them) are read again.
     */
    private boolean settleJobInFlight(Collection<TopicPartition> going) {
        if (jobs == null || jobs.settleWithoutRetry() || work.inFlight()) {
            return true; // in flight in the loop: the loop's own drop follows (see below)
        }
        work.dropAll();
        Set<TopicPartition> retained = new HashSet<>(consumer.assignment());
        retained.removeAll(going);
        work.rewind(consumer, retained);
        work.revoked(going);
        return false;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty() || !settleJobInFlight(revoked)) {
            return;
        }
        if (work.inFlight()) {
            // Windows are being retried: they may hold records of these partitions; drop them all.
            retry.abandon();
            work.revoked(revoked);
            return;
        }
        work.commit(consumer);
        LocalWindow open = work.open();
        if (open != null && revoked.stream().anyMatch(open::holds)) {
            // The window must not outlive its partitions: drop it before they go (it never ran and
            // nothing of it was committed, so the new owner reads its records again).
            Set<TopicPartition> retained = new HashSet<>(consumer.assignment());
            retained.removeAll(revoked);
            Set<TopicPartition> heldRetained = new HashSet<>();
            for (TopicPartition tp : retained) {
                if (open.holds(tp)) {
                    heldRetained.add(tp);
                }
            }
            work.dropOpenWindow();
            work.rewind(consumer, heldRetained);
        }
        work.revoked(revoked);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            work.assigned(tp, consumer.position(tp));
        }
        // Partitions that arrive during a retry wait stay paused with the others.
        if (status.state() == ConsumerState.PAUSED_BACKPRESSURE) {
            consumer.pause(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        // Lost (not revoked): another member may own them already, so nothing can be committed;
        // any window holding their records is dropped and read again by the new owner.
        if (!settleJobInFlight(lost)) {
            return;
        }
        LocalWindow open = work.open();
        if (work.inFlight()) {
            retry.abandon();
        } else if (open != null && lost.stream().anyMatch(open::holds)) {
            work.dropOpenWindow();
            Set<TopicPartition> retained = new HashSet<>(consumer.assignment());
            retained.removeAll(lost);
            work.rewind(consumer, retained);
        }
        work.revoked(lost);
    }
}
