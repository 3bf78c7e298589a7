package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, a bad body is a 4xx problem response that says what to fix, never a 500. */
class RequestErrorsIT extends StackIT {
    private Api.Response create(String body) {
        Api.Response response = api().post("/connection/create", body);
        assertThat(response.status()).as(response.body()).isIn(400, 422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response;
    }

    @Test
    void aBodyPastTheLimitIs413WhetherItsLengthIsKnownOrChunked() throws Exception {
        String big = "{\"connection_id\":\"big\",\"type\":\"http\",\"url\":\"https://x.io\",\"body_template\":\""
                + "x".repeat(2 << 20) + "\"}";
        Api.Response sized = api().post("/connection/create", big);
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.contentType()).startsWith("application/problem+json");
        assertThat(sized.body()).contains("spillway.max-request-bytes");

        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/connection/create"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("spillway.max-request-bytes");
    }

    @Test
    void aBodyTemplatePastItsLimitIs400SayingTheLimit() {
        String body = "{\"connection_id\":\"tpl\",\"type\":\"http\",\"url\":\"https://x.io\",\"body_template\":\""
                + "x".repeat(70_000) + "\"}";
        assertThat(create(body).body()).contains("body_template").contains("65536");
    }

    @Test
    void malformedJson() {
        assertThat(create("{\"connection_id\": \"x\", ").body()).contains("not valid JSON");
    }

    @Test
    void wrongTypeNamesTheField() {
        assertThat(create("""
                {"connection_id":"x","type":"http","url":"https://x.io","timeout_ms":"soon"}""").body())
                .contains("timeout_ms");
        assertThat(create("""
                {"connection_id":"x","type":"http","url":"https://x.io","headers":["a"]}""").body())
                .contains("headers");
    }

    @Test
    void missingFieldNamesTheField() {
        assertThat(create("{\"connection_id\":\"x\",\"type\":\"postgres\",\"username\":\"u\"}").body())
                .contains("jdbc_url is missing");
    }

    @Test
    void unknownFieldIsRejectedNotIgnored() {
        assertThat(create("""
                {"connection_id":"x","type":"redis","url":"redis://h","ttl":5}""").body())
                .contains("unknown field 'ttl'", "key_prefix");
    }

    @Test
    void missingOrUnknownTypeListsTheTypes() {
        assertThat(create("{\"connection_id\":\"x\",\"url\":\"redis://h\"}").body())
                .contains("type", "postgres", "http", "redis");
        assertThat(create("{\"connection_id\":\"x\",\"type\":\"mysql\"}").body())
                .contains("mysql", "postgres", "http", "redis");
    }

    @Test
    void emptyOrNonObjectBodies() {
        create("");
        create("[]");
        create("null");
    }

    @Test
    void wrongContentTypeIsA4xxProblem() {
        Api.Response response = api().header("Content-Type", "text/plain")
                .send("POST", "/connection/create", null);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
