package io.spillway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings ({@code spillway.*} in application.yml, fed by KAFKA_BROKER,
 * DEBEZIUM_CONNECTOR_URL, REDIS_URL and SPILLWAY_API_KEY).
 *
 * @param kafkaBroker bootstrap servers of the Kafka cluster
 * @param debeziumConnectorUrl Kafka Connect's {@code /connectors} URL, as in the seed's .env
 * @param redisUrl Redis URI (redis://[user:password@]host:port[/db])
 * @param apiKey when set, every endpoint but health and docs requires it
 * @param defaultHeartbeatIntervalMs heartbeat given to a PostgreSQL connector that sets none
 */
@ConfigurationProperties("spillway")
public record SpillwayProperties(
        String kafkaBroker,
        String debeziumConnectorUrl,
        String redisUrl,
        String apiKey,
        long defaultHeartbeatIntervalMs) {

    public boolean apiKeyRequired() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Connect's base URL (the seed's setting ends with /connectors; the REST API lives one level up). */
    public String connectBaseUrl() {
        String url = debeziumConnectorUrl.endsWith("/")
                ? debeziumConnectorUrl.substring(0, debeziumConnectorUrl.length() - 1) : debeziumConnectorUrl;
        return url.endsWith("/connectors") ? url.substring(0, url.length() - "/connectors".length()) : url;
    }
}
