package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spillway.api.InvalidRequestException;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PipelineJob;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
                reset, null);
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
    void aPatternMustBeAValidRegexAndATopicMustNotBeADeadLetterTopic() {
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.(", true, "p", "warehouse",
                1, 1, "sync", null, null))).hasMessageContaining("not a valid regex");
        assertThatThrownBy(() -> validator.validate(request("c", "db.t.dlq", "warehouse", 1, 1, "sync", null)))
                .hasMessageContaining("dead-letter");
    }

    @Test
    void aTargetTableMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> validator.validate(new ConsumerCreationRequest("c", "db.t", null, "p", "warehouse",
                1, 1, "sync", null, "x; drop table y"))).hasMessageContaining("target_table");
    }
}
