package io.spillway.consumer.engine;

import io.spillway.change.KafkaCoordinates;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads single records again by their coordinates: a short-lived consumer without a group (assign and
 * seek, nothing committed). For dead-lettering the few changes a target refused, found after the window's
 * raw records are gone.
 */
final class RecordRereader {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Map<String, Object> config;

    /** {@code config}: the client's settings, from {@code KafkaClients#rereader()}. */
    RecordRereader(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    /**
     * The records found at those coordinates; a coordinate no longer in Kafka is absent from the map. Throws
     * when Kafka does not answer in time (the caller retries).
     */
    Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> read(Collection<KafkaCoordinates> wanted) {
        Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (KafkaCoordinates at : wanted) {
                TopicPartition tp = new TopicPartition(at.topic(), at.partition());
                consumer.assign(List.of(tp));
                consumer.seek(tp, at.offset());
                Instant deadline = Instant.now().plus(DEADLINE);
                while (true) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("could not read " + at + " again from Kafka within "
                                + DEADLINE.toSeconds() + " s");
                    }
                    var records = consumer.poll(Duration.ofMillis(500)).records(tp);
                    if (!records.isEmpty()) {
                        ConsumerRecord<byte[], byte[]> record = records.get(0);
                        if (record.offset() == at.offset()) {
                            found.put(at, record);
                        }
                        break; // a later offset: the record was removed (retention or compaction)
                    }
                }
            }
        }
        return found;
    }
}
