package io.spillway.devstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Kafka Connect's internal topics, created compacted before the worker starts. The broker creates any
 * topic a client merely asks about (auto-creation, which Debezium's topics rely on), with the delete
 * policy; a Connect worker then refuses to start ("connect-offsets ... cleanup.policy=delete"). Created
 * first, or set back to compact, they are right whatever touched them.
 */
final class ConnectTopics {
    static final String CONFIGS = "connect-configs";
    static final String OFFSETS = "connect-offsets";
    static final String STATUS = "connect-status";

    private ConnectTopics() {
    }

    static void ensureCompacted(String bootstrapServers) {
        ensureCompacted(bootstrapServers, Map.of(CONFIGS, 1, OFFSETS, 5, STATUS, 1));
    }

    /** Creates each topic (name to partitions) compacted, or sets an existing one's policy to compact. */
    static void ensureCompacted(String bootstrapServers, Map<String, Integer> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> existing = new ArrayList<>();
            for (Map.Entry<String, Integer> topic : topics.entrySet()) {
                NewTopic compacted = new NewTopic(topic.getKey(), topic.getValue(), (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(Set.of(compacted)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing.add(topic.getKey());
                }
            }
            compact(admin, existing);
        } catch (ExecutionException | TimeoutException e) {
            throw new DevstackException("cannot create Kafka Connect's internal topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted while creating Kafka Connect's internal topics", e);
        }
    }

    private static void compact(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        AlterConfigOp compact = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        topics.forEach(t -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(compact)));
        admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
    }
}
