package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.spillway.support.StackIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The one IT with an API key set (a second Spring context): keep every key-dependent check here. */
@TestPropertySource(properties = "spillway.api-key=" + ApiKeyIT.KEY)
class ApiKeyIT extends StackIT {
    static final String KEY = "it-key-5f0c2a";

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
                "/health/consumer"}) {
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
                "/health/%2e%2e/connection/list"}) {
            Api.Response response = api().get(path);
            assertThat(response.status()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("connection_id");
        }
    }
}
