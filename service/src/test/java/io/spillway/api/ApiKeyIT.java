package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.devstack.PostgresServer;
import io.spillway.redis.Redis;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The one IT with an API key set (a second Spring context): keep every key-dependent check here, and the
 * other settings a test needs changed (secret key, consumer limit).
 */
@TestPropertySource(properties = {"spillway.api-key=" + ApiKeyIT.KEY,
        "spillway.secret-key=" + ApiKeyIT.SECRET_KEY, "spillway.consumer.max-per-instance=2"})
class ApiKeyIT extends StackIT {
    static final String KEY = "it-key-5f0c2a";
    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Autowired
    Redis redis;

    @Test
    void anInstanceRefusesConsumersPastItsLimitWithA409() {
        Api keyed = api().header("X-API-Key", KEY);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String connection = "limit-" + suffix;
        assertThat(keyed.post("/connection/create", """
                {"connection_id":"%s","type":"postgres","jdbc_url":"jdbc:postgresql://localhost:%d/warehouse",
                 "username":"warehouse","password":"%s"}""".formatted(connection, stack.postgres().port(),
                PostgresServer.TARGET_PASSWORD)).status()).isEqualTo(201);
        try {
            for (int i = 1; i <= 3; i++) {
                Api.Response started = keyed.post("/consumer/start", """
                        {"consumer_id":"limit-%s-%d","kafka_topic":"limit.%s","pipeline_name":"limit %s %d",
                         "connection_id":"%s","max_event":10,"max_time":60,"job_type":"sync",
                         "auto_offset_reset":"latest"}""".formatted(suffix, i, suffix, suffix, i, connection));
                if (i <= 2) {
                    assertThat(started.status()).as(started.body()).isEqualTo(201);
                } else {
                    assertThat(started.status()).isEqualTo(409);
                    assertThat(started.contentType()).startsWith("application/problem+json");
                    assertThat(started.body()).contains("max-per-instance");
                }
            }
        } finally {
            for (int i = 1; i <= 3; i++) {
                keyed.post("/consumer/stop?consumer_id=limit-" + suffix + "-" + i, null);
            }
            keyed.delete("/connection/delete?connection_id=" + connection);
        }
    }

    @Test
    void withASecretKeyRedisHoldsNoConnectionSecretAndTheServiceStillUsesThem() {
        String id = "sealed-" + UUID.randomUUID().toString().substring(0, 8);
        String password = PostgresServer.TARGET_PASSWORD;
        Api.Response created = api().header("X-API-Key", KEY).post("/connection/create", """
                {"connection_id":"%s","type":"postgres","jdbc_url":"jdbc:postgresql://localhost:%d/warehouse",
                 "username":"warehouse","password":"%s"}""".formatted(id, stack.postgres().port(), password));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        try {
            String stored = redis.call(cmds -> cmds.get("spillway:connection:" + id));
            assertThat(stored).startsWith("enc:v1:").doesNotContain(password).doesNotContain("jdbc:");
            Api.Response tested = api().header("X-API-Key", KEY).post("/connection/test?connection_id=" + id, null);
            assertThat(tested.body()).as("the service decrypts what it stored").contains("\"ok\":true");
        } finally {
            api().header("X-API-Key", KEY).delete("/connection/delete?connection_id=" + id);
        }
    }

    @Test
    void missingOrWrongKeyIs401Problem() {
        Api.Response missing = api().get("/connection/list");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body()).contains("X-API-Key").doesNotContain(KEY);

        Api.Response wrong = api().header("X-API-Key", "nope").get("/connection/list");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("wrong").doesNotContain(KEY);

        assertThat(api().post("/connection/create", "{}").status()).isEqualTo(401);
        assertThat(api().get("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    void keyWorksAsHeaderOrBearer() {
        assertThat(api().header("X-API-Key", KEY).get("/connection/list").status()).isEqualTo(200);
        assertThat(api().header("Authorization", "Bearer " + KEY).get("/connection/list").status()).isEqualTo(200);
        assertThat(api().header("Authorization", "Bearer " + KEY).get("/actuator/prometheus").status())
                .isEqualTo(200);
    }

    @Test
    void healthDocsAndProbesNeedNoKey() {
        assertThat(api().get("/health/redis").status()).isEqualTo(200);
        assertThat(api().get("/health").status()).isIn(200, 503);
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().get("/openapi.json").status()).isEqualTo(200);
        assertThat(api().get("/openapi.json/swagger-config").status()).isEqualTo(200);
        assertThat(swaggerUiPage()).isEqualTo(200);
    }

    @Test
    void anonymousHealthAnswersStatusWordsOnlyAndTheKeyShowsTheDetails() {
        for (String path : new String[] {"/health", "/health/redis", "/health/kafka", "/health/debezium",
                "/health/consumer", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Response anonymous = api().get(path);
            assertThat(anonymous.body()).as(path).contains("\"status\":").doesNotContain("details", "error",
                    "localhost", "127.0.0.1", String.valueOf(stack.redis().port()), "bootstrap");
        }
        assertThat(api().header("X-API-Key", KEY).get("/health/redis").body()).contains("\"details\"",
                "\"location\"");
        assertThat(api().header("X-API-Key", "wrong").get("/health/kafka").body()).doesNotContain("details");
    }

    /** Follows /docs to the Swagger UI page, wherever springdoc puts it, without a key. */
    private int swaggerUiPage() {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/docs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).containsIgnoringCase("swagger");
            return page.statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dotSegmentsThroughAnOpenPathDoNotSkipTheKey() {
        for (String path : new String[] {"/health/../connection/list", "/docs/..;/connection/list",
                "/health/%2e%2e/connection/list", "/console/../connection/list",
                "/console/%2e%2e/connection/list"}) {
            Api.Response response = api().get(path);
            assertThat(response.status()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("connection_id");
        }
    }
}
