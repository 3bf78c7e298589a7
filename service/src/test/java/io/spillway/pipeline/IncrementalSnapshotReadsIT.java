package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Op;
import io.spillway.change.SnapshotKind;
import io.spillway.support.IncrementalSnapshots;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What Debezium 3.6 puts in the records of an incremental snapshot, seen on the real stack. */
class IncrementalSnapshotReadsIT extends CdcFixture {

    @Test
    void incrementalReadsCarryTheirKindAndNoLsn() throws Exception {
        String suffix = uniqueSuffix();
        String table = "incr_" + suffix;
        String signal = "signal_" + suffix;
        createSourceTable(table, "id integer PRIMARY KEY, v text");
        source("INSERT INTO public." + table + " SELECT g, 'v' || g FROM generate_series(1, 30) g");
        IncrementalSnapshots.createSignalTable(signal);
        Map<String, String> settings = new HashMap<>(IncrementalSnapshots.signalSettings(signal));
        settings.put("snapshot.mode", "no_data");
        settings.put("incremental.snapshot.chunk.size", "10");
        try (Capture capture = new Capture(table, settings)) {
            source("UPDATE public." + table + " SET v = 'streamed' WHERE id = 1");
            List<ChangeEvent> streamed = capture.readUntil(1);
            IncrementalSnapshots.startIncrementalSnapshot(signal, List.of("public." + table));
            List<ChangeEvent> all = capture.readUntil(31);
            while (readsOf(all, table).size() < 30) { // the signal table's records arrive in between
                all = capture.readUntil(all.size() + 1);
            }
            List<ChangeEvent> reads = readsOf(all, table);
            assertThat(reads).extracting(e -> e.key().get("id").asInt()).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 30).boxed().toList());
            assertThat(reads).allSatisfy(read -> {
                assertThat(read.position().snapshotKind()).isEqualTo(SnapshotKind.INCREMENTAL);
                assertThat(read.position().lsn()).as("no LSN in an incremental read").isZero();
                assertThat(read.position().txId()).isNull();
            });
            assertThat(reads.stream().filter(r -> r.key().get("id").asInt() == 1).findFirst().orElseThrow()
                    .after().get("v").asString()).isEqualTo("streamed");
            assertThat(streamed.get(0).op()).isEqualTo(Op.UPDATE);
            assertThat(streamed.get(0).position().snapshotKind()).isEqualTo(SnapshotKind.NONE);
            assertThat(streamed.get(0).position().lsn()).isPositive();
            // The chunk watermarks Debezium writes into the signal table are captured like any change: a
            // consumer whose topic pattern matches the signal table's topic sees them.
            assertThat(all).anySatisfy(e -> assertThat(e.table().table()).isEqualTo(signal));
        }
    }

    private static List<ChangeEvent> readsOf(List<ChangeEvent> events, String table) {
        return events.stream().filter(e -> e.table().table().equals(table) && e.op() == Op.READ).toList();
    }
}
