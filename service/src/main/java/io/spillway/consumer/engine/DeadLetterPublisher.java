package io.spillway.consumer.engine;

import io.spillway.change.KafkaCoordinates;
import io.spillway.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.stereotype.Component;

/**
 * Sends records that cannot be processed to {@code <topic>.dlq}, unchanged, with why and where they came
 * from in headers. Synchronous: a record's offset is committed only once its dead letter is acknowledged.
 */
@Component
public class DeadLetterPublisher {
    public static final String REASON = "spillway.dlq.reason";
    public static final String SOURCE_TOPIC = "spillway.dlq.topic";
    public static final String SOURCE_PARTITION = "spillway.dlq.partition";
    public static final String SOURCE_OFFSET = "spillway.dlq.offset";
    public static final String CONSUMER = "spillway.dlq.consumer_id";
    public static final String WINDOW = "spillway.dlq.window_id";
    public static final String ERROR_CLASS = "spillway.dlq.error_class";
    public static final String SQL_STATE = "spillway.dlq.sql_state";
    public static final String HTTP_STATUS = "spillway.dlq.http_status";
    public static final String FAILURE_KIND = "spillway.dlq.failure_kind";

    /**
     * A dead letter is its record plus headers, so it can be larger than the broker lets a topic take by
     * default (about 1 MB): dead-letter topics take up to this, and so does the producer's request.
     */
    public static final int MAX_LETTER_BYTES = 8 << 20;

    private final KafkaClients clients;
    private final Admin admin;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final RecordRereader readAgain;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterPublisher(KafkaClients clients, Admin admin) {
        this.clients = clients;
        this.admin = admin;
        this.readAgain = new RecordRereader(clients.rereader());
    }

    public static String topicFor(String sourceTopic) {
        return sourceTopic + ".dlq";
    }

    public void send(String consumerId, ConsumerRecord<byte[], byte[]> record, String reason) throws Exception {
        send(consumerId, record, Map.of(REASON, reason));
    }

    /**
     * Sends the records at {@code refused} (changes a target refused for good) to their dead-letter topics.
     * They are read again from Kafka by their coordinates, so no window keeps its raw records for this rare
     * path; {@code headers} maps each to why (failure headers, no row values).
     */
    public void sendRefused(String consumerId, Map<KafkaCoordinates, Map<String, String>> refused) throws Exception {
        Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> records = readAgain.read(refused.keySet());
        for (Map.Entry<KafkaCoordinates, Map<String, String>> entry : refused.entrySet()) {
            KafkaCoordinates at = entry.getKey();
            ConsumerRecord<byte[], byte[]> record = records.get(at);
            if (record == null) {
                // Gone from Kafka (retention, compaction) since it was read: the letter says where it was.
                record = new ConsumerRecord<>(at.topic(), at.partition(), at.offset(), null, null);
            }
            send(consumerId, record, entry.getValue());
        }
    }

    private void send(String consumerId, ConsumerRecord<byte[], byte[]> record, Map<String, String> why)
            throws Exception {
        String topic = topicFor(record.topic());
        ensureTopic(topic);
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value());
        record.headers().forEach(h -> letter.headers().add(h));
        why.forEach((name, value) -> letter.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        letter.headers().add(SOURCE_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        letter.headers().add(SOURCE_PARTITION, String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add(SOURCE_OFFSET, String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        letter.headers().add(CONSUMER, consumerId.getBytes(StandardCharsets.UTF_8));
        producer().send(letter).get(30, TimeUnit.SECONDS);
    }

    /** Creates the dead-letter topic when missing, so it works with broker topic auto-creation off. */
    private void ensureTopic(String topic) throws InterruptedException, TimeoutException, ExecutionException {
        if (known.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) -1).configs(Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_LETTER_BYTES)))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        known.add(topic);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(clients.deadLetterProducer(MAX_LETTER_BYTES),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
