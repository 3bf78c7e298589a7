package io.spillway.deadletter;

import java.util.Map;

/**
 * One record on a dead-letter topic, as {@code GET /consumer/dead-letters/{consumer_id}} shows it: where it
 * is, why it is there (the {@code spillway.dlq.*} headers) and the start of its key and value.
 *
 * @param topic the dead-letter topic ({@code <source topic>.dlq})
 * @param partition its partition there
 * @param offset its offset there: with topic and partition, what {@code replay} takes
 * @param timestamp when it was dead-lettered (ISO-8601)
 * @param reason why, in words
 * @param details the other failure headers (source topic/partition/offset, window, error class, SQL state,
 *     HTTP status, failure kind), without their {@code spillway.dlq.} prefix
 * @param key the record's key as text, cut at {@value DeadLetterReader#PREVIEW_CHARS} characters
 * @param value the record's value as text, cut the same way (null for a record whose value is gone)
 * @param valueBytes the value's full size
 * @param replayed whether it was already sent back to its source topic
 */
public record DeadLetter(String topic, int partition, long offset, String timestamp, String reason,
        Map<String, String> details, String key, String value, int valueBytes, boolean replayed) {

    /** The letter's coordinates as one string: {@code topic/partition/offset}. */
    public String coordinates() {
        return coordinates(topic, partition, offset);
    }

    static String coordinates(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
