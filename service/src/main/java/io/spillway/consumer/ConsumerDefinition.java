package io.spillway.consumer;

import io.spillway.pipeline.SchemaChangePolicy;

/**
 * A validated consumer, as stored in Redis (spillway:consumers) and resumed on every service start.
 *
 * @param consumerId unique id; the Kafka consumer group is {@code spillway-<consumerId>}
 * @param kafkaTopic the change topic, or a regex when {@code topicPattern}
 * @param topicPattern whether {@code kafkaTopic} is a regex
 * @param pipelineName label of the runs, key of the Redis state (unique across consumers)
 * @param connectionId the target connection
 * @param maxEvent close the window at this many changes
 * @param maxTime close the window this many seconds after its first change
 * @param jobType the job's type (sync, append, trigger, ...)
 * @param autoOffsetReset earliest or latest: where a new group starts
 * @param targetTable explicit target table, or null
 * @param createdAt when it was started (ISO-8601)
 * @param onFailure {@value #DEAD_LETTER} or {@value #PAUSE}: what a permanently failing window leads to
 * @param maxAttempts attempts of a permanently failing window before it is isolated
 * @param schemaChanges what sync into PostgreSQL does when a source table changes shape
 */
public record ConsumerDefinition(String consumerId, String kafkaTopic, boolean topicPattern, String pipelineName,
        String connectionId, int maxEvent, int maxTime, String jobType, String autoOffsetReset,
        String targetTable, String createdAt, String onFailure, Integer maxAttempts, SchemaChangePolicy schemaChanges) {
    public static final String DEAD_LETTER = "dead_letter";
    public static final String PAUSE = "pause";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** Definitions stored before these settings existed load with the defaults. */
    public ConsumerDefinition {
        onFailure = onFailure == null ? DEAD_LETTER : onFailure;
        maxAttempts = maxAttempts == null || maxAttempts <= 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        schemaChanges = schemaChanges == null ? SchemaChangePolicy.DEFAULT : schemaChanges;
    }

    public ConsumerDefinition(String consumerId, String kafkaTopic, boolean topicPattern, String pipelineName,
            String connectionId, int maxEvent, int maxTime, String jobType, String autoOffsetReset,
            String targetTable, String createdAt, String onFailure, Integer maxAttempts) {
        this(consumerId, kafkaTopic, topicPattern, pipelineName, connectionId, maxEvent, maxTime, jobType,
                autoOffsetReset, targetTable, createdAt, onFailure, maxAttempts, null);
    }

    public boolean deadLettersRefusedChanges() {
        return DEAD_LETTER.equals(onFailure);
    }

    public String groupId() {
        return "spillway-" + consumerId;
    }
}
