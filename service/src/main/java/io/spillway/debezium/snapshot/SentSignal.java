package io.spillway.debezium.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An {@code execute-snapshot} signal as found on the connector's signal topic, and a later stop's time. */
record SentSignal(String id, List<String> tables, Map<String, String> filters, Instant requestedAt,
        Instant stopRequestedAt) {
}
