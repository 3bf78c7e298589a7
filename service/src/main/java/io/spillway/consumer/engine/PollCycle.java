package io.spillway.consumer.engine;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.consumer.window.WindowAssembler;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.consumer.window.WindowPlan;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one poll's records go through, on the loop thread of one KafkaConsumer's session: route each record
 * (window, skip, dead letter), one Redis call to count (carrying the last poll's runs to the history, see
 * {@link PendingRuns}), run the windows that closed (or hand them to the {@link JobInFlight}), commit.
 * Offsets move only past records whose window's job succeeded (or that were skipped or dead-lettered).
 */
final class PollCycle {
    private static final Logger log = LoggerFactory.getLogger(PollCycle.class);
    /** Longest poll while a job is in flight: its end (and so the commit past it) is noticed this soon. */
    private static final long IN_FLIGHT_POLL_MS = 20;

    private final ConsumerDefinition definition;
    private final SpillwayProperties.Consumer settings;
    private final Consumer<byte[], byte[]> consumer;
    private final UncommittedWork work;
    private final BackpressureRetry retry;
    private final JobInFlight jobs; // null: the loop runs each job itself (spillway.consumer.pipelined-jobs off)
    private final RecordRouter router;
    private final WindowCounter counter;
    private final PendingRuns runs;
    private final LiveStatus status;
    private final BooleanSupplier stopping;

    PollCycle(ConsumerDefinition definition, SpillwayProperties.Consumer settings, Consumer<byte[], byte[]> consumer,
            UncommittedWork work, BackpressureRetry retry, JobInFlight jobs, RecordRouter router,
            WindowCounter counter, PendingRuns runs, LiveStatus status, BooleanSupplier stopping) {
        this.definition = definition;
        this.settings = settings;
        this.consumer = consumer;
        this.work = work;
        this.retry = retry;
        this.jobs = jobs;
        this.router = router;
        this.counter = counter;
        this.runs = runs;
        this.status = status;
        this.stopping = stopping;
    }

    /** Polls no longer than the configured timeout, and wakes up exactly when the open window is due. */
    Duration pollTimeout() {
        long timeout = settings.pollTimeoutMs();
        if (work.holding() && work.windowOpenedMs() > 0) {
            long due = work.windowOpenedMs() + definition.maxTime() * 1000L - System.currentTimeMillis();
            timeout = Math.max(0, Math.min(timeout, due));
        }
        if (jobs != null && jobs.busy()) {
            timeout = Math.min(timeout, IN_FLIGHT_POLL_MS);
        }
        return Duration.ofMillis(timeout);
    }

    void process(ConsumerRecords<byte[], byte[]> records) {
        boolean holding = work.holding();
        if (records.isEmpty() && jobs != null && jobs.busy()) {
            // A short poll while the job runs: settle it if it is done. The open window's time and a trigger
            // are looked at once no job is in flight (a window closing now would wait for it anyway).
            settleIfDone();
        } else if (!records.isEmpty() || holding) {
            count(records, holding);
        }
        if (!runs.isEmpty() && (records.isEmpty() || !behind())) {
            // Caught up: the next poll may wait for records, so the runs go now (before the commit: a committed
            // window's run is in the history). Behind, they wait for the next poll's count.
            runs.flush();
        }
        work.commitAsync(consumer);
    }

    /** Routes the poll's records, counts them with one Redis call, and runs (or hands on) what closed. */
    private void count(ConsumerRecords<byte[], byte[]> records, boolean holding) {
        status.polled();
        work.inFlight(true);
        try {
            RecordRouter.Batch batch = router.route(records, retry);
            LocalWindow open = work.open();
            long held = holding ? open.bytes() : 0;
            long budget = settings.windowMemoryBudgetBytes();
            if (jobs != null && held + batch.bytes() + jobs.bytes() > budget) {
                jobs.settle(); // the budget holds the job in flight's windows too: wait for them first
            }
            WindowCloseReason force = held + batch.bytes() > budget ? WindowCloseReason.MEMORY : null;
            Instant now = Instant.now();
            // The last poll's runs travel with this poll's count: one Redis round trip per poll.
            WindowPlan plan = retry.call("counting in Redis", () -> runs.alongside(
                    () -> counter.count(definition, open, batch.changes(), force, batch.deadLettered(), now)));
            work.assembled(WindowAssembler.apply(open, plan, batch.changes(), Instant.now()), plan.openedMs());
            work.handled(records);
            runClosed(held + batch.bytes());
        } catch (BackpressureRetry.Abandoned e) {
            dropInFlight();
        } finally {
            work.inFlight(false);
        }
    }

    /** The windows this poll closed: handed to the job thread, or run here in one job call. */
    private void runClosed(long approximateBytes) throws BackpressureRetry.Abandoned {
        Deque<Window> pending = work.pending();
        if (jobs != null) {
            if (pending.size() > jobs.windows()) {
                jobs.hand(pending, approximateBytes); // waits for the job in flight first
            } else {
                jobs.settleIfDone();
            }
        } else if (!pending.isEmpty()) {
            // Every window this poll closed, in one job call (see PipelineJob.runAll).
            retry.runWindows(List.copyOf(pending));
            pending.clear();
        }
    }

    /** Records wait on the broker for an assigned partition (the consumer's own fetch positions, no call). */
    private boolean behind() {
        for (TopicPartition tp : consumer.assignment()) {
            if (consumer.currentLag(tp).orElse(0) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Drops every unrun window and rewinds to the committed offsets: those records are read again. */
    private void dropInFlight() {
        if (jobs != null && jobs.settleWithoutRetry() && !stopping.getAsBoolean()) {
            work.commit(consumer); // past the job in flight if it loaded (and not past anything still pending)
        }
        work.dropAll();
        if (stopping.getAsBoolean()) {
            return;
        }
        work.rewind(consumer, consumer.assignment());
        retry.resumeAll();
    }

    /** Settles the job in flight if it is done, with the retry path (outside any rebalance callback). */
    private void settleIfDone() {
        work.inFlight(true);
        try {
            jobs.settleIfDone();
        } catch (BackpressureRetry.Abandoned e) {
            dropInFlight();
        } finally {
            work.inFlight(false);
        }
    }

    /**
     * The session ends (stop, or an error that restarts it): the job in flight is awaited before the consumer
     * leaves the group (the commit before close then goes past it if it loaded); a failed one is recorded and
     * its records read again.
     */
    void finishInFlight() {
        if (jobs == null) {
            return;
        }
        try {
            jobs.settleWithoutRetry();
        } catch (RuntimeException e) {
            log.warn("consumer {}: the last job in flight failed: {}", definition.consumerId(), e.toString());
        } finally {
            jobs.close();
        }
    }
}
