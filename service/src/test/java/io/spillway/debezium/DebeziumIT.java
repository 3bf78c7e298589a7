package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed's Debezium endpoints against the real Kafka Connect worker and PostgreSQL. */
class DebeziumIT extends StackIT {
    static final JsonMapper json = JsonMapper.builder().build();
    private final List<String[]> created = new ArrayList<>();

    String seedConnector(String name, String user, String password) {
        String suffix = name.replace('-', '_');
        if (suffix.matches("[A-Za-z0-9_.]+") && !suffix.contains("..")) {
            created.add(new String[] {name, SeedConnector.slot(name), SeedConnector.publication(name)});
        }
        return SeedConnector.request(name, stack.postgres().port(), user, password);
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonNode body(Api.Response response) {
        return json.readTree(response.body());
    }

    @AfterEach
    void deleteConnectorsAndTheirSlots() throws Exception {
        for (String[] c : created) {
            api().delete("/debezium/connector/" + c[0] + "/delete/");
            dropSlotAndPublication(c[1], c[2]);
        }
    }

    @Test
    void theSeedExampleStartsAConnectorWhoseInfoShowsRunningTasks() {
        String name = uniqueName("seed-it");
        Api.Response started = api().post("/debezium/start/", seedConnector(name, "debezium", "password"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode config = body(started).path("config");
        assertThat(config.path("connector.class").asString())
                .isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(config.path("database.hostname").asString()).isEqualTo("localhost");
        assertThat(config.path("schema.include.list").asString()).isEqualTo("public");
        assertThat(config.path("publication.autocreate.mode").asString()).isEqualTo("filtered");
        assertThat(config.path("heartbeat.interval.ms").asString()).isEqualTo("10000");
        assertThat(config.path("producer.override.compression.type").asString()).as("the topics' compression")
                .isEqualTo("zstd");
        assertThat(config.path("database.password").asString()).isEqualTo("****");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Api.Response info = api().get("/debezium/connector/" + name + "/info/");
            assertThat(info.status()).isEqualTo(200);
            JsonNode details = body(info);
            assertThat(details.path("state").asString()).isEqualTo("RUNNING");
            assertThat(details.path("tasks").size()).isEqualTo(1);
            assertThat(details.path("tasks").get(0).path("state").asString()).isEqualTo("RUNNING");
        });
        Api.Response info = api().get("/debezium/connector/" + name + "/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(body(info).path("config").path("database.password").asString()).isEqualTo("****");
        assertThat(body(info).path("connector_class").asString()).endsWith("PostgresConnector");

        Api.Response list = api().get("/debezium/list/");
        assertThat(list.status()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode connector : body(list)) {
            if (connector.path("name").asString().equals(name)) {
                mine = connector;
            }
        }
        assertThat(mine).as(list.body()).isNotNull();
        assertThat(mine.path("state").asString()).isEqualTo("RUNNING");
        assertThat(mine.path("tasks").get(0).path("state").asString()).isEqualTo("RUNNING");
        assertThat(api().get("/debezium/list").status()).isEqualTo(200);

        Api.Response again = api().post("/debezium/start/", seedConnector(name, "debezium", "password"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(body(again).path("detail").asString()).contains(name).contains("already exists");

        assertThat(api().delete("/debezium/connector/" + name + "/delete/").status()).isEqualTo(204);
        assertThat(api().get("/debezium/connector/" + name + "/info/").status()).isEqualTo(404);
        Api.Response deletedAgain = api().delete("/debezium/connector/" + name + "/delete/");
        assertThat(deletedAgain.status()).isEqualTo(404);
        assertThat(body(deletedAgain).path("detail").asString()).contains(name);
    }

    @Test
    void unknownConnectorsAre404() {
        String name = uniqueName("absent");
        Api.Response info = api().get("/debezium/connector/" + name + "/info/");
        assertThat(info.status()).isEqualTo(404);
        assertThat(info.contentType()).startsWith("application/problem+json");
        assertThat(api().delete("/debezium/connector/" + name + "/delete/").status()).isEqualTo(404);
        assertThat(api().delete("/debezium/connector/" + name + "/delete").status()).isEqualTo(404);
    }

    @Test
    void aWrongSnapshotModeIs400NamingTheField() {
        String name = uniqueName("bad-config");
        String request = seedConnector(name, "debezium", "password").replace("\"initial\"", "\"sometimes\"");
        Api.Response response = api().post("/debezium/start/", request);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(body(response).path("detail").asString()).contains("snapshot_mode").contains("snapshot.mode");
        assertThat(api().get("/debezium/connector/" + name + "/info/").status()).isEqualTo(404);
    }

    @Test
    void anInstalledButNotAllowedClassAndAClientOverrideKeyAre400AndNothingIsCreated() {
        String sinkName = uniqueName("sink");
        Api.Response sink = api().post("/debezium/start/", """
                {"name": "%s", "config": {"connector_class": "io.debezium.connector.jdbc.JdbcSinkConnector",
                 "topics_regex": ".*", "connection_url": "jdbc:postgresql://localhost:1/x"}}""".formatted(sinkName));
        assertThat(sink.status()).as(sink.body()).isEqualTo(400);
        assertThat(body(sink).path("detail").asString()).contains("JdbcSinkConnector").contains("not allowed");
        assertThat(api().get("/debezium/connector/" + sinkName + "/info/").status()).isEqualTo(404);

        String name = uniqueName("override");
        String request = seedConnector(name, "debezium", "password").replace("\"config\": {",
                "\"config\": {\"producer.override.bootstrap.servers\": \"localhost:1\", ");
        Api.Response override = api().post("/debezium/start/", request);
        assertThat(override.status()).as(override.body()).isEqualTo(400);
        assertThat(body(override).path("detail").asString()).contains("producer.override.bootstrap.servers");
        assertThat(api().get("/debezium/connector/" + name + "/info/").status()).isEqualTo(404);
    }

    @Test
    void anUnknownConnectorClassIs400ListingTheInstalledPlugins() {
        String request = seedConnector(uniqueName("no-class"), "debezium", "password")
                .replace("io.debezium.connector.postgresql.PostgresConnector", "com.example.NoSuchConnector");
        Api.Response response = api().post("/debezium/start/", request);
        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).path("detail").asString()).contains("com.example.NoSuchConnector")
                .contains("io.debezium.connector.postgresql.PostgresConnector");
    }

    @Test
    void unsafeConnectorNamesAre400BeforeReachingConnect() {
        for (String name : List.of("../connectors", "a/b", "", "a b", "x".repeat(250))) {
            Api.Response response = api().post("/debezium/start/", seedConnector(name, "debezium", "password"));
            assertThat(response.status()).as(name).isEqualTo(400);
        }
        for (String path : List.of("a%2Fb", "..%2Fconnectors", "a..b", "%2E%2E", "a%20b")) {
            Api.Response info = api().get("/debezium/connector/" + path + "/info/");
            assertThat(info.status()).as(path).isEqualTo(400);
            assertThat(info.contentType()).as(path).startsWith("application/problem+json");
            assertThat(api().delete("/debezium/connector/" + path + "/delete/").status()).as(path).isEqualTo(400);
        }
    }

    @Test
    void missingNameOrConfigIs422AndUnknownFieldsAre400() {
        assertThat(api().post("/debezium/start/", "{\"config\": {\"connector_class\": \"x\"}}").status())
                .isEqualTo(422);
        assertThat(api().post("/debezium/start/", "{\"name\": \"x\"}").status()).isEqualTo(422);
        assertThat(api().post("/debezium/start/", "{\"name\": \"x\", \"config\": {}, \"extra\": 1}").status())
                .isEqualTo(400);
        assertThat(api().post("/debezium/start/", "{\"name\": \"x\", \"config\": {\"tasks_max\": \"1\"}}").status())
                .isEqualTo(400);
    }

    static void dropSlotAndPublication(String slot, String publication) throws Exception {
        try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (var rs = sql.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '"
                        + slot + "'")) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            });
            sql.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "'");
            sql.execute("DROP PUBLICATION IF EXISTS \"" + publication + "\"");
        }
    }
}
