package io.spillway.debezium;

import io.spillway.api.InvalidRequestException;
import io.spillway.config.SpillwayProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an API caller may ask Kafka Connect to run. Connect runs any installed class with any client
 * override: a JDBC sink with {@code topics.regex=.*} copies every topic out, and a {@code *.override.*} key
 * can point a connector's clients anywhere. Only the allowed classes (by default the PostgreSQL source)
 * and allowed override keys pass.
 */
final class ConnectorPolicy {
    static final String ALLOWED_CLASSES_SETTING = "SPILLWAY_DEBEZIUM_ALLOWED_CONNECTOR_CLASSES";
    static final String ALLOWED_OVERRIDES_SETTING = "SPILLWAY_DEBEZIUM_ALLOWED_OVERRIDE_KEYS";

    private final List<String> allowedClasses;
    private final List<String> allowedOverrides;

    ConnectorPolicy(SpillwayProperties properties) {
        this(properties.debezium().allowedConnectorClasses(), properties.debezium().allowedOverrideKeys());
    }

    ConnectorPolicy(List<String> allowedClasses, List<String> allowedOverrides) {
        this.allowedClasses = List.copyOf(allowedClasses);
        this.allowedOverrides = List.copyOf(allowedOverrides);
    }

    void requireAllowedClass(String pluginClass) {
        if (!allowedClasses.contains(pluginClass)) {
            throw new InvalidRequestException("connector class '" + pluginClass + "' is not allowed here: this"
                    + " service creates " + allowedClasses + "; an operator can allow more in "
                    + ALLOWED_CLASSES_SETTING);
        }
    }

    /**
     * Refuses the request's client override keys ({@code producer.override.*}, ...) that are not allowed; the
     * topics' compression codec is always allowed (it points no client anywhere).
     */
    void requireAllowedOverrides(Map<String, String> requested) {
        TreeSet<String> refused = new TreeSet<>();
        for (String key : requested.keySet()) {
            if (key.contains(".override.") && !allowedOverrides.contains(key) && !key.equals(TopicCompression.KEY)) {
                refused.add(key);
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidRequestException("client override keys are not allowed: " + refused + "; remove them,"
                    + " or have an operator allow them in " + ALLOWED_OVERRIDES_SETTING);
        }
    }
}
