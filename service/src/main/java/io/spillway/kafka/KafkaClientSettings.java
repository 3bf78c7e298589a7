package io.spillway.kafka;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka client properties every Spillway client takes ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}, ...), from three places merged in this order, a later one winning per key: the
 * {@code propertiesFile}, the {@code properties} text, the {@code client} map. Read by {@link KafkaClients}.
 *
 * @param client free-form map, {@code spillway.kafka.client.<kafka key>=<value>}
 * @param properties {@code key=value} lines (a Java properties text), fed by SPILLWAY_KAFKA_PROPERTIES
 * @param propertiesFile a Java properties file, like Kafka's own {@code --command-config}, fed by
 *     SPILLWAY_KAFKA_PROPERTIES_FILE
 */
@ConfigurationProperties("spillway.kafka")
public record KafkaClientSettings(
        @DefaultValue Map<String, String> client,
        @DefaultValue("") String properties,
        @DefaultValue("") String propertiesFile) {

    /** Key names only: the values may be passwords or JAAS configurations. */
    @Override
    public String toString() {
        return "KafkaClientSettings[client keys=" + client.keySet() + ", properties="
                + (properties.isBlank() ? "none" : "set") + ", propertiesFile=" + propertiesFile + "]";
    }
}
