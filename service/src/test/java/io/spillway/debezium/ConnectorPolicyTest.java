package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorPolicyTest {
    private final ConnectorPolicy defaults = new ConnectorPolicy(
            List.of(ConnectorService.POSTGRES_CONNECTOR), List.of());

    @Test
    void onlyTheAllowedConnectorClassesPass() {
        assertThatCode(() -> defaults.requireAllowedClass(ConnectorService.POSTGRES_CONNECTOR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> defaults.requireAllowedClass("io.debezium.connector.jdbc.JdbcSinkConnector"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("JdbcSinkConnector")
                .hasMessageContaining("not allowed").hasMessageContaining(ConnectorPolicy.ALLOWED_CLASSES_SETTING);
    }

    @Test
    void clientOverrideKeysAreRefusedUnlessAllowed() {
        assertThatThrownBy(() -> defaults.requireAllowedOverrides(Map.of("database.hostname", "db",
                "producer.override.bootstrap.servers", "evil:9092", "consumer.override.sasl.jaas.config", "x")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("[consumer.override.sasl.jaas.config, producer.override.bootstrap.servers]")
                .hasMessageNotContaining("evil");
        ConnectorPolicy allowing = new ConnectorPolicy(List.of(ConnectorService.POSTGRES_CONNECTOR),
                List.of("producer.override.compression.type"));
        assertThatCode(() -> allowing.requireAllowedOverrides(Map.of("producer.override.compression.type", "lz4")))
                .doesNotThrowAnyException();
    }
}
