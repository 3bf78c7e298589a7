package io.spillway.debezium;

import io.spillway.api.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * How connectors created through Spillway compress their change topics. Debezium's JSON records repeat
 * their schema in every record and compress well; each consumer (Spillway, a JDBC sink) decompresses
 * batches once. The request may set another codec (the key is allowed without an operator's say-so: it
 * only chooses the codec); a Connect worker whose {@code connector.client.config.override.policy} refuses
 * client overrides gets the connector without the default (the worker's producer setting applies).
 * See docs/debezium-and-topics.md.
 */
final class TopicCompression {
    static final String KEY = "producer.override.compression.type";
    /**
     * zstd: measured side by side with lz4 on the same records (docs/benchmark.md), it compresses smaller and
     * its native decompressor costs a reader far less than Kafka's Java lz4 one, which was the largest part of
     * Spillway's consumer thread after the JSON parsing was cut down.
     */
    static final String DEFAULT = "zstd";
    static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    private TopicCompression() {
    }

    /** The request's own codec, if it sets one: must be one Kafka's producer knows. */
    static void requireKnown(Map<String, String> requested) {
        String codec = requested.get(KEY);
        if (codec != null && !CODECS.contains(codec)) {
            throw new InvalidRequestException(KEY + " is '" + codec + "': use one of " + CODECS);
        }
    }

    /** True when Connect refused the compression override that Spillway added (the request did not set it). */
    static boolean refusedDefault(ConfigValidation validation, TranslatedConfig requested) {
        return !requested.config().containsKey(KEY) && validation.errors().containsKey(KEY);
    }
}
