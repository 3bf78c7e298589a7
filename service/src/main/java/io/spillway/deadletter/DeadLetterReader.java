package io.spillway.deadletter;

import io.spillway.consumer.engine.DeadLetterPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the newest letters of dead-letter topics: each partition's last {@link #SCAN_PER_PARTITION} records
 * at most (so a listing costs a bounded read however large the topic), keeping those a given consumer wrote.
 */
final class DeadLetterReader {
    static final int PREVIEW_CHARS = 2_048;
    static final int SCAN_PER_PARTITION = 5_000;
    private static final int MAX_PARSED_BYTES = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "spillway.dlq.";
    private static final Duration READ_FOR = Duration.ofSeconds(10);

    private final Supplier<Consumer<byte[], byte[]>> consumers;

    DeadLetterReader(Supplier<Consumer<byte[], byte[]>> consumers) {
        this.consumers = consumers;
    }

    /** The newest {@code limit} letters of {@code consumerId} on these topics, newest first. */
    List<DeadLetter> newest(Collection<String> topics, String consumerId, int limit, Set<String> replayed) {
        List<DeadLetter> letters = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, READ_FOR).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_FOR);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, READ_FOR);
            Map<TopicPartition, Long> left = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long from = Math.max(begins.get(tp), ends.get(tp) - SCAN_PER_PARTITION);
                consumer.seek(tp, from);
                if (ends.get(tp) > from) {
                    left.put(tp, ends.get(tp));
                }
            }
            long deadline = System.nanoTime() + READ_FOR.toNanos();
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (consumerId.equals(header(record, DeadLetterPublisher.CONSUMER))) {
                        letters.add(letter(record, replayed));
                    }
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() + 1 >= left.getOrDefault(tp, Long.MAX_VALUE)) {
                        left.remove(tp);
                    }
                }
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::timestamp).thenComparingLong(DeadLetter::offset).reversed());
        return letters.size() > limit ? List.copyOf(letters.subList(0, limit)) : letters;
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record, Set<String> replayed) {
        Map<String, String> details = new LinkedHashMap<>();
        String reason = null;
        for (Header h : record.headers()) {
            if (h.key().startsWith(PREFIX) && h.value() != null) {
                String value = new String(h.value(), StandardCharsets.UTF_8);
                if (h.key().equals(DeadLetterPublisher.REASON)) {
                    reason = value;
                } else if (!h.key().equals(DeadLetterPublisher.CONSUMER)) {
                    details.put(h.key().substring(PREFIX.length()), value);
                }
            }
        }
        byte[] value = record.value();
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()).toString(), reason, details, preview(record.key()),
                preview(value), value == null ? 0 : value.length,
                replayed.contains(DeadLetter.coordinates(record.topic(), record.partition(), record.offset())));
    }

    /**
     * The records at these coordinates; one outside its partition's current range (removed, or never
     * written) is absent from the map. Each partition's range is asked once, however many letters it holds.
     */
    Map<String, ConsumerRecord<byte[], byte[]>> at(Collection<ReplayRequest.Letter> wanted) {
        Map<TopicPartition, TreeSet<Long>> offsets = new HashMap<>();
        wanted.forEach(l -> offsets.computeIfAbsent(new TopicPartition(l.topic(), l.partition()), tp -> new TreeSet<>())
                .add(l.offset()));
        Map<String, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            for (Map.Entry<TopicPartition, TreeSet<Long>> entry : offsets.entrySet()) {
                TopicPartition tp = entry.getKey();
                if (consumer.partitionsFor(tp.topic(), READ_FOR).stream().noneMatch(p -> p.partition() == tp.partition())) {
                    continue;
                }
                consumer.assign(List.of(tp));
                long begin = consumer.beginningOffsets(List.of(tp), READ_FOR).get(tp);
                long end = consumer.endOffsets(List.of(tp), READ_FOR).get(tp);
                for (long offset : entry.getValue().subSet(begin, end)) {
                    readOne(consumer, tp, offset).ifPresent(record ->
                            found.put(DeadLetter.coordinates(tp.topic(), tp.partition(), offset), record));
                }
            }
        }
        return found;
    }

    private static Optional<ConsumerRecord<byte[], byte[]>> readOne(Consumer<byte[], byte[]> consumer,
            TopicPartition tp, long offset) {
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + READ_FOR.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = List.of();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            records = consumer.poll(Duration.ofMillis(200)).records(tp);
        }
        return records.isEmpty() || records.get(0).offset() != offset ? Optional.empty() : Optional.of(records.get(0));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * The start of a key or value as text. A Debezium envelope shows its payload (the row), not the schema
     * that comes first and would fill the preview.
     */
    private static String preview(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = null;
        if (bytes.length <= MAX_PARSED_BYTES) {
            try {
                JsonNode payload = JSON.readTree(bytes).path("payload");
                text = payload.isMissingNode() ? null : payload.toString();
            } catch (JacksonException notJson) {
                // shown as it is
            }
        }
        if (text == null) {
            text = new String(bytes, 0, Math.min(bytes.length, PREVIEW_CHARS * 4), StandardCharsets.UTF_8);
        }
        return text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "..." : text;
    }
}
