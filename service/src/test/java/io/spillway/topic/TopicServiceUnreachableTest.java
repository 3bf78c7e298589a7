package io.spillway.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.UpstreamUnavailableException;
import io.spillway.config.SpillwayProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** No broker at the bootstrap address: a 503 naming Kafka and the address, within the short timeout. */
class TopicServiceUnreachableTest {
    @Test
    void listingTopicsWithoutABrokerIsA503() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String bootstrap = "localhost:" + port;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            TopicService topics = new TopicService(admin, new SpillwayProperties(bootstrap, "http://x/connectors",
                    "redis://x", "", 10_000, null, null, null, null, null, null));
            long started = System.nanoTime();
            assertThatThrownBy(topics::list).isInstanceOf(UpstreamUnavailableException.class)
                    .hasMessageContaining("Kafka").hasMessageContaining(bootstrap);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(15_000);
            assertThatThrownBy(() -> topics.delete("t")).isInstanceOf(UpstreamUnavailableException.class);
        }
    }
}
