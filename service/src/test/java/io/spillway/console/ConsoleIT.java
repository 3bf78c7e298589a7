package io.spillway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.PostgresServer;
import io.spillway.support.Api;
import io.spillway.support.Person12Capture;
import io.spillway.support.Browser;
import io.spillway.support.StackIT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's console in headless Chromium against the real stack: a pipeline started from its form runs,
 * its window bar moves on the overview, runs appear, and the pipeline page triggers and stops it; a connection
 * is created and tested from its form; a connector whose task FAILED is restarted from its row; the API's
 * detail shows when a form is refused.
 */
class ConsoleIT extends StackIT {
    private static final Path IMAGES = Path.of("..", "docs", "images");

    @Test
    void aBrowserGetsTheConsoleAndJsonClientsKeepTheJson() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Spillway console</title>", "/console/app.js");

        for (String accept : new String[] {"application/json", "*/*"}) {
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.headers().firstValue("Content-Type").orElse("")).as(accept).startsWith("application/json");
            assertThat(json.body()).as(accept).contains("\"service\":\"spillway\"");
        }
        assertThat(api().get("/console/api.js").body()).contains("X-Requested-With");
    }

    @Test
    void aPipelineStartedFromItsFormRunsAndIsSteeredFromTheConsole() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String consumer = "console-" + suffix;
        String connector = "console-connector-" + suffix;
        String connection = "console-target-" + suffix;
        Api api = api();
        Api.Response started = api.post("/debezium/start/",
                Person12Capture.request(connector, stack.postgres().port(), "console", suffix));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        Api.Response target = api.post("/connection/create", """
                {"connection_id": "%s", "type": "postgres", "jdbc_url": "%s", "username": "warehouse",
                 "password": "%s", "schema": "console_%s"}"""
                .formatted(connection, stack.postgres().jdbcUrl("warehouse"), PostgresServer.TARGET_PASSWORD, suffix));
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        try (Browser browser = Browser.start()) {
            browser.open("http://localhost:" + port + "/#/pipelines");
            fillConsumer(browser, consumer, "console" + suffix + ".public.person12", "no-such-connection-" + suffix);
            browser.submit("consumer");
            String refused = browser.awaitText("form[data-form='consumer'] .status.failed", "✗");
            assertThat(refused).as("the API's detail for an unknown connection").contains("no-such-connection-" + suffix);

            browser.fill("consumer", "connection_id", connection);
            browser.submit("consumer");
            browser.awaitText("form[data-form='consumer'] .status.ok", "consumer " + consumer + " started");

            browser.open("http://localhost:" + port + "/#/overview");
            browser.awaitText("#overview-pipelines", consumer);
            browser.awaitText("#overview-connectors", connector);
            Person12Capture.awaitStreaming("console", suffix);
            browser.awaitText("#overview-pipelines", "RUNNING");
            insertRows(3, suffix);
            String changesBar = "progress[aria-label='" + consumer + ": changes in the open window toward max_event']";
            browser.await("the window bar at 3 of 5", d ->
                    "3".equals(d.findElement(By.cssSelector(changesBar)).getDomAttribute("data-value")));
            String ageBar = "progress[aria-label='" + consumer + ": age of the open window toward max_time']";
            browser.await("the window's age bar moving", d ->
                    Double.parseDouble(d.findElement(By.cssSelector(ageBar)).getDomAttribute("data-value")) > 0);

            insertRows(2, suffix); // the fifth change closes the window by count
            browser.awaitText("#overview-pipelines", "count, 5 changes");
            browser.awaitText("#overview-pipelines", "SUCCEEDED");

            insertRows(2, suffix);
            browser.await("the next window's bar at 2", d ->
                    "2".equals(d.findElement(By.cssSelector(changesBar)).getDomAttribute("data-value")));
            browser.screenshot(IMAGES.resolve("console-overview.png"), 700);
            browser.driver().manage().window().setSize(new Dimension(480, 900));
            browser.await("the overview reflowed into a narrow window, no sideways scrolling", d -> (Boolean)
                    browser.script("return document.documentElement.scrollWidth <= window.innerWidth"));
            browser.driver().manage().window().setSize(new Dimension(1280, 1000));

            browser.find("a[data-consumer='" + consumer + "']").click();
            browser.awaitText("#pipeline-runs", "1 runs recorded");
            browser.await("the pipeline page's window bar at 2", d -> "2".equals(d.findElement(
                    By.cssSelector("#pipeline-state progress")).getDomAttribute("data-value")));
            browser.clickButton("Trigger window now");
            browser.awaitText(".actions + .status.ok", "closed");
            browser.awaitText("#pipeline-runs", "2 runs recorded");
            assertThat(browser.awaitText("#pipeline-runs table", "manual")).contains("count", "SUCCEEDED");
            assertThat(browser.find("#pipeline-runs svg title").getDomProperty("textContent"))
                    .contains("Changes and duration");
            browser.screenshot(IMAGES.resolve("console-pipeline.png"), 1700);

            browser.clickButton("Stop consumer");
            browser.driver().switchTo().alert().accept();
            browser.awaitText(".actions + .status.ok", "stopped");
            assertThat(api.get("/consumer/info/" + consumer).status()).isEqualTo(404);
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumer, null);
            api.delete("/connection/delete?connection_id=" + connection);
            api.delete("/debezium/connector/" + connector + "/delete/");
        }
    }

    @Test
    void aDeadLetterIsListedWithWhyAndSentBackFromItsPage() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String consumer = "console-dlq-" + suffix;
        String topic = "console-dlq-" + suffix;
        String connection = "console-dlq-target-" + suffix;
        Api api = api();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        assertThat(api.post("/connection/create", """
                {"connection_id": "%s", "type": "postgres", "jdbc_url": "%s", "username": "warehouse",
                 "password": "%s"}""".formatted(connection, stack.postgres().jdbcUrl("warehouse"),
                PostgresServer.TARGET_PASSWORD)).status()).isEqualTo(201);
        try {
            Api.Response started = api.post("/consumer/start", """
                    {"consumer_id": "%s", "kafka_topic": "%s", "pipeline_name": "console dlq %s",
                     "connection_id": "%s", "max_event": 10, "max_time": 60, "job_type": "sync",
                     "auto_offset_reset": "earliest"}""".formatted(consumer, topic, suffix, connection));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                        "not a change event".getBytes(StandardCharsets.UTF_8))).get();
            }
            await("the record dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/consumer/dead-letters/" + consumer).body().contains("not a change event"));

            try (Browser browser = Browser.start()) {
                browser.open("http://localhost:" + port + "/#/dead-letters");
                browser.find("a[href='#/dead-letters/" + consumer + "']").click();
                assertThat(browser.awaitText("#dead-letters table", "not a change event")).contains(topic + ".dlq/0/0");
                browser.clickButton("Send selected back");
                browser.awaitText(".actions + .status.failed", "choose letters first");
                browser.find("input[data-letter='" + topic + ".dlq/0/0']").click();
                browser.clickButton("Send selected back");
                browser.driver().switchTo().alert().accept();
                assertThat(browser.awaitText(".actions + .status.ok", "sent back")).contains("1 sent back",
                        topic + ".dlq/0/0: replayed");
                browser.awaitText("#dead-letters table", "REPLAYED");
            }
            // Sent back, the same record is refused again: a second letter, the first marked replayed.
            await("the replayed record dead-lettered again").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() ->
                            api.get("/consumer/dead-letters/" + consumer).body().split("not a change event").length == 3);
        } finally {
            api.post("/consumer/stop?consumer_id=" + consumer, null);
            api.delete("/connection/delete?connection_id=" + connection);
        }
    }

    @Test
    void aConnectionIsCreatedAndTestedFromItsFormAndARefusalShowsTheApiDetail() {
        String id = "console-conn-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.start()) {
            browser.open("http://localhost:" + port + "/#/connections");
            browser.fill("connection-postgres", "connection_id", id);
            browser.fill("connection-postgres", "jdbc_url", "mysql://localhost/warehouse");
            browser.fill("connection-postgres", "password", PostgresServer.TARGET_PASSWORD);
            browser.submit("connection-postgres");
            String refused = browser.awaitText("form[data-form='connection-postgres'] .status.failed", "✗");
            assertThat(refused).contains("jdbc:postgresql://");

            browser.fill("connection-postgres", "jdbc_url", stack.postgres().jdbcUrl("warehouse"));
            browser.submit("connection-postgres");
            browser.awaitText("form[data-form='connection-postgres'] .status.ok", "connection " + id + " created");
            browser.awaitText("main table", id);
            browser.clickButton("Test " + id);
            assertThat(browser.awaitText("main > .status", id + ": ")).contains("reachable").doesNotContain("NOT");
        } finally {
            api().delete("/connection/delete?connection_id=" + id);
        }
    }

    @Test
    void topicsAndConnectorsAreCreatedChangedAndDeletedFromTheirPages() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "console-topic-" + suffix;
        String connector = "console-form-" + suffix;
        try (Browser browser = Browser.start()) {
            browser.open("http://localhost:" + port + "/#/topics");
            browser.fill("topic-create", "topic_name", topic);
            browser.fill("topic-create", "num_partitions", "2");
            browser.submit("topic-create");
            browser.awaitText("form[data-form='topic-create'] .status.ok", "topic " + topic + " created");
            browser.fill("topic-update", "topic_name", topic);
            browser.fill("topic-update", "retention_ms", "259200000");
            browser.submit("topic-update");
            browser.awaitText("form[data-form='topic-update'] .status.ok", "updated");
            assertThat(browser.awaitText("main dl", "259200000")).contains("Partitions", "2");
            browser.fill("topic-update", "retention_ms", "-5");
            browser.submit("topic-update");
            assertThat(browser.awaitText("form[data-form='topic-update'] .status.failed", "✗"))
                    .contains("retention_ms");
            browser.clickButton("Delete " + topic);
            browser.driver().switchTo().alert().accept();
            browser.awaitText("main > .status.ok", "topic " + topic + " deleted");
            browser.await("the topic gone from the list", d ->
                    !d.findElement(By.cssSelector("main table")).getText().contains(topic));

            browser.open("http://localhost:" + port + "/#/connectors");
            browser.fill("connector", "name", connector);
            browser.fill("connector", "database_port", String.valueOf(stack.postgres().port()));
            browser.fill("connector", "database_password", "password");
            browser.fill("connector", "topic_prefix", "consoleform" + suffix);
            browser.fill("connector", "snapshot_mode", "no_data");
            browser.fill("connector", "slot_name", "slot_form_" + suffix);
            browser.fill("connector", "publication_name", "pub_form_" + suffix);
            // No such publication, and Debezium may not create it: the task FAILS, and the row offers a restart.
            browser.fill("connector", "publication_autocreate_mode", "disabled");
            browser.submit("connector");
            browser.awaitText("form[data-form='connector'] .status.ok", "connector " + connector + " created");
            browser.awaitText("main table", connector);
            String restart = "//button[normalize-space()='Restart " + connector + "']";
            browser.await("a Restart button once the task FAILED", d -> !d.findElements(By.xpath(restart)).isEmpty());
            sourceSql("CREATE PUBLICATION pub_form_" + suffix + " FOR TABLE public.person12");
            browser.clickButton("Restart " + connector);
            browser.awaitText("main > .status.ok", "restart of " + connector + " asked");
            await("the task RUNNING after the restart").atMost(Duration.ofSeconds(60)).until(() -> "RUNNING".equals(
                    JsonMapper.builder().build().readTree(api().get("/debezium/connector/" + connector + "/info/").body())
                            .path("tasks").path(0).path("state").asString()));
            browser.await("the Restart button gone", d -> d.findElements(By.xpath(restart)).isEmpty());
            browser.clickButton("Details of " + connector);
            assertThat(browser.awaitText("main dl", "database.password")).contains("****")
                    .doesNotContain("database.password\npassword");
            browser.clickButton("Delete " + connector);
            browser.driver().switchTo().alert().accept();
            browser.awaitText("main > .status.ok", "connector " + connector + " deleted");
            assertThat(api().get("/debezium/connector/" + connector + "/info/").status()).isEqualTo(404);
        } finally {
            api().delete("/topic/delete?topic_name=" + topic);
            api().delete("/debezium/connector/" + connector + "/delete/");
            sourceSql("DROP PUBLICATION IF EXISTS pub_form_" + suffix,
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'slot_form_"
                            + suffix + "' AND NOT active");
        }
    }

    private static void sourceSql(String... statements) {
        try (Connection c = stack.postgres().superuser(PostgresServer.SOURCE_DB); Statement sql = c.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fillConsumer(Browser browser, String consumer, String topic, String connection) {
        browser.fill("consumer", "consumer_id", consumer);
        browser.fill("consumer", "kafka_topic", topic);
        browser.fill("consumer", "pipeline_name", "console " + consumer);
        browser.fill("consumer", "connection_id", connection);
        browser.fill("consumer", "max_event", "5");
        browser.fill("consumer", "max_time", "3600");
        browser.fill("consumer", "job_type", "sync");
        browser.fill("consumer", "auto_offset_reset", "earliest");
    }

    private static void insertRows(int count, String suffix) throws Exception {
        try (Connection source = DriverManager.getConnection(stack.postgres().jdbcUrl("mydatabase"), "debezium",
                "password"); Statement sql = source.createStatement()) {
            for (int i = 0; i < count; i++) {
                sql.executeUpdate("INSERT INTO person12 (name, email, age) VALUES ('console " + suffix + "', 'c"
                        + i + "@example.com', " + i + ")");
            }
        }
    }
}
