package io.spillway.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Notes when each row's change record reaches the topic: the part of the latency that Debezium and
 * Kafka add before any sink sees the change, shared by every contender.
 */
final class TopicWatcher implements Runnable {
    private final String bootstrapServers;
    private final String topic;
    private final long[] seenAt;
    private final AtomicReference<Exception> error = new AtomicReference<>();
    private volatile boolean running = true;

    TopicWatcher(String bootstrapServers, String topic, long[] seenAt) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.seenAt = seenAt;
    }

    void stop() {
        running = false;
    }

    Exception error() {
        return error.get();
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode key = JsonHttp.JSON.readTree(record.key());
                    int id = key.path("payload").path("id").asInt();
                    if (id > 0 && id < seenAt.length && seenAt[id] == 0) {
                        seenAt[id] = now;
                    }
                }
            }
        } catch (Exception e) {
            error.set(e);
        }
    }
}
