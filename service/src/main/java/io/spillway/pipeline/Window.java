package io.spillway.pipeline;

import io.spillway.change.ChangeEvent;
import java.time.Instant;
import java.util.List;

/**
 * A closed window: the changes a job gets in one run, in Kafka order per partition.
 *
 * @param windowId unique id of this window (stable across a retry of the same window)
 * @param reason why it closed
 * @param openedAt when its first event arrived
 * @param closedAt when it closed
 * @param events the row changes (tombstones, heartbeats and unparseable records are not here)
 */
public record Window(String windowId, WindowCloseReason reason, Instant openedAt, Instant closedAt,
        List<ChangeEvent> events) {
}
