package io.spillway.consumer.engine;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.consumer.window.WindowAssembler;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.consumer.window.WindowPlan;
import io.spillway.kafka.KafkaClients;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer on this instance: its own KafkaConsumer on its own thread. The loop is thin: poll, route
 * each record (window, skip, dead letter), one Redis call to count (carrying the last poll's runs to the
 * history, see {@link PendingRuns}), run the windows that closed, commit.
 * Offsets move only past records whose window's job succeeded (or that were skipped or dead-lettered).
 * The parts: {@link RecordRouter} (parse and route), {@link UncommittedWork} (windows and offsets),
 * {@link BackpressureRetry} (retries with the partitions paused), {@link RebalanceHandler}, and
 * {@link LiveStatus} (what the API reads). {@link RunnerSupervisor} restarts the loop, with a new
 * KafkaConsumer, when it fails unexpectedly.
 */
public final class ConsumerRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerRunner.class);
    /** A stop with the broker gone waits this long for the last commit, then closes anyway. */
    private static final Duration CLOSE_COMMIT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest poll while a job is in flight: its end (and so the commit past it) is noticed this soon. */
    private static final long IN_FLIGHT_POLL_MS = 20;

    private final ConsumerDefinition definition;
    private final PipelineJob job;
    private final WindowCounter counter;
    private final PendingRuns runs;
    private final SpillwayProperties properties;
    private final String instanceId;
    private final Backoff backoff;
    private final RecordRouter router;
    private final LiveStatus status;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final RunnerSupervisor supervisor;
    private final DeadLetterPublisher deadLetters;

    // Loop-thread state, made anew with each KafkaConsumer (each session).
    private volatile Consumer<byte[], byte[]> consumer;
    private UncommittedWork work;
    private BackpressureRetry retry;
    private JobInFlight jobs; // null: the loop runs each job itself (spillway.consumer.pipelined-jobs off)

    private volatile boolean stopping;
    private volatile Thread thread;

    public ConsumerRunner(ConsumerDefinition definition, PipelineJob job, WindowCounter counter, RunHistory history,
            DeadLetterPublisher deadLetters, SpillwayProperties properties, String instanceId, KafkaClients clients) {
        this(definition, job, counter, history, deadLetters, properties, instanceId,
                () -> new KafkaConsumer<>(clients.groupConsumer(definition.groupId(),
                        definition.groupId() + "-" + instanceId, definition.autoOffsetReset()),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** With {@code consumers} making each session's consumer (a MockConsumer in tests). */
    ConsumerRunner(ConsumerDefinition definition, PipelineJob job, WindowCounter counter, RunHistory history,
            DeadLetterPublisher deadLetters, SpillwayProperties properties, String instanceId,
            Supplier<Consumer<byte[], byte[]>> consumers) {
        this.definition = definition;
        this.job = job;
        this.counter = counter;
        this.runs = new PendingRuns(definition.consumerId(), history);
        this.properties = properties;
        this.instanceId = instanceId;
        this.status = new LiveStatus(instanceId);
        this.deadLetters = deadLetters;
        this.router = new RecordRouter(definition, deadLetters, status);
        this.backoff = new Backoff(Duration.ofMillis(properties.consumer().retryInitialBackoffMs()),
                Duration.ofMillis(properties.consumer().retryMaxBackoffMs()));
        this.consumers = consumers;
        this.supervisor = new RunnerSupervisor(definition.consumerId(),
                Duration.ofMillis(properties.consumer().retryInitialBackoffMs()), status, () -> stopping);
    }

    public void start() {
        Thread t = new Thread(this, "consumer-" + definition.consumerId());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the loop; the open window is dropped (not committed), so its records are read again later. */
    public void stop(Duration wait) {
        stopping = true;
        supervisor.stop();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public ConsumerDefinition definition() {
        return definition;
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public RunnerStatus status() {
        return status.snapshot();
    }

    @Override
    public void run() {
        try {
            supervisor.run(this::session);
            status.setState(ConsumerState.STOPPED, null);
        } catch (Error e) {
            fail(e);
            throw e;
        }
    }

    /** One KafkaConsumer's life: returns when stopping; anything else it throws ends it (and restarts it). */
    private void session() {
        work = new UncommittedWork(definition, counter);
        jobs = null;
        try {
            consumer = consumers.get();
            retry = new BackpressureRetry(consumer, definition, job, runs, backoff, instanceId, status,
                    this::publish, () -> stopping, deadLetters);
            if (properties.consumer().pipelinedJobs()) {
                jobs = new JobInFlight(definition.consumerId(), retry, work);
            }
            if (stopping) {
                return;
            }
            subscribe(new RebalanceHandler(consumer, work, retry, status, jobs));
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                if (status.state() == ConsumerState.STARTING) {
                    status.setState(ConsumerState.RUNNING, null);
                }
                process(records);
                publish();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            try {
                finishInFlight();
            } finally {
                closeConsumer();
                runs.flush(); // after leaving the group: a slow Redis does not hold the partitions
            }
        }
    }

    private void subscribe(ConsumerRebalanceListener listener) {
        if (definition.topicPattern()) {
            // Never read our own dead letters back.
            consumer.subscribe(Pattern.compile("(?!.*\\.dlq$)(?:" + definition.kafkaTopic() + ")"), listener);
        } else {
            consumer.subscribe(List.of(definition.kafkaTopic()), listener);
        }
    }

    /** Polls no longer than the configured timeout, and wakes up exactly when the open window is due. */
    private Duration pollTimeout() {
        long timeout = properties.consumer().pollTimeoutMs();
        if (work.holding() && work.windowOpenedMs() > 0) {
            long due = work.windowOpenedMs() + definition.maxTime() * 1000L - System.currentTimeMillis();
            timeout = Math.max(0, Math.min(timeout, due));
        }
        if (jobs != null && jobs.busy()) {
            timeout = Math.min(timeout, IN_FLIGHT_POLL_MS);
        }
        return Duration.ofMillis(timeout);
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        boolean holding = work.holding();
        if (records.isEmpty() && jobs != null && jobs.busy()) {
            // A short poll while the job runs: settle it if it is done. The open window's time and a trigger
            // are looked at once no job is in flight (a window closing now would wait for it anyway).
            settleIfDone();
            work.commitAsync(consumer);
            return;
        }
        if (records.isEmpty() && !holding) {
            runs.flush(); // idle: nothing to count, so the runs go alone
            work.commitAsync(consumer);
            return;
        }
        status.polled();
        work.inFlight(true);
        try {
            RecordRouter.Batch batch = router.route(records, retry);
            LocalWindow open = work.open();
            long held = holding ? open.bytes() : 0;
            if (jobs != null && held + batch.bytes() + jobs.bytes() > properties.consumer().windowMemoryBudgetBytes()) {
                jobs.settle(); // the budget holds the job in flight's windows too: wait for them first
            }
            WindowCloseReason force = held + batch.bytes() > properties.consumer().windowMemoryBudgetBytes()
                    ? WindowCloseReason.MEMORY : null;
            Instant now = Instant.now();
            // The last poll's runs travel with this poll's count: one Redis round trip per poll.
            WindowPlan plan = retry.call("counting in Redis", () -> runs.alongside(
                    () -> counter.count(definition, open, batch.changes(), force, batch.deadLettered(), now)));
            work.assembled(WindowAssembler.apply(open, plan, batch.changes(), Instant.now()), plan.openedMs());
            work.handled(records);
            Deque<Window> pending = work.pending();
            if (jobs != null) {
                if (pending.size() > jobs.windows()) {
                    jobs.hand(pending, held + batch.bytes()); // waits for the job in flight first
                } else {
                    jobs.settleIfDone();
                }
            } else if (!pending.isEmpty()) {
                // Every window this poll closed, in one job call (see PipelineJob.runAll).
                retry.runWindows(List.copyOf(pending));
                pending.clear();
            }
            if (!runs.isEmpty() && !behind()) {
                // Caught up: the next poll may wait for records, so the runs go now (before the commit: a
                // committed window's run is in the history). Behind, they wait for the next poll's count.
                runs.flush();
            }
        } catch (BackpressureRetry.Abandoned e) {
            dropInFlight();
        } finally {
            work.inFlight(false);
        }
        work.commitAsync(consumer);
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
        if (jobs != null && jobs.settleWithoutRetry() && !stopping) {
            work.commit(consumer); // past the job in flight if it loaded (and not past anything still pending)
        }
        work.dropAll();
        if (stopping) {
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
    private void finishInFlight() {
        JobInFlight current = jobs;
        if (current == null) {
            return;
        }
        try {
            current.settleWithoutRetry();
        } catch (RuntimeException e) {
            log.warn("consumer {}: the last job in flight failed: {}", definition.consumerId(), e.toString());
        } finally {
            current.close();
        }
    }

    private void publish() {
        status.publish(consumer, work.open(), work::uncommitted);
    }

    /** Not an exception the loop can recover from (out of memory, ...): the runner ends. */
    private void fail(Error e) {
        log.error("consumer {} failed", definition.consumerId(), e);
        status.setState(ConsumerState.FAILED, RunnerError.firstLine(e));
    }

    /** The loop's last commits were asynchronous: confirmed now, so the next owner starts after them. */
    private void commitBeforeClose(Consumer<byte[], byte[]> current) {
        try {
            try {
                work.commit(current, CLOSE_COMMIT_TIMEOUT);
            } catch (WakeupException e) {
                work.commit(current, CLOSE_COMMIT_TIMEOUT); // the stop's wakeup was pending: it is used up now
            }
        } catch (RuntimeException e) {
            log.debug("consumer {}: commit before close: {}", definition.consumerId(), e.toString());
        }
    }

    private void closeConsumer() {
        Consumer<byte[], byte[]> current = consumer;
        if (current == null) {
            return;
        }
        consumer = null;
        commitBeforeClose(current);
        try {
            current.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            log.debug("consumer {}: close: {}", definition.consumerId(), e.toString());
        }
        work.dropOpenWindow();
    }
}
