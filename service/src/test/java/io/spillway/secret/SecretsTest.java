package io.spillway.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void secretHeaderNamesAreRecognised() {
        assertThat(List.of("Authorization", "X-API-Key", "x-auth-token", "Client-Secret", "db_password", "Cookie"))
                .allMatch(Secrets::isSecretName);
        assertThat(List.of("Content-Type", "Accept", "X-Request-Id", "User-Agent"))
                .noneMatch(Secrets::isSecretName);
    }

    @Test
    void passwordInUserInfoIsMasked() {
        assertThat(Secrets.redactUrl("redis://user:s3cret@cache:6379/0")).isEqualTo("redis://user:****@cache:6379/0");
        assertThat(Secrets.redactUrl("redis://:s3cret@cache:6379")).isEqualTo("redis://:****@cache:6379");
        // Redis reads a user info without ':' as the password
        assertThat(Secrets.redactUrl("rediss://s3cret@cache")).isEqualTo("rediss://****@cache");
        assertThat(Secrets.redactUrl("https://bob:pw@example.com/a@b")).isEqualTo("https://bob:****@example.com/a@b");
    }

    @Test
    void secretQueryParametersAreMasked() {
        assertThat(Secrets.redactUrl("jdbc:postgresql://db:5432/wh?user=wh&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/wh?user=wh&password=****&ssl=true");
        assertThat(Secrets.redactUrl("https://hooks.example.com/x?token=abc&sslpassword=def#frag"))
                .isEqualTo("https://hooks.example.com/x?token=****&sslpassword=****#frag");
    }

    @Test
    void urlsWithoutSecretsAreUnchanged() {
        String url = "jdbc:postgresql://localhost:5432/warehouse?sslmode=disable";
        assertThat(Secrets.redactUrl(url)).isEqualTo(url);
        assertThat(Secrets.redactUrl(null)).isNull();
    }

    @Test
    void secretsInUrlAreFoundForScrubbing() {
        assertThat(Secrets.secretsInUrl("redis://u:pw1@h:1/0?password=pw2&db=3")).containsExactly("pw1", "pw2");
    }

    @Test
    void scrubReplacesEveryOccurrenceLongestFirst() {
        assertThat(Secrets.scrub("auth failed for abc and abcdef", List.of("abc", "abcdef")))
                .isEqualTo("auth failed for **** and ****");
        assertThat(Secrets.scrub(null, List.of("x"))).isEmpty();
        assertThat(Secrets.scrub("nothing", java.util.Arrays.asList("", null))).isEqualTo("nothing");
    }
}
