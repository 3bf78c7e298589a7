package io.spillway.consumer.engine;

import io.spillway.change.KafkaCoordinates;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.run.RunRecord;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.failure.Failure;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On {@code on_failure: dead_letter}, handles windows the target refused {@code max_attempts} times for
 * good: each is isolated ({@link WindowIsolation}), its refused changes go to {@code <topic>.dlq} with the
 * failure in headers, and the run is recorded as PARTIAL. Windows leave {@code pending} one by one as
 * they are fully handled, so a transient failure midway resumes with the window it stopped at.
 */
final class RefusedWindows {
    private static final Logger log = LoggerFactory.getLogger(RefusedWindows.class);

    private final ConsumerDefinition definition;
    private final PipelineJob job;
    private final JobContext context;
    private final DeadLetterPublisher deadLetters;
    private final LiveStatus status;
    private final Consumer<RunRecord> recorder;
    private final String instanceId;

    RefusedWindows(ConsumerDefinition definition, PipelineJob job, JobContext context, DeadLetterPublisher deadLetters,
            LiveStatus status, Consumer<RunRecord> recorder, String instanceId) {
        this.definition = definition;
        this.job = job;
        this.context = context;
        this.deadLetters = deadLetters;
        this.status = status;
        this.recorder = recorder;
        this.instanceId = instanceId;
    }

    void isolate(Deque<Window> pending, int attempt, BackpressureRetry retry)
            throws WindowIsolation.TransientFailure, BackpressureRetry.Abandoned {
        while (!pending.isEmpty()) {
            Window window = pending.peekFirst();
            Instant started = Instant.now();
            WindowIsolation.Outcome outcome = WindowIsolation.isolate(window.events(), job.loadsInParts(),
                    part -> job.run(context, new Window(window.windowId(), window.reason(), window.openedAt(),
                            window.closedAt(), part)));
            String error = null;
            if (!outcome.refused().isEmpty()) {
                Map<KafkaCoordinates, Map<String, String>> letters = new LinkedHashMap<>();
                outcome.refused().forEach(r -> letters.put(r.change().coordinates(), headers(window, r.failure())));
                retry.call("sending " + letters.size() + " refused changes of window " + window.windowId() + " to "
                        + "the dead-letter topic", () -> {
                            deadLetters.sendRefused(definition.consumerId(), letters);
                            return null;
                        });
                Failure last = outcome.refused().get(outcome.refused().size() - 1).failure();
                error = last.reason();
                status.windowIsolated(letters.size(), error);
                log.warn("consumer {}: window {} isolated in {} loads: {} changes loaded, {} refused and dead-lettered"
                        + " ({})", definition.consumerId(), window.windowId(), outcome.loads(), outcome.loadedChanges(),
                        letters.size(), error);
            }
            recorder.accept(RunRecord.of(definition.consumerId(), definition.pipelineName(), definition.jobType(),
                    window, attempt, started, Instant.now(), outcome.loaded(), error, instanceId,
                    outcome.refused().size()));
            status.windowRun(outcome.loadedChanges());
            pending.removeFirst();
        }
    }

    /**
     * Windows whose job succeeded but set aside a paused table's changes (a schema change the target cannot
     * take as it is): those changes go to the dead-letter topic with reason {@code schema_change}, the runs are
     * recorded as PARTIAL. Replaying the letters after the operator's fix loads them.
     */
    void setAside(List<Window> windows, List<JobResult> results, int attempt, Instant started, BackpressureRetry retry)
            throws BackpressureRetry.Abandoned {
        Map<KafkaCoordinates, Map<String, String>> letters = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            for (PausedTable paused : results.get(i).pausedTables()) {
                Map<String, String> headers = headers(windows.get(i), WindowIsolation.schemaChange(paused.reason()));
                paused.changes().forEach(change -> letters.put(change.coordinates(), headers));
            }
        }
        if (!letters.isEmpty()) {
            retry.call("sending " + letters.size() + " changes of paused tables to the dead-letter topic", () -> {
                deadLetters.sendRefused(definition.consumerId(), letters);
                return null;
            });
        }
        for (int i = 0; i < windows.size(); i++) {
            JobResult result = results.get(i);
            String error = result.pausedTables().isEmpty() ? null : result.pausedTables().stream()
                    .map(p -> WindowIsolation.SCHEMA_CHANGE + ": " + p.reason()).collect(Collectors.joining("; "));
            recorder.accept(RunRecord.of(definition.consumerId(), definition.pipelineName(), definition.jobType(),
                    windows.get(i), attempt, started, Instant.now(), result, error, instanceId, result.setAside()));
            status.windowRun(windows.get(i).events().size() - result.setAside());
        }
        for (JobResult result : results) {
            for (PausedTable paused : result.pausedTables()) {
                log.warn("consumer {}: table {} paused, {} changes dead-lettered with reason schema_change: {}",
                        definition.consumerId(), paused.table(), paused.changes().size(), paused.reason());
            }
        }
    }

    /** Why a change was refused and where it came from; never a row value (the letter's value is the record). */
    private Map<String, String> headers(Window window, Failure failure) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetterPublisher.REASON, failure.reason());
        headers.put(DeadLetterPublisher.FAILURE_KIND, failure.kind().name());
        headers.put(DeadLetterPublisher.ERROR_CLASS, failure.errorClass());
        if (failure.sqlState() != null) {
            headers.put(DeadLetterPublisher.SQL_STATE, failure.sqlState());
        }
        if (failure.httpStatus() != null) {
            headers.put(DeadLetterPublisher.HTTP_STATUS, String.valueOf(failure.httpStatus()));
        }
        headers.put(DeadLetterPublisher.WINDOW, window.windowId());
        return headers;
    }
}
