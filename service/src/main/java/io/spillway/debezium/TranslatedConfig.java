package io.spillway.debezium;

import io.spillway.api.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's connector config in Kafka Connect's terms: every key translated by
 * {@link ConnectorConfigKeys}, every value a string, and for each Connect key the key the client
 * wrote (so a validation error names the field as the client knows it).
 */
record TranslatedConfig(Map<String, String> config, Map<String, String> requestKeys) {

    static final String CONNECTOR_CLASS = "connector.class";

    /** The connector class the request names, under either spelling; 400 when it names none. */
    static String connectorClass(Map<String, Object> requested) {
        Object value = requested.containsKey("connector_class") ? requested.get("connector_class")
                : requested.get(CONNECTOR_CLASS);
        if (!(value instanceof String className) || className.isBlank()) {
            throw new InvalidRequestException("config.connector_class is missing: set it to the connector's class, "
                    + "e.g. io.debezium.connector.postgresql.PostgresConnector");
        }
        return className.strip();
    }

    static TranslatedConfig translate(Map<String, Object> requested, Collection<String> pluginNames) {
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, String> requestKeys = new LinkedHashMap<>();
        requested.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new InvalidRequestException("config has an empty key: remove it");
            }
            String connectKey = ConnectorConfigKeys.connectKey(key, pluginNames);
            String previous = requestKeys.putIfAbsent(connectKey, key);
            if (previous != null) {
                throw new InvalidRequestException("config sets '" + connectKey + "' twice, as '" + previous
                        + "' and as '" + key + "': keep one");
            }
            config.put(connectKey, stringValue(key, value));
        });
        return new TranslatedConfig(config, requestKeys);
    }

    /** The key the client wrote for a Connect key (the Connect key itself when the client did not set it). */
    String requestKey(String connectKey) {
        return requestKeys.getOrDefault(connectKey, connectKey);
    }

    TranslatedConfig withDefault(String connectKey, String value) {
        if (config.containsKey(connectKey)) {
            return this;
        }
        Map<String, String> withDefault = new LinkedHashMap<>(config);
        withDefault.put(connectKey, value);
        return new TranslatedConfig(withDefault, requestKeys);
    }

    /** Without {@code connectKey} (a default Connect refused). */
    TranslatedConfig without(String connectKey) {
        Map<String, String> without = new LinkedHashMap<>(config);
        without.remove(connectKey);
        return new TranslatedConfig(without, requestKeys);
    }

    /** Connect's configs are strings; numbers and booleans are accepted for convenience. */
    private static String stringValue(String key, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        String kind = value == null ? "null" : (value instanceof Map ? "an object" : "a list");
        throw new InvalidRequestException("config." + key + " is " + kind
                + ": give a string (Kafka Connect configs are strings), a number or a boolean");
    }
}
