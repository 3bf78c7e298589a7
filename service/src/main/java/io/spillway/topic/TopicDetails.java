package io.spillway.topic;

import java.util.List;
import java.util.Map;

/**
 * A topic as {@code GET /topic/config} shows it.
 *
 * @param config every effective config value of the topic (sensitive ones as "****")
 * @param overrides the names of the configs set on the topic itself rather than inherited
 */
public record TopicDetails(String topicName, int numPartitions, int replicationFactor,
        Map<String, String> config, List<String> overrides) {
}
