package io.spillway.consumer.run;

import io.spillway.change.ChangeEvent;

/**
 * A change's place in the source and in Kafka, as the run history shows it.
 *
 * @param lsn WAL position
 * @param txId source transaction
 * @param commitTime source commit time (ISO-8601)
 * @param topic Kafka topic
 * @param partition Kafka partition
 * @param offset Kafka offset
 */
public record SourceMark(long lsn, Long txId, String commitTime, String topic, int partition, long offset) {
    public static SourceMark of(ChangeEvent event) {
        return new SourceMark(event.position().lsn(), event.position().txId(),
                java.time.Instant.ofEpochMilli(event.position().commitTimeMs()).toString(),
                event.coordinates().topic(), event.coordinates().partition(), event.coordinates().offset());
    }
}
