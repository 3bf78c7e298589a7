package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.UpstreamFailureException;
import io.spillway.devstack.Devstack;
import io.spillway.devstack.SharedDevstack;
import io.spillway.support.Api;
import io.spillway.support.SecuredConnect;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service pointed at a Kafka Connect worker that demands HTTP basic auth, with a wrong password in
 * DEBEZIUM_CONNECT_USERNAME/PASSWORD: every Debezium call is a 502 problem saying authentication to Kafka
 * Connect failed and what to set, the health check is DOWN saying the same, and nothing echoes the password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaConnectAuthRefusedIT {
    private static final Devstack stack = SharedDevstack.get();
    private static final String WRONG_PASSWORD = "not-" + SecuredConnect.PASSWORD;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void securedConnectWithAWrongPassword(DynamicPropertyRegistry registry) {
        registry.add("spillway.kafka-broker", () -> stack.kafka().bootstrapServers());
        registry.add("spillway.redis-url", () -> stack.redis().url() + "/7");
        registry.add("spillway.debezium-connector-url", () -> SecuredConnect.get().url() + "/connectors");
        registry.add("spillway.kafka-connect.username", () -> SecuredConnect.USER);
        registry.add("spillway.kafka-connect.password", () -> WRONG_PASSWORD);
    }

    @Test
    void wrongCredentialsAreA502ThatSaysAuthenticationFailedAndEchoesNothing() {
        Api api = new Api("http://localhost:" + port);
        Api.Response list = api.get("/debezium/list/");
        Api.Response start = api.post("/debezium/start/",
                SeedConnector.request("refused-it", stack.postgres().port(), "debezium", "password"));
        for (Api.Response refused : new Api.Response[] {list, start}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(502);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("authentication to Kafka Connect at " + SecuredConnect.get().url()
                    + " failed (HTTP 401)").contains("refused the configured credentials")
                    .contains("DEBEZIUM_CONNECT_PASSWORD").doesNotContain(WRONG_PASSWORD);
        }
        Api.Response health = api.get("/health/debezium");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN").contains("authentication to Kafka Connect")
                .doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void noCredentialsAreRefusedSayingThatNoneWereSent() {
        ConnectClient anonymous = new ConnectClient(SecuredConnect.get().url(), Duration.ofSeconds(3),
                Duration.ofSeconds(30));
        assertThatThrownBy(anonymous::connectors).isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("failed (HTTP 401)").hasMessageContaining("sends no credentials")
                .satisfies(e -> assertThat(((UpstreamFailureException) e).status()).isEqualTo(HttpStatus.BAD_GATEWAY));
    }
}
