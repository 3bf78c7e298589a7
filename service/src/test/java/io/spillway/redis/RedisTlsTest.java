package io.spillway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisConnectionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Whom rediss:// trusts, and what a refused handshake tells the operator. */
class RedisTlsTest {
    @Test
    void aCaFileThatCannotBeReadStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> RedisTls.options("/nonexistent/ca.pem", "spillway.redis.ca-file"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("spillway.redis.ca-file")
                .hasMessageContaining("/nonexistent/ca.pem");
        assertThat(RedisTls.options("", "x")).isNotNull();
    }

    @Test
    void aRefusedHandshakeSaysWhichSettingTrustsTheServer() {
        RedisConnectionException refused = new RedisConnectionException("Unable to connect to localhost:6380",
                new SSLHandshakeException("PKIX path building failed"));
        assertThat(RedisTls.handshakeProblem(refused, "spillway.redis.ca-file"))
                .contains("TLS handshake failed").contains("PKIX path building failed")
                .contains("spillway.redis.ca-file");
        assertThat(RedisTls.handshakeProblem(new RedisConnectionException("Connection refused"), "x")).isNull();
    }
}
