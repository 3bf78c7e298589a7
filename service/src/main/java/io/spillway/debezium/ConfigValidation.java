package io.spillway.debezium;

import java.util.List;
import java.util.Map;

/**
 * What Kafka Connect's {@code PUT /connector-plugins/{class}/config/validate} found.
 *
 * @param errors each rejected config name with Connect's messages for it
 */
record ConfigValidation(Map<String, List<String>> errors) {
    boolean valid() {
        return errors.isEmpty();
    }
}
