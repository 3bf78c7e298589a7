package io.spillway.consumer.engine;

import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.Backoff;
import io.spillway.consumer.run.RunRecord;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.failure.Failure;
import io.spillway.pipeline.failure.Failures;
import io.spillway.pipeline.sync.SyncException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the loop must not skip until it is handled: a closed window's job, or a Redis or dead-letter
 * call. Between attempts (exponential backoff) every partition is paused (state PAUSED_BACKPRESSURE, with
 * why), so nothing new is read while earlier records cannot be committed. Windows the target refuses for
 * good are handed to {@link RefusedWindows} (on_failure dead_letter). Loop thread only, except
 * {@link #attempt}, which {@link JobInFlight}'s worker calls.
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
    private final PendingRuns runs;
    private final Backoff backoff;
    private final String instanceId;
    private final LiveStatus status;
    private final Runnable publish;
    private final BooleanSupplier stopping;
    private final RefusedWindows refused;
    private boolean abandon;

    BackpressureRetry(Consumer<byte[], byte[]> consumer, ConsumerDefinition definition, PipelineJob job,
            PendingRuns runs, Backoff backoff, String instanceId, LiveStatus status, Runnable publish,
            BooleanSupplier stopping, DeadLetterPublisher deadLetters) {
        this.consumer = consumer;
        this.definition = definition;
        this.job = job;
        this.jobContext = new JobContext(definition.consumerId(), definition.pipelineName(),
                definition.connectionId(), definition.targetTable(), definition.schemaChanges());
        this.runs = runs;
        this.backoff = backoff;
        this.instanceId = instanceId;
        this.status = status;
        this.publish = publish;
        this.stopping = stopping;
        this.refused = new RefusedWindows(definition, job, jobContext, deadLetters, status, this::record, instanceId);
    }

    /**
     * One run of the job over closed windows, made on the worker thread of {@link JobInFlight} and handled on
     * the loop thread: its results, or what it threw.
     */
    record Attempt(Instant started, Instant finished, List<JobResult> results, Exception error) {
        List<JobResult> resultsOrThrow() throws Exception {
            if (error != null) {
                throw error;
            }
            return results;
        }
    }

    /** A rebalance took partitions the in-flight work may hold: the current (or next) wait gives up. */
    void abandon() {
        abandon = true;
    }

    /**
     * Runs closed windows' job until they are handled. A transient failure is retried with backoff and the
     * partitions paused, forever. A permanent one too, unless on_failure is dead_letter: after max_attempts
     * of those the windows are isolated (their refused changes dead-lettered, the rest loaded).
     */
    void runWindows(List<Window> windows) throws Abandoned {
        runWindows(windows, null);
    }

    /**
     * As {@link #runWindows(List)}, with the first attempt already made ({@code first}, on the worker thread of
     * {@link JobInFlight}; null: none made): its outcome is handled as if it had been made here.
     */
    void runWindows(List<Window> windows, Attempt first) throws Abandoned {
        Deque<Window> pending = new ArrayDeque<>(windows);
        int attempt = 0;
        int refusals = 0;
        while (true) {
            attempt++;
            Attempt made = attempt == 1 ? first : null;
            Instant started = made != null ? made.started() : Instant.now();
            try {
                if (refusals >= definition.maxAttempts() && definition.deadLettersRefusedChanges()) {
                    refused.isolate(pending, attempt, this);
                } else {
                    List<JobResult> results = made != null ? made.resultsOrThrow()
                            : job.runAll(jobContext, List.copyOf(pending));
                    status.tablesLoaded(List.copyOf(pending), results);
                    if (results.stream().allMatch(r -> r.pausedTables().isEmpty())) {
                        recordRuns(List.copyOf(pending), attempt, started, finished(made), results, null);
                    } else if (definition.deadLettersRefusedChanges()) {
                        refused.setAside(List.copyOf(pending), results, attempt, started, this);
                    } else {
                        throw heldFor(results); // on_failure pause: nothing is set aside, the consumer waits
                    }
                }
                if (status.state() == ConsumerState.PAUSED_BACKPRESSURE) {
                    resumeAll();
                }
                return;
            } catch (Abandoned e) {
                throw e; // a rebalance or stop during isolation: not a job failure
            } catch (Exception e) {
                Failure failure = Failures.classify(e instanceof WindowIsolation.TransientFailure t ? t.getCause() : e);
                status.jobFailed();
                recordRuns(List.copyOf(pending), attempt, started, finished(made), null, failure.reason());
                refusals += failure.permanent() ? 1 : 0;
                boolean isolateNow = refusals >= definition.maxAttempts() && definition.deadLettersRefusedChanges();
                Duration wait = isolateNow ? Duration.ZERO : backoff.delayAfter(attempt);
                String why = "job '" + definition.jobType() + "' failed on " + describe(pending) + " (attempt "
                        + attempt + ", " + failure.kind().name().toLowerCase(Locale.ROOT) + "): " + failure.reason();
                log.warn("consumer {}: {}; {}", definition.consumerId(), why, isolateNow
                        ? "isolating the refused changes" : "retrying in " + wait.toMillis() + " ms");
                if (!isolateNow) {
                    runs.flush(); // the failed attempts show in the history while we wait
                    pausedWait(why + "; partitions paused, retrying in " + wait.toMillis() + " ms", wait);
                }
            }
        }
    }

    /** The worker thread's part: one run of the job, nothing else touched (no status, no history, no Kafka). */
    Attempt attempt(List<Window> windows) {
        Instant started = Instant.now();
        try {
            List<JobResult> results = job.runAll(jobContext, windows); // before the finish time is taken
            return new Attempt(started, Instant.now(), results, null);
        } catch (Exception e) {
            return new Attempt(started, Instant.now(), null, e);
        }
    }

    /**
     * Handles an attempt where the retry path cannot run (in a rebalance callback, at the end of a session):
     * its runs are recorded as {@link #runWindows} would; true if its windows loaded. Otherwise (failed, or a
     * table paused) the caller drops the windows and their records are read again.
     */
    boolean settleOnce(List<Window> windows, Attempt made) {
        if (made.results() != null) {
            status.tablesLoaded(windows, made.results());
            if (made.results().stream().allMatch(r -> r.pausedTables().isEmpty())) {
                recordRuns(windows, 1, made.started(), made.finished(), made.results(), null);
                return true;
            }
        }
        String reason = Failures.classify(made.error() != null ? made.error() : heldFor(made.results())).reason();
        status.jobFailed();
        recordRuns(windows, 1, made.started(), made.finished(), null, reason);
        log.warn("consumer {}: job '{}' failed on {} as its partitions were given up or the consumer stopped: {};"
                + " its records are read again", definition.consumerId(), definition.jobType(),
                describe(new ArrayDeque<>(windows)), reason);
        return false;
    }

    private static Instant finished(Attempt made) {
        return made != null ? made.finished() : Instant.now();
    }

    private static SyncException heldFor(List<JobResult> results) {
        return new SyncException(results.stream().flatMap(r -> r.pausedTables().stream())
                .map(p -> "table " + p.table() + " paused: " + p.reason()).distinct()
                .collect(Collectors.joining("; ")) + " (on_failure pause: the consumer retries the window until then)");
    }

    /** One run per window, stored together with the next Redis call (see {@link PendingRuns}). */
    private void recordRuns(List<Window> windows, int attempt, Instant started, Instant finished,
            List<JobResult> results, String error) {
        List<RunRecord> recorded = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            recorded.add(RunRecord.of(definition.consumerId(), definition.pipelineName(), definition.jobType(), window,
                    attempt, started, finished, results == null ? null : results.get(i), error, instanceId));
            if (results != null) {
                status.windowRun(window.events().size());
            }
        }
        recordAll(recorded);
    }

    private static String describe(Deque<Window> windows) {
        return windows.size() == 1 ? "window " + windows.getFirst().windowId()
                : windows.size() + " windows " + windows.getFirst().windowId() + ".." + windows.getLast().windowId();
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

    void record(RunRecord run) {
        recordAll(List.of(run));
    }

    private void recordAll(List<RunRecord> recorded) {
        status.lastRun(recorded.get(recorded.size() - 1));
        runs.add(recorded);
    }
}
