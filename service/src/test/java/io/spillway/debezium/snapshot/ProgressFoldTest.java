package io.spillway.debezium.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressFoldTest {
    private static final Instant REQUESTED = Instant.parse("2026-11-29T07:00:00Z");
    private static final SentSignal SIGNAL = new SentSignal("sig-1", List.of("public.a", "public.b"),
            Map.of("public.b", "id > 10"), REQUESTED, null);

    /** A notification as the sink channel writes it through Connect's JSON converter (schema and payload). */
    private static String notification(String id, String type, long timestamp, String data) {
        return """
                {"schema": {"type": "struct"}, "payload": {"id": "%s", "aggregate_type": "Incremental Snapshot",
                 "type": "%s", "additional_data": {%s}, "timestamp": %d}}""".formatted(id, type, data, timestamp);
    }

    @Test
    void foldsTheSignalsNotificationsIntoTablesRowsCurrentChunkAndTimes() {
        List<String> notes = List.of(
                notification("sig-1", "STARTED", 1000, "\"data_collections\": \"public.a,public.b\""),
                notification("other", "COMPLETED", 1100, "\"connector_name\": \"x\""),
                notification("sig-1", "IN_PROGRESS", 1200, """
                        "current_collection_in_progress": "public.a", "last_processed_key": "[1024]",
                        "maximum_key": "[5000]\""""),
                notification("sig-1", "IN_PROGRESS", 1300, """
                        "current_collection_in_progress": "public.a", "last_processed_key": "[2048]",
                        "maximum_key": "[5000]\""""),
                notification("sig-1", "TABLE_SCAN_COMPLETED", 1400, """
                        "scanned_collection": "public.a", "total_rows_scanned": "4999", "status": "SUCCEEDED\""""),
                notification("sig-1", "IN_PROGRESS", 1500, """
                        "current_collection_in_progress": "mydatabase.public.b", "last_processed_key": "[11]",
                        "maximum_key": "[12]\""""),
                "not json");
        SnapshotProgress running = ProgressFold.fold("c1", SIGNAL, notes);
        assertThat(running.state()).isEqualTo("RUNNING");
        assertThat(running.startedAt()).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(running.finishedAt()).isNull();
        assertThat(running.tablesDone()).containsExactly("public.a");
        assertThat(running.currentTable()).isEqualTo("public.b");
        assertThat(running.lastProcessedKey()).isEqualTo("[11]");
        assertThat(running.maximumKey()).isEqualTo("[12]");
        assertThat(running.tables()).containsExactly(
                new TableProgress("public.a", null, "DONE", 4999L, 4999, 2, "SUCCEEDED"),
                new TableProgress("public.b", "id > 10", "IN_PROGRESS", null, 0, 1, null));

        // While a table is read: every chunk before the one in progress held the chunk size.
        List<String> third = new ArrayList<>(notes);
        third.add(notification("sig-1", "IN_PROGRESS", 1600, """
                "current_collection_in_progress": "public.b", "last_processed_key": "[500]",
                "maximum_key": "[2000]\""""));
        third.add(notification("sig-1", "IN_PROGRESS", 1700, """
                "current_collection_in_progress": "public.b", "last_processed_key": "[1000]",
                "maximum_key": "[2000]\""""));
        assertThat(ProgressFold.fold("c1", SIGNAL, third, 500).tables().get(1).rowsReadAtLeast()).isEqualTo(1000);
        assertThat(ProgressFold.fold("c1", SIGNAL, third, 500).tables().get(0).rowsReadAtLeast()).isEqualTo(4999);

        List<String> finished = new ArrayList<>(notes);
        finished.add("{\"id\": \"sig-1\", \"aggregate_type\": \"Incremental Snapshot\", \"type\": \"COMPLETED\","
                + " \"additional_data\": {}, \"timestamp\": 2000}");
        SnapshotProgress completed = ProgressFold.fold("c1", SIGNAL, finished);
        assertThat(completed.state()).isEqualTo("COMPLETED");
        assertThat(completed.finishedAt()).isEqualTo(Instant.ofEpochMilli(2000));
        assertThat(completed.currentTable()).isNull();
    }

    @Test
    void aSignalWithoutNotificationsIsRequestedAndAStopBeforeTheEndIsStopRequested() {
        SnapshotProgress requested = ProgressFold.fold("c1", SIGNAL, List.of());
        assertThat(requested.state()).isEqualTo("REQUESTED");
        assertThat(requested.requestedAt()).isEqualTo(REQUESTED);
        assertThat(requested.tables()).extracting(TableProgress::state).containsExactly("PENDING", "PENDING");

        SentSignal stopped = new SentSignal("sig-1", SIGNAL.tables(), SIGNAL.filters(), REQUESTED,
                REQUESTED.plusSeconds(5));
        assertThat(ProgressFold.fold("c1", stopped,
                List.of(notification("sig-1", "STARTED", 1000, ""))).state()).isEqualTo("STOP_REQUESTED");
        // As Debezium 3.6 reports a stop: COMPLETED under the snapshot's id, then ABORTED under an id of its own.
        List<String> stop = List.of(notification("sig-1", "STARTED", 1000, ""),
                notification("sig-1", "IN_PROGRESS", 1100, "\"current_collection_in_progress\": \"public.a\""),
                notification("sig-1", "COMPLETED", 1200, ""),
                notification("random-1", "ABORTED", 1300, "\"data_collections\": \"public.a,public.b\""));
        SnapshotProgress aborted = ProgressFold.fold("c1", stopped, stop);
        assertThat(aborted.state()).isEqualTo("ABORTED");
        assertThat(aborted.finishedAt()).isEqualTo(Instant.ofEpochMilli(1300));
        assertThat(aborted.tables()).extracting(TableProgress::state).containsExactly("STOPPED", "STOPPED");
        assertThat(ProgressFold.fold("c1", stopped, List.of(stop.get(0), stop.get(3), stop.get(2))).state())
                .isEqualTo("ABORTED");
        // An ABORTED without a stop from here, before this snapshot's notifications, or of other tables is not this one's.
        assertThat(ProgressFold.fold("c1", SIGNAL, List.of(stop.get(0), stop.get(3))).state()).isEqualTo("RUNNING");
        assertThat(ProgressFold.fold("c1", stopped, List.of(stop.get(3), stop.get(0))).state())
                .isEqualTo("STOP_REQUESTED");
        assertThat(ProgressFold.fold("c1", stopped, List.of(stop.get(0),
                notification("random-2", "ABORTED", 1300, "\"data_collections\": \"public.z\""))).state())
                .isEqualTo("STOP_REQUESTED");
    }
}
