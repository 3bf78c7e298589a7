package io.spillway.topic;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The seed's {@code POST /topic/create} body; retention 0 or absent = broker default, -1 = unlimited. */
@Schema(example = """
        {"topic_name": "my-topic", "num_partitions": 3, "replication_factor": 1,
         "retention_ms": 604800000, "retention_bytes": 1073741824}""")
public record CreateTopicRequest(
        @NotNull String topicName,
        @NotNull Integer numPartitions,
        @NotNull Integer replicationFactor,
        Long retentionMs,
        Long retentionBytes) {
}
