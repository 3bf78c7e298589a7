package io.spillway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.consumer.engine.DeadLetterPublisher;
import io.spillway.devstack.Devstack;
import io.spillway.devstack.KafkaBroker;
import io.spillway.devstack.PostgresServer;
import io.spillway.devstack.SharedDevstack;
import io.spillway.health.KafkaHealthCheck;
import io.spillway.health.ServiceHealth;
import io.spillway.support.Api;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service configured for a secured Kafka: every client through the devstack broker's SASL_PLAINTEXT
 * (SCRAM-SHA-512) listener only, with the credentials in the client properties. Its own Spring context
 * and Redis database, so no other test context runs its consumers over the plain listener. Kafka Connect
 * (Debezium) still writes through the plain listener: it is not a Spillway client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SaslKafkaIT {
    private static final Devstack stack = SharedDevstack.get();
    private static final String WRONG_PASSWORD = "not-the-scram-pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void saslOnly(DynamicPropertyRegistry registry) {
        registry.add("spillway.kafka-broker", () -> stack.kafka().saslBootstrapServers());
        registry.add("spillway.debezium-connector-url", () -> stack.connect().url() + "/connectors");
        registry.add("spillway.redis-url", () -> stack.redis().url() + "/7");
        // As a deployment would: the non-secret keys as entries, the JAAS line through SPILLWAY_KAFKA_PROPERTIES.
        registry.add("spillway.kafka.client.security.protocol", () -> "SASL_PLAINTEXT");
        registry.add("spillway.kafka.client.sasl.mechanism", () -> KafkaBroker.SCRAM_MECHANISM);
        registry.add("spillway.kafka.properties", () -> "# the SCRAM user of the devstack broker\nsasl.jaas.config="
                + KafkaBroker.scramJaasConfig(KafkaBroker.SCRAM_USER, KafkaBroker.SCRAM_PASSWORD) + "\n");
    }

    @Test
    void theSeedsPipelineTopicsAndHealthWorkThroughTheSaslListener(CapturedOutput output) throws Exception {
        Api api = new Api("http://localhost:" + port);
        Api.Response health = api.get("/health/kafka");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains(stack.kafka().saslBootstrapServers()).contains("\"broker_count\":1");

        String s = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String topic = "sasl-admin-" + s;
        Api.Response created = api.post("/topic/create", """
                {"topic_name": "%s", "num_partitions": 2, "replication_factor": 1}""".formatted(topic));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/topic/list").body()).contains(topic);
        assertThat(api.get("/topic/config?topic_name=" + topic).body()).contains("\"num_partitions\":2");
        assertThat(api.delete("/topic/delete?topic_name=" + topic).status()).isEqualTo(204);

        String table = "sasl_" + s;
        String connector = "sasl-" + s;
        String consumer = "sasl-" + s;
        createSourceAndRefusingTarget(table);
        Api.Response started = api.post("/debezium/start/", """
                {"name": "%1$s", "config": {
                   "connector_class": "io.debezium.connector.postgresql.PostgresConnector", "tasks_max": "1",
                   "database_hostname": "localhost", "database_port": "%2$d", "database_user": "debezium",
                   "database_password": "password", "database_dbname": "mydatabase", "topic_prefix": "sasl%3$s",
                   "schema_include_list": "public", "table_include_list": "public.%4$s",
                   "publication_autocreate_mode": "filtered", "publication_name": "pub_%3$s",
                   "slot_name": "slot_%3$s", "plugin_name": "pgoutput", "snapshot_mode": "initial"}}"""
                .formatted(connector, stack.postgres().port(), s, table));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String changes = "sasl" + s + ".public." + table;
        try {
            Api.Response connection = api.post("/connection/create", """
                    {"connection_id": "wh-%s", "type": "postgres", "jdbc_url": "%s",
                     "username": "warehouse", "password": "warehouse"}"""
                    .formatted(s, stack.postgres().jdbcUrl(PostgresServer.TARGET_DB)));
            assertThat(connection.status()).as(connection.body()).isEqualTo(201);
            Api.Response consuming = api.post("/consumer/start", """
                    {"consumer_id": "%1$s", "kafka_topic": "%2$s", "pipeline_name": "sasl %3$s",
                     "connection_id": "wh-%3$s", "max_event": 10, "max_time": 2, "job_type": "sync",
                     "auto_offset_reset": "earliest", "max_attempts": 2}""".formatted(consumer, changes, s));
            assertThat(consuming.status()).as(consuming.body()).isEqualTo(201);

            insertRows(table, 30);
            Set<Integer> expected = IntStream.range(0, 30).filter(n -> n != 13).boxed()
                    .collect(Collectors.toCollection(TreeSet::new));
            await("rows inserted at the source reach the target through the SASL consumer")
                    .atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> targetNs(table).equals(expected));

            // The refused row was read again and dead-lettered: re-reader, producer and admin over SASL.
            List<Map<String, String>> letters = deadLetterHeaders(DeadLetterPublisher.topicFor(changes));
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0)).containsEntry(DeadLetterPublisher.CONSUMER, consumer)
                    .containsEntry(DeadLetterPublisher.SQL_STATE, "23514");
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumer, null);
            api.delete("/debezium/connector/" + connector + "/delete/");
        }
        assertThat(output.getAll()).contains("sasl.jaas.config=[hidden]").doesNotContain(KafkaBroker.SCRAM_PASSWORD);
    }

    @Test
    void withAWrongPasswordKafkaIsDownWithAMessageThatHoldsNoPassword() {
        KafkaClients wrong = new KafkaClients(stack.kafka().saslBootstrapServers(), Map.of(
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", KafkaBroker.SCRAM_MECHANISM,
                "sasl.jaas.config", KafkaBroker.scramJaasConfig(KafkaBroker.SCRAM_USER, WRONG_PASSWORD)));
        try (Admin admin = Admin.create(wrong.admin())) {
            ServiceHealth health = new KafkaHealthCheck(admin, wrong).check();
            assertThat(health.isDown()).isTrue();
            String details = String.valueOf(health.details());
            assertThat(details).contains("refused").contains("SaslAuthenticationException")
                    .doesNotContain(WRONG_PASSWORD).doesNotContain(KafkaBroker.SCRAM_PASSWORD);
        }
    }

    private static void createSourceAndRefusingTarget(String table) throws SQLException {
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE public." + table + " (id serial PRIMARY KEY, name text NOT NULL, n integer)");
            sql.execute("ALTER TABLE public." + table + " REPLICA IDENTITY FULL");
            sql.execute("ALTER TABLE public." + table + " OWNER TO debezium");
        }
        try (Connection c = warehouse(); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE public." + table + " (id integer PRIMARY KEY, name text NOT NULL,"
                    + " n integer CONSTRAINT n_allowed CHECK (n <> 13))");
        }
    }

    private static Connection warehouse() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD);
    }

    private static void insertRows(String table, int count) throws SQLException {
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB);
                PreparedStatement ps = c.prepareStatement("INSERT INTO public." + table + " (name, n) VALUES (?, ?)")) {
            for (int i = 0; i < count; i++) {
                ps.setString(1, "row " + i);
                ps.setInt(2, i);
                ps.executeUpdate();
            }
        }
    }

    private static Set<Integer> targetNs(String table) throws SQLException {
        Set<Integer> ns = new TreeSet<>();
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT n FROM public." + table)) {
            while (rs.next()) {
                ns.add(rs.getInt(1));
            }
        }
        return ns;
    }

    /** The dead-letter topic's records' headers, read over the plain listener as an operator's tool would. */
    private static List<Map<String, String>> deadLetterHeaders(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Map<String, String>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(60);
            while (letters.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    letters.add(headers);
                }
            }
        }
        return letters;
    }
}
