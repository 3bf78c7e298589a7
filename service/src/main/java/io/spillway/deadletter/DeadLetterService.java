package io.spillway.deadletter;

import io.lettuce.core.ZAddArgs;
import io.spillway.api.InvalidRequestException;
import io.spillway.api.UpstreamUnavailableException;
import io.spillway.consumer.ConsumerDefinition;
import io.spillway.consumer.ConsumerKeys;
import io.spillway.consumer.ConsumerService;
import io.spillway.consumer.engine.DeadLetterPublisher;
import io.spillway.kafka.KafkaClients;
import io.spillway.redis.Redis;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A consumer's dead letters: the newest ones with why, and sending chosen ones back to the topic they came
 * from once the cause is fixed. A replayed letter is a new record there (the consumer reads it like any
 * other); the jobs keep that safe: sync applies a change only over an older one, append is unique on the
 * source position. Each letter is replayed at most once.
 */
@Service
public class DeadLetterService {
    /** Marks a record sent back from a dead-letter topic: {@code topic/partition/offset} of the letter. */
    public static final String REPLAYED_FROM = "spillway.replayed_from";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);
    private static final int REPLAYED_KEPT = 10_000;

    private final ConsumerService consumers;
    private final Admin admin;
    private final KafkaClients clients;
    private final Redis redis;
    private final DeadLetterReader reader;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterService(ConsumerService consumers, Admin admin, KafkaClients clients, Redis redis) {
        this.consumers = consumers;
        this.admin = admin;
        this.clients = clients;
        this.redis = redis;
        this.reader = new DeadLetterReader(() -> new KafkaConsumer<>(clients.deadLetterReader(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** The consumer's newest {@code limit} dead letters, newest first. */
    public List<DeadLetter> newest(String consumerId, int limit) {
        ConsumerDefinition definition = consumers.definition(consumerId);
        Set<String> topics = deadLetterTopics(definition);
        if (topics.isEmpty()) {
            return List.of();
        }
        Set<String> replayed = new HashSet<>(redis.call(cmds -> cmds.zrange(ConsumerKeys.replayed(consumerId), 0, -1)));
        try {
            return reader.newest(topics, consumerId, limit, replayed);
        } catch (KafkaException e) {
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(), e);
        }
    }

    /** Sends the letters back to their source topics; says per letter what happened. */
    public Map<String, String> replay(String consumerId, ReplayRequest request) {
        ConsumerDefinition definition = consumers.definition(consumerId);
        Set<String> topics = deadLetterTopics(definition);
        for (ReplayRequest.Letter letter : request.letters()) {
            if (!topics.contains(letter.topic())) {
                throw new InvalidRequestException("'" + abbreviate(letter.topic()) + "' is not a dead-letter topic of"
                        + " consumer '" + consumerId + "' (" + (topics.isEmpty() ? "it has none yet" : "it has "
                        + topics) + "): take topic, partition and offset from GET /consumer/dead-letters/" + consumerId);
            }
        }
        String replayedKey = ConsumerKeys.replayed(consumerId);
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> records;
        try {
            records = reader.at(request.letters());
        } catch (KafkaException e) {
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(), e);
        }
        for (ReplayRequest.Letter letter : request.letters()) {
            String at = DeadLetter.coordinates(letter.topic(), letter.partition(), letter.offset());
            ConsumerRecord<byte[], byte[]> record = records.get(at);
            results.put(at, outcome(consumerId, at, record, replayedKey));
        }
        redis.call(cmds -> cmds.zremrangebyrank(replayedKey, 0, -REPLAYED_KEPT - 1));
        return results;
    }

    private String outcome(String consumerId, String at, ConsumerRecord<byte[], byte[]> record, String replayedKey) {
        if (record == null) {
            return "not_found";
        }
        if (!consumerId.equals(DeadLetterReader.header(record, DeadLetterPublisher.CONSUMER))) {
            return "other_consumer";
        }
        String source = DeadLetterReader.header(record, DeadLetterPublisher.SOURCE_TOPIC);
        if (source == null || record.value() == null) {
            return "nothing_to_replay";
        }
        // Claimed before sending (ZADD NX), so two replays of the same letter at once send it once.
        if (redis.call(cmds -> cmds.zadd(replayedKey, ZAddArgs.Builder.nx(), System.currentTimeMillis(), at)) == 0) {
            return "already_replayed";
        }
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(source, null, record.key(), record.value());
        record.headers().forEach(h -> {
            if (!h.key().startsWith("spillway.dlq.")) {
                again.headers().add(h);
            }
        });
        again.headers().add(REPLAYED_FROM, at.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(again).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            log.warn("dead letter {} of consumer {} not replayed: {}", at, consumerId, e.toString());
            redis.call(cmds -> cmds.zrem(replayedKey, at)); // not sent: it may be tried again
            return "failed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            redis.call(cmds -> cmds.zrem(replayedKey, at));
            return "failed";
        }
        log.info("dead letter {} of consumer {} sent back to {}", at, consumerId, source);
        return "replayed";
    }

    /** The dead-letter topics of the consumer's topic (or of every topic its pattern matches) that exist. */
    private Set<String> deadLetterTopics(ConsumerDefinition definition) {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(), e);
        }
        List<String> sources = new ArrayList<>();
        if (definition.topicPattern()) {
            Pattern pattern = Pattern.compile(definition.kafkaTopic());
            existing.stream().filter(t -> !t.endsWith(".dlq") && pattern.matcher(t).matches()).forEach(sources::add);
        } else {
            sources.add(definition.kafkaTopic());
        }
        Set<String> topics = new TreeSet<>();
        sources.stream().map(DeadLetterPublisher::topicFor).filter(existing::contains).forEach(topics::add);
        return topics;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(clients.replayProducer(DeadLetterPublisher.MAX_LETTER_BYTES),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @PreDestroy
    void close() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
