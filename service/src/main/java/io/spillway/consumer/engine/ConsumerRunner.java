package io.spillway.consumer.engine;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.window.WindowCounter;
import io.spillway.kafka.KafkaClients;
import io.spillway.pipeline.PipelineJob;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer on this instance: its own KafkaConsumer on its own thread, and that consumer's life (subscribe,
 * poll until stopped, commit and close). What each poll's records go through is {@link PollCycle}'s.
 * The parts: {@link RecordRouter} (parse and route), {@link UncommittedWork} (windows and offsets),
 * {@link BackpressureRetry} (retries with the partitions paused), {@link RebalanceHandler}, and
 * {@link LiveStatus} (what the API reads). {@link RunnerSupervisor} restarts the loop, with a new
 * KafkaConsumer, when it fails unexpectedly.
 */
public final class ConsumerRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerRunner.class);
    /** A stop with the broker gone waits this long for the last commit, then closes anyway. */
    private static final Duration CLOSE_COMMIT_TIMEOUT = Duration.ofSeconds(5);

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
        PollCycle cycle = null;
        try {
            consumer = consumers.get();
            BackpressureRetry retry = new BackpressureRetry(consumer, definition, job, runs, backoff, instanceId,
                    status, this::publish, () -> stopping, deadLetters);
            JobInFlight jobs = properties.consumer().pipelinedJobs()
                    ? new JobInFlight(definition.consumerId(), retry, work) : null;
            cycle = new PollCycle(definition, properties.consumer(), consumer, work, retry, jobs, router, counter,
                    runs, status, () -> stopping);
            if (stopping) {
                return;
            }
            subscribe(new RebalanceHandler(consumer, work, retry, status, jobs));
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(cycle.pollTimeout());
                if (status.state() == ConsumerState.STARTING) {
                    status.setState(ConsumerState.RUNNING, null);
                }
                cycle.process(records);
                publish();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            try {
                if (cycle != null) {
                    cycle.finishInFlight();
                }
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
