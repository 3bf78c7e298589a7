package io.spillway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.change.ChangeEvent;
import io.spillway.pipeline.append.AppendJob;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.sync.SyncJob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unchanged TOASTed values: a table with the default replica identity and big, incompressible values of
 * every TOASTable kind (so PostgreSQL stores them out of line); an update of another column reaches
 * Kafka with Debezium's placeholder in their place. The targets keep the real values.
 */
class ToastIT extends CdcFixture {
    /** A column name that needs quoting in SQL, in a text[] literal and in JSON. */
    private static final String ODD = "odd \"q\", {x}\\";
    /** t..ia and ODD hold about 20 KB of random data each. */
    private static final List<String> COLUMNS = List.of("id", "n", "t", "v", "j", "js", "b", "a", "ia", ODD);
    private static final List<String> BIG = List.of("t", "v", "j", "js", "b", "a", "ia", ODD);
    private static final String RANDOM_TEXT = "(SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, 640) g)";

    private static String table;
    private static List<ChangeEvent> events;

    @BeforeAll
    static void captureInsertsAndUpdatesOfBigValues() throws Exception {
        table = "toast_" + uniqueSuffix();
        String name = PgIdentifiers.qualified("public", table);
        source("CREATE TABLE " + name + " (id int PRIMARY KEY, n int, t text, v varchar, j jsonb, js json, b bytea,"
                        + " a text[], ia int[], " + PgIdentifiers.quote(ODD) + " text)",
                "ALTER TABLE " + name + " OWNER TO debezium", "GRANT SELECT ON " + name + " TO debezium");
        try (Capture capture = new Capture(table)) {
            for (int id = 1; id <= 2; id++) {
                source("INSERT INTO " + name + " VALUES (" + id + ", 1, " + RANDOM_TEXT + ", " + RANDOM_TEXT + ", "
                        + "jsonb_build_object('k', " + RANDOM_TEXT + "), json_build_object('k', " + RANDOM_TEXT + "), "
                        + "decode(" + RANDOM_TEXT + " || " + RANDOM_TEXT + ", 'hex'), "
                        + "(SELECT array_agg(md5(random()::text || g)) FROM generate_series(1, 640) g), "
                        + "(SELECT array_agg((random() * 2e9)::int) FROM generate_series(1, 5000) g), " + RANDOM_TEXT + ")");
            }
            source("UPDATE " + name + " SET n = 2 WHERE id = 1", "UPDATE " + name + " SET n = 3 WHERE id = 1");
            // Row 2: a new big value, then an update without it, in one window: the new value must win.
            source("UPDATE " + name + " SET t = " + RANDOM_TEXT + " WHERE id = 2", "UPDATE " + name + " SET n = 5 WHERE id = 2");
            events = capture.readUntil(6);
        }
        try (Connection c = stack.postgres().superuser("mydatabase")) {
            assertThat(count(c, "SELECT count(*) FROM pg_class r JOIN pg_class t ON t.oid = r.reltoastrelid"
                    + " WHERE r.relname = '" + table + "' AND pg_relation_size(t.oid) > 0")).as("values stored out of line").isOne();
        }
        ChangeEvent update = events.get(2);
        assertThat(update.op().code()).isEqualTo("u");
        for (String column : BIG) {
            String value = update.after().get(column).toString();
            System.out.println("ToastIT: Debezium's value for unchanged " + column + ": "
                    + value.substring(0, Math.min(200, value.length())));
        }
        assertThat(update.after().get("t").asString()).as("Debezium's placeholder").isEqualTo("__debezium_unavailable_value");
    }

    @AfterAll
    static void dropSource() throws Exception {
        source("DROP TABLE IF EXISTS " + PgIdentifiers.qualified("public", table));
    }

    /** Inserts, then the two updates of row 1, then the two of row 2: three windows. */
    private static List<Window> threeWindows() {
        return List.of(window(events.subList(0, 2)), window(events.subList(2, 4)), window(events.subList(4, 6)));
    }

    @Test
    void syncIntoPostgresKeepsUnchangedToastedValuesOfEveryType() throws Exception {
        String schema = "it_toast_" + uniqueSuffix();
        SyncJob sync = new SyncJob(id -> warehouseTarget(schema));
        JobContext context = new JobContext("c", "toast", "wh", null);
        for (Window window : threeWindows()) {
            sync.run(context, window);
        }
        assertTargetEqualsSource(table, schema, table, COLUMNS, digests());
        for (Window window : threeWindows()) { // a replay changes nothing
            sync.run(context, window);
        }
        assertTargetEqualsSource(table, schema, table, COLUMNS, digests());
    }

    @Test
    void insertsAndTheirUpdatesInOneWindowLoadTheRealValues() throws Exception {
        String schema = "it_toast_one_" + uniqueSuffix();
        new SyncJob(id -> warehouseTarget(schema)).run(new JobContext("c", "toast", "wh", null), window(events));
        assertTargetEqualsSource(table, schema, table, COLUMNS, digests());
    }

