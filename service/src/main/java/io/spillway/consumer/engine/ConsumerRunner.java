package io.spillway.consumer.engine;

import io.spillway.change.ChangeEvent;
import io.spillway.change.DebeziumRecordParser;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.ParsedRecord;
import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.run.RunRecord;
import io.spillway.consumer.window.LocalWindow;
import io.spillway.consumer.window.WindowAssembler;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.consumer.window.WindowPlan;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer on this instance: its own KafkaConsumer on its own thread. The loop is thin: poll, route
 * each record (window, skip, dead letter), one Redis call to count, run the windows that closed, commit.
 * Offsets move only past records whose window's job succeeded (or that were skipped or dead-lettered).
 */
public final class ConsumerRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerRunner.class);

    private final ConsumerDefinition definition;
    private final PipelineJob job;
    private final WindowCounter counter;
    private final RunHistory history;
    private final DeadLetterPublisher deadLetters;
    private final SpillwayProperties properties;
    private final String instanceId;
    private final Backoff backoff;
    private final DebeziumRecordParser parser = new DebeziumRecordParser();
    private final UncommittedWork work;
    private final LiveStatus status;

    // Loop-thread state.
    private KafkaConsumer<byte[], byte[]> consumer;
    private BackpressureRetry retry;

    private volatile boolean stopping;
    private volatile Thread thread;

    public ConsumerRunner(ConsumerDefinition definition, PipelineJob job, WindowCounter counter, RunHistory history,
            DeadLetterPublisher deadLetters, SpillwayProperties properties, String instanceId) {
        this.definition = definition;
        this.job = job;
        this.counter = counter;
        this.history = history;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.instanceId = instanceId;
        this.work = new UncommittedWork(definition, counter);
        this.status = new LiveStatus(instanceId);
        this.backoff = new Backoff(Duration.ofMillis(properties.consumer().retryInitialBackoffMs()),
                Duration.ofMillis(properties.consumer().retryMaxBackoffMs()));
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
        KafkaConsumer<byte[], byte[]> current = consumer;
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

    @Override
    public void run() {
        try {
            consumer = new KafkaConsumer<>(ConsumerClientConfig.of(definition, properties, instanceId),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            retry = new BackpressureRetry(consumer, definition, job, history, backoff, instanceId, status,
                    this::publish, () -> stopping);
            if (stopping) {
                return;
            }
            subscribe();
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                if (status.state() == ConsumerState.STARTING) {
                    setState(ConsumerState.RUNNING, null);
                }
                process(records);
                publish();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            closeConsumer();
            if (status.state() != ConsumerState.FAILED) {
                setState(ConsumerState.STOPPED, null);
            }
        }
    }

    private void subscribe() {
        ConsumerRebalanceListener listener = new Rebalance();
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
        return Duration.ofMillis(timeout);
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        boolean holding = work.holding();
        if (records.isEmpty() && !holding) {
            commit();
            return;
        }
        work.inFlight(true);
        try {
            List<ChangeEvent> changes = new ArrayList<>();
            int dead = 0;
            long batchBytes = 0;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                status.recordIn();
                KafkaCoordinates at = new KafkaCoordinates(record.topic(), record.partition(), record.offset());
                ParsedRecord parsed = parser.parse(at, record.key(), record.value());
                if (parsed instanceof ParsedRecord.Change change) {
                    changes.add(change.event());
                    batchBytes += change.event().approximateBytes();
                } else if (parsed instanceof ParsedRecord.Unparseable bad) {
                    retry.call("sending an unparseable record to " + DeadLetterPublisher.topicFor(record.topic()),
                            () -> {
                                deadLetters.send(definition.consumerId(), record, bad.reason());
                                return null;
                            });
                    status.deadLettered();
                    dead++;
                } else {
                    status.skipped(); // tombstone, heartbeat, transaction metadata
                }
            }
            status.changesIn(changes.size());
            LocalWindow open = work.open();
            long held = holding ? open.bytes() : 0;
            WindowCloseReason force = held + batchBytes > properties.consumer().windowMemoryBudgetBytes()
                    ? WindowCloseReason.MEMORY : null;
            int deadInBatch = dead;
            Instant now = Instant.now();
            WindowPlan plan = retry.call("counting in Redis",
                    () -> counter.count(definition, open, changes, force, deadInBatch, now));
            work.assembled(WindowAssembler.apply(open, plan, changes, Instant.now()), plan.openedMs());
            work.handled(records);
            Deque<Window> pending = work.pending();
            while (!pending.isEmpty()) {
                retry.runWindow(pending.peekFirst());
                pending.removeFirst();
            }
        } catch (BackpressureRetry.Abandoned e) {
            dropInFlight();
        } finally {
            work.inFlight(false);
        }
        commit();
    }

    /** Drops every unrun window and rewinds to the committed offsets: those records are read again. */
    private void dropInFlight() {
        work.dropAll();
        if (stopping) {
            return;
        }
        work.rewind(consumer, consumer.assignment());
        retry.resumeAll();
    }

    private void commit() {
        work.commit(consumer);
    }

    private void publish() {
        status.publish(consumer, work.open());
    }

    private void setState(ConsumerState next, String reason) {
        status.setState(next, reason);
    }

    private void fail(Exception e) {
        log.error("consumer {} failed", definition.consumerId(), e);
        setState(ConsumerState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private void closeConsumer() {
        if (consumer == null) {
            return;
        }
        try {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            log.debug("consumer {}: close: {}", definition.consumerId(), e.toString());
        }
        work.dropOpenWindow();
    }

    public RunnerStatus status() {
        return status.snapshot();
    }

    /** Keeps offsets and the open window consistent when partitions move between instances. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            if (work.inFlight()) {
                // Windows are being retried: they may hold records of these partitions; drop them all.
                retry.abandon();
                work.revoked(revoked);
                return;
            }
            commit();
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
            if (status.state() == ConsumerState.PAUSED_BACKPRESSURE) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Lost (not revoked): another member may own them already, so nothing can be committed;
            // any window holding their records is dropped and read again by the new owner.
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
}
