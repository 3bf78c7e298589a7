package io.spillway.consumer.engine;

import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.run.RunRecord;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the loop must not skip until it succeeds: a closed window's job, or a Redis or dead-letter call.
 * Between attempts (exponential backoff) every partition is paused (state PAUSED_BACKPRESSURE, with why),
 * so nothing new is read while earlier records cannot be committed. Loop thread only.
 */
final class BackpressureRetry {
    private static final Logger log = LoggerFactory.getLogger(BackpressureRetry.class);

    /** Thrown out of a retry wait when the in-flight work must be dropped (rebalance or stop). */
    static final class Abandoned extends Exception {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final Consumer<byte[], byte[]> consumer;
    private final ConsumerDefinition definition;
    private final PipelineJob job;
    private final JobContext jobContext;
    private final RunHistory history;
    private final Backoff backoff;
    private final String instanceId;
    private final LiveStatus status;
    private final Runnable publish;
    private final BooleanSupplier stopping;
    private boolean abandon;

    BackpressureRetry(Consumer<byte[], byte[]> consumer, ConsumerDefinition definition, PipelineJob job,
            RunHistory history, Backoff backoff, String instanceId, LiveStatus status, Runnable publish,
            BooleanSupplier stopping) {
        this.consumer = consumer;
        this.definition = definition;
        this.job = job;
        this.jobContext = new JobContext(definition.consumerId(), definition.pipelineName(),
                definition.connectionId(), definition.targetTable());
        this.history = history;
        this.backoff = backoff;
        this.instanceId = instanceId;
        this.status = status;
        this.publish = publish;
        this.stopping = stopping;
    }

    /** A rebalance took partitions the in-flight work may hold: the current (or next) wait gives up. */
    void abandon() {
        abandon = true;
    }

    /** Runs a closed window's job until it succeeds, pausing the partitions between attempts. */
    void runWindows(List<Window> windows) throws Abandoned {
        int attempt = 0;
        while (true) {
            attempt++;
            Instant started = Instant.now();
            try {
                List<JobResult> results = job.runAll(jobContext, windows);
                Instant finished = Instant.now();
                for (int i = 0; i < windows.size(); i++) {
                    Window window = windows.get(i);
                    record(RunRecord.of(definition.consumerId(), definition.pipelineName(), definition.jobType(),
                            window, attempt, started, finished, results.get(i), null, instanceId));
                    status.windowRun(window.events().size());
                }
                if (status.state() == ConsumerState.PAUSED_BACKPRESSURE) {
                    resumeAll();
                }
                return;
            } catch (Exception e) {
                status.jobFailed();
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                Instant finished = Instant.now();
                for (Window window : windows) {
                    record(RunRecord.of(definition.consumerId(), definition.pipelineName(), definition.jobType(),
                            window, attempt, started, finished, null, error, instanceId));
                }
                String which = windows.size() == 1 ? "window " + windows.get(0).windowId()
                        : windows.size() + " windows " + windows.get(0).windowId() + ".."
                                + windows.get(windows.size() - 1).windowId();
                Duration wait = backoff.delayAfter(attempt);
                log.warn("consumer {}: job '{}' failed on {} (attempt {}): {}; retrying in {} ms",
                        definition.consumerId(), definition.jobType(), which, attempt, error, wait.toMillis());
                pausedWait("job '" + definition.jobType() + "' failed on " + which + " (attempt "
                        + attempt + "): " + error + "; partitions paused, retrying in " + wait.toMillis() + " ms", wait);
            }
        }
    }

    /** Calls {@code action} until it succeeds; {@code what} names it in the log and the state reason. */
    <T> T call(String what, Callable<T> action) throws Abandoned {
        int failures = 0;
        while (true) {
            try {
                T result = action.call();
                if (failures > 0) {
                    resumeAll();
                }
                return result;
            } catch (Exception e) {
                failures++;
                Duration wait = backoff.delayAfter(failures);
                log.warn("consumer {}: {} failed (attempt {}): {}", definition.consumerId(), what, failures, e.toString());
                pausedWait(what + " failed (attempt " + failures + "): " + e.getMessage() + "; partitions paused,"
                        + " retrying in " + wait.toMillis() + " ms", wait);
            }
        }
    }

    void resumeAll() {
        consumer.resume(consumer.paused());
        status.setState(ConsumerState.RUNNING, null);
    }

    /**
     * Waits with every partition paused, still polling so the group keeps us (and rebalances reach us).
     * Records of partitions assigned meanwhile are put back; a revocation abandons the in-flight work.
     */
    private void pausedWait(String reason, Duration wait) throws Abandoned {
        consumer.pause(consumer.assignment());
        publish.run();
        status.setState(ConsumerState.PAUSED_BACKPRESSURE, reason);
        long until = System.currentTimeMillis() + wait.toMillis();
        while (true) {
            if (stopping.getAsBoolean() || abandon) {
                abandon = false; // answered: the caller drops the in-flight work
                throw new Abandoned();
            }
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            ConsumerRecords<byte[], byte[]> stray = consumer.poll(Duration.ofMillis(Math.min(left, 200)));
            for (TopicPartition tp : stray.partitions()) {
                consumer.seek(tp, stray.records(tp).get(0).offset());
            }
            consumer.pause(consumer.assignment());
            publish.run();
        }
    }

    private void record(RunRecord run) {
        status.lastRun(run);
        try {
            history.add(run);
        } catch (RuntimeException e) {
            log.warn("consumer {}: run {} not recorded in Redis: {}", definition.consumerId(), run.runId(), e.toString());
        }
    }
}
