package io.spillway.consumer.engine;

import io.spillway.consumer.ConsumerState;
import io.spillway.consumer.run.RunRecord;
import java.util.List;
import java.util.Map;

/**
 * What one instance's runner of a consumer is doing, as {@code GET /consumer/info} shows it.
 *
 * @param stateReason why it is paused or failed (null when running normally)
 * @param assignedPartitions this instance's partitions, as topic-partition
 * @param pausedPartitions partitions paused while a failed job (or Redis call) is retried
 * @param lag records behind the end of each assigned partition (from the consumer's position)
 * @param committedLag records behind the end of each assigned partition from its committed offset
 * @param localWindowId the window this instance is filling, or null
 * @param localWindowCount changes this instance holds in it
 * @param localWindowBytes their approximate size
 * @param recordsIn Kafka records read since start
 * @param changesIn row changes counted into windows
 * @param eventsOut changes handed to a job that succeeded
 * @param skipped tombstones, heartbeats and transaction metadata
 * @param deadLettered records sent to the dead-letter topic
 * @param windowsRun windows whose job succeeded
 * @param jobFailures failed job attempts
 * @param restarts times the loop failed unexpectedly and was restarted with a new KafkaConsumer
 * @param lastError the last such failure and when, or null
 * @param windowsIsolated windows the target refused for good, split to dead-letter the refused changes
 * @param isolationDeadLettered changes those isolations sent to the dead-letter topic
 * @param lastIsolationError why the target refused the last of them
 * @param pausedTables source tables sync does not load for a schema change, with what to do next
 * @param polls polls that brought records or had a window open (each makes one Redis round trip)
 */
public record RunnerStatus(String instanceId, ConsumerState state, String stateReason, String startedAt,
        List<String> assignedPartitions, List<String> pausedPartitions, Map<String, Long> lag,
        Map<String, Long> committedLag, long totalLag, String localWindowId,
        int localWindowCount, long localWindowBytes, long recordsIn, long changesIn, long eventsOut, long skipped,
        long deadLettered, long windowsRun, long jobFailures, RunRecord lastRun, long restarts, RunnerError lastError,
        long windowsIsolated, long isolationDeadLettered, String lastIsolationError,
        Map<String, String> pausedTables, long polls) {
}
