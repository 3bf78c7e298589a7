package io.spillway.debezium.snapshot;

import io.spillway.api.UpstreamUnavailableException;
import io.spillway.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Component;

/**
 * Bounded reads of the small signal and notification topics: from a start (the last {@code n} records, or
 * a time) up to the end offsets seen when the read began, with a short-lived consumer without a group.
 */
@Component
class TopicReader {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private final KafkaClients clients;

    TopicReader(KafkaClients clients) {
        this.clients = clients;
    }

    /** A record's key, value (text) and broker timestamp. */
    record Entry(String key, String value, Instant timestamp) {
    }

    /** The last {@code count} records of each partition, oldest first per partition. */
    List<Entry> last(String topic, int count) {
        return read(topic, (consumer, partitions, ends) -> {
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, Math.max(begins.get(p), ends.get(p) - count)));
        });
    }

    /** Every record written at {@code since} or later. */
    List<Entry> since(String topic, Instant since) {
        return read(topic, (consumer, partitions, ends) -> {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
            partitions.forEach(p -> {
                OffsetAndTimestamp at = found.get(p);
                consumer.seek(p, at == null ? ends.get(p) : at.offset());
            });
        });
    }

    private interface Start {
        void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends);
    }

    private List<Entry> read(String topic, Start start) {
        Map<String, Object> config = clients.deadLetterReader();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "spillway-snapshot-read");
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, DEADLINE);
            if (infos == null || infos.isEmpty()) {
                return entries;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, DEADLINE);
            start.seek(consumer, partitions, ends);
            Instant giveUp = Instant.now().plus(DEADLINE);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(),
                            new KafkaException("reading " + topic + " took longer than " + DEADLINE.toSeconds() + " s"));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        entries.add(new Entry(text(record.key()), text(record.value()),
                                Instant.ofEpochMilli(record.timestamp())));
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(), e);
        }
        return entries;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