    @Test
    void anUpdateWithUnavailableValuesOfARowTheTargetLacksInsertsItWithThoseColumnsNull() throws Exception {
        String schema = "it_toast_missing_" + uniqueSuffix();
        new SyncJob(id -> warehouseTarget(schema)).run(new JobContext("c", "toast", "wh", null), threeWindows().get(1));
        try (Connection c = warehouse()) {
            assertThat(rows(c, "SELECT concat_ws('|', id, n, " + BIG.stream().map(col -> PgIdentifiers.quote(col)
                    + " IS NULL").collect(Collectors.joining(", ")) + ") FROM " + PgIdentifiers.qualified(schema, table)))
                    .containsExactly("1|3|t|t|t|t|t|t|t|t");
        }
    }

    @Test
    void syncIntoRedisKeepsUnchangedToastedValuesOfEveryType() throws Exception {
        String prefix = "it:toast:" + uniqueSuffix() + ":";
        SyncJob sync = new SyncJob(id -> new RedisTarget(stack.redis().url(), prefix));
        RedisClient client = RedisClient.create(stack.redis().url());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            String row1 = prefix + "public." + table + ":1";
            String row2 = prefix + "public." + table + ":2";
            List<Window> windows = threeWindows();
            sync.run(new JobContext("c", "toast", "cache", null), windows.get(0));
            Map<String, String> inserted1 = new LinkedHashMap<>(redis.sync().hgetall(row1));
            Map<String, String> inserted2 = new LinkedHashMap<>(redis.sync().hgetall(row2));
            assertThat(inserted1.keySet()).containsAll(BIG);
            assertThat(inserted1.get("t")).hasSize(640 * 32);

            sync.run(new JobContext("c", "toast", "cache", null), windows.get(1));
            sync.run(new JobContext("c", "toast", "cache", null), windows.get(2));
            Map<String, String> updated1 = redis.sync().hgetall(row1);
            Map<String, String> updated2 = redis.sync().hgetall(row2);
            for (String column : BIG) {
                assertThat(digest(updated1.get(column))).as(column).isEqualTo(digest(inserted1.get(column)));
            }
            assertThat(updated1.get("n")).isEqualTo("3");
            assertThat(updated2.get("n")).isEqualTo("5");
            String newText = sourceText("SELECT t FROM " + PgIdentifiers.qualified("public", table) + " WHERE id = 2");
            assertThat(digest(newText)).isNotEqualTo(digest(inserted2.get("t")));
            assertThat(digest(updated2.get("t"))).isEqualTo(digest(newText));
            for (String column : BIG.subList(1, BIG.size())) {
                assertThat(digest(updated2.get(column))).as(column).isEqualTo(digest(inserted2.get(column)));
            }
        } finally {
            client.shutdown();
            sync.destroy();
        }
    }

    @Test
    void appendRecordsUnchangedColumnsInsteadOfThePlaceholder() throws Exception {
        String schema = "it_toast_log_" + uniqueSuffix();
        AppendJob append = new AppendJob(id -> warehouseTarget(schema));
        for (Window window : threeWindows()) {
            append.run(new JobContext("c", "toast", "wh", null), window);
        }
        String changelog = PgIdentifiers.qualified(schema, table + "_changelog");
        try (Connection c = warehouse()) {
            assertThat(count(c, "SELECT count(*) FROM " + changelog + " WHERE after::text LIKE '%unavailable_value%'"
                    + " OR after::text LIKE '%" + "X19kZWJleml1bV91bmF2YWlsYWJsZV92YWx1ZQ" + "%'")).isZero();
            assertThat(rows(c, "SELECT concat_ws('|', op, after ->> 'n', coalesce(array_to_string(unchanged_columns, ','), '-'), "
                    + "(SELECT string_agg(k, ',' ORDER BY k COLLATE \"C\") FROM jsonb_object_keys(after) k)) FROM " + changelog
                    + " ORDER BY kafka_offset")).containsExactly(
                    "c|1|-|a,b,ia,id,j,js,n," + ODD + ",t,v",
                    "c|1|-|a,b,ia,id,j,js,n," + ODD + ",t,v",
                    "u|2|t,v,j,js,b,a,ia," + ODD + "|id,n",
                    "u|3|t,v,j,js,b,a,ia," + ODD + "|id,n",
                    "u|1|v,j,js,b,a,ia," + ODD + "|id,n,t",
                    "u|5|t,v,j,js,b,a,ia," + ODD + "|id,n");
        }
    }

    /** Big values compared by their digest, so a failure prints short rows. */
    private static Map<String, String> digests() {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String column : BIG) {
            digests.put(column, "md5(" + PgIdentifiers.quote(column) + "::text)");
        }
        return digests;
    }

    /** A short stand-in for a big value in assertion messages: its length and SHA-256. */
    private static String digest(String value) throws Exception {
        return value == null ? "null" : value.length() + ":" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sourceText(String query) throws Exception {
        try (Connection c = stack.postgres().superuser("mydatabase")) {
            return rows(c, query).get(0);
        }
    }
}
