package io.spillway.consumer;

import io.spillway.consumer.run.RunHistory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** What Redis holds for each consumer's pipeline: counts, status, reset. */
@RestController
@Tag(name = "Redis state", description = "The pipelines' window counters and keys in Redis")
public class RedisStateController {
    private final ConsumerService consumers;
    private final PipelineState pipelines;
    private final RunHistory history;

    public RedisStateController(ConsumerService consumers, PipelineState pipelines, RunHistory history) {
        this.consumers = consumers;
        this.pipelines = pipelines;
        this.history = history;
    }

    @Operation(summary = "The consumer's window count", description = "Changes in the open window, across instances")
    @ApiResponse(responseCode = "200", description = "Count retrieved")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @GetMapping("/redis/count/{consumer_id}")
    Map<String, Object> count(@PathVariable("consumer_id") String consumerId) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        return pipelines.count(consumers.definition(consumerId));
    }

    @Operation(summary = "Reset the consumer's Redis state", description = "Deletes the pipeline hash (counters,"
            + " window id, event JSON). Nothing is lost: the instances rebuild the window from the changes they"
            + " hold on their next poll, and Kafka offsets are committed only after a window ran.")
    @ApiResponse(responseCode = "200", description = "State reset")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @PostMapping("/redis/reset/{consumer_id}")
    Map<String, Object> reset(@PathVariable("consumer_id") String consumerId) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        ConsumerDefinition definition = consumers.definition(consumerId);
        boolean deleted = pipelines.reset(definition.pipelineName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("key", ConsumerKeys.pipeline(definition.pipelineName()));
        body.put("deleted", deleted);
        body.put("detail", deleted ? "pipeline state deleted; the window is rebuilt on the next poll"
                : "the pipeline had no state in Redis");
        return body;
    }

    @Operation(summary = "Everything Redis holds for the consumer", description = "The pipeline hash (table_name,"
            + " schema_name, db_name, event JSON, window fields), the run history's key and length, the definition")
    @ApiResponse(responseCode = "200", description = "Status retrieved")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @GetMapping("/redis/status/{consumer_id}")
    Map<String, Object> status(@PathVariable("consumer_id") String consumerId) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        ConsumerDefinition definition = consumers.definition(consumerId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("pipeline_name", definition.pipelineName());
        body.put("pipeline", Map.of("key", ConsumerKeys.pipeline(definition.pipelineName()),
                "fields", pipelines.fields(definition.pipelineName())));
        body.put("runs", Map.of("key", ConsumerKeys.runs(consumerId),
                "length", history.page(consumerId, 1, 0).total()));
        body.put("definition", Map.of("key", ConsumerKeys.DEFINITIONS, "field", consumerId));
        return body;
    }

    @Operation(summary = "Every consumer stored in Redis", description = "With its pipeline key and window count")
    @ApiResponse(responseCode = "200", description = "Consumers retrieved")
    @GetMapping("/redis/consumers")
    Map<String, Object> all() {
        List<Map<String, Object>> items = new ArrayList<>();
        consumers.all().values().forEach(d -> items.add(pipelines.count(d)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumers", items);
        body.put("count", items.size());
        return body;
    }
}
