package io.spillway.pipeline;

import io.spillway.change.ChangeEvent;
import java.util.List;

/**
 * A table whose changes a job did not load because the target cannot take them as they are (a schema change
 * it must not apply on its own); the engine keeps them (dead letters) or holds the consumer.
 *
 * @param table the source table, as schema.table
 * @param reason what changed and what the operator does next
 * @param changes the changes set aside, in window order
 */
public record PausedTable(String table, String reason, List<ChangeEvent> changes) {
}
