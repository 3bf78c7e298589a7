package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import io.spillway.pipeline.SchemaChangePolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class ConsumerDefinitionValidatorTest {
    private static PipelineJob job(String type) {
        return new PipelineJob() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public JobResult run(io.spillway.pipeline.JobContext context, io.spillway.pipeline.Window window) {
                return JobResult.NOTHING;
            }
        };
    }

    private final ConsumerDefinitionValidator validator = new ConsumerDefinitionValidator(
            new JobRegistry(List.of(job("sync"), job("append"))),
            id -> id.equals("warehouse") ? Optional.of("postgres") : Optional.empty());

    private static ConsumerCreationRequest request(String id, String topic, String connection, Integer maxEvent,
            Integer maxTime, String jobType, String reset) {
        return new ConsumerCreationRequest(id, topic, null, "first pipeline", connection, maxEvent, maxTime, jobType,
                reset, null, null, null, null);
    }

    @Test
    void theSeedsRequestIsValid() {
        ConsumerDefinition d = validator.validate(
                request("1", "db.public.person12", "warehouse", 10, 3600, "sync", "earliest"));
        assertThat(d.groupId()).isEqualTo("spillway-1");
        assertThat(d.pipelineName()).isEqualTo("first pipeline");
    }

    @Test
    void everyProblemIsNamedInOneAnswer() {
        assertThatThrownBy(() -> validator.validate(request("../x", "bad topic", "nope", 0, -1, "spark", "middle")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("consumer_id")
                .hasMessageContaining("kafka_topic")
                .hasMessageContaining("unknown connection_id 'nope'")
                .hasMessageContaining("max_event")
                .hasMessageContaining("max_time")
                .hasMessageContaining("unknown job_type 'spark': use one of [append, sync]")
                .hasMessageContaining("auto_offset_reset");
    }

    @Test
    void aPipelineNameHoldsNoBraceThatWouldChangeItsKeysHashTag() {
        for (String name : List.of("a}b", "}x", "{x}", "a:b")) {
            assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, name,
                    "warehouse", 1, 1, "sync", null, null, null, null, null)))
                    .as(name).hasMessageContaining("pipeline_name").hasMessageContaining("'{' or '}'");
        }
    }

    @Test
    void aPatternMustBeAValidRegexAndATopicMustNotBeADeadLetterTopic() {
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.(", true, "p", "warehouse",
                1, 1, "sync", null, null, null, null, null))).hasMessageContaining("not a valid regex");
        assertThatThrownBy(() -> validator.validate(request("c", "db.t.dlq", "warehouse", 1, 1, "sync", null)))
                .hasMessageContaining("dead-letter");
    }

    private ConsumerDefinition pattern(String regex) {
        return validator.validate(new ConsumerCreationRequest("c", regex, true, "p", "warehouse", 1, 1, "sync", null,
                null, null, null, null));
    }

    @Test
    void aPatternIsBoundedInLengthAndFreeOfExponentialConstructs() {
        assertThat(pattern("db\\.public\\.(orders|customers)_[0-9]+").topicPattern()).isTrue();
        assertThat(pattern("db\\.public\\..*").kafkaTopic()).isEqualTo("db\\.public\\..*");
        assertThatThrownBy(() -> pattern("a".repeat(257))).hasMessageContaining("257 characters")
                .hasMessageContaining("at most 256");
        for (String evil : new String[] {"(a+)+b", "(.*)*x", "db\\.(\\w+)*$", "(a{2,})+", "(x)\\1", "(?<n>a)\\k<n>"}) {
            assertThatThrownBy(() -> pattern(evil)).as(evil).hasMessageContaining("exponential");
        }
    }

    @Test
    void aTargetTableMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p", "warehouse",
                1, 1, "sync", null, "x; drop table y", null, null, null))).hasMessageContaining("target_table");
    }

    @Test
    void onFailureDefaultsToDeadLetterAfterThreeAttempts() {
        ConsumerDefinition d = validator.validate(
                request("1", "db.public.person12", "warehouse", 10, 3600, "sync", "earliest"));
        assertThat(d.onFailure()).isEqualTo("dead_letter");
        assertThat(d.deadLettersRefusedChanges()).isTrue();
        assertThat(d.maxAttempts()).isEqualTo(3);
        ConsumerDefinition paused = validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p",
                "warehouse", 1, 1, "sync", null, null, "pause", 100, null));
        assertThat(paused.deadLettersRefusedChanges()).isFalse();
        assertThat(paused.maxAttempts()).isEqualTo(100);
    }

    @Test
    void badOnFailureOrMaxAttemptsAreNamed() {
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p", "warehouse",
                1, 1, "sync", null, null, "ignore", 3, null))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("on_failure").hasMessageNotContaining("max_attempts");
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p", "warehouse",
                1, 1, "sync", null, null, null, 0, null))).hasMessageContaining("max_attempts").hasMessageContaining("got 0");
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p", "warehouse",
                1, 1, "sync", null, null, "pause", 101, null))).hasMessageContaining("max_attempts");
    }

    @Test
    void aDefinitionStoredBeforeTheFailureSettingsLoadsWithTheDefaults() {
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        ConsumerDefinition old = json.readValue("""
                {"consumer_id": "1", "kafka_topic": "db.public.person12", "topic_pattern": false,
                 "pipeline_name": "first pipeline", "connection_id": "warehouse", "max_event": 10, "max_time": 3600,
                 "job_type": "sync", "auto_offset_reset": "earliest", "target_table": null,
                 "created_at": "2026-01-01T00:00:00Z"}""", ConsumerDefinition.class);
        assertThat(old.onFailure()).isEqualTo("dead_letter");
        assertThat(old.maxAttempts()).isEqualTo(3);
        assertThat(old.schemaChanges()).isEqualTo(SchemaChangePolicy.DEFAULT);
        assertThat(json.readValue(json.writeValueAsString(old), ConsumerDefinition.class)).isEqualTo(old);
    }

    @Test
    void aRequestsSchemaChangesReadFromSnakeCaseJsonWithDefaultsForMissingParts() {
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        ConsumerCreationRequest request = json.readValue("""
                {"consumer_id": "1", "kafka_topic": "db.public.person12", "pipeline_name": "p",
                 "connection_id": "warehouse", "max_event": 10, "max_time": 60, "job_type": "sync",
                 "schema_changes": {"dropped_column": "drop"}}""", ConsumerCreationRequest.class);
        ConsumerDefinition d = validator.validate(request);
        assertThat(d.schemaChanges()).isEqualTo(new SchemaChangePolicy("drop", "widen"));
        assertThat(json.readValue(json.writeValueAsString(d), ConsumerDefinition.class)).isEqualTo(d);
    }

    @Test
    void schemaChangesDefaultToKeepAndWidenAndTakeTheirValues() {
        ConsumerDefinition d = validator.validate(
                request("1", "db.public.person12", "warehouse", 10, 3600, "sync", "earliest"));
        assertThat(d.schemaChanges()).isEqualTo(new SchemaChangePolicy("keep", "widen"));
        assertThat(d.schemaChanges().dropsColumns()).isFalse();
        assertThat(d.schemaChanges().widens()).isTrue();
        ConsumerDefinition dropping = validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p",
                "warehouse", 1, 1, "sync", null, null, null, null, new SchemaChangePolicy("drop", null)));
        assertThat(dropping.schemaChanges().dropsColumns()).isTrue();
        assertThat(dropping.schemaChanges().typeChange()).isEqualTo("widen");
        ConsumerDefinition strict = validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p",
                "warehouse", 1, 1, "sync", null, null, null, null, new SchemaChangePolicy(null, "pause")));
        assertThat(strict.schemaChanges().widens()).isFalse();
        assertThat(strict.schemaChanges().comparesTypes()).isTrue();
        assertThat(new SchemaChangePolicy(null, "keep").comparesTypes()).isFalse();
    }

    @Test
    void badSchemaChangeValuesAreNamedWithWhatToUse() {
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p", "warehouse",
                1, 1, "sync", null, null, null, null, new SchemaChangePolicy("rename", "narrow"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("schema_changes.dropped_column must be 'keep'").hasMessageContaining("got 'rename'")
                .hasMessageContaining("schema_changes.type_change must be 'widen'").hasMessageContaining("got 'narrow'");
    }
}
