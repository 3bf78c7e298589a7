package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.StackIT;
import org.junit.jupiter.api.Test;

class ServiceStartIT extends StackIT {
    @Test
    void rootAnswersAndPointsToTheDocs() {
        var response = api().get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"docs\":\"/docs\"");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        assertThat(api().get("/openapi.json").body()).contains("\"openapi\"");
        assertThat(api().get("/docs").status()).isIn(200, 302);
    }

    @Test
    void malformedJsonIsAProblemResponseNotA500() {
        var response = api().post("/", "{not json");
        assertThat(response.status()).isBetween(400, 499);
    }
}
