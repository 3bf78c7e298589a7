package io.spillway.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevstackSettingsTest {
    @Test
    void defaultsAreTheReadmesPorts() {
        DevstackSettings settings = DevstackSettings.fromEnvironment(Map.of(), Path.of(".spillway"));
        assertThat(settings.postgresPort()).isEqualTo(5432);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.connectPort()).isEqualTo(8083);
        assertThat(settings.redisPort()).isEqualTo(6379);
        assertThat(settings.apiPort()).isEqualTo(8000);
        assertThat(settings.dataDir().isAbsolute()).isTrue();
        assertThat(settings.dataDir().getFileName()).isEqualTo(Path.of(".spillway"));
    }

    @Test
    void everyPortIsOverridable() {
        DevstackSettings settings = DevstackSettings.fromEnvironment(Map.of(
                DevstackSettings.POSTGRES_PORT, "15432", DevstackSettings.REDIS_PORT, "16379",
                DevstackSettings.DATA_DIR, "/tmp/x"), Path.of(".spillway"));
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.redisPort()).isEqualTo(16379);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void randomPortsAreDistinct() {
        for (int i = 0; i < 50; i++) {
            DevstackSettings s = DevstackSettings.randomPorts(Path.of("/tmp/x"));
            assertThat(java.util.Set.of(s.postgresPort(), s.kafkaPort(), s.kafkaControllerPort(), s.connectPort(),
                    s.redisPort(), s.apiPort(), s.kafkaSaslPort())).hasSize(7);
        }
    }

    @Test
    void aBadPortNamesTheSetting() {
        assertThatThrownBy(() -> DevstackSettings.fromEnvironment(
                Map.of(DevstackSettings.KAFKA_PORT, "90920"), Path.of(".")))
                .hasMessage("SPILLWAY_KAFKA_PORT=90920 is not a port number (1-65535)");
    }

    @Test
    void aTakenPortIsOneLineNamingTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Ports.requireFree(port, DevstackSettings.REDIS_PORT))
                    .isInstanceOf(DevstackException.class)
                    .hasMessage("port " + port + " is already in use: stop what uses it, or set "
                            + "SPILLWAY_REDIS_PORT to a free port");
        }
    }
}
