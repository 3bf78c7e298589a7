package io.spillway.kafka;

import io.spillway.config.HeapSizing;
import io.spillway.config.SpillwayProperties;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one place every Kafka client of the service gets its configuration: the bootstrap servers, then the
 * configured client properties ({@link KafkaClientSettings}: security, SASL, SSL, tuning), then the role's
 * own settings. A role's default yields to a configured property; a role's fixed setting (the ones
 * correctness depends on, {@link #FIXED}) wins over it.
 */
@Component
public class KafkaClients {
    /** Settings the service decides, whatever is configured: named in docs/debezium-and-topics.md. */
    static final Set<String> FIXED = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);

    private static final Logger log = LoggerFactory.getLogger(KafkaClients.class);
    /**
     * Records per poll. Each poll costs one Redis call, one commit and (when it closes windows) one target
     * transaction, whatever its size: 2,000 spreads those over four times the records of Kafka's 500, where the
     * heap allows it ({@link HeapSizing#maxPollRecords}: a poll of Debezium's records is a few KB each).
     */
    private static final int MAX_POLL_RECORDS = HeapSizing.maxPollRecords(HeapSizing.maxHeap());

    private final String bootstrapServers;
    private final Map<String, String> configured;

    @Autowired
    public KafkaClients(SpillwayProperties properties, KafkaClientSettings settings) {
        this(properties.kafkaBroker(), ClientPropertySources.merge(settings));
        log.info("Kafka clients: {}", describe());
        log.info("Heap {} MiB: consumers poll up to {} records unless max.poll.records is set", HeapSizing.maxHeap() >> 20,
                MAX_POLL_RECORDS);
        Set<String> ignored = new TreeSet<>(configured.keySet());
        ignored.retainAll(FIXED);
        if (!ignored.isEmpty()) {
            log.warn("Kafka client properties {} are set by Spillway itself and ignored (see docs/debezium-and-topics.md)",
                    ignored);
        }
    }

    public KafkaClients(String bootstrapServers, Map<String, String> configured) {
        if (configured.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("bootstrap.servers is not a client property here: set KAFKA_BROKER"
                    + " (spillway.kafka-broker) instead");
        }
        this.bootstrapServers = bootstrapServers;
        this.configured = Map.copyOf(new TreeMap<>(configured));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The bootstrap servers and the configured properties, secrets' values hidden: safe for a log line. */
    public String describe() {
        return "bootstrap servers " + bootstrapServers + ", client properties: "
                + (configured.isEmpty() ? "none (PLAINTEXT)" : SecretClientKeys.describe(new TreeMap<>(configured)));
    }

    /** The service's AdminClient: timeouts short enough that an unreachable broker is a quick 503. */
    public Map<String, Object> admin() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        defaults.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return build(defaults, Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "spillway-admin"));
    }

    /** A consumer's own group member: offsets committed by the engine only, after its job succeeded. */
    public Map<String, Object> groupConsumer(String groupId, String clientId, String autoOffsetReset) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // A crashed instance's partitions move to the others within seconds, not the 45 s default.
        defaults.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        defaults.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // Topics created after the start (Debezium's first change, pattern matches) are found quickly.
        defaults.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        Map<String, Object> fixed = new HashMap<>();
        fixed.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        fixed.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        fixed.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        fixed.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        // Subscribing must not create the topic: Debezium creates it with the first change.
        fixed.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return build(defaults, fixed);
    }

    /** A short-lived consumer without a group (assign and seek, nothing committed). */
    public Map<String, Object> rereader() {
        return groupless("spillway-dlq-reread", 1);
    }

    /** The consumer behind the dead-letter API: no group (assign and seek), nothing committed. */
    public Map<String, Object> deadLetterReader() {
        return groupless("spillway-dlq-read", 500);
    }

    private Map<String, Object> groupless(String clientId, int maxPollRecords) {
        Map<String, Object> config = build(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords), Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /** The producer that sends replayed dead letters back to their source topic, acknowledged like them. */
    public Map<String, Object> replayProducer(int maxRequestBytes) {
        Map<String, Object> config = deadLetterProducer(maxRequestBytes);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "spillway-dlq-replay");
        return config;
    }

    /** The dead-letter producer: a letter counts as sent once every in-sync replica has it. */
    public Map<String, Object> deadLetterProducer(int maxRequestBytes) {
        return build(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes),
                Map.of(ProducerConfig.CLIENT_ID_CONFIG, "spillway-dlq",
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    }

    private Map<String, Object> build(Map<String, Object> defaults, Map<String, Object> fixed) {
        Map<String, Object> config = new LinkedHashMap<>(defaults);
        config.putAll(configured);
        config.putAll(fixed);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }
}
