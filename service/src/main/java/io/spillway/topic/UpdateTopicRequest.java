package io.spillway.topic;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * The seed's {@code PATCH /topic/update} body: a field left out is unchanged, 0 goes back to the broker's
 * default, -1 is unlimited.
 */
@Schema(example = """
        {"topic_name": "my-topic", "retention_ms": 259200000, "retention_bytes": 536870912}""")
public record UpdateTopicRequest(@NotNull String topicName, Long retentionMs, Long retentionBytes) {
}
