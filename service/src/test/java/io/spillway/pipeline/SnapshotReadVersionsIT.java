package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.Op;
import io.spillway.change.RowSchema;
import io.spillway.change.SnapshotKind;
import io.spillway.change.SourcePosition;
import io.spillway.change.TableId;
import io.spillway.pipeline.sync.SyncJob;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * How sync's version guard treats snapshot reads, on real targets. Debezium 3.6 sends incremental snapshot
 * reads without an LSN (IncrementalSnapshotReadsIT), after every change of their row streamed before their
 * chunk closed; initial snapshot reads carry the snapshot's LSN. The windows below are the interleavings
 * that can reach a job (in Kafka order), built by hand so each case is certain to occur.
 */
class SnapshotReadVersionsIT extends CdcFixture {
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final RowSchema SCHEMA = new RowSchema(List.of(
            new Column("id", "int32", null, Map.of(), false, null),
            new Column("v", "string", null, Map.of(), true, null)), List.of("id"));
    private final String suffix = uniqueSuffix();
    private final TableId table = new TableId("mydatabase", "public", "reads_" + suffix);
    private long offset;

    private ChangeEvent change(Op op, int id, String v, long lsn, SnapshotKind kind) {
        String row = "{\"id\":" + id + ",\"v\":\"" + v + "\"}";
        return new ChangeEvent(op, table, new SourcePosition(lsn, lsn == 0 ? null : lsn, 0, kind),
                json.readTree("{\"id\":" + id + "}"), op == Op.UPDATE || op == Op.DELETE ? json.readTree(row) : null,
                op == Op.DELETE ? null : json.readTree(row), SCHEMA, new KafkaCoordinates("t", 0, offset++), 10);
    }

    private ChangeEvent streamed(Op op, int id, String v, long lsn) {
        return change(op, id, v, lsn, SnapshotKind.NONE);
    }

    private ChangeEvent incrementalRead(int id, String v) {
        return change(Op.READ, id, v, 0, SnapshotKind.INCREMENTAL);
    }

    /** The three windows, in Kafka order; {@code withDeletedRead} adds a read of a deleted key. */
    private List<Window> windows(boolean withDeletedRead) {
        List<ChangeEvent> second = new ArrayList<>(List.of(
                streamed(Op.UPDATE, 1, "streamed", 200), incrementalRead(1, "read after the update"),
                incrementalRead(2, "fresh"),
                streamed(Op.CREATE, 4, "again", 220), incrementalRead(4, "read after the re-insert"),
                incrementalRead(6, "new")));
        if (withDeletedRead) {
            second.add(incrementalRead(3, "deleted before"));
        }
        return List.of(
                window(List.of(streamed(Op.UPDATE, 1, "old", 100), streamed(Op.CREATE, 2, "stale", 110),
                        streamed(Op.CREATE, 3, "x", 120), streamed(Op.DELETE, 3, "x", 130),
                        streamed(Op.CREATE, 4, "v1", 140), streamed(Op.DELETE, 4, "v1", 150))),
                window(second),
                window(List.of(streamed(Op.UPDATE, 6, "after the read", 300),
                        change(Op.READ, 1, "initial snapshot, older", 50, SnapshotKind.INITIAL))));
    }

    private static final Map<String, String> EXPECTED = Map.of(
            "1", "read after the update", "2", "fresh", "4", "read after the re-insert", "6", "after the read");

    @Test
    void readsWinOverTheOlderVersionsTheyFollowAndLoseToLaterChangesInPostgres() throws Exception {
        String schema = "reads_" + suffix;
        SyncJob sync = new SyncJob(id -> warehouseTarget(schema));
        for (Window window : windows(true)) {
            sync.run(new JobContext("c", "p", "wh", null), window);
        }
        try (Connection c = warehouse()) {
            String target = "\"" + schema + "\".\"" + table.table() + "\"";
            assertThat(rows(c, "SELECT id || '=' || v FROM " + target + " ORDER BY id")).containsExactly(
                    "1=read after the update", "2=fresh", "4=read after the re-insert", "6=after the read");
            assertThat(rows(c, "SELECT id || '@' || __spillway_lsn FROM " + target + " ORDER BY id"))
                    .as("a read keeps the row's version, or takes the one of its key's change before it")
                    .containsExactly("1@200", "2@110", "4@220", "6@300");
        }
    }

    @Test
    void readsWinOverTheOlderVersionsTheyFollowAndLoseToLaterChangesInRedis() throws Exception {
        String prefix = "reads:" + suffix + ":";
        SyncJob sync = new SyncJob(id -> new RedisTarget(stack.redis().url(), prefix));
        try {
            for (Window window : windows(false)) {
                sync.run(new JobContext("c", "p", "cache", null), window);
            }
        } finally {
            sync.destroy();
        }
        RedisClient client = RedisClient.create(stack.redis().url());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            Map<String, String> values = new TreeMap<>();
            Map<String, String> versions = new TreeMap<>();
            for (String key : redis.sync().keys(prefix + "*")) {
                String id = key.substring(key.lastIndexOf(':') + 1);
                values.put(id, redis.sync().hget(key, "v"));
                versions.put(id, redis.sync().hget(key, "__spillway_lsn"));
            }
            assertThat(values).isEqualTo(new TreeMap<>(EXPECTED));
            assertThat(versions).isEqualTo(Map.of("1", "200", "2", "110", "4", "220", "6", "300"));
        } finally {
            client.shutdown();
        }
    }
}
