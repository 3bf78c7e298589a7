package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.ConnectWorker;
import io.spillway.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Schema changes at the source while a sync consumer runs (docs/jobs.md, "Schema changes"): added columns,
 * dropped and renamed ones under each dropped_column policy, widenings applied with exact values, an unsafe
 * type change and a changed primary key pausing only their table with the reason in /consumer/info, their
 * changes dead-lettered as schema_change and loaded by the documented replay after the operator's fix.
 */
class SchemaChangeIT extends ConsumerStackIT {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final Duration LOAD = Duration.ofSeconds(120);

    @Test
    void addedColumnsAddWideningsApplyAndKeepKeepsDroppedAndRenamedColumns() throws Exception {
        Source source = capture("evolve", "id integer PRIMARY KEY, name varchar(10), n integer, gone text, label text");
        String id = "schema-keep-" + suffix();
        Api api = api();
        try {
            start(api, id, source.topic(), false, null);
            source("INSERT INTO public." + source.table() + " VALUES (1, 'short', 7, 'g1', 'l1')");
            await("row 1 loaded").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 1);

            source("ALTER TABLE public." + source.table() + " ADD COLUMN extra text",
                    "ALTER TABLE public." + source.table() + " ALTER COLUMN n TYPE bigint",
                    "ALTER TABLE public." + source.table() + " ALTER COLUMN name TYPE varchar(50)",
                    "ALTER TABLE public." + source.table() + " DROP COLUMN gone",
                    "ALTER TABLE public." + source.table() + " RENAME COLUMN label TO title",
                    "INSERT INTO public." + source.table() + " (id, name, n, title, extra) VALUES"
                            + " (2, 'a name longer than ten', 5000000000, 't2', 'e2')");
            await("row 2 loaded").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 2);

