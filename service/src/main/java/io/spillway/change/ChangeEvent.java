package io.spillway.change;

import tools.jackson.databind.JsonNode;

/**
 * One row change, parsed from a Debezium record. {@code before}/{@code after} are the row images as
 * JSON objects (null when absent); {@code key} is the record key's payload (the primary key columns).
 * {@code approximateBytes} is about what the event holds in memory (what the window memory budget counts),
 * not the record's size: the record's embedded schema is shared, not held per event.
 */
public record ChangeEvent(
        Op op,
        TableId table,
        SourcePosition position,
        JsonNode key,
        JsonNode before,
        JsonNode after,
        RowSchema schema,
        KafkaCoordinates coordinates,
        int approximateBytes) {

    /** The row image that identifies the row: after for writes, before for deletes. */
    public JsonNode row() {
        return after != null ? after : before;
    }
}
