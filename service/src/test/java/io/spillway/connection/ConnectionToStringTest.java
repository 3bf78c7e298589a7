package io.spillway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records print every component by default; a connection must never print a secret. */
class ConnectionToStringTest {
    @Test
    void noConnectionPrintsItsSecrets() {
        String pg = new PostgresConnection("wh", "jdbc:postgresql://u:url-pw@db:5432/w?password=q-pw", "u",
                "field-pw", null, null, null).toString();
        assertThat(pg).contains("wh", "db:5432").doesNotContain("url-pw", "q-pw", "field-pw");

        String http = new HttpConnection("hook", "https://user:url-pw@hooks.example/x?token=q-pw", "POST",
                Map.of("Authorization", "Bearer header-pw", "X-Trace", "visible"), 1000, null).toString();
        assertThat(http).contains("hook", "visible").doesNotContain("url-pw", "q-pw", "header-pw");

        String redis = new RedisConnection("cache", "redis://default:url-pw@cache:6379/0", null).toString();
        assertThat(redis).contains("cache:6379").doesNotContain("url-pw");
    }
}
