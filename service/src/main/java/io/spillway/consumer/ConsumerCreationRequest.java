package io.spillway.consumer;

import io.spillway.pipeline.SchemaChangePolicy;
import io.swagger.v3.oas.annotations.media.Schema;

/** The seed's {@code ConsumerCreationRequest}, plus the optional {@code topic_pattern}, {@code target_table},
 * {@code on_failure}, {@code max_attempts} and {@code schema_changes}. */
@Schema(description = "A consumer: which change topic to read, how to window it and which job to run")
public record ConsumerCreationRequest(
        @Schema(example = "1", description = "unique id; also the Kafka consumer group spillway-<consumer_id>")
        String consumerId,
        @Schema(example = "db.public.person12", description = "the Debezium change topic (a regex when topic_pattern is true)")
        String kafkaTopic,
        @Schema(example = "false", description = "read every topic matching kafka_topic as a Java regex")
        Boolean topicPattern,
        @Schema(example = "first pipeline", description = "label of the runs and key of the Redis state")
        String pipelineName,
        @Schema(example = "warehouse", description = "a registered connection (POST /connection/create)")
        String connectionId,
        @Schema(example = "10", description = "the window closes when it holds this many changes")
        Integer maxEvent,
        @Schema(example = "3600", description = "the window closes this many seconds after its first change")
        Integer maxTime,
        @Schema(example = "sync", description = "the job run on each closed window: sync, append or trigger")
        String jobType,
        @Schema(example = "earliest", allowableValues = {"earliest", "latest"})
        String autoOffsetReset,
        @Schema(example = "person12_copy", description = "target table; default: the source table's name")
        String targetTable,
        @Schema(example = "dead_letter", defaultValue = "dead_letter", allowableValues = {"dead_letter", "pause"},
                description = "when the target refuses a window for good (a constraint, a value its column cannot"
                        + " hold, an HTTP 4xx): dead_letter isolates the refused changes into <topic>.dlq and loads"
                        + " the rest; pause retries with the partitions paused until someone acts")
        String onFailure,
        @Schema(example = "3", defaultValue = "3", description = "attempts of a permanently failing window before"
                + " it is isolated (on_failure dead_letter), 1 to 100")
        Integer maxAttempts,
        @Schema(description = "sync into PostgreSQL: what a schema change at the source does to the target (added"
                + " columns are always added; a changed primary key pauses the table). Default: dropped_column keep,"
                + " type_change widen. See docs/jobs.md, Schema changes")
        SchemaChangePolicy schemaChanges) {
}
