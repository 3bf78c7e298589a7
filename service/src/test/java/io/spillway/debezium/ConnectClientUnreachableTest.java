package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.UpstreamUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An absent Kafka Connect worker is a 503 that names Kafka Connect and where it was looked for. */
class ConnectClientUnreachableTest {
    @Test
    void everyCallIsA503NamingKafkaConnectAndItsUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://localhost:" + port;
        ConnectClient client = new ConnectClient(url, Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThatThrownBy(client::connectors).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("Kafka Connect").hasMessageContaining(url);
        assertThatThrownBy(() -> client.status("x")).isInstanceOf(UpstreamUnavailableException.class);
        assertThatThrownBy(() -> client.delete("x")).isInstanceOf(UpstreamUnavailableException.class);
    }

    @Test
    void credentialsInTheUrlAreNotNamed() {
        ConnectClient client = new ConnectClient("http://admin:hunter22@localhost:1", Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        assertThatThrownBy(client::connectorPlugins).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("http://localhost:1").hasMessageNotContaining("hunter22");
    }
}
