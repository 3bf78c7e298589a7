package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.Api;
import io.spillway.support.StackIT;
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
