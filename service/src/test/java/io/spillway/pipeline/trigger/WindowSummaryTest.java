package io.spillway.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SnapshotKind;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.JobContext;
import io.spillway.pipeline.Window;
import io.spillway.pipeline.WindowCloseReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WindowSummaryTest {
    private static ChangeEvent event(Op op, SnapshotKind kind, long offset) {
        return new ChangeEvent(op, new TableId("mydatabase", "public", "orders"),
                new SourcePosition(kind == SnapshotKind.INCREMENTAL ? 0 : 100 + offset, null, 1, kind), null, null,
                null, RowSchema.UNKNOWN, new KafkaCoordinates("db.public.orders", 0, offset), 10);
    }

    @Test
    void saysHowManySnapshotReadsTheWindowHolds() {
        Window window = new Window("w", WindowCloseReason.COUNT, Instant.EPOCH, Instant.EPOCH, List.of(
                event(Op.READ, SnapshotKind.INCREMENTAL, 1), event(Op.UPDATE, SnapshotKind.NONE, 2),
                event(Op.READ, SnapshotKind.INCREMENTAL, 3), event(Op.READ, SnapshotKind.INITIAL, 4)));
        ObjectNode summary = WindowSummary.of(new JobContext("c", "p", "hook", null), window);
        assertThat(summary.get("snapshot_reads").asInt()).isEqualTo(3);
        assertThat(summary.get("tables").get("public.orders").get("r").asInt()).isEqualTo(3);
        assertThat(BodyTemplate.unknownPlaceholders("{\"reads\": {{snapshot_reads}}}")).isEmpty();
        assertThat(BodyTemplate.render("{\"reads\": {{snapshot_reads}}}", summary)).isEqualTo("{\"reads\": 3}");

        Window streamed = new Window("w", WindowCloseReason.COUNT, Instant.EPOCH, Instant.EPOCH,
                List.of(event(Op.UPDATE, SnapshotKind.NONE, 5)));
        assertThat(WindowSummary.of(new JobContext("c", "p", "hook", null), streamed).get("snapshot_reads").asInt())
                .isZero();
    }
}
