package io.spillway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.Person12Capture;
import io.spillway.support.StackIT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A pipeline runs (a connector through the API, a sync consumer, rows inserted, one malformed record on its
 * topic); then every metric {@code deploy/observability}'s dashboard and alert rules name is exported by
 * {@code /actuator/prometheus} for that consumer or connector, with a value that fits what happened.
 */
class MetricsIT extends StackIT {
    private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    private static final Pattern METRIC_NAME = Pattern.compile("spillway_[a-z_]+");
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})? (\\S+)$");

    /** One line of the Prometheus text format. */
    record Sample(String name, String labels, double value) {
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsExportedWithAPlausibleValue() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String consumer = "metrics-" + suffix;
        String connector = "metrics-connector-" + suffix;
        String topic = "metrics" + suffix + ".public.person12";
        Api api = api();
        Api.Response started = api.post("/debezium/start/",
                Person12Capture.request(connector, stack.postgres().port(), "metrics", suffix));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        Api.Response connection = api.post("/connection/create", """
                {"connection_id": "metrics-%s", "type": "postgres", "jdbc_url": "%s", "username": "warehouse",
                 "password": "warehouse", "schema": "metrics_%s"}"""
                .formatted(suffix, stack.postgres().jdbcUrl("warehouse"), suffix));
        assertThat(connection.status()).as(connection.body()).isEqualTo(201);
        try {
            Api.Response consumerStarted = api.post("/consumer/start", """
                    {"consumer_id": "%1$s", "kafka_topic": "%2$s", "pipeline_name": "metrics %3$s",
                     "connection_id": "metrics-%3$s", "max_event": 10, "max_time": 2, "job_type": "sync",
                     "auto_offset_reset": "earliest"}""".formatted(consumer, topic, suffix));
            assertThat(consumerStarted.status()).as(consumerStarted.body()).isEqualTo(201);
            Person12Capture.awaitStreaming("metrics", suffix);
            try (Connection source = DriverManager.getConnection(stack.postgres().jdbcUrl("mydatabase"), "debezium",
                    "password"); Statement sql = source.createStatement()) {
                for (int i = 0; i < 25; i++) {
                    sql.executeUpdate("INSERT INTO person12 (name, email, age) VALUES ('metrics " + i + "', 'm" + i
                            + "@example.com', " + i + ")");
                }
            }
            String consumerLabel = "consumer=\"" + consumer + "\"";
            String connectorLabel = "connector=\"" + connector + "\"";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(value(scrape(), "spillway_consumer_changes_total", consumerLabel)).isEqualTo(25));
            produceMalformed(topic); // the topic exists now: the changes came through it
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Sample> samples = scrape();
                assertThat(value(samples, "spillway_consumer_changes_total", consumerLabel)).isEqualTo(25);
                assertThat(value(samples, "spillway_rows_total", consumerLabel, "kind=\"upserted\""))
                        .isGreaterThanOrEqualTo(25);
                assertThat(value(samples, "spillway_consumer_dead_letters_total", consumerLabel)).isEqualTo(1);
                assertThat(value(samples, "spillway_windows_closed_total", consumerLabel, "reason=\"count\""))
                        .isGreaterThanOrEqualTo(2);
                assertThat(value(samples, "spillway_job_duration_seconds_count", consumerLabel))
                        .isGreaterThanOrEqualTo(3);
                assertThat(value(samples, "spillway_consumer_state", consumerLabel, "state=\"RUNNING\"")).isEqualTo(1);
                assertThat(value(samples, "spillway_consumer_state", consumerLabel, "state=\"FAILED\"")).isZero();
                assertThat(value(samples, "spillway_consumer_lag_records", consumerLabel, "partition=\"" + topic + "-0\""))
                        .isZero();
                assertThat(value(samples, "spillway_window_max_event", consumerLabel)).isEqualTo(10);
                assertThat(value(samples, "spillway_window_max_time_seconds", consumerLabel)).isEqualTo(2);
                assertThat(value(samples, "spillway_window_changes", consumerLabel)).isBetween(0.0, 10.0);
                assertThat(value(samples, "spillway_window_age_seconds", consumerLabel)).isBetween(0.0, 60.0);
                assertThat(value(samples, "spillway_consumer_retries_total", consumerLabel)).isZero();
                assertThat(value(samples, "spillway_consumer_restarts_total", consumerLabel)).isZero();
                assertThat(value(samples, "spillway_connector_state", connectorLabel, "state=\"RUNNING\"")).isEqualTo(1);
                assertThat(value(samples, "spillway_connector_failed_tasks", connectorLabel)).isZero();
                assertThat(value(samples, "spillway_connector_slot_active", connectorLabel)).isEqualTo(1);
                assertThat(value(samples, "spillway_connector_slot_retained_wal_bytes", connectorLabel))
                        .isGreaterThanOrEqualTo(0);
                assertThat(value(samples, "spillway_connect_up")).isEqualTo(1);
            });

            List<Sample> samples = scrape();
            Set<String> exported = new TreeSet<>();
            samples.forEach(s -> exported.add(s.name()));
            assertThat(namedByObservability()).as("metrics the dashboard and the alert rules use").isNotEmpty()
                    .allSatisfy(name -> assertThat(exported).as("exported metric names").contains(name));
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumer, null);
            api.delete("/connection/delete?connection_id=metrics-" + suffix);
            api.delete("/debezium/connector/" + connector + "/delete/");
        }
    }

    /** Every metric name in the dashboard's queries and the rules' expressions, histogram series included. */
    private static Set<String> namedByObservability() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String file : List.of("grafana-dashboard.json", "prometheus-rules.yml")) {
            Matcher matcher = METRIC_NAME.matcher(Files.readString(OBSERVABILITY.resolve(file)));
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private List<Sample> scrape() {
        Api.Response response = api().get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher matcher = SAMPLE.matcher(line);
            if (!line.startsWith("#") && matcher.matches()) {
                samples.add(new Sample(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2),
                        Double.parseDouble(matcher.group(3))));
            }
        }
        return samples;
    }

    /** The value of the one sample of {@code name} whose labels hold every one of {@code labels}. */
    private static double value(List<Sample> samples, String name, String... labels) {
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> List.of(labels).stream().allMatch(s.labels()::contains)).toList();
        assertThat(matching).as("%s with %s", name, List.of(labels)).hasSize(1);
        return matching.get(0).value();
    }

    private void produceMalformed(String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "{\"id\":1}".getBytes(StandardCharsets.UTF_8),
                    "this is not a Debezium envelope".getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
