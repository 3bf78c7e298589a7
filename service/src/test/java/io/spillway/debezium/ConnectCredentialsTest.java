package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConnectCredentialsTest {
    private static String decoded(ConnectCredentials credentials) {
        String value = credentials.authorization().orElseThrow();
        assertThat(value).startsWith("Basic ");
        return new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8);
    }

    @Test
    void theUrlsUserInfoIsPercentDecoded() {
        assertThat(decoded(ConnectCredentials.of("http://spillway:p%40ss%3Aw%2Fr+d@connect:8083", null, null)))
                .isEqualTo("spillway:p@ss:w/r+d");
    }

    @Test
    void theSettingsWinOverTheUrl() {
        assertThat(decoded(ConnectCredentials.of("http://a:b@connect:8083", "ops", "s3cret"))).isEqualTo("ops:s3cret");
        assertThat(decoded(ConnectCredentials.of("http://connect:8083", "ops", null))).isEqualTo("ops:");
    }

    @Test
    void noUserMeansNoHeader() {
        assertThat(ConnectCredentials.of("http://connect:8083", "", "ignored").authorization()).isEmpty();
        assertThat(ConnectCredentials.of("http://connect:8083/connectors", null, null).authorization()).isEmpty();
    }

    @Test
    void theUrlWithoutUserInfoIsWhatRequestsAndMessagesUse() {
        assertThat(ConnectCredentials.withoutUserInfo("https://u:pw@connect.example:8083"))
                .isEqualTo("https://connect.example:8083");
        assertThat(ConnectCredentials.withoutUserInfo("http://connect:8083")).isEqualTo("http://connect:8083");
    }

    @Test
    void aRefusalSaysWhatToSetAndNeverTheCredentials() {
        ConnectCredentials configured = ConnectCredentials.of("http://spillway:hunter22@connect:8083", null, null);
        assertThat(configured.refusal("http://connect:8083", 401)).contains("authentication to Kafka Connect")
                .contains("failed (HTTP 401)").contains("refused the configured credentials")
                .doesNotContain("hunter22").doesNotContain("spillway:");
        assertThat(ConnectCredentials.of("http://connect:8083", null, null).refusal("http://connect:8083", 401))
                .contains("sends no credentials").contains("DEBEZIUM_CONNECT_USERNAME");
        assertThat(configured.toString()).doesNotContain("hunter22");
    }

    @Test
    void theClientNamesTheUrlWithoutCredentials() {
        ConnectClient client = new ConnectClient("http://spillway:hunter22@localhost:8083/", null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(client.location()).isEqualTo("http://localhost:8083");
    }
}
