package io.spillway.debezium.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Folds Debezium's incremental-snapshot notifications (sink channel; the JSON converter's
 * {@code {"schema", "payload"}} envelope or the bare payload) for one snapshot, matched by the signal's id,
 * into its progress: STARTED, IN_PROGRESS per chunk (table, last and maximum key), TABLE_SCAN_COMPLETED
 * (rows scanned), PAUSED/RESUMED, COMPLETED, ABORTED. A stop ends with COMPLETED under the snapshot's id,
 * then ABORTED under another id ({@link #stoppedHere}): ABORTED wins, and unfinished tables are STOPPED.
 */
final class ProgressFold {
    private static final JsonMapper json = JsonMapper.builder().build();

    private ProgressFold() {
    }

    /** Debezium's default {@code incremental.snapshot.chunk.size}. */
    static final int DEFAULT_CHUNK_SIZE = 1024;

    static SnapshotProgress fold(String connector, SentSignal signal, List<String> notifications) {
        return fold(connector, signal, notifications, DEFAULT_CHUNK_SIZE);
    }

    static SnapshotProgress fold(String connector, SentSignal signal, List<String> notifications, int chunkSize) {
        Map<String, MutableTable> tables = new LinkedHashMap<>();
        signal.tables().forEach(t -> tables.put(t, new MutableTable(signal.filters().get(t))));
        String state = "REQUESTED";
        String current = null;
        String lastKey = null;
        String maxKey = null;
        Instant started = null;
        Instant finished = null;
        boolean seenOurs = false;
        for (String text : notifications) {
            JsonNode n = payload(text);
            if (n == null || !"Incremental Snapshot".equals(n.path("aggregate_type").asString(""))) {
                continue;
            }
            boolean ours = signal.id().equals(n.path("id").asString(""));
            if (!ours && !(seenOurs && stoppedHere(signal, n))) {
                continue;
            }
            seenOurs = true;
            JsonNode data = n.path("additional_data");
            Instant at = n.path("timestamp").isNumber() ? Instant.ofEpochMilli(n.path("timestamp").asLong()) : null;
            switch (n.path("type").asString("")) {
                case "STARTED" -> {
                    state = "RUNNING";
                    started = at;
                }
                case "IN_PROGRESS" -> {
                    state = "RUNNING";
                    current = tableOf(tables, data.path("current_collection_in_progress").asString(null));
                    lastKey = data.path("last_processed_key").asString(null);
                    maxKey = data.path("maximum_key").asString(null);
                    if (current != null) {
                        MutableTable table = tables.get(current);
                        table.state = "IN_PROGRESS";
                        table.chunks++;
                    }
                }
                case "TABLE_SCAN_COMPLETED" -> {
                    String name = tableOf(tables, data.path("scanned_collection").asString(null));
                    if (name != null) {
                        MutableTable table = tables.get(name);
                        table.state = "DONE";
                        table.scanStatus = data.path("status").asString(null);
                        String rows = data.path("total_rows_scanned").asString(null);
                        table.rows = rows == null || rows.isBlank() ? null : Long.valueOf(rows);
                    }
                }
                case "PAUSED" -> state = "PAUSED";
                case "RESUMED" -> state = "RUNNING";
                case "COMPLETED" -> {
                    // A stopped snapshot also ends with COMPLETED, before or after its ABORTED.
                    state = state.equals("ABORTED") ? state : "COMPLETED";
                    finished = at;
                    current = null;
                }
                case "ABORTED" -> {
                    state = "ABORTED";
                    finished = at;
                    current = null;
                }
                default -> {
                    // a kind this version does not know: shown through the others
                }
            }
        }
        if (signal.stopRequestedAt() != null && !state.equals("COMPLETED") && !state.equals("ABORTED")) {
            state = "STOP_REQUESTED";
        }
        if (state.equals("ABORTED")) {
            tables.values().stream().filter(t -> !t.state.equals("DONE")).forEach(t -> t.state = "STOPPED");
        }
        List<TableProgress> rows = new ArrayList<>();
        List<String> done = new ArrayList<>();
        tables.forEach((name, t) -> {
            long readAtLeast = t.rows != null ? t.rows : Math.max(0, t.chunks - 1) * (long) chunkSize;
            rows.add(new TableProgress(name, t.filter, t.state, t.rows, readAtLeast, t.chunks, t.scanStatus));
            if (t.state.equals("DONE")) {
                done.add(name);
            }
        });
        return new SnapshotProgress(connector, signal.id(), state, signal.tables(), done, rows, current, lastKey, maxKey,
                signal.requestedAt(), started, finished, signal.stopRequestedAt(), null);
    }

    /**
     * Whether a notification is the ABORTED of this snapshot's stop: Debezium 3.6 sends it after the
     * snapshot's COMPLETED, when the snapshot's id is no longer set, so it carries an id of its own. It is
     * recognised by coming after this snapshot's notifications, after a stop Spillway sent, for its tables.
     */
    private static boolean stoppedHere(SentSignal signal, JsonNode n) {
        if (signal.stopRequestedAt() == null || !"ABORTED".equals(n.path("type").asString(""))) {
            return false;
        }
        List<String> stopped = List.of(n.path("additional_data").path("data_collections").asString("").split(","));
        return signal.tables().stream().anyMatch(table -> stopped.stream().anyMatch(c -> sameTable(c, table)));
    }

    /** The requested table a notification names. */
    private static String tableOf(Map<String, MutableTable> tables, String collection) {
        if (collection == null) {
            return null;
        }
        return tables.keySet().stream().filter(table -> sameTable(collection, table)).findFirst().orElse(null);
    }

    /** Debezium may prefix a table with the database name. */
    private static boolean sameTable(String collection, String table) {
        String c = collection.strip().toLowerCase(Locale.ROOT);
        String t = table.toLowerCase(Locale.ROOT);
        return c.equals(t) || c.endsWith("." + t);
    }

    private static JsonNode payload(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node.has("payload") && node.has("schema") ? node.path("payload") : node;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static final class MutableTable {
        private final String filter;
        private String state = "PENDING";
        private Long rows;
        private int chunks;
        private String scanStatus;

        private MutableTable(String filter) {
            this.filter = filter;
        }
    }
}
