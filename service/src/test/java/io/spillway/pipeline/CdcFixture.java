package io.spillway.pipeline;

import io.spillway.change.ChangeEvent;
import io.spillway.change.DebeziumRecordParser;
import io.spillway.change.KafkaCoordinates;
import io.spillway.change.ParsedRecord;
import io.spillway.devstack.Devstack;
import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.SharedDevstack;
import io.spillway.pipeline.postgres.PgIdentifiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real capture path for job ITs, without the Spring context: a source table in {@code mydatabase}, a
 * Debezium connector with {@link ConnectorDefaults} registered through Connect's REST API, its change
 * topic read with a KafkaConsumer and parsed by {@link DebeziumRecordParser}, cut into windows.
 */
public abstract class CdcFixture {
    protected static final Devstack stack = SharedDevstack.get();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    static {
        // Without the Spring context no logging config applies: keep Kafka's client chatter out of the output.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    protected static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Runs statements in {@code mydatabase} as the superuser. */
    protected static void source(String... statements) throws SQLException {
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** Creates a table in mydatabase.public the way a captured table needs to be set up. */
    protected static void createSourceTable(String table, String columnsDdl) throws SQLException {
        String name = PgIdentifiers.qualified("public", table);
        source("CREATE TABLE " + name + " (" + columnsDdl + ")",
                "ALTER TABLE " + name + " OWNER TO debezium",
                "ALTER TABLE " + name + " REPLICA IDENTITY FULL",
                "GRANT SELECT ON " + name + " TO debezium");
    }

    protected static Connection warehouse() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD);
    }

