package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.spillway.support.StackIT;
import org.junit.jupiter.api.Test;

class OpenApiIT extends StackIT {
    @Test
    void connectionAndHealthEndpointsAreDocumentedWithTheirStatusCodes() {
        String doc = api().get("/openapi.json").body();
        assertThat(doc).contains("\"/connection/create\"", "\"/connection/list\"", "\"/connection/info/{connection_id}\"",
                "\"/connection/delete\"", "\"/connection/test\"", "\"/health\"", "\"/health/{service}\"");
        assertThat(doc).contains("Register a connection", "Test a connection", "Health of one service");
        assertThat(doc).contains("\"201\"", "\"409\"", "\"204\"", "\"404\"", "\"503\"");
        // snake_case schemas, as the API speaks them, with the type discriminator
        assertThat(doc).contains("\"jdbc_url\"", "\"timeout_ms\"", "\"key_prefix\"", "\"latency_ms\"",
                "\"propertyName\":\"type\"");
        assertThat(doc).doesNotContain("\"jdbcUrl\"", "\"timeoutMs\"", "\"latencyMs\"");
    }
}
