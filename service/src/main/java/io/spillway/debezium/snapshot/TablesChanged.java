package io.spillway.debezium.snapshot;

import java.util.List;

/**
 * What a {@code PATCH} on a connector did: its new include list, whether the restarted connector's
 * publication already shows the change, and the snapshot started for the added tables (null if none).
 */
public record TablesChanged(String connector, String tableIncludeList, List<String> added, List<String> removed,
        boolean publicationUpdated, SnapshotProgress snapshot, String note) {
}
