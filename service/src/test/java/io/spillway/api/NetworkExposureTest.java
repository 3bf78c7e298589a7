package io.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

class NetworkExposureTest {
    private final NetworkExposure exposure = new NetworkExposure(new DeferredLogs());

    private MockEnvironment apply(MockEnvironment environment) {
        exposure.postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutAKeyTheApiListensOnLoopbackOnly() {
        assertThat(apply(new MockEnvironment()).getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(apply(new MockEnvironment().withProperty("server.address", "::1"))
                .getProperty("server.address")).isEqualTo("::1");
    }

    @Test
    void withAKeyTheAddressIsLeftAsConfigured() {
        assertThat(apply(new MockEnvironment().withProperty("spillway.api-key", "k")).getProperty("server.address"))
                .isNull();
        assertThat(apply(new MockEnvironment().withProperty("spillway.api-key", "k")
                .withProperty("server.address", "0.0.0.0")).getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void exposingWithoutAKeyTakesTheExplicitSetting() {
        assertThatThrownBy(() -> apply(new MockEnvironment().withProperty("server.address", "0.0.0.0")))
                .hasMessageContaining("SPILLWAY_API_KEY").hasMessageContaining("spillway.expose-without-api-key");
        MockEnvironment exposed = apply(new MockEnvironment().withProperty("spillway.expose-without-api-key", "true"));
        assertThat(exposed.getProperty("server.address")).isNull();
    }

    @Test
    void aBlankKeyStopsTheStart() {
        assertThatThrownBy(() -> apply(new MockEnvironment().withProperty("SPILLWAY_API_KEY", "")))
                .hasMessageContaining("set but blank");
        assertThatThrownBy(() -> apply(new MockEnvironment().withProperty("spillway.api-key", "   ")))
                .hasMessageContaining("set but blank");
    }
}
