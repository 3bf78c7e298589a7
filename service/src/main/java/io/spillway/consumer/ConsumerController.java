package io.spillway.consumer;

import io.spillway.api.InvalidRequestException;
import io.spillway.api.PageLimit;
import io.spillway.consumer.engine.RunnerStatus;
import io.spillway.consumer.run.RunHistory;
import io.spillway.consumer.window.WindowPlan;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's consumer endpoints, plus trigger and run history. */
@RestController
@Tag(name = "Consumers", description = "Read a change topic, count windows in Redis, run the pipeline's job")
public class ConsumerController {
    private final ConsumerService consumers;
    private final PipelineState pipelines;
    private final RunHistory history;

    public ConsumerController(ConsumerService consumers, PipelineState pipelines, RunHistory history) {
        this.consumers = consumers;
        this.pipelines = pipelines;
        this.history = history;
    }

    @Operation(summary = "Start a consumer", description = "Stores the definition in Redis (resumed on every"
            + " service start) and starts reading the topic in the Kafka group spillway-<consumer_id>.")
    @ApiResponse(responseCode = "201", description = "Consumer successfully started")
    @ApiResponse(responseCode = "400", description = "Invalid consumer configuration")
    @ApiResponse(responseCode = "409", description = "Consumer with the same ID exists")
    @PostMapping("/consumer/start")
    @ResponseStatus(HttpStatus.CREATED)
    ConsumerInfo start(@RequestBody(required = false) ConsumerCreationRequest request) {
        ConsumerDefinition definition = consumers.start(request);
        return info(definition.consumerId());
    }

    @Operation(summary = "Stop a consumer", description = "Stops it on every instance and deletes its definition;"
            + " its open window is not run (its records are read again if it is started again).")
    @ApiResponse(responseCode = "200", description = "Consumer successfully stopped")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @ApiResponse(responseCode = "422", description = "Validation Error (consumer_id missing)")
    @PostMapping("/consumer/stop")
    Map<String, Object> stop(@RequestParam(name = "consumer_id", required = false) String consumerId) {
        requireParam(consumerId);
        RunnerStatus last = consumers.stop(consumerId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("state", ConsumerState.STOPPED);
        body.put("detail", "consumer '" + consumerId + "' stopped; its committed offsets stay in the Kafka group "
                + "spillway-" + consumerId);
        if (last != null) {
            body.put("events_in", last.changesIn());
            body.put("events_out", last.eventsOut());
        }
        return body;
    }

    @Operation(summary = "List consumers", description = "Every stored consumer with its state on this instance")
    @ApiResponse(responseCode = "200", description = "List of consumers retrieved successfully")
    @GetMapping("/consumer/list")
    Map<String, Object> list() {
        List<Map<String, Object>> items = new ArrayList<>();
        consumers.all().forEach((id, d) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("consumer_id", id);
            item.put("kafka_topic", d.kafkaTopic());
            item.put("pipeline_name", d.pipelineName());
            item.put("job_type", d.jobType());
            item.put("connection_id", d.connectionId());
            var status = consumers.localStatus(id);
            item.put("state", status.map(RunnerStatus::state).orElse(ConsumerState.STARTING));
            item.put("state_reason", status.map(RunnerStatus::stateReason).orElse(null));
            items.add(item);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumers", items);
        body.put("count", items.size());
        return body;
    }

    @Operation(summary = "Consumer details", description = "Definition, state (STARTING, RUNNING,"
            + " PAUSED_BACKPRESSURE, RESTARTING, FAILED, STOPPED) and why, partitions, lag, current window, counters, last run,"
            + " restarts and the last error")
    @ApiResponse(responseCode = "200", description = "Consumer information retrieved")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @GetMapping("/consumer/info/{consumer_id}")
    ConsumerInfo info(@PathVariable("consumer_id") String consumerId) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        ConsumerDefinition definition = consumers.definition(consumerId);
        return ConsumerInfo.of(definition, consumers.localStatus(consumerId).orElse(null),
                pipelines.fields(definition.pipelineName()), history.latest(consumerId), consumers.instanceId());
    }

    @Operation(summary = "Close the consumer's window now", description = "The window closes with reason"
            + " 'manual'; the instances holding its changes run the job within a poll (a fraction of a second).")
    @ApiResponse(responseCode = "200", description = "Window closed (or it was empty)")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @ApiResponse(responseCode = "422", description = "Validation Error (consumer_id missing)")
    @PostMapping("/consumer/trigger")
    Map<String, Object> trigger(@RequestParam(name = "consumer_id", required = false) String consumerId) {
        requireParam(consumerId);
        WindowPlan plan = consumers.trigger(consumerId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        if (plan.closes().isEmpty()) {
            body.put("closed", false);
            body.put("detail", "the window is empty: nothing to run");
        } else {
            WindowPlan.Close close = plan.closes().get(plan.closes().size() - 1);
            body.put("closed", true);
            body.put("window_id", close.windowId());
            body.put("reason", close.reason());
            body.put("detail", "window " + close.windowId() + " closed; see GET /consumer/runs/" + consumerId);
        }
        body.put("next_window_id", plan.windowId());
        return body;
    }

    @Operation(summary = "Run history", description = "Each job attempt, newest first: run id, window id, trigger"
            + " reason, events in, rows upserted/deleted/appended, first and last source position, started,"
            + " finished, duration, status, error")
    @ApiResponse(responseCode = "200", description = "Runs retrieved")
    @ApiResponse(responseCode = "400", description = "limit or offset out of range")
    @ApiResponse(responseCode = "404", description = "Consumer not found")
    @GetMapping("/consumer/runs/{consumer_id}")
    Map<String, Object> runs(@PathVariable("consumer_id") String consumerId,
            @RequestParam(name = "limit", defaultValue = "50") int limit,
            @RequestParam(name = "offset", defaultValue = "0") int offset) {
        ConsumerDefinitionValidator.requireValidId(consumerId);
        PageLimit.require(limit);
        if (offset < 0) {
            throw new InvalidRequestException("offset must be 0 or more (got " + offset + ")");
        }
        RunHistory.Page page = history.page(consumerId, limit, offset);
        if (page.total() == 0) {
            consumers.definition(consumerId); // 404 for a consumer that never existed
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", consumerId);
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("runs", page.runs());
        return body;
    }

    private static void requireParam(String consumerId) {
        if (consumerId == null || consumerId.isBlank()) {
            throw new UnprocessableRequestException("query parameter consumer_id is required, e.g. ?consumer_id=1");
        }
        ConsumerDefinitionValidator.requireValidId(consumerId);
    }
}
