package io.spillway.consumer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SnapshotKind;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class RunRecordTest {
    private static ChangeEvent event(Op op, SnapshotKind kind, long lsn, long offset) {
        return new ChangeEvent(op, new TableId("mydatabase", "public", "t"), new SourcePosition(lsn, null, 1, kind),
                null, null, null, RowSchema.UNKNOWN, new KafkaCoordinates("db.public.t", 0, offset), 10);
    }

    @Test
    void aRunCountsItsWindowsSnapshotReads() {
        Window window = new Window("w", WindowCloseReason.COUNT, Instant.EPOCH, Instant.EPOCH, List.of(
                event(Op.UPDATE, SnapshotKind.NONE, 500, 1), event(Op.READ, SnapshotKind.INCREMENTAL, 0, 2),
                event(Op.READ, SnapshotKind.INCREMENTAL, 0, 3), event(Op.DELETE, SnapshotKind.NONE, 600, 4)));
        RunRecord run = RunRecord.of("c", "p", "sync", window, 1, Instant.EPOCH, Instant.EPOCH.plusMillis(5),
                new JobResult(2, 1, 0), null, "i");
        assertThat(run.snapshotReads()).isEqualTo(2);
        assertThat(run.eventsIn()).isEqualTo(4);
    }

    @Test
    void aRunStoredBeforeSnapshotCountsExistedReadsAsNone() {
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        RunRecord run = RunRecord.of("c", "p", "sync", new Window("w", WindowCloseReason.COUNT, Instant.EPOCH,
                Instant.EPOCH, List.of(event(Op.READ, SnapshotKind.INCREMENTAL, 0, 1))), 1, Instant.EPOCH,
                Instant.EPOCH, JobResult.NOTHING, null, "i");
        String stored = json.writeValueAsString(run);
        assertThat(stored).contains("\"snapshot_reads\":1");
        RunRecord old = json.readValue(stored.replace(",\"snapshot_reads\":1", ""), RunRecord.class);
        assertThat(old.snapshotReads()).isZero();
        assertThat(json.writeValueAsString(old)).contains("\"snapshot_reads\":0");
    }
}
