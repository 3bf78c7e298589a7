package io.spillway.topic;

import io.spillway.api.InvalidRequestException;
import io.spillway.api.NotFoundException;
import io.spillway.config.SpillwayProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.stereotype.Service;

/** The seed's topic operations through Kafka's AdminClient, each bounded by {@link KafkaCall#TIMEOUT_MS}. */
@Service
public class TopicService {
    private final Admin admin;
    private final String bootstrap;

    public TopicService(Admin admin, SpillwayProperties properties) {
        this.admin = admin;
        this.bootstrap = properties.kafkaBroker();
    }

    public List<String> list() {
        Set<String> names = KafkaCall.await(admin.listTopics(new ListTopicsOptions().timeoutMs(KafkaCall.TIMEOUT_MS))
                .names(), "*", bootstrap);
        return names.stream().sorted().toList();
    }

    public TopicDetails details(String topicName) {
        String topic = TopicNames.require(topicName);
        TopicDescription description = KafkaCall.await(admin.describeTopics(List.of(topic),
                new DescribeTopicsOptions().timeoutMs(KafkaCall.TIMEOUT_MS)).topicNameValues().get(topic), topic, bootstrap);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = KafkaCall.await(admin.describeConfigs(List.of(resource),
                new DescribeConfigsOptions().timeoutMs(KafkaCall.TIMEOUT_MS)).values().get(resource), topic, bootstrap);
        Map<String, String> values = new TreeMap<>();
        List<String> overrides = new ArrayList<>();
        for (ConfigEntry entry : config.entries()) {
            values.put(entry.name(), entry.isSensitive() ? "****" : entry.value());
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                overrides.add(entry.name());
            }
        }
        overrides.sort(null);
        int replication = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
        return new TopicDetails(topic, description.partitions().size(), replication, values, overrides);
    }

    public TopicDetails create(CreateTopicRequest request) {
        String topic = TopicNames.require(request.topicName());
        if (request.numPartitions() < 1) {
            throw new InvalidRequestException("num_partitions is " + request.numPartitions() + ": a topic needs at least 1");
        }
        if (request.replicationFactor() < 1) {
            throw new InvalidRequestException("replication_factor is " + request.replicationFactor()
                    + ": a topic needs at least 1");
        }
        Map<String, String> configs = new HashMap<>();
        putRetention(configs, TopicConfig.RETENTION_MS_CONFIG, Retention.require("retention_ms", request.retentionMs()));
        putRetention(configs, TopicConfig.RETENTION_BYTES_CONFIG,
                Retention.require("retention_bytes", request.retentionBytes()));
        int brokers = brokerCount(topic);
        if (request.replicationFactor() > brokers) {
            throw new InvalidRequestException("replication_factor is " + request.replicationFactor() + " but the cluster has "
                    + brokers + " broker(s): use at most " + brokers);
        }
        NewTopic newTopic = new NewTopic(topic, request.numPartitions(), request.replicationFactor().shortValue())
                .configs(configs);
        KafkaCall.await(admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(KafkaCall.TIMEOUT_MS))
                .all(), topic, bootstrap);
        return detailsOfNewTopic(topic);
    }

    public TopicDetails update(UpdateTopicRequest request) {
        String topic = TopicNames.require(request.topicName());
        Long retentionMs = Retention.require("retention_ms", request.retentionMs());
        Long retentionBytes = Retention.require("retention_bytes", request.retentionBytes());
        if (retentionMs == null && retentionBytes == null) {
            throw new InvalidRequestException("nothing to update: give retention_ms and/or retention_bytes "
                    + "(0 = broker default, -1 = unlimited)");
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        addOp(ops, TopicConfig.RETENTION_MS_CONFIG, retentionMs);
        addOp(ops, TopicConfig.RETENTION_BYTES_CONFIG, retentionBytes);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        KafkaCall.await(admin.incrementalAlterConfigs(Map.of(resource, ops),
                new AlterConfigsOptions().timeoutMs(KafkaCall.TIMEOUT_MS)).all(), topic, bootstrap);
        return details(topic);
    }

    public void delete(String topicName) {
        String topic = TopicNames.require(topicName);
        KafkaCall.await(admin.deleteTopics(List.of(topic), new DeleteTopicsOptions().timeoutMs(KafkaCall.TIMEOUT_MS))
                .all(), topic, bootstrap);
    }

    /** The broker may learn of a topic a moment after the controller created it. */
    private TopicDetails detailsOfNewTopic(String topic) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return details(topic);
            } catch (NotFoundException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                try {
                    Thread.sleep(100); // back-off while metadata propagates
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private int brokerCount(String topic) {
        Collection<?> nodes = KafkaCall.await(admin.describeCluster(
                new DescribeClusterOptions().timeoutMs(KafkaCall.TIMEOUT_MS)).nodes(), topic, bootstrap);
        return nodes.size();
    }

    private static void putRetention(Map<String, String> configs, String name, Long value) {
        if (!Retention.isBrokerDefault(value)) {
            configs.put(name, value.toString());
        }
    }

    /** Absent: untouched; 0: the topic's override is removed so the broker default applies again. */
    private static void addOp(List<AlterConfigOp> ops, String name, Long value) {
        if (value == null) {
            return;
        }
        ops.add(value == 0 ? new AlterConfigOp(new ConfigEntry(name, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(name, value.toString()), AlterConfigOp.OpType.SET));
    }
}
