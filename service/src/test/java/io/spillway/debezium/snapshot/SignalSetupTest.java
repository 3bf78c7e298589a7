package io.spillway.debezium.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.ConflictException;
import io.spillway.kafka.KafkaClients;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalSetupTest {
    private final Map<String, String> wanted = new SnapshotChannels(null, new KafkaClients("kafka:9092", Map.of()))
            .wanted("c1");

    @Test
    void aConnectorWithSpillwaysDefaultsTakesSignals() {
        Map<String, String> config = new HashMap<>(wanted);
        config.put("topic.prefix", "db");
        assertThatCode(() -> SignalSetup.require("c1", config, wanted)).doesNotThrowAnyException();
    }

    @Test
    void aConnectorWithoutThemIsRefusedWithTheKeysAndValuesToAdd() {
        assertThatThrownBy(() -> SignalSetup.require("c1", Map.of("topic.prefix", "db"), wanted))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("signal.enabled.channels=kafka")
                .hasMessageContaining("signal.kafka.topic=spillway-signal.c1")
                .hasMessageContaining("signal.kafka.bootstrap.servers=kafka:9092")
                .hasMessageContaining("notification.sink.topic.name=spillway-notify.c1")
                .hasMessageContaining("read.only=true")
                .hasMessageContaining("PUT /connectors/c1/config");
    }

    @Test
    void spillwaysDefaultsAreLeftOutWhenItsKafkaClientsAreSecured() {
        KafkaClients plain = new KafkaClients("kafka:9092", Map.of("security.protocol", "PLAINTEXT"));
        assertThat(new SnapshotChannels(null, plain).connectorDefaults("c1")).isEqualTo(wanted);
        KafkaClients sasl = new KafkaClients("kafka:9094", Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN"));
        assertThat(new SnapshotChannels(null, sasl).connectorDefaults("c1")).isEmpty();
        assertThat(new SnapshotChannels(null, sasl).wanted("c1")).containsKey("signal.kafka.topic");
    }

    @Test
    void aSignalTableInsteadOfReadOnlyModeIsEnough() {
        Map<String, String> config = new HashMap<>(wanted);
        config.put("topic.prefix", "db");
        config.remove("read.only");
        assertThatThrownBy(() -> SignalSetup.require("c1", config, wanted)).hasMessageContaining("read.only=true");
        config.put("signal.data.collection", "mydatabase.public.debezium_signal");
        assertThatCode(() -> SignalSetup.require("c1", config, wanted)).doesNotThrowAnyException();
    }
}
