package io.spillway.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic to its end and counts, per consumer, the distinct records it dead-lettered
 * (by their original partition and offset: a crash between the dead letter and the commit may write one
 * twice, which is allowed).
 */
final class DeadLetters {
    private DeadLetters() {
    }

    static Map<String, Long> count(String bootstrapServers, String topic, List<String> consumers) {
        Map<String, Set<String>> seen = new HashMap<>();
        consumers.forEach(c -> seen.put(c, new HashSet<>()));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                        && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        String id = header(record, "spillway.dlq.consumer_id");
                        seen.computeIfAbsent(id, k -> new HashSet<>()).add(header(record, "spillway.dlq.partition")
                                + ":" + header(record, "spillway.dlq.offset"));
                    }
                }
            }
        }
        Map<String, Long> counts = new HashMap<>();
        seen.forEach((id, records) -> counts.put(id, (long) records.size()));
        return counts;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
