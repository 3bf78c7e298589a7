package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.change.ChangeEvent;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SnapshotKind;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.append.AppendJob;
import io.spillway.pipeline.postgres.PgIdentifiers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** append writes exactly one changelog row per change, and a replay adds none. */
class AppendIT extends CdcFixture {
    @Test
    void oneChangelogRowPerChangeAfterAReplayToo() throws Exception {
        String suffix = uniqueSuffix();
        String table = "log_" + suffix;
        String schema = "it_log_" + suffix;
        createSourceTable(table, "id int PRIMARY KEY, v text, at date");
        AppendJob append = new AppendJob(id -> warehouseTarget(schema));
        JobContext context = new JobContext("c-" + suffix, "log", "wh", null);
        List<ChangeEvent> events;
        long appended = 0;
        try (Capture capture = new Capture(table)) {
            source("INSERT INTO " + table + " SELECT g, 'v' || g, DATE '2024-01-01' + g FROM generate_series(1, 300) g");
            source("UPDATE " + table + " SET v = 'changed' WHERE id % 3 = 0");
            source("DELETE FROM " + table + " WHERE id % 10 = 0");
            events = capture.readUntil(300 + 100 + 30);
            List<Window> windows = windows(events, new Random(3), 50);
            for (Window window : windows) {
                appended += append.run(context, window).rowsAppended();
            }
            for (Window window : windows) {
                assertThat(append.run(context, window).rowsAppended()).isZero();
            }
            // Debezium re-sends after a task restart: the same changes under new Kafka offsets.
            List<ChangeEvent> resent = events.stream().map(e -> new ChangeEvent(e.op(), e.table(), e.position(),
                    e.key(), e.before(), e.after(), e.schema(), new KafkaCoordinates(e.coordinates().topic(),
                    e.coordinates().partition(), e.coordinates().offset() + 1_000_000), e.approximateBytes()))
                    .toList();
            for (Window window : windows(resent, new Random(4), 70)) {
                assertThat(append.run(context, window).rowsAppended()).as("a change Debezium sent twice").isZero();
            }
        }
        assertThat(appended).isEqualTo(430);
        String changelog = PgIdentifiers.qualified(schema, table + "_changelog");
        try (Connection c = warehouse()) {
            assertThat(count(c, "SELECT count(*) FROM " + changelog)).isEqualTo(430);
            assertThat(rows(c, "SELECT op || ':' || count(*) FROM " + changelog + " GROUP BY op ORDER BY op"))
                    .containsExactly("c:300", "d:30", "u:100");
            assertThat(count(c, "SELECT count(DISTINCT (kafka_topic, kafka_partition, kafka_offset)) FROM " + changelog))
                    .isEqualTo(430);
            ChangeEvent update = events.stream().filter(e -> e.op().code().equals("u")).findFirst().orElseThrow();
            assertThat(rows(c, "SELECT concat_ws('|', op, lsn, tx_id, before ->> 'v', after ->> 'v', after ->> 'at',"
                    + " commit_time IS NOT NULL) FROM " + changelog + " WHERE kafka_offset = "
                    + update.coordinates().offset())).containsExactly(String.join("|", "u",
                    Long.toString(update.position().lsn()), update.position().txId().toString(),
                    update.before().get("v").asString(), "changed",
                    java.time.LocalDate.of(2024, 1, 1).plusDays(update.after().get("id").asInt()).toString(), "t"));
        }
    }

    @Test
    void snapshotReadsSayWhichSnapshotReadThemAndAnOlderChangelogGetsTheColumn() throws Exception {
        String suffix = uniqueSuffix();
        String schema = "it_log_" + suffix;
        String changelog = PgIdentifiers.qualified(schema, "t_changelog");
        try (Connection c = warehouse(); Statement sql = c.createStatement()) {
            // A changelog as the first versions created it: no unchanged_columns, no snapshot_kind.
            sql.execute("CREATE SCHEMA " + PgIdentifiers.quote(schema));
            sql.execute("CREATE TABLE " + changelog + " (kafka_topic text NOT NULL, kafka_partition integer NOT NULL,"
                    + " kafka_offset bigint NOT NULL, op text NOT NULL, source_schema text NOT NULL, source_table text"
                    + " NOT NULL, lsn bigint, tx_id bigint, commit_time timestamptz, snapshot boolean NOT NULL, key"
                    + " jsonb, before jsonb, after jsonb, window_id text, loaded_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (kafka_topic, kafka_partition, kafka_offset))");
        }
        JsonMapper json = JsonMapper.builder().build();
        TableId table = new TableId("mydatabase", "public", "t");
        List<ChangeEvent> events = new ArrayList<>();
        Object[][] changes = {{Op.READ, SnapshotKind.INITIAL, 10L}, {Op.READ, SnapshotKind.INCREMENTAL, 0L},
            {Op.READ, SnapshotKind.INCREMENTAL, 0L}, {Op.UPDATE, SnapshotKind.NONE, 20L}};
        for (int i = 0; i < changes.length; i++) {
            long lsn = (Long) changes[i][2];
            events.add(new ChangeEvent((Op) changes[i][0], table,
                    new SourcePosition(lsn, lsn == 0 ? null : 7L, 1_700_000_000_000L, (SnapshotKind) changes[i][1]),
                    json.readTree("{\"id\":" + i + "}"), null, json.readTree("{\"id\":" + i + "}"),
                    RowSchema.UNKNOWN, new KafkaCoordinates("db.public.t", 0, i), 10));
        }
        AppendJob append = new AppendJob(id -> warehouseTarget(schema));
        JobContext context = new JobContext("c-" + suffix, "log", "wh", null);
        assertThat(append.run(context, window(events)).rowsAppended()).isEqualTo(4);
        assertThat(append.run(context, window(events)).rowsAppended()).as("a replay").isZero();
        try (Connection c = warehouse()) {
            assertThat(rows(c, "SELECT concat_ws('|', kafka_offset, op, snapshot, coalesce(snapshot_kind, '-'),"
                    + " coalesce(lsn::text, 'null')) FROM " + changelog + " ORDER BY kafka_offset")).containsExactly(
                    "0|r|t|initial|10", "1|r|t|incremental|null", "2|r|t|incremental|null", "3|u|f|-|20");
        }
    }
}
