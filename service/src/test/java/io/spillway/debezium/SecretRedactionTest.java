package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    @ParameterizedTest
    @ValueSource(strings = {"database.password", "database_password", "database.sslpassword", "ssl.key.password",
            "client.secret", "auth.token", "aws.credentials.provider", "api.key", "apiKey", "x_api_key",
            "sasl.jaas.config", "DATABASE.PASSWORD"})
    void secretKeysAreRecognised(String key) {
        assertThat(SecretRedaction.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"database.user", "key.converter", "slot.name", "message.key.columns", "topic.prefix"})
    void ordinaryKeysAreNot(String key) {
        assertThat(SecretRedaction.isSecretKey(key)).isFalse();
    }

    @Test
    void redactionMasksSecretValuesAndPasswordsInsideUrls() {
        Map<String, String> shown = SecretRedaction.redact(Map.of(
                "database.password", "hunter22",
                "database.user", "debezium",
                "schema.history.url", "http://admin:hunter22@host:8080/x",
                "jdbc", "jdbc:postgresql://h/db?user=u&password=hunter22&ssl=true"));
        assertThat(shown).containsEntry("database.password", "****")
                .containsEntry("database.user", "debezium")
                .containsEntry("schema.history.url", "http://admin:****@host:8080/x")
                .containsEntry("jdbc", "jdbc:postgresql://h/db?user=u&password=****&ssl=true");
        assertThat(shown.toString()).doesNotContain("hunter22");
    }

    @Test
    void secretValuesAreScrubbedFromFreeText() {
        Map<String, String> config = Map.of("database.password", "hunter22", "database.user", "debezium");
        List<String> secrets = SecretRedaction.secretValues(config);
        assertThat(SecretRedaction.scrub("login with hunter22 failed for debezium", secrets))
                .isEqualTo("login with **** failed for debezium");
        assertThat(SecretRedaction.scrub(null, secrets)).isNull();
    }
}
