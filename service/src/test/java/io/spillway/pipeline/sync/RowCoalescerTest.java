package io.spillway.pipeline.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SnapshotKind;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.change.UnavailableValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RowCoalescerTest {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final TableId T = new TableId("db", "public", "t");
    private static final RowSchema SCHEMA = new RowSchema(List.of(
            new Column("id", "int32", null, Map.of(), false, null),
            new Column("v", "string", null, Map.of(), true, null)), List.of("id"));
    private long lsn = 100;

    private ChangeEvent event(Op op, int id, String v) {
        lsn += 10;
        String row = "{\"id\":" + id + ",\"v\":\"" + v + "\"}";
        return new ChangeEvent(op, T, new SourcePosition(lsn, 1L, 0, false), json.readTree("{\"id\":" + id + "}"),
                op == Op.CREATE ? null : json.readTree(row), op == Op.DELETE ? null : json.readTree(row),
                op == Op.TRUNCATE ? RowSchema.UNKNOWN : SCHEMA, new KafkaCoordinates("t", 0, lsn), 10);
    }

    @Test
    void manyUpdatesBecomeTheLastOne() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.UPDATE, 1, "a"), event(Op.UPDATE, 1, "b"),
                event(Op.UPDATE, 1, "c")));
        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).rows()).hasSize(1);
        assertThat(tables.get(0).rows().get(0).event().after().get("v").asString()).isEqualTo("c");
        assertThat(tables.get(0).rows().get(0).lsn()).isEqualTo(130);
    }

    @Test
    void aRowIsTheSameWhetherItsKeyCameFromTheRecordKeyOrFromTheRowImage() {
        ChangeEvent keyed = event(Op.UPDATE, 1, "a");
        ChangeEvent unkeyed = event(Op.UPDATE, 1, "b");
        unkeyed = new ChangeEvent(unkeyed.op(), T, unkeyed.position(), null, unkeyed.before(), unkeyed.after(),
                SCHEMA, unkeyed.coordinates(), 10);
        ChangeEvent other = event(Op.UPDATE, 10, "c");

        List<TableChanges.RowChange> rows = RowCoalescer.coalesce(List.of(keyed, unkeyed, other)).get(0).rows();

        assertThat(rows).extracting(r -> r.event().after().get("v").asString()).containsExactly("b", "c");
    }

    /** A read of an incremental snapshot: Debezium 3.6 sends it without an LSN. */
    private ChangeEvent incrementalRead(int id, String v) {
        ChangeEvent read = event(Op.READ, id, v);
        return new ChangeEvent(Op.READ, T, new SourcePosition(0, null, 0, SnapshotKind.INCREMENTAL), read.key(),
                null, read.after(), SCHEMA, read.coordinates(), 10);
    }

    @Test
    void aReadWithoutLsnAfterChangesOfItsKeyTakesTheLatestOfTheirLsns() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.DELETE, 1, "a"), event(Op.CREATE, 1, "b"),
                incrementalRead(1, "b"), incrementalRead(2, "c"), event(Op.UPDATE, 3, "d"), incrementalRead(3, "e"),
                incrementalRead(3, "f")));
        List<TableChanges.RowChange> rows = tables.get(0).rows();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).event().op()).isEqualTo(Op.READ);
        assertThat(rows.get(0).lsn()).as("the re-insert's LSN, newer than the delete's").isEqualTo(120);
        assertThat(rows.get(1).lsn()).as("nothing before it in the window: no position").isZero();
        assertThat(rows.get(2).lsn()).isEqualTo(150);
        assertThat(rows.get(2).event().after().get("v").asString()).isEqualTo("f");
        assertThat(rows.get(2).event().position().snapshotKind()).isEqualTo(SnapshotKind.INCREMENTAL);
    }

    @Test
    void aChangeAfterAReadWins() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(incrementalRead(1, "a"), event(Op.UPDATE, 1, "b"),
                incrementalRead(2, "a"), event(Op.DELETE, 2, "a")));
        List<TableChanges.RowChange> rows = tables.get(0).rows();
        assertThat(rows.get(0).event().op()).isEqualTo(Op.UPDATE);
        assertThat(rows.get(0).event().after().get("v").asString()).isEqualTo("b");
        assertThat(rows.get(1).isDelete()).isTrue();
    }

    @Test
    void insertThenDeleteStaysTheDeleteAndDeleteThenInsertIsTheInsert() {
        // The delete is kept: an earlier attempt of an overlapping window may have loaded the insert.
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.CREATE, 1, "a"), event(Op.UPDATE, 1, "b"),
                event(Op.DELETE, 1, "b"), event(Op.DELETE, 2, "x"), event(Op.CREATE, 2, "y")));
        assertThat(tables.get(0).rows()).hasSize(2);
        TableChanges.RowChange gone = tables.get(0).rows().get(0);
        assertThat(gone.isDelete()).isTrue();
        assertThat(gone.keyValues()).extracting(Object::toString).containsExactly("1");
        assertThat(gone.lsn()).isEqualTo(130);
        TableChanges.RowChange row = tables.get(0).rows().get(1);
        assertThat(row.isDelete()).isFalse();
        assertThat(row.event().after().get("v").asString()).isEqualTo("y");
    }

    @Test
    void anUnavailableValueTakesTheRealValueAnEarlierChangeOfTheWindowCarried() {
        String big = "x".repeat(5000);
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.CREATE, 1, big),
                event(Op.UPDATE, 1, UnavailableValue.PLACEHOLDER), event(Op.UPDATE, 1, UnavailableValue.PLACEHOLDER)));
        TableChanges.RowChange row = tables.get(0).rows().get(0);
        assertThat(row.unavailable()).isEmpty();
        assertThat(row.event().after().get("v").asString()).isEqualTo(big);
        assertThat(row.lsn()).isEqualTo(130);
        assertThat(row.event().op()).isEqualTo(Op.UPDATE);

        tables = RowCoalescer.coalesce(List.of(event(Op.UPDATE, 2, "set"), event(Op.UPDATE, 2, UnavailableValue.PLACEHOLDER)));
        assertThat(tables.get(0).rows().get(0).unavailable()).isEmpty();
        assertThat(tables.get(0).rows().get(0).event().after().get("v").asString()).isEqualTo("set");
    }

    @Test
    void aColumnUnavailableInEveryChangeOfTheWindowStaysUnavailable() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.UPDATE, 1, UnavailableValue.PLACEHOLDER),
                event(Op.UPDATE, 1, UnavailableValue.PLACEHOLDER)));
        TableChanges.RowChange row = tables.get(0).rows().get(0);
        assertThat(row.unavailable()).containsExactly("v");
        assertThat(row.lsn()).isEqualTo(120);
    }

    @Test
    void aLaterRealValueWinsOverAnEarlierUnavailableOne() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.UPDATE, 1, UnavailableValue.PLACEHOLDER),
                event(Op.UPDATE, 1, "new")));
        TableChanges.RowChange row = tables.get(0).rows().get(0);
        assertThat(row.unavailable()).isEmpty();
        assertThat(row.event().after().get("v").asString()).isEqualTo("new");
    }

    @Test
    void aReinsertedRowsValueFillsALaterUpdateOfTheWindow() {
        // A delete, a re-insert and an update in one window: the insert's value fills the update.
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.DELETE, 1, "a"), event(Op.CREATE, 1, "b"),
                event(Op.UPDATE, 1, UnavailableValue.PLACEHOLDER)));
        assertThat(tables.get(0).rows()).singleElement().satisfies(row -> {
            assertThat(row.unavailable()).isEmpty();
            assertThat(row.event().after().get("v").asString()).isEqualTo("b");
        });
    }

    @Test
    void anUpdateThenDeleteOfAnOlderRowStaysADelete() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.UPDATE, 3, "a"), event(Op.DELETE, 3, "a")));
        assertThat(tables.get(0).rows()).singleElement().matches(TableChanges.RowChange::isDelete);
        assertThat(tables.get(0).deletes()).isEqualTo(1);
    }

    @Test
    void aTruncateDropsWhatCameBeforeIt() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.CREATE, 1, "a"), event(Op.TRUNCATE, 0, ""),
                event(Op.CREATE, 2, "b")));
        assertThat(tables.get(0).truncated()).isTrue();
        assertThat(tables.get(0).rows()).extracting(r -> r.event().after().get("id").asInt()).containsExactly(2);
    }

    @Test
    void theLastTruncatesLsnIsKeptForTheTargetsWatermark() {
        List<TableChanges> tables = RowCoalescer.coalesce(List.of(event(Op.TRUNCATE, 0, ""), event(Op.CREATE, 1, "a"),
                event(Op.TRUNCATE, 0, ""), event(Op.CREATE, 2, "b")));
        assertThat(tables.get(0).truncateLsn()).isEqualTo(130); // the second truncate (LSNs 110, 120, 130, 140)
        assertThat(RowCoalescer.coalesce(List.of(event(Op.CREATE, 3, "c"))).get(0).truncateLsn()).isZero();
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedWithAReason() {
        ChangeEvent noKey = new ChangeEvent(Op.CREATE, T, new SourcePosition(1, 1L, 0, false), null, null,
                json.readTree("{\"v\":\"a\"}"), new RowSchema(SCHEMA.columns(), List.of()),
                new KafkaCoordinates("t", 0, 1), 1);
        assertThatThrownBy(() -> RowCoalescer.coalesce(List.of(noKey))).isInstanceOf(SyncException.class)
                .hasMessageContaining("no primary key");
    }
}
