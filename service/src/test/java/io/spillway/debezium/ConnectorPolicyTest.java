package io.spillway.debezium;

import static org.assertj.core.api.Assertions.assertThat;
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
                List.of("producer.override.linger.ms"));
        assertThatCode(() -> allowing.requireAllowedOverrides(Map.of("producer.override.linger.ms", "20")))
                .doesNotThrowAnyException();
    }

    @Test
    void theTopicsCompressionCodecIsAlwaysAllowedButMustBeKnown() {
        assertThatCode(() -> defaults.requireAllowedOverrides(Map.of(TopicCompression.KEY, "zstd")))
                .doesNotThrowAnyException();
        assertThatCode(() -> TopicCompression.requireKnown(Map.of(TopicCompression.KEY, "none")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicCompression.requireKnown(Map.of(TopicCompression.KEY, "brotli")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'brotli'")
                .hasMessageContaining("[none, gzip, snappy, lz4, zstd]");
    }

    @Test
    void onlyARefusalOfSpillwaysOwnCompressionDefaultIsDropped() {
        ConfigValidation refused = new ConfigValidation(Map.of(TopicCompression.KEY,
                List.of("The 'None' policy does not allow 'compression.type' to be overridden")));
        TranslatedConfig withoutCodec = new TranslatedConfig(Map.of("database.hostname", "db"), Map.of());
        TranslatedConfig withCodec = new TranslatedConfig(Map.of(TopicCompression.KEY, "zstd"), Map.of());
        assertThat(TopicCompression.refusedDefault(refused, withoutCodec)).isTrue();
        assertThat(TopicCompression.refusedDefault(refused, withCodec)).as("the request's own codec").isFalse();
        assertThat(TopicCompression.refusedDefault(new ConfigValidation(Map.of()), withoutCodec)).isFalse();
    }
}
