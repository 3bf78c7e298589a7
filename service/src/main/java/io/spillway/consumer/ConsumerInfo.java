package io.spillway.consumer;

import io.spillway.consumer.engine.RunnerError;
import io.spillway.consumer.engine.RunnerStatus;
import io.spillway.consumer.run.RunRecord;
import java.util.List;
import java.util.Map;

/**
 * A consumer as {@code GET /consumer/info/{consumer_id}} shows it: its definition, this instance's
 * runner, and the pipeline's window as Redis counts it across instances. {@code pausedTables}: source tables
 * whose loading a schema change paused on this instance, each with what to do next (docs/jobs.md).
 */
public record ConsumerInfo(String consumerId, ConsumerDefinition definition, ConsumerState state,
        String stateReason, String instanceId, List<String> assignedPartitions, List<String> pausedPartitions,
        Map<String, Long> lag, long totalLag,
        WindowInfo window, long eventsIn, long eventsOut, long skipped, long deadLettered, long windowsRun,
        long jobFailures, RunRecord lastRun, String redisKey, long restarts, RunnerError lastError,
        long windowsIsolated, long isolationDeadLettered, String lastIsolationError, Map<String, String> pausedTables) {

    /**
     * @param windowId the open window's id
     * @param count its changes, counted across instances (Redis)
     * @param localCount the changes this instance holds in it
     * @param ageMs how long ago its first change arrived (null when empty)
     * @param firstEventTime when its first change arrived
     */
    public record WindowInfo(String windowId, long count, int localCount, long localBytes, Long ageMs,
            String firstEventTime, int maxEvent, int maxTime) {
    }

    public static ConsumerInfo of(ConsumerDefinition d, RunnerStatus s, Map<String, Object> pipeline, RunRecord latest,
            String instanceId) {
        long count = parse(pipeline.get("window_count"));
        long opened = parse(pipeline.get("window_opened_ms"));
        Object first = pipeline.get("window_first_event_time");
        WindowInfo window = new WindowInfo((String) pipeline.get("window_id"), count,
                s == null ? 0 : s.localWindowCount(), s == null ? 0 : s.localWindowBytes(),
                count > 0 && opened > 0 ? System.currentTimeMillis() - opened : null,
                first == null || first.toString().isEmpty() ? null : first.toString(), d.maxEvent(), d.maxTime());
        RunRecord lastRun = s != null && s.lastRun() != null ? s.lastRun() : latest;
        if (s == null) {
            return new ConsumerInfo(d.consumerId(), d, ConsumerState.STARTING,
                    "not yet running on this instance (it picks stored consumers up within seconds)", instanceId,
                    List.of(), List.of(), Map.of(), 0, window, 0, 0, 0, 0, 0, 0, lastRun, ConsumerKeys.pipeline(d.pipelineName()),
                    0, null, 0, 0, null, Map.of());
        }
        return new ConsumerInfo(d.consumerId(), d, s.state(), s.stateReason(), s.instanceId(), s.assignedPartitions(),
                s.pausedPartitions(),
                s.lag(), s.totalLag(), window, s.changesIn(), s.eventsOut(), s.skipped(), s.deadLettered(),
                s.windowsRun(), s.jobFailures(), lastRun, ConsumerKeys.pipeline(d.pipelineName()), s.restarts(),
                s.lastError(), s.windowsIsolated(), s.isolationDeadLettered(), s.lastIsolationError(), s.pausedTables());
    }

    private static long parse(Object value) {
        return value == null || value.toString().isEmpty() ? 0 : Long.parseLong(value.toString());
    }
}
