package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.change.ChangeEvent;
import io.spillway.devstack.PostgresServer;
import io.spillway.pipeline.sync.SyncJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** sync into Redis: one hash per live source row, nothing else, replays included. */
class RedisSyncIT extends CdcFixture {
    @Test
    void theRedisTargetHoldsExactlyTheSourcesLiveRows() throws Exception {
        String suffix = uniqueSuffix();
        String table = "cache_" + suffix;
        String prefix = "it:" + suffix + ":";
        createSourceTable(table, "id int PRIMARY KEY, a int, b text, c numeric(10,2), d timestamptz");
        SyncJob sync = new SyncJob(id -> new RedisTarget(stack.redis().url(), prefix));
        JobContext context = new JobContext("c-" + suffix, "cache", "cache", null);
        try (Capture capture = new Capture(table)) {
            int changes = PostgresSyncIT.randomChanges(table, new Random(11), 3000);
            List<Window> windows = windows(capture.readUntil(changes), new Random(12), 400);
            for (Window window : windows) {
                sync.run(context, window);
            }
            assertThat(redisRows(prefix + "public." + table + ":")).isEqualTo(sourceRows(table));
            for (Window window : windows.subList(0, windows.size() / 2)) { // an older prefix replayed
                sync.run(context, window);
            }
            for (Window window : windows.subList(windows.size() / 2, windows.size())) {
                sync.run(context, window);
            }
            assertThat(redisRows(prefix + "public." + table + ":")).isEqualTo(sourceRows(table));

            source("TRUNCATE " + table, "INSERT INTO " + table + " (id, b) VALUES (1, 'only')");
            List<ChangeEvent> after = capture.readUntil(changes + 2);
            sync.run(context, window(after.subList(changes, changes + 2)));
            assertThat(redisRows(prefix + "public." + table + ":")).isEqualTo(sourceRows(table));
        } finally {
            sync.destroy();
        }
    }

    /** Every source row as the hash the job should write: column -> text value, NULLs left out. */
    private static Map<String, Map<String, String>> sourceRows(String table) throws Exception {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            sql.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = sql.executeQuery("SELECT id::text, a::text, b, c::text,"
                    + " to_char(d AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM " + table)) {
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    String[] names = {"id", "a", "b", "c", "d"};
                    for (int i = 0; i < names.length; i++) {
                        if (rs.getString(i + 1) != null) {
                            row.put(names[i], rs.getString(i + 1));
                        }
                    }
                    rows.put(rs.getString(1), row);
                }
            }
        }
        return rows;
    }

    private static Map<String, Map<String, String>> redisRows(String keyPrefix) {
        RedisClient client = RedisClient.create(stack.redis().url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            Map<String, Map<String, String>> rows = new HashMap<>();
            ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(keyPrefix + "*"));
            while (keys.hasNext()) {
                String key = keys.next();
                Map<String, String> hash = new LinkedHashMap<>(connection.sync().hgetall(key));
                assertThat(hash.remove("__spillway_lsn")).isNotNull();
                rows.put(key.substring(keyPrefix.length()), hash);
            }
            return rows;
        } finally {
            client.shutdown();
        }
    }
}
