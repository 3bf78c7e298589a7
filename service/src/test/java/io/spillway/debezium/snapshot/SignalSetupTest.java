package io.spillway.debezium.snapshot;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.ConflictException;
import io.spillway.kafka.KafkaClients;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalSetupTest {
    private final Map<String, String> wanted = new SnapshotChannels(null, new KafkaClients("kafka:9092", Map.of()))
            .connectorDefaults("c1");

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
    void aSignalTableInsteadOfReadOnlyModeIsEnough() {
        Map<String, String> config = new HashMap<>(wanted);
        config.put("topic.prefix", "db");
        config.remove("read.only");
        assertThatThrownBy(() -> SignalSetup.require("c1", config, wanted)).hasMessageContaining("read.only=true");
        config.put("signal.data.collection", "mydatabase.public.debezium_signal");
        assertThatCode(() -> SignalSetup.require("c1", config, wanted)).doesNotThrowAnyException();
    }
}
