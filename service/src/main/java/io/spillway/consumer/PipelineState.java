package io.spillway.consumer;

import io.spillway.redis.Redis;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads (and resets) a pipeline's hash in Redis, for the /redis endpoints and consumer info. */
@Component
public class PipelineState {
    private final Redis redis;
    private final JsonMapper json;

    public PipelineState(Redis redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** The hash's fields, with {@code event} parsed from its JSON; empty when the pipeline has no state yet. */
    public Map<String, Object> fields(String pipelineName) {
        Map<String, String> raw = redis.call(cmds -> cmds.hgetall(ConsumerKeys.pipeline(pipelineName)));
        Map<String, Object> fields = new TreeMap<>(raw);
        String event = raw.get("event");
        if (event != null) {
            try {
                fields.put("event", json.readValue(event, JsonNode.class));
            } catch (RuntimeException e) {
                fields.put("event", event);
            }
        }
        return fields;
    }

    /** The window counter as {@code GET /redis/count} shows it. */
    public Map<String, Object> count(ConsumerDefinition definition) {
        Map<String, String> raw = redis.call(cmds -> cmds.hgetall(ConsumerKeys.pipeline(definition.pipelineName())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consumer_id", definition.consumerId());
        body.put("pipeline_name", definition.pipelineName());
        body.put("key", ConsumerKeys.pipeline(definition.pipelineName()));
        body.put("window_id", raw.get("window_id"));
        body.put("count", number(raw.get("window_count")));
        body.put("max_event", definition.maxEvent());
        body.put("max_time", definition.maxTime());
        body.put("first_event_time", emptyToNull(raw.get("window_first_event_time")));
        body.put("last_event_time", raw.get("last_event_time"));
        body.put("events_total", number(raw.get("events_total")));
        body.put("windows_closed_total", number(raw.get("windows_closed_total")));
        body.put("dead_lettered_total", number(raw.get("dead_lettered_total")));
        return body;
    }

    /** Deletes the pipeline's hash; the instances rebuild the window from what they hold on their next poll. */
    public boolean reset(String pipelineName) {
        return redis.call(cmds -> cmds.del(ConsumerKeys.pipeline(pipelineName),
                ConsumerKeys.closedWindows(pipelineName), ConsumerKeys.countedRanges(pipelineName)) > 0);
    }

    private static long number(String value) {
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
