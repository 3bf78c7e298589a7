package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.health.HealthCheck;
import io.spillway.health.ServiceHealth;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A connector whose role has a password found nowhere else: no response of any Debezium endpoint, nor the
 * health check, may contain it. The same connector's slot shows its retained WAL in the health check.
 */
class DebeziumSecretsAndHealthIT extends StackIT {
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String role = "dbz_it_" + suffix;
    private final String password = "Pw-" + UUID.randomUUID();
    private final String name = "secret-it-" + suffix;
    private final List<Api.Response> responses = new ArrayList<>();

    @Autowired
    List<HealthCheck> healthChecks;

    @BeforeEach
    void createRoleWithItsOwnPassword() throws Exception {
        try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN REPLICATION PASSWORD '" + password + "'");
            // Membership in the table's owner lets the role create the filtered publication on person12.
            sql.execute("GRANT debezium TO " + role);
        }
    }

    @AfterEach
    void dropConnectorSlotAndRole() throws Exception {
        api().delete("/debezium/connector/" + name + "/delete/");
        DebeziumIT.dropSlotAndPublication(SeedConnector.slot(name), SeedConnector.publication(name));
        try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            sql.execute("DROP OWNED BY " + role);
            sql.execute("DROP ROLE " + role);
        }
    }

    private Api.Response call(Api.Response response) {
        responses.add(response);
        return response;
    }

    @Test
    void noDebeziumResponseContainsThePasswordAndHealthShowsTheSlotsRetainedWal() {
        String request = SeedConnector.request(name, stack.postgres().port(), role, password);
        assertThat(call(api().post("/debezium/start/", request)).status()).isEqualTo(201);
        assertThat(call(api().post("/debezium/start/", request)).status()).isEqualTo(409);
        String badConfig = request.replace(name, name + "-bad").replace("\"initial\"", "\"sometimes\"");
        assertThat(call(api().post("/debezium/start/", badConfig)).status()).isEqualTo(400);
        String wrongPort = request.replace(name, name + "-port")
                .replace("\"" + stack.postgres().port() + "\"", "\"1\"");
        assertThat(call(api().post("/debezium/start/", wrongPort)).status()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Api.Response info = call(api().get("/debezium/connector/" + name + "/info/"));
            assertThat(DebeziumIT.body(info).path("tasks").path(0).path("state").asString()).isEqualTo("RUNNING");
        });
        call(api().get("/debezium/list/"));

        HealthCheck debezium = healthChecks.stream().filter(h -> h.service().equals("debezium")).findFirst()
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ServiceHealth health = debezium.check();
            assertThat(health.toString()).doesNotContain(password);
            Map<?, ?> connectors = (Map<?, ?>) health.details().get("connectors");
            Map<?, ?> mine = (Map<?, ?>) connectors.get(name);
            assertThat(mine).as(health.toString()).isNotNull();
            assertThat(mine.get("state")).isEqualTo("RUNNING");
            Map<?, ?> slot = (Map<?, ?>) mine.get("replication_slot");
            assertThat(slot.get("slot_name")).isEqualTo(SeedConnector.slot(name));
            assertThat(slot.get("active")).isEqualTo(true);
            assertThat(slot.get("retained_wal_bytes")).isInstanceOf(Long.class);
            assertThat((Long) slot.get("retained_wal_bytes")).isGreaterThanOrEqualTo(0L);
        });

        assertThat(call(api().delete("/debezium/connector/" + name + "/delete/")).status()).isEqualTo(204);
        call(api().get("/debezium/connector/" + name + "/info/"));
        for (Api.Response response : responses) {
            assertThat(response.body()).as("a response").doesNotContain(password);
        }
        JsonNode infoBeforeDelete = DebeziumIT.body(responses.stream()
                .filter(r -> r.status() == 200 && r.body().contains("\"config\"")).findFirst().orElseThrow());
        assertThat(infoBeforeDelete.path("config").path("database.password").asString()).isEqualTo("****");
    }
}
