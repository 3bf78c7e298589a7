package io.spillway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Connect's internal topics end up compacted, even when a stray client had them created with delete. */
class ConnectTopicsIT {
    @Test
    void aTopicCreatedWithTheDeletePolicyIsSetToCompactAndAMissingOneIsCreatedCompacted() throws Exception {
        String bootstrap = SharedDevstack.get().kafka().bootstrapServers();
        String stray = "stray-offsets-" + UUID.randomUUID();
        String missing = "missing-status-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(stray, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))))
                    .all().get(30, TimeUnit.SECONDS);

            ConnectTopics.ensureCompacted(bootstrap, Map.of(stray, 1, missing, 1));

            assertThat(policy(admin, stray)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(policy(admin, missing)).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(policy(admin, ConnectTopics.OFFSETS)).as("the stack's own worker's topic")
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    private static String policy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
}