    protected static PostgresTarget warehouseTarget(String schema) {
        return new PostgresTarget(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB), PostgresServer.TARGET_USER,
                PostgresServer.TARGET_PASSWORD, schema);
    }

    /** A Debezium connector capturing one table of mydatabase.public, and a reader of its change topic. */
    protected static final class Capture implements AutoCloseable {
        final String name;
        final String prefix;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final DebeziumRecordParser parser = new DebeziumRecordParser();
        private final List<ChangeEvent> seen = new ArrayList<>();

        Capture(String table) throws Exception {
            this(table, Map.of());
        }

        /** As above, with connector settings added or overridden (e.g. the snapshot mode, signalling). */
        Capture(String table, Map<String, String> overrides) throws Exception {
            String suffix = uniqueSuffix();
            this.name = "jobs-it-" + suffix;
            this.prefix = "jobsit" + suffix;
            Map<String, String> config = new LinkedHashMap<>(ConnectorDefaults.POSTGRES_SOURCE);
            config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            config.put("tasks.max", "1");
            config.put("database.hostname", "localhost");
            config.put("database.port", String.valueOf(stack.postgres().port()));
            config.put("database.user", PostgresServer.SOURCE_USER);
            config.put("database.password", PostgresServer.SOURCE_PASSWORD);
            config.put("database.dbname", PostgresServer.SOURCE_DB);
            config.put("topic.prefix", prefix);
            config.put("table.include.list", "public\\." + regexEscape(table));
            config.put("plugin.name", "pgoutput");
            config.put("publication.autocreate.mode", "filtered");
            config.put("publication.name", "pub_" + suffix);
            config.put("slot.name", "slot_" + suffix);
            config.put("slot.drop.on.stop", "true");
            config.put("snapshot.mode", "initial");
            config.putAll(overrides);
            HttpResponse<String> put = send(HttpRequest.newBuilder(connect("/connectors/" + name + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(config))));
            if (put.statusCode() / 100 != 2) {
                throw new AssertionError("connector not created: " + put.statusCode() + " " + put.body());
            }
            awaitRunning();
            Properties props = new Properties();
            props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "jobs-it-" + suffix,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"));
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(Pattern.compile(Pattern.quote(prefix) + "\\.public\\..*"));
        }

        private void awaitRunning() throws Exception {
            Instant deadline = Instant.now().plusSeconds(90);
            String status = "";
            while (Instant.now().isBefore(deadline)) {
                status = send(HttpRequest.newBuilder(connect("/connectors/" + name + "/status")).GET()).body()
                        .replaceAll("\\s", "");
                if (status.contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"")) {
                    return;
                }
                if (status.contains("FAILED")) {
                    break;
                }
                Thread.sleep(200); // polling Connect's status with a deadline, not synchronising on time
            }
            throw new AssertionError("connector " + name + " not RUNNING: " + status);
        }

        /** Reads until {@code total} change events (c/u/d/r/t) have been seen since the start. */
        List<ChangeEvent> readUntil(int total) {
            Instant deadline = Instant.now().plusSeconds(120);
            while (seen.size() < total && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ParsedRecord parsed = parser.parse(
                            new KafkaCoordinates(record.topic(), record.partition(), record.offset()),
                            record.key(), record.value());
                    if (parsed instanceof ParsedRecord.Change change) {
                        seen.add(change.event());
                    } else if (parsed instanceof ParsedRecord.Unparseable bad) {
                        throw new AssertionError("unparseable record: " + bad.reason());
                    }
                }
            }
            if (seen.size() < total) {
                throw new AssertionError("only " + seen.size() + " of " + total + " change events arrived");
            }
            return List.copyOf(seen);
        }

        /** The events seen so far from index {@code from} on. */
        List<ChangeEvent> since(int from) {
            return List.copyOf(seen.subList(from, seen.size()));
        }

        @Override
        public void close() throws Exception {
            consumer.close();
            send(HttpRequest.newBuilder(connect("/connectors/" + name)).DELETE());
        }
    }

    private static String regexEscape(String text) {
        return text.chars().mapToObj(c -> Character.isLetterOrDigit(c) || c == '_'
                ? String.valueOf((char) c) : "\\" + (char) c).collect(Collectors.joining());
    }

    private static URI connect(String path) {
        return URI.create(stack.connect().url() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asserts, in SQL, that the target table holds exactly the source table's rows over {@code columns}:
     * each row rendered as the text of a ROW(...) (with {@code expressions} overriding a column's rendering),
     * the source's renderings loaded into the warehouse, and EXCEPT ALL taken in both directions.
     */
    protected static void assertTargetEqualsSource(String sourceTable, String targetSchema, String targetTable,
            List<String> columns, Map<String, String> expressions) throws SQLException {
        assertTargetEqualsSource(sourceTable, targetSchema, targetTable, columns, expressions, expressions);
    }

    /** As above, with a column's rendering on the target side given apart (a column loaded as another type). */
    protected static void assertTargetEqualsSource(String sourceTable, String targetSchema, String targetTable,
            List<String> columns, Map<String, String> expressions, Map<String, String> targetExpressions)
            throws SQLException {
        String select = "SELECT ROW(" + columns.stream().map(c -> expressions.getOrDefault(c, PgIdentifiers.quote(c)))
                .collect(Collectors.joining(", ")) + ")::text FROM ";
        String targetSelect = "SELECT ROW(" + columns.stream()
                .map(c -> targetExpressions.getOrDefault(c, PgIdentifiers.quote(c)))
                .collect(Collectors.joining(", ")) + ")::text FROM ";
        List<String> sourceRows = new ArrayList<>();
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement();
                var rs = sql.executeQuery(select + PgIdentifiers.qualified("public", sourceTable))) {
            while (rs.next()) {
                sourceRows.add(rs.getString(1));
            }
        }
        try (Connection c = warehouse()) {
            c.setAutoCommit(false);
            try (Statement sql = c.createStatement()) {
                sql.execute("CREATE TEMP TABLE source_rows (r text) ON COMMIT DROP");
            }
            try (var insert = c.prepareStatement("INSERT INTO source_rows VALUES (?)")) {
                for (String row : sourceRows) {
                    insert.setString(1, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            String target = targetSelect + PgIdentifiers.qualified(targetSchema, targetTable);
            List<String> missing = rows(c, "SELECT r FROM source_rows EXCEPT ALL " + target);
            List<String> extra = rows(c, target + " EXCEPT ALL SELECT r FROM source_rows");
            c.rollback();
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw new AssertionError("target differs from source (" + sourceRows.size() + " source rows)\n"
                        + "in source, not in target: " + missing.stream().limit(10).toList() + "\n"
                        + "in target, not in source: " + extra.stream().limit(10).toList());
            }
        }
    }

    protected static List<String> rows(Connection c, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement sql = c.createStatement(); var rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    protected static long count(Connection c, String query) throws SQLException {
        try (Statement sql = c.createStatement(); var rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Cuts events into consecutive windows of random sizes between 1 and {@code maxSize}. */
    protected static List<Window> windows(List<ChangeEvent> events, Random random, int maxSize) {
        List<Window> windows = new ArrayList<>();
        int from = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(maxSize));
            windows.add(window(events.subList(from, to)));
            from = to;
        }
        return windows;
    }

    protected static Window window(List<ChangeEvent> events) {
        ChangeEvent first = events.get(0);
        String id = first.coordinates().toString();
        return new Window(id, WindowCloseReason.COUNT, Instant.now().minusSeconds(1), Instant.now(),
                List.copyOf(events));
    }
}
