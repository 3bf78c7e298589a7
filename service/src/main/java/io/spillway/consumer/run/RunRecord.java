package io.spillway.consumer.run;

import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * One attempt at running a window's job, as {@code GET /consumer/runs/{consumer_id}} shows it.
 *
 * @param status SUCCEEDED or FAILED (a failed attempt is retried; its window's id repeats)
 */
public record RunRecord(String runId, String consumerId, String pipelineName, String jobType, String windowId,
        String reason, int attempt, int eventsIn, long rowsUpserted, long rowsDeleted, long rowsAppended,
        SourceMark firstPosition, SourceMark lastPosition, String startedAt, String finishedAt, long durationMs,
        String status, String error, String instanceId) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    public static RunRecord of(String consumerId, String pipelineName, String jobType, Window window, int attempt,
            Instant started, Instant finished, JobResult result, String error, String instanceId) {
        Comparator<ChangeEvent> byPosition = Comparator.comparingLong((ChangeEvent e) -> e.position().lsn())
                .thenComparingLong(e -> e.coordinates().offset());
        SourceMark first = window.events().stream().min(byPosition).map(SourceMark::of).orElse(null);
        SourceMark last = window.events().stream().max(byPosition).map(SourceMark::of).orElse(null);
        JobResult rows = result == null ? JobResult.NOTHING : result;
        return new RunRecord(UUID.randomUUID().toString(), consumerId, pipelineName, jobType, window.windowId(),
                window.reason().label(), attempt, window.events().size(), rows.rowsUpserted(), rows.rowsDeleted(),
                rows.rowsAppended(), first, last, started.toString(), finished.toString(),
                Duration.between(started, finished).toMillis(), error == null ? SUCCEEDED : FAILED, error,
                instanceId);
    }
}