            Map<String, String> types = targetTypes(source.table());
            assertThat(types).containsEntry("n", "bigint").containsEntry("name", "character varying(50)")
                    .containsEntry("extra", "text").containsEntry("title", "text")
                    .as("keep: dropped and renamed-away columns stay").containsKeys("gone", "label");
            assertThat(row(source.table(), 2, "n", "name", "extra", "title", "gone", "label"))
                    .containsExactly("5000000000", "a name longer than ten", "e2", "t2", null, null);
            assertThat(row(source.table(), 1, "n", "name", "extra", "title", "gone", "label"))
                    .as("rows not changed since keep their last values; the new names are NULL")
                    .containsExactly("7", "short", null, null, "g1", "l1");
            assertThat(info(api, id).get("paused_tables").size()).isZero();
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void dropDropsTheTargetColumnAndARenameBecomesADropAndAnAdd() throws Exception {
        Source source = capture("dropped", "id integer PRIMARY KEY, name text, gone text, label text");
        String id = "schema-drop-" + suffix();
        Api api = api();
        try {
            start(api, id, source.topic(), false, "{\"dropped_column\": \"drop\"}");
            source("INSERT INTO public." + source.table() + " VALUES (1, 'one', 'g1', 'l1')");
            await("row 1 loaded").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 1);

            source("ALTER TABLE public." + source.table() + " DROP COLUMN gone",
                    "ALTER TABLE public." + source.table() + " RENAME COLUMN label TO title",
                    "INSERT INTO public." + source.table() + " (id, name, title) VALUES (2, 'two', 't2')");
            await("the dropped and renamed-away columns dropped").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 2 && !targetTypes(source.table()).containsKey("label"));
            assertThat(targetTypes(source.table())).doesNotContainKeys("gone", "label").containsKey("title");
            assertThat(row(source.table(), 1, "name", "title")).as("a rename loses the values of rows not changed since")
                    .containsExactly("one", null);
            assertThat(row(source.table(), 2, "name", "title")).containsExactly("two", "t2");
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    @Test
    void anUnsafeTypeChangePausesOnlyItsTableAndItsChangesLoadAfterTheFixAndTheReplay() throws Exception {
        Source changed = capture("unsafe", "id integer PRIMARY KEY, code text");
        Source other = capture("other", "id integer PRIMARY KEY, code text");
        String id = "schema-pause-" + suffix();
        Api api = api();
        try {
            start(api, id, "(" + changed.topic().replace(".", "\\\\.") + "|" + other.topic().replace(".", "\\\\.")
                    + ")", true, null);
            source("INSERT INTO public." + changed.table() + " VALUES (1, '1')",
                    "INSERT INTO public." + other.table() + " VALUES (1, 'a')");
            await("both first rows loaded").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(changed.table()) == 1 && targetRows(other.table()) == 1);

            source("ALTER TABLE public." + changed.table() + " ALTER COLUMN code TYPE integer USING code::integer",
                    "INSERT INTO public." + changed.table() + " VALUES (2, 42)",
                    "UPDATE public." + changed.table() + " SET code = 11 WHERE id = 1",
                    "INSERT INTO public." + other.table() + " VALUES (2, 'b')");
            await("the other table goes on").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(other.table()) == 2);
            JsonNode paused = await("the table paused with its reason").atMost(LOAD)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> info(api, id).get("paused_tables"), p -> p.has("public." + changed.table()));
            assertThat(paused.get("public." + changed.table()).asString()).contains("\"code\"")
                    .contains("integer").contains("text").contains("ALTER TABLE").contains("replay");
            List<JsonNode> letters = await("its changes dead-lettered as schema_change").atMost(LOAD)
                    .pollInterval(Duration.ofMillis(500)).until(() -> lettersOf(api, id), l -> l.size() == 2);
            letters.forEach(l -> assertThat(l.get("reason").asString()).startsWith("schema_change: "));
            assertThat(targetCodes(changed.table())).as("nothing loaded wrongly").containsExactly(Map.entry(1, "1"));

            // The operator's fix, then the documented step: replay the table's dead letters.
            try (Connection c = warehouse(); Statement sql = c.createStatement()) {
                sql.execute("ALTER TABLE public." + changed.table() + " ALTER COLUMN code TYPE integer"
                        + " USING code::integer");
            }
            StringBuilder coordinates = new StringBuilder("{\"letters\": [");
            for (JsonNode l : letters) {
                coordinates.append(coordinates.length() > 13 ? ", " : "").append("""
                        {"topic": "%s", "partition": %d, "offset": %d}""".formatted(l.get("topic").asString(),
                        l.get("partition").asInt(), l.get("offset").asLong()));
            }
            Api.Response replayed = api.post("/consumer/dead-letters/" + id + "/replay", coordinates + "]}");
            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            source("INSERT INTO public." + changed.table() + " VALUES (3, 7)");
            await("every change of the paused table loaded").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetCodes(changed.table()).equals(Map.of(1, "11", 2, "42", 3, "7")));
            assertThat(targetTypes(changed.table())).containsEntry("code", "integer");
            await("no table paused any more").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> info(api, id).get("paused_tables").isEmpty());
            assertThat(lettersOf(api, id)).as("no new letter: they loaded").hasSize(2);
        } finally {
            stopQuietly(api, id);
            release(changed);
            release(other);
        }
    }

    @Test
    void aChangedPrimaryKeyIsReportedAndNeverLoadedByTheWrongKey() throws Exception {
        Source source = capture("rekey", "id integer, k integer NOT NULL, name text, PRIMARY KEY (id)");
        String id = "schema-key-" + suffix();
        Api api = api();
        try {
            start(api, id, source.topic(), false, null);
            source("INSERT INTO public." + source.table() + " VALUES (1, 1, 'one')");
            await("row 1 loaded").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetRows(source.table()) == 1);

            source("ALTER TABLE public." + source.table() + " DROP CONSTRAINT " + source.table() + "_pkey",
                    "ALTER TABLE public." + source.table() + " ADD PRIMARY KEY (id, k)",
                    "INSERT INTO public." + source.table() + " VALUES (1, 2, 'one again')");
            JsonNode paused = await("the table paused with its reason").atMost(LOAD)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> info(api, id).get("paused_tables"), p -> p.has("public." + source.table()));
            assertThat(paused.get("public." + source.table()).asString()).contains("primary key").contains("[id, k]")
                    .contains("[id]");
            await("its change dead-lettered").atMost(LOAD).pollInterval(Duration.ofMillis(500))
                    .until(() -> lettersOf(api, id), l -> l.size() == 1);
            assertThat(targetRows(source.table())).isEqualTo(1);
            assertThat(row(source.table(), 1, "k", "name")).as("row (1, 1) not overwritten by (1, 2)")
                    .containsExactly("1", "one");
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    private void start(Api api, String id, String topic, boolean pattern, String schemaChanges) {
        givenConnection("conn-" + id);
        String body = consumerJson(id, topic, "pipeline " + id, "conn-" + id, 50, 1, "sync")
                .replaceFirst("}\\s*$", ", \"max_attempts\": 1" + (pattern ? ", \"topic_pattern\": true" : "")
                        + (schemaChanges == null ? "" : ", \"schema_changes\": " + schemaChanges) + "}");
        Api.Response started = api.post("/consumer/start", body);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
    }

    /** A new source table with these columns, captured (source types propagated, as Spillway's defaults do). */
    private Source capture(String base, String columns) throws Exception {
        String s = suffix();
        String table = base + "_" + s;
        String prefix = "sc" + s;
        Source source = new Source(table, "sc-" + s, "sc_" + s, prefix + ".public." + table);
        source("CREATE TABLE public." + table + " (" + columns + ")",
                "ALTER TABLE public." + table + " REPLICA IDENTITY FULL",
                "ALTER TABLE public." + table + " OWNER TO debezium");
        String config = """
                {"connector.class": "%s", "tasks.max": "1",
                 "database.hostname": "localhost", "database.port": "%d",
                 "database.user": "debezium", "database.password": "password", "database.dbname": "mydatabase",
                 "topic.prefix": "%s", "schema.include.list": "public", "table.include.list": "public.%s",
                 "plugin.name": "pgoutput", "publication.autocreate.mode": "filtered",
                 "publication.name": "pub_%s", "slot.name": "%s", "snapshot.mode": "no_data",
                 "column.propagate.source.type": ".*"}"""
                .formatted(ConnectWorker.POSTGRES_CONNECTOR, stack.postgres().port(), prefix, table, s, source.slot());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(
                        URI.create(stack.connect().url() + "/connectors/" + source.connector() + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        await("slot " + source.slot() + " streaming").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    try (Connection c = stack.postgres().superuser("mydatabase");
                            PreparedStatement ps = c.prepareStatement(
                                    "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
                        ps.setString(1, source.slot());
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() && rs.getBoolean(1);
                        }
                    }
                });
        return source;
    }

    /** Runs each statement on the source database, each in its own transaction. */
    private static void source(String... statements) throws SQLException {
        try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static Map<String, String> targetTypes(String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = warehouse(); PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                WHERE a.attrelid = ('public.' || quote_ident(?))::regclass AND a.attnum > 0 AND NOT a.attisdropped""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /** The named columns of the target row with that id, as text. */
    private static List<String> row(String table, int rowId, String... columns) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT " + String.join("::text, ", columns) + "::text FROM public."
                        + table + " WHERE id = " + rowId)) {
            assertThat(rs.next()).as("row " + rowId + " of " + table).isTrue();
            for (int i = 1; i <= columns.length; i++) {
                values.add(rs.getString(i));
            }
        }
        return values;
    }

    private static Map<Integer, String> targetCodes(String table) throws SQLException {
        Map<Integer, String> codes = new TreeMap<>();
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT id, code::text FROM public." + table)) {
            while (rs.next()) {
                codes.put(rs.getInt(1), rs.getString(2));
            }
        }
        return codes;
    }

    private List<JsonNode> lettersOf(Api api, String id) {
        List<JsonNode> letters = new ArrayList<>();
        body(api.get("/consumer/dead-letters/" + id)).get("dead_letters").forEach(letters::add);
        return letters;
    }
}
