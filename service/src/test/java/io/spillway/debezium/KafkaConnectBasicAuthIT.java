package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.devstack.Devstack;
import io.spillway.devstack.JsonRest;
import io.spillway.devstack.SharedDevstack;
import io.spillway.support.Api;
import io.spillway.support.SecuredConnect;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service pointed at a Kafka Connect worker that demands HTTP basic auth, with the right user and
 * password in DEBEZIUM_CONNECTOR_URL's user info: it starts a connector and lists it, and the password
 * shows in no response and no log line. (A Redis database of its own: no other test's consumers run here.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class KafkaConnectBasicAuthIT {
    private static final Devstack stack = SharedDevstack.get();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void securedConnect(DynamicPropertyRegistry registry) {
        registry.add("spillway.kafka-broker", () -> stack.kafka().bootstrapServers());
        registry.add("spillway.redis-url", () -> stack.redis().url() + "/6");
        registry.add("spillway.debezium-connector-url", SecuredConnect::urlWithCredentials);
    }

    @Test
    void withTheRightCredentialsTheServiceStartsAConnectorAndListsIt(CapturedOutput output) throws Exception {
        // The worker really demands them: without, Connect itself answers 401.
        assertThat(new JsonRest(SecuredConnect.get().url()).tryGet("/connectors").status()).isEqualTo(401);

        Api api = new Api("http://localhost:" + port);
        String name = "auth-it-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Api.Response started = api.post("/debezium/start/",
                    SeedConnector.request(name, stack.postgres().port(), "debezium", "password"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Api.Response list = api.get("/debezium/list/");
                assertThat(list.status()).as(list.body()).isEqualTo(200);
                assertThat(list.body()).contains(name).contains("RUNNING");
            });
            Api.Response health = api.get("/health/debezium");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            for (String body : new String[] {started.body(), health.body(), api.get("/debezium/list/").body(),
                    output.getAll()}) {
                assertThat(body).doesNotContain(SecuredConnect.PASSWORD)
                        .doesNotContain(URLEncoder.encode(SecuredConnect.PASSWORD, StandardCharsets.UTF_8));
            }
        } finally {
            api.delete("/debezium/connector/" + name + "/delete/");
            DebeziumIT.dropSlotAndPublication(SeedConnector.slot(name), SeedConnector.publication(name));
        }
    }
}
