package io.spillway.consumer.run;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Op;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * One attempt at running a window's job, as {@code GET /consumer/runs/{consumer_id}} shows it.
 *
 * @param status SUCCEEDED, FAILED (a failed attempt is retried; its window's id repeats) or PARTIAL (the
 *     target refused some changes for good: the rest loaded, those went to the dead-letter topic)
 * @param deadLettered changes of the window sent to the dead-letter topic (PARTIAL runs)
 * @param snapshotReads the window's snapshot reads (op {@code r}, initial or incremental snapshot): a run
 *     that loads a snapshot shows it here
 */
public record RunRecord(String runId, String consumerId, String pipelineName, String jobType, String windowId,
        String reason, int attempt, int eventsIn, long rowsUpserted, long rowsDeleted, long rowsAppended,
        SourceMark firstPosition, SourceMark lastPosition, String startedAt, String finishedAt, long durationMs,
        String status, String error, String instanceId, Integer deadLettered, Integer snapshotReads) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String PARTIAL = "PARTIAL";

    /** Runs recorded before isolation (snapshot counts) existed have no dead_lettered (snapshot_reads). */
    public RunRecord {
        deadLettered = deadLettered == null ? 0 : deadLettered;
        snapshotReads = snapshotReads == null ? 0 : snapshotReads;
    }

    public static RunRecord of(String consumerId, String pipelineName, String jobType, Window window, int attempt,
            Instant started, Instant finished, JobResult result, String error, String instanceId) {
        return of(consumerId, pipelineName, jobType, window, attempt, started, finished, result, error, instanceId, 0);
    }

    /** A run whose window was isolated: {@code deadLettered} changes refused (with {@code error}), the rest loaded. */
    public static RunRecord of(String consumerId, String pipelineName, String jobType, Window window, int attempt,
            Instant started, Instant finished, JobResult result, String error, String instanceId, int deadLettered) {
        Comparator<ChangeEvent> byPosition = Comparator.comparingLong((ChangeEvent e) -> e.position().lsn())
                .thenComparingLong(e -> e.coordinates().offset());
        SourceMark first = window.events().stream().min(byPosition).map(SourceMark::of).orElse(null);
        SourceMark last = window.events().stream().max(byPosition).map(SourceMark::of).orElse(null);
        JobResult rows = result == null ? JobResult.NOTHING : result;
        return new RunRecord(UUID.randomUUID().toString(), consumerId, pipelineName, jobType, window.windowId(),
                window.reason().label(), attempt, window.events().size(), rows.rowsUpserted(), rows.rowsDeleted(),
                rows.rowsAppended(), first, last, started.toString(), finished.toString(),
                Duration.between(started, finished).toMillis(),
                deadLettered > 0 ? PARTIAL : error == null ? SUCCEEDED : FAILED, error, instanceId, deadLettered,
                (int) window.events().stream().filter(e -> e.op() == Op.READ).count());
    }
}
